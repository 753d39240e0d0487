"""Work that runs on a clock (`manage.py run_periodic`): payment reminders, expiry and the
practical information before a training.

Safe to run every few minutes and from two machines at once: each registration is handled in
its own transaction, claimed with a lock on its own row (never on its training or venue, which
registering and paying lock) that a second run skips, and re-checked under that lock; a run that
crashes half way leaves the rest for the next run, and nothing twice. What was skipped because
someone held it is tried once more at the end of the run and reported; the next run takes up
what is still left.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import Organisation
from eigenkracht.trainings import emails, signals
from eigenkracht.trainings.models import Registration, Training
from eigenkracht.trainings.transitions import registration_transition


@dataclass(frozen=True)
class Handled:
    done: int
    skipped: int  # due, but held by someone else during this run: the next run takes them up


def _claimed(candidates, skipped: list[int], **still) -> Iterator[Registration]:
    """Yield each candidate locked inside its own transaction; those another transaction holds
    are left for a second pass at the end, and what is still held then is put in `skipped`."""
    pending = list(candidates.values_list("pk", flat=True))
    for _ in range(2):
        held = []
        for pk in pending:
            with transaction.atomic():
                registration = (
                    Registration.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("training__venue")
                    .filter(pk=pk, **still)
                    .first()
                )
                if registration is not None:
                    yield registration
                elif Registration.objects.filter(pk=pk, **still).exists():
                    held.append(pk)
        pending = held
    skipped.extend(pending)


def registrations_remind(*, today: dt.date | None = None) -> Handled:
    """Mail a reminder to pending registrations whose deadline is near; each gets one (and a
    reinstated one again, before its new deadline)."""
    today = today or timezone.localdate()
    days = Organisation.current().reminder_days_before
    if not days:
        return Handled(0, 0)
    still = {
        "status": Registration.Status.PENDING,
        # A cancelled training asks nobody to pay: its registrations wait for the office.
        "training__status": Training.Status.PUBLISHED,
        "reminder_sent_at__isnull": True,
        "payment_deadline__gte": today,
        "payment_deadline__lte": today + dt.timedelta(days=days),
        "amount_paid_cents__lt": F("amount_due_cents"),
    }
    sent, skipped = 0, []
    for registration in _claimed(Registration.objects.filter(**still), skipped, **still):
        registration.reminder_sent_at = timezone.now()
        registration.save(update_fields=["reminder_sent_at"])
        audit_record(actor=None, action="registration.reminded", obj=registration)
        emails.send_payment_reminder(registration)
        sent += 1
    return Handled(sent, len(skipped))


def registrations_expire(*, today: dt.date | None = None) -> Handled:
    """Expire pending registrations whose deadline passed: free their seats, tell the registrant.
    Not those of a cancelled training: its registrants were told it does not take place, and the
    office cancels each registration."""
    today = today or timezone.localdate()
    still = {
        "status": Registration.Status.PENDING,
        "training__status": Training.Status.PUBLISHED,
        "payment_deadline__lt": today,
    }
    expired, skipped = 0, []
    for registration in _claimed(Registration.objects.filter(**still), skipped, **still):
        registration_transition(registration, "expire")
        registration.expired_at = timezone.now()
        registration.save(update_fields=["status", "expired_at"])
        colleagues = emails.colleagues_of(registration)
        registration.participants.update(is_active=False)
        audit_record(
            actor=None,
            action="registration.expired",
            obj=registration,
            data={
                "from": Registration.Status.PENDING,
                "to": registration.status,
                "payment_deadline": registration.payment_deadline.isoformat(),
            },
        )
        emails.send_expired(registration)
        emails.send_colleagues_ended(registration, colleagues, how="expired")
        signals.registration_expired.send(sender=Registration, registration=registration)
        expired += 1
    return Handled(expired, len(skipped))


def practical_info_send(*, today: dt.date | None = None) -> Handled:
    """A few days before the first session (the office's setting; 0 sends none), every active
    participant of a confirmed registration gets the practical information: once per
    registration, whatever the registration's later changes (a move is told by its own mail)."""
    today = today or timezone.localdate()
    days = Organisation.current().practical_reminder_days_before
    if not days:
        return Handled(0, 0)
    still = {
        "status": Registration.Status.CONFIRMED,
        "practical_info_sent_at__isnull": True,
        "training__status": Training.Status.PUBLISHED,
        "training__starts_on__gte": today,
        "training__starts_on__lte": today + dt.timedelta(days=days),
    }
    sent, skipped = 0, []
    for registration in _claimed(Registration.objects.filter(**still), skipped, **still):
        registration.practical_info_sent_at = timezone.now()
        registration.save(update_fields=["practical_info_sent_at"])
        participants = list(registration.participants.filter(is_active=True))
        audit_record(
            actor=None,
            action="registration.practical_info_sent",
            obj=registration,
            data={"participants": len(participants)},
        )
        for participant in participants:
            emails.send_practical_info(participant)
        sent += 1
    return Handled(sent, len(skipped))
