"""What invoices does when trainings says something happened to a registration: inside the
sender's transaction, so the invoice or credit note is kept or rolled back with the change."""

from typing import Any

from django.dispatch import receiver

from eigenkracht.core.models import Organisation
from eigenkracht.invoices import services
from eigenkracht.trainings import rules
from eigenkracht.trainings.signals import (
    registration_billing_requested,
    registration_cancelled,
    registration_expired,
    registration_moved,
    registration_seat_regained,
    training_cancelled,
)


@receiver(registration_billing_requested, dispatch_uid="invoices.billing_requested")
def _billing_requested(sender: Any, *, registration, billing, actor, **kwargs: Any) -> None:
    services.billing_details_save(registration=registration, data=billing, actor=actor)


@receiver(registration_cancelled, dispatch_uid="invoices.registration_cancelled")
def _registration_cancelled(
    sender: Any, *, registration, actor, cancelled_by, refund_cents, **kwargs: Any
) -> None:
    paid = registration.amount_paid_cents
    refund = rules.cancellation_refund_due(
        paid_cents=paid,
        cancelled_by=cancelled_by,
        percent=Organisation.current().cancellation_refund_percent,
        office_refund_cents=refund_cents,
    )
    services.registration_credit(
        registration=registration,
        actor=actor,
        reason=str(services.CREDIT_REASON_CANCELLED),
        kept_cents=paid - refund,
    )


@receiver(training_cancelled, dispatch_uid="invoices.training_cancelled")
def _training_cancelled(sender: Any, *, registrations, actor, **kwargs: Any) -> None:
    for registration in registrations:
        services.registration_credit(
            registration=registration,
            actor=actor,
            reason=str(services.CREDIT_REASON_TRAINING_CANCELLED),
        )


@receiver(registration_expired, dispatch_uid="invoices.registration_expired")
def _registration_expired(sender: Any, *, registration, **kwargs: Any) -> None:
    services.registration_credit(
        registration=registration, actor=None, reason=str(services.CREDIT_REASON_EXPIRED)
    )


@receiver(registration_seat_regained, dispatch_uid="invoices.seat_regained")
def _seat_regained(sender: Any, *, registration, actor, **kwargs: Any) -> None:
    """A reinstated registration's open invoice can only be the cancellation costs (the
    cancellation credited the first one): credited, and the whole fee invoiced again."""
    invoice = services.open_invoice(registration)
    if invoice is not None:
        services.credit_note_issue(
            invoice=invoice, actor=actor, reason=str(services.CREDIT_REASON_REINSTATED)
        )
    services.registration_invoice_when_billed(registration=registration, actor=actor)


@receiver(registration_moved, dispatch_uid="invoices.registration_moved")
def _registration_moved(sender: Any, *, registration, actor, **kwargs: Any) -> None:
    """The invoice names the date and the amount: a moved registration's open invoice is
    credited and a new one issued for the new date's fee."""
    invoice = services.open_invoice(registration)
    if invoice is None:
        return
    services.credit_note_issue(
        invoice=invoice, actor=actor, reason=str(services.CREDIT_REASON_MOVED)
    )
    services.registration_invoice_when_billed(registration=registration, actor=actor)
