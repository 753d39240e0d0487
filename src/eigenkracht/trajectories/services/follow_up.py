"""Follow-up and the end: follow-up meetings, closing and stopping a trajectory."""

import datetime as dt

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.once import once_claim
from eigenkracht.network import services as network_services
from eigenkracht.trajectories import emails
from eigenkracht.trajectories.models import (
    SATISFACTION_GROUPS,
    Agreement,
    Conference,
    FollowUp,
    Trajectory,
)
from eigenkracht.trajectories.services.transitions import TRANSITIONS, _transition
from eigenkracht.trajectories.timeline import TrajectoryRefused, TransitionNotAllowed, _event, _lock

S = Trajectory.Status


def follow_up_record(
    *,
    trajectory: Trajectory,
    held_on: dt.date,
    note: str,
    progress: dict[int, str],
    actor: User,
    satisfaction: dict[str, int | None] | None = None,
    ip_address: str | None = None,
    once: str = "",
) -> FollowUp:
    """Note a follow-up and the agreements' progress; the same form sent again (`once`, its
    token) raises `SentBefore` and notes nothing."""
    satisfaction = {k: v for k, v in (satisfaction or {}).items() if v is not None}
    if set(satisfaction) - set(SATISFACTION_GROUPS) or not all(
        1 <= v <= 10 for v in satisfaction.values()
    ):
        raise TrajectoryRefused(_("Een tevredenheidsscore ligt tussen 1 en 10."))
    if held_on > timezone.localdate():
        raise TrajectoryRefused(_("Een opvolging in de toekomst kan nog niet genoteerd worden."))
    with transaction.atomic():
        _lock(trajectory)
        once_claim(scope="follow_up", token=once)
        if trajectory.status != S.FOLLOW_UP:
            raise TransitionNotAllowed(_("Opvolgen kan pas als het plan aanvaard is."))
        follow_up = FollowUp.objects.create(
            trajectory=trajectory, held_on=held_on, note=note, author=actor, **satisfaction
        )
        agreements = {
            a.pk: a for a in Agreement.objects.filter(plan__trajectory=trajectory, pk__in=progress)
        }
        for pk, value in progress.items():
            if pk in agreements and value in Agreement.Progress.values:
                agreements[pk].progress = value
        Agreement.objects.bulk_update(agreements.values(), ["progress"])
        trajectory.follow_up_due_on = None
        trajectory.save(update_fields=["follow_up_due_on"])
        _event(
            trajectory,
            actor=actor,
            action="follow_up",
            description=_("Opvolging op %(date)s") % {"date": held_on.strftime("%d/%m/%Y")},
            ip_address=ip_address,
        )
    return follow_up


def trajectory_close(
    *,
    trajectory: Trajectory,
    outcome: str,
    reason: str = "",
    actor: User,
    ip_address: str | None = None,
) -> Trajectory:
    if outcome not in {
        Trajectory.Outcome.PLAN_WITH_CONFERENCE,
        Trajectory.Outcome.PLAN_WITHOUT_CONFERENCE,
    }:
        raise TrajectoryRefused(_("Kies de uitkomst van het traject."))
    with transaction.atomic():
        _lock(trajectory)
        held = trajectory.conferences.filter(kind=Conference.Kind.CONFERENCE, held=True).exists()
        if held != (outcome == Trajectory.Outcome.PLAN_WITH_CONFERENCE):
            raise TrajectoryRefused(
                _("Er werd een conferentie gehouden: kies “plan gemaakt op een conferentie”.")
                if held
                else _("Er werd geen conferentie gehouden: kies “plan gemaakt zonder conferentie”.")
            )
        _transition(
            trajectory,
            "close",
            actor=actor,
            reason=reason,
            ip_address=ip_address,
            outcome=outcome,
            closed_at=timezone.now(),
            follow_up_due_on=None,
        )
        network_services.snapshot_take(trajectory=trajectory, reason="closed", actor=actor)
        emails.send_trajectory_ended(trajectory, stopped=False)
    return trajectory


def trajectory_stop(
    *,
    trajectory: Trajectory,
    reason: str,
    explanation: str = "",
    actor: User,
    ip_address: str | None = None,
) -> Trajectory:
    if reason not in Trajectory.StopReason.values or reason == Trajectory.StopReason.UNTOUCHED:
        raise TrajectoryRefused(_("Kies waarom het traject stopt."))
    if reason == Trajectory.StopReason.OTHER and not explanation.strip():
        raise TrajectoryRefused(_("Licht de reden toe als je “andere reden” kiest."))
    with transaction.atomic():
        _lock(trajectory)
        _transition(
            trajectory,
            "stop",
            actor=actor,
            reason=f"{Trajectory.StopReason(reason).label}. {explanation}".strip(),
            ip_address=ip_address,
            outcome=Trajectory.Outcome.STOPPED,
            stop_reason=reason,
            stop_reason_text=explanation,
            closed_at=timezone.now(),
            follow_up_due_on=None,
        )
        network_services.snapshot_take(trajectory=trajectory, reason="closed", actor=actor)
        emails.send_trajectory_ended(trajectory, stopped=True)
    return trajectory


def trajectory_end_untouched(*, trajectory_id: int, since: dt.date) -> bool:
    """End a trajectory nobody worked on since `since`, before the retention makes it anonymous
    (a manager approved that): stopped, with a reason of its own that the figures show apart.
    No snapshot of the map: nothing was closed. False when it has ended meanwhile."""
    with transaction.atomic():
        trajectory = Trajectory.objects.select_for_update().get(pk=trajectory_id)
        if trajectory.status not in TRANSITIONS["end_untouched"].sources:
            return False
        _transition(
            trajectory,
            "end_untouched",
            actor=None,
            reason=_("Niemand werkte eraan sinds %(date)s.")
            % {"date": formats.date_format(since, "j F Y")},
            outcome=Trajectory.Outcome.STOPPED,
            stop_reason=Trajectory.StopReason.UNTOUCHED,
            closed_at=timezone.now(),
            follow_up_due_on=None,
        )
    return True
