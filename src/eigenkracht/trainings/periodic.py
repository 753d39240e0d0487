"""Work that runs on a clock (`manage.py run_periodic`): payment reminders and expiry.

Safe to run every few minutes and from two machines at once: each registration is handled in
its own transaction, claimed with a row lock that a second run skips, and re-checked under that
lock; a run that crashes half way leaves the rest for the next run, and nothing twice.
"""

import datetime as dt
from collections.abc import Iterator

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import Organisation
from eigenkracht.trainings import emails
from eigenkracht.trainings.models import Registration


def _claimed(candidates, **still) -> Iterator[Registration]:
    """Yield each candidate locked inside its own transaction, skipping those another run holds."""
    for pk in list(candidates.values_list("pk", flat=True)):
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update(skip_locked=True)
                .select_related("training__venue")
                .filter(pk=pk, **still)
                .first()
            )
            if registration is not None:
                yield registration


def registrations_remind(*, today: dt.date | None = None) -> int:
    """Mail a reminder to pending registrations whose deadline is near; each gets one, ever."""
    today = today or timezone.localdate()
    days = Organisation.current().reminder_days_before
    if not days:
        return 0
    still = {
        "status": Registration.Status.PENDING,
        "reminder_sent_at__isnull": True,
        "payment_deadline__gte": today,
        "payment_deadline__lte": today + dt.timedelta(days=days),
        "amount_paid_cents__lt": F("amount_due_cents"),
    }
    sent = 0
    for registration in _claimed(Registration.objects.filter(**still), **still):
        registration.reminder_sent_at = timezone.now()
        registration.save(update_fields=["reminder_sent_at"])
        audit_record(actor=None, action="registration.reminded", obj=registration)
        emails.send_payment_reminder(registration)
        sent += 1
    return sent


def registrations_expire(*, today: dt.date | None = None) -> int:
    """Expire pending registrations whose deadline passed: free their seats, tell the registrant."""
    today = today or timezone.localdate()
    still = {"status": Registration.Status.PENDING, "payment_deadline__lt": today}
    expired = 0
    for registration in _claimed(Registration.objects.filter(**still), **still):
        registration.status = Registration.Status.EXPIRED
        registration.expired_at = timezone.now()
        registration.save(update_fields=["status", "expired_at"])
        registration.participants.update(is_active=False)
        audit_record(
            actor=None,
            action="registration.expired",
            obj=registration,
            data={"payment_deadline": registration.payment_deadline.isoformat()},
        )
        emails.send_expired(registration)
        expired += 1
    return expired
