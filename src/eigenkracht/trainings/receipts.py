"""Whether a registration has a receipt of payment. The receipt itself, which lists the
payments, is payments' (payments/receipts/); this is what the trainings pages need to offer it."""

from eigenkracht.trainings.models import Registration


def receipt_available(registration: Registration) -> bool:
    """Only a confirmed registration with its amount paid in full has a receipt."""
    return (
        registration.status == Registration.Status.CONFIRMED
        and registration.amount_due_cents > 0
        and registration.amount_paid_cents >= registration.amount_due_cents
    )
