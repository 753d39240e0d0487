"""Coordinators: their profile and login, assigning one to a trajectory, and the start of the
preparation."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import Role, User
from eigenkracht.core.audit import audit_record
from eigenkracht.trajectories import emails
from eigenkracht.trajectories.models import (
    ACTIVE_STATUSES,
    Coordinator,
    PastAssignment,
    Trajectory,
)
from eigenkracht.trajectories.services.transitions import _transition
from eigenkracht.trajectories.timeline import TrajectoryRefused, TransitionNotAllowed, _event, _lock
from eigenkracht.volunteers.duties import coordinator_duty_problems

S = Trajectory.Status


def coordinator_save(
    *,
    coordinator: Coordinator | None,
    user_data: dict[str, Any],
    data: dict[str, Any],
    actor: User,
    ip_address: str | None = None,
) -> Coordinator:
    with transaction.atomic():
        if coordinator is None:
            user = User.objects.create_user(
                email=user_data["email"], password=None, role=Role.COORDINATOR
            )
            coordinator = Coordinator(user=user)
            action = "coordinator.create"
        else:
            user = coordinator.user
            action = "coordinator.update"
        for name, value in user_data.items():
            setattr(user, name, value)
        user.save()
        for name, value in data.items():
            setattr(coordinator, name, value)
        coordinator.save()
        audit_record(
            actor=actor,
            action=action,
            obj=coordinator,
            data={"fields": sorted([*user_data, *data])},
            ip_address=ip_address,
        )
        if action == "coordinator.create":
            emails.send_coordinator_welcome(coordinator)
    return coordinator


def coordinator_assign(
    *,
    trajectory: Trajectory,
    coordinator: Coordinator,
    actor: User,
    reason: str = "",
    replacing: int | None = None,
    ip_address: str | None = None,
) -> Trajectory:
    """Assign (or replace) the coordinator; they get a mail with a link, never the family's
    details. The referrer hears that a coordinator was found (as the mail accepting the referral
    promised); a coordinator replaced hears that the trajectory left them. `replacing` is the
    coordinator the acting person saw (None: none yet): when someone else assigned one
    meanwhile, this is refused instead of silently replacing theirs."""
    with transaction.atomic():
        _lock(trajectory)
        if trajectory.coordinator_id != replacing:
            raise TransitionNotAllowed(
                _(
                    "Intussen koos iemand anders een coördinator voor dit traject (%(name)s). "
                    "Vernieuw de pagina voor je een andere kiest."
                )
                % {"name": trajectory.coordinator or _("geen")}
            )
        if trajectory.coordinator_id == coordinator.pk:
            raise TrajectoryRefused(_("Deze coördinator is al toegewezen aan dit traject."))
        # Belgian volunteer law: no new trajectory before the duties towards the volunteer are met.
        problems = coordinator_duty_problems(coordinator, today=timezone.localdate())
        if problems:
            raise TrajectoryRefused(
                _(
                    "%(name)s kan geen nieuw traject krijgen zolang de plichten als vrijwilliger "
                    "niet in orde zijn: %(problems)s. Vul ze aan bij de coördinator."
                )
                % {"name": coordinator, "problems": ", ".join(problems)}
            )
        previous = trajectory.coordinator
        if trajectory.status == S.INTAKE:
            _transition(
                trajectory,
                "assign",
                actor=actor,
                reason=reason,
                ip_address=ip_address,
                coordinator=coordinator,
                assigned_at=timezone.now(),
            )
        elif trajectory.status in ACTIVE_STATUSES:
            if previous is not None:  # they may still declare the days they worked on it
                PastAssignment.objects.create(
                    trajectory=trajectory,
                    coordinator=previous,
                    from_on=timezone.localdate(trajectory.assigned_at or trajectory.referred_at),
                    until_on=timezone.localdate(),
                )
            trajectory.coordinator = coordinator
            trajectory.assigned_at = timezone.now()
            trajectory.save(update_fields=["coordinator", "assigned_at"])
            _event(
                trajectory,
                actor=actor,
                action="reassign",
                description=_("Andere coördinator: %(new)s in plaats van %(old)s")
                % {"new": coordinator, "old": previous},
                reason=reason,
                ip_address=ip_address,
            )
        else:
            raise TransitionNotAllowed(
                _("In de status “%(status)s” kan geen coördinator toegewezen worden.")
                % {"status": trajectory.get_status_display()}
            )
        emails.send_coordinator_assigned(trajectory)
        if previous is None:
            emails.send_coordinator_found(trajectory)
        else:
            emails.send_coordinator_unassigned(trajectory, previous)
    return trajectory


def preparation_start(
    *, trajectory: Trajectory, actor: User, ip_address: str | None = None
) -> Trajectory:
    with transaction.atomic():
        _lock(trajectory)
        _transition(trajectory, "start_preparation", actor=actor, ip_address=ip_address)
    return trajectory
