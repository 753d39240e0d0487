"""The receipt of payment a registrant (and the office) can download once a registration is paid."""

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from eigenkracht.trainings.models import Registration, Session


def receipt_available(registration: Registration) -> bool:
    """Only a confirmed registration with its amount paid in full has a receipt."""
    return (
        registration.status == Registration.Status.CONFIRMED
        and registration.amount_due_cents > 0
        and registration.amount_paid_cents >= registration.amount_due_cents
    )


def receipt_registrations() -> QuerySet[Registration]:
    """Everything the receipt shows, in a fixed number of queries."""
    from eigenkracht.payments.models import Payment

    return Registration.objects.select_related("training__venue").prefetch_related(
        "participants",
        Prefetch("training__sessions", queryset=Session.objects.order_by("date", "start_time")),
        Prefetch("payments", queryset=Payment.objects.order_by("paid_on", "id")),
    )


def receipt_number(registration: Registration) -> str:
    """Stable and unique: one receipt per registration, the same at every download."""
    return f"BB-{registration.code}"


def receipt_date(registration: Registration) -> dt.date:
    """The day the registration was paid in full: its last payment."""
    payments = list(registration.payments.all())
    if payments:
        return max(p.paid_on for p in payments)
    if registration.confirmed_at:
        return timezone.localdate(registration.confirmed_at)
    return timezone.localdate()


def receipt_filename(registration: Registration) -> str:
    return f"betalingsbewijs-{registration.code}.pdf"
