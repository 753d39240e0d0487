"""The receipt of payment a registrant (and the office) can download once a registration is paid."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from eigenkracht.payments.models import Payment, Refund
from eigenkracht.payments.refunds.services import CANCEL_CAUSES
from eigenkracht.trainings.models import Registration, Session


def receipt_registrations() -> QuerySet[Registration]:
    """Everything the receipt shows, in a fixed number of queries."""
    return Registration.objects.select_related("training__venue").prefetch_related(
        "participants",
        Prefetch("training__sessions", queryset=Session.objects.order_by("date", "start_time")),
        Prefetch("payments", queryset=Payment.objects.order_by("paid_on", "id")),
        "refunds",
    )


def receipt_number(registration: Registration) -> str:
    """Stable and unique: one receipt per registration, the same at every download."""
    return f"BB-{registration.code}"


@dataclass(frozen=True)
class ReceiptAmounts:
    """What the receipt says about money: what was due, what came in, and what came in on top
    of that (paid twice, or too much), which the receipt never counts as paid for the training."""

    due_cents: int
    received_cents: int
    refunded_cents: int = 0  # of what was paid for the training, sent back (sent or done)

    @property
    def paid_cents(self) -> int:
        return min(self.received_cents, self.due_cents)

    @property
    def surplus_cents(self) -> int:
        return max(self.received_cents - self.due_cents, 0)

    @property
    def balance_cents(self) -> int:
        """What we keep for the training after refunds."""
        return self.paid_cents - self.refunded_cents


def receipt_amounts(registration: Registration) -> ReceiptAmounts:
    refunded = sum(
        r.amount_cents
        for r in registration.refunds.all()
        if r.status in (Refund.Status.SENT, Refund.Status.DONE)
        and r.cause in (*CANCEL_CAUSES, Refund.Cause.MOVED)
    )
    return ReceiptAmounts(
        due_cents=registration.amount_due_cents,
        received_cents=registration.amount_paid_cents,
        refunded_cents=refunded,
    )


def receipt_date(registration: Registration) -> dt.date:
    """The day the registration was paid in full: the payment with which the amount due was
    first reached. A later payment (paid twice, too much) does not move it, so the receipt keeps
    its date at every download."""
    payments = sorted(registration.payments.all(), key=lambda p: (p.paid_on, p.pk))
    running = 0
    for payment in payments:
        running += payment.amount_cents
        if running >= registration.amount_due_cents:
            return payment.paid_on
    if payments:  # booked without a payment row for part of it: the last payment we know
        return payments[-1].paid_on
    if registration.confirmed_at:
        return timezone.localdate(registration.confirmed_at)
    return timezone.localdate()


def receipt_filename(registration: Registration) -> str:
    return f"betalingsbewijs-{registration.code}.pdf"
