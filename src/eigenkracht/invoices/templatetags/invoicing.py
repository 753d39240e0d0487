"""The invoicing part of a registration's page in the back office (trainings' template shows it
without trainings importing invoices)."""

from django import template

from eigenkracht.invoices import selectors, services
from eigenkracht.invoices.models import BillingDetails
from eigenkracht.trainings.models import Registration

register = template.Library()


@register.inclusion_tag("invoices/backoffice/_registration_invoicing.html")
def registration_invoicing(registration: Registration) -> dict:
    documents = selectors.registration_documents(registration.pk)
    selectors.attach_mail_status(documents)
    details = BillingDetails.objects.filter(registration=registration).first()
    return {
        "registration": registration,
        "details": details,
        "documents": documents,
        "can_issue": details is not None and not services.invoice_refused_reason(registration),
        "peppol_configured": services.peppol_configured(),
    }
