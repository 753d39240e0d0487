"""The named transitions: one table says which status may follow which; `_transition` moves a
locked trajectory and refuses, naming the current status, when the action is no longer possible."""

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigenkracht.accounts.models import User
from eigenkracht.trajectories.models import Trajectory
from eigenkracht.trajectories.timeline import TransitionNotAllowed, _event

S = Trajectory.Status


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    label: Any


# Accepted and not ended: what the office can stop.
RUNNING = frozenset(
    {S.INTAKE, S.ASSIGNED, S.PREPARATION, S.CONFERENCE_PLANNED, S.PLAN_MADE, S.FOLLOW_UP}
)

TRANSITIONS: dict[str, Transition] = {
    "accept": Transition(frozenset({S.REFERRED}), S.INTAKE, gettext_lazy("Aanmelding aanvaard")),
    "decline": Transition(
        frozenset({S.REFERRED}), S.DECLINED, gettext_lazy("Aanmelding niet aanvaard")
    ),
    "assign": Transition(frozenset({S.INTAKE}), S.ASSIGNED, gettext_lazy("Coördinator toegewezen")),
    "start_preparation": Transition(
        frozenset({S.ASSIGNED}), S.PREPARATION, gettext_lazy("Voorbereiding gestart")
    ),
    "plan_conference": Transition(
        frozenset({S.PREPARATION}), S.CONFERENCE_PLANNED, gettext_lazy("Conferentie gepland")
    ),
    "present_plan": Transition(
        frozenset({S.PREPARATION, S.CONFERENCE_PLANNED}),
        S.PLAN_MADE,
        gettext_lazy("Plan voorgesteld aan de aanmelder"),
    ),
    "accept_plan": Transition(
        frozenset({S.PLAN_MADE}), S.FOLLOW_UP, gettext_lazy("Plan aanvaard door de aanmelder")
    ),
    "close": Transition(frozenset({S.FOLLOW_UP}), S.CLOSED, gettext_lazy("Traject afgesloten")),
    "stop": Transition(RUNNING, S.STOPPED, gettext_lazy("Traject gestopt")),
    # The retention's end of a trajectory nobody worked on for its whole term, a referral never
    # decided on included.
    "end_untouched": Transition(
        RUNNING | {S.REFERRED},
        S.STOPPED,
        gettext_lazy("Traject beëindigd: niemand werkte er nog aan"),
    ),
}


def allowed_actions(trajectory: Trajectory) -> set[str]:
    return {name for name, t in TRANSITIONS.items() if trajectory.status in t.sources}


def _transition(
    trajectory: Trajectory,
    action: str,
    *,
    actor: User | None,
    reason: str = "",
    ip_address: str | None = None,
    **fields: Any,
) -> Trajectory:
    """Move a locked trajectory; refuses when the current status does not allow the action."""
    transition = TRANSITIONS[action]
    if trajectory.status not in transition.sources:
        raise TransitionNotAllowed(
            _(
                "Dit kan niet meer: het traject staat intussen op “%(status)s”. "
                "Vernieuw de pagina om te zien wat er veranderd is."
            )
            % {"status": trajectory.get_status_display()}
        )
    previous = trajectory.status
    now = timezone.now()
    trajectory.status = transition.target
    trajectory.status_changed_at = now
    for name, value in fields.items():
        setattr(trajectory, name, value)
    trajectory.save(update_fields=["status", "status_changed_at", *fields])
    _event(
        trajectory,
        actor=actor,
        action=action,
        description=str(transition.label),
        reason=reason,
        from_status=previous,
        to_status=trajectory.status,
        ip_address=ip_address,
    )
    return trajectory
