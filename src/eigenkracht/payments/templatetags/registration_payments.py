"""`{% registration_payments registration as payments %}`: a registration's payments, oldest
first, with who registered them by hand.

For the registration's page in the trainings back office: trainings sits below payments, so the
page asks for them here, in its template, the way the home page asks trainings for its trainings.
"""

from django import template

from eigenkracht.payments.models import Payment, Refund
from eigenkracht.trainings.models import Registration

register = template.Library()


@register.simple_tag
def registration_payments(registration: Registration) -> list[Payment]:
    return list(
        Payment.objects.filter(registration=registration)
        .select_related("created_by")
        .order_by("paid_on", "id")
    )


@register.simple_tag
def registration_refunds(registration: Registration) -> list[Refund]:
    return list(
        Refund.objects.filter(registration=registration)
        .select_related("sepa_file", "registration")
        .order_by("created_at", "id")
    )
