"""A trajectory's row lock and its timeline: the lower layer under every change to a trajectory.

`_lock`, `_event` and `_refuse_when_finished` are for the trajectories' own services (the
`services` package). Other apps (the network map) use the two public wrappers at the end, inside
their own transaction. This module imports no services: `network.services` builds on it, and
`trajectories.services` imports the network services at the top, without an import cycle."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import actor_or_none, audit_record
from eigenkracht.core.refusals import Refused
from eigenkracht.trajectories.models import FINISHED_STATUSES, Trajectory, TrajectoryEvent


class TransitionNotAllowed(Refused):
    """The action is not possible from the trajectory's current status (perhaps someone else was
    quicker); the message is meant for the user."""


class TrajectoryRefused(Refused):
    """The change is refused; the message is meant for the user."""


def _lock(trajectory: Trajectory) -> Trajectory:
    locked = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    trajectory.__dict__.update(
        {f.attname: getattr(locked, f.attname) for f in Trajectory._meta.concrete_fields}
    )
    return trajectory


def _event(
    trajectory: Trajectory,
    *,
    actor: User | None,
    action: str,
    description: str,
    reason: str = "",
    from_status: str = "",
    to_status: str = "",
    ip_address: str | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    TrajectoryEvent.objects.create(
        trajectory=trajectory,
        at=timezone.now(),
        actor=actor_or_none(actor),
        action=action,
        description=description[:300],
        from_status=from_status,
        to_status=to_status,
        reason=reason,
    )
    audit_record(
        actor=actor,
        action=f"trajectory.{action}",
        obj=trajectory,
        data={"from": from_status, "to": to_status, "reason": reason, **(data or {})},
        ip_address=ip_address,
    )


def _refuse_when_finished(trajectory: Trajectory) -> None:
    if trajectory.status in FINISHED_STATUSES:
        raise TransitionNotAllowed(
            _("Dit traject is %(status)s; er kan niets meer aan veranderen.")
            % {"status": trajectory.get_status_display().lower()}
        )


# For the network map (eigenkracht.network) -------------------------------------------------------


def trajectory_change_begin(trajectory: Trajectory) -> Trajectory:
    """Lock the trajectory for a change made by another app, inside that app's transaction;
    refuses when the trajectory is finished."""
    _lock(trajectory)
    _refuse_when_finished(trajectory)
    return trajectory


@transaction.atomic(savepoint=False)
def trajectory_event_record(
    trajectory: Trajectory,
    *,
    actor: User | None,
    action: str,
    description: str,
    ip_address: str | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Write another app's change on the trajectory's timeline and in the audit log."""
    _event(
        trajectory,
        actor=actor,
        action=action,
        description=description,
        ip_address=ip_address,
        data=data,
    )
