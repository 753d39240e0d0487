"""The mails about a refund: the account number we need, a payment above what was due, and the
money on its way."""

from django.db.models import QuerySet

from eigenkracht.core.outbox import Mail, mail_recipe
from eigenkracht.payments.models import Refund
from eigenkracht.trainings.emails import registration_url

# What a refund's payer is mailed first: that the surplus comes back, or asking for the account.
REFUND_MAILS = ("refund_surplus", "refund_iban_asked", "refund_returned")


def refunds_for_mail() -> QuerySet[Refund]:
    return Refund.objects.select_related(
        "registration__training", "sepa_file", "paid_by", "continues"
    )


def _context(refund: Refund) -> dict:
    registration = refund.registration
    return {
        "refund": refund,
        "registration": registration,
        "training": registration.training,
        "registration_url": registration_url(registration),
    }


@mail_recipe("refund_iban_asked", queryset=refunds_for_mail)
def iban_asked_mail(refund: Refund) -> Mail:
    return Mail("payments/emails/refund_iban_asked", _context(refund))


@mail_recipe("refund_returned", queryset=refunds_for_mail)
def returned_mail(refund: Refund) -> Mail:
    """The payee's bank sent the refund back: another account is asked for."""
    return Mail(
        "payments/emails/refund_returned",
        {
            **_context(refund),
            "refused": refund.continues,
            "registrant_gives_account": refund.registrant_gives_account,
        },
    )


@mail_recipe("refund_sent", queryset=refunds_for_mail)
def sent_mail(refund: Refund) -> Mail:
    return Mail("payments/emails/refund_sent", _context(refund))


@mail_recipe("refund_surplus", queryset=refunds_for_mail)
def surplus_mail(refund: Refund) -> Mail:
    """A transfer above what was open (or for a registration already paid): what came, and that
    the rest goes back to the account it came from."""
    return Mail(
        "payments/emails/refund_surplus",
        {**_context(refund), "received_cents": refund.paid_by.amount_cents},
    )
