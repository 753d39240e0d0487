"""Work on a clock (`manage.py run_periodic`): the office is warned before a criminal-record
check expires, and coordinators are reminded of a follow-up and of a time norm. Each once: what
was sent is stored in the same transaction as its mail, and a second run (or a second machine)
finds it there."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from eigenkracht.core.audit import audit_record
from eigenkracht.trajectories.models import Trajectory
from eigenkracht.volunteers import agenda, emails
from eigenkracht.volunteers.duties import WARN_BEFORE, record_valid_until, years_later
from eigenkracht.volunteers.models import ReminderSent, Volunteer, VolunteerSettings

# A coordinator hears this long before a time norm passes.
NORM_WARN_BEFORE = dt.timedelta(days=7)


def record_expiry_warn(*, today: dt.date | None = None) -> int:
    """Mail the office once per check that expires within 30 days (or already did)."""
    today = today or timezone.localdate()
    years = VolunteerSettings.current().record_renewal_years
    latest_check = years_later(today + WARN_BEFORE, -years)
    candidates = Volunteer.objects.filter(
        works_with_minors=True, record_checked_on__lte=latest_check
    ).values_list("pk", "record_checked_on", "record_warned_for")
    sent = 0
    for pk, checked_on, warned_for in candidates:
        if warned_for == checked_on:
            continue
        with transaction.atomic():
            volunteer = (
                Volunteer.objects.select_for_update(skip_locked=True)
                .select_related("coordinator__user")
                .filter(pk=pk, record_checked_on=checked_on)
                .exclude(record_warned_for=checked_on)
                .first()
            )
            if volunteer is None:
                continue
            volunteer.record_warned_for = checked_on
            volunteer.save(update_fields=["record_warned_for"])
            audit_record(actor=None, action="volunteer.record_expiry_warned", obj=volunteer)
            emails.send_record_expiring(
                volunteer, valid_until=record_valid_until(checked_on, years)
            )
            sent += 1
    return sent


def _once(coordinator_id: int, key: str) -> bool:
    """Claim the reminder `key` for the coordinator; False when it was sent before."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(coordinator_id=coordinator_id, key=key)
    except IntegrityError:
        return False
    return True


def coordinator_reminders(*, today: dt.date | None = None) -> int:
    """Follow-ups due tomorrow (or today, when a run was missed) and conferences whose time
    norm passes within a week: one mail to the coordinator per event."""
    today = today or timezone.localdate()
    sent = 0
    follow_ups = (
        Trajectory.objects.filter(
            status=Trajectory.Status.FOLLOW_UP,
            coordinator__isnull=False,
            follow_up_due_on__range=(today, today + dt.timedelta(days=1)),
        )
        .select_related("coordinator__user")
        .order_by("pk")
    )
    for trajectory in follow_ups:
        coordinator = trajectory.coordinator
        key = f"follow_up:{trajectory.pk}:{trajectory.follow_up_due_on:%Y-%m-%d}"
        with transaction.atomic():
            if not _once(coordinator.pk, key):
                continue
            audit_record(
                actor=None, action="volunteer.reminder_sent", obj=coordinator, data={"key": key}
            )
            emails.send_follow_up_due(
                coordinator, trajectory, trajectory.follow_up_due_on, today=today
            )
            sent += 1
    for deadline in agenda.norm_deadlines():
        if not today <= deadline.day <= today + NORM_WARN_BEFORE:
            continue
        coordinator = deadline.trajectory.coordinator
        key = f"time_norm:{deadline.trajectory.pk}:{deadline.day:%Y-%m-%d}"
        with transaction.atomic():
            if not _once(coordinator.pk, key):
                continue
            audit_record(
                actor=None, action="volunteer.reminder_sent", obj=coordinator, data={"key": key}
            )
            emails.send_time_norm_near(coordinator, deadline.trajectory, deadline.day)
            sent += 1
    return sent
