"""The mails about a refund: the account number we need, and the money on its way."""

from django.db.models import QuerySet

from eigenkracht.core.outbox import Mail, mail_recipe
from eigenkracht.payments.models import Refund
from eigenkracht.trainings.emails import registration_url


def refunds_for_mail() -> QuerySet[Refund]:
    return Refund.objects.select_related("registration__training", "sepa_file")


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


@mail_recipe("refund_sent", queryset=refunds_for_mail)
def sent_mail(refund: Refund) -> Mail:
    return Mail("payments/emails/refund_sent", _context(refund))
