"""Whether a registration has a receipt of payment. The receipt itself, which lists the
payments, is payments' (payments/receipts/); this is what the trainings pages need to offer it."""

from eigenkracht.trainings.models import Registration


def receipt_available(registration: Registration) -> bool:
    """A confirmed registration with its amount paid in full has a receipt; so has a cancelled one
    that was paid (it shows what came back)."""
    if registration.status == Registration.Status.CANCELLED:
        return registration.amount_paid_cents > 0
    return (
        registration.status == Registration.Status.CONFIRMED
        and registration.amount_due_cents > 0
        and registration.amount_paid_cents >= registration.amount_due_cents
    )
