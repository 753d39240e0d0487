"""The invoicing parts of trainings' pages and mails (trainings' templates show them without
trainings importing invoices): a registration's invoicing in the back office, and whether an
employer's invoice is open, for what the registrant reads about paying."""

from django import template

from eigenkracht.invoices import selectors, services
from eigenkracht.invoices.models import BillingDetails, Document
from eigenkracht.trainings.emails import LOADED_INVOICES
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


@register.simple_tag
def employer_invoice(registration: Registration) -> Document | None:
    """The registration's invoice for an employer that no credit note cancels, if any. Mails
    composed in a batch come with their invoices loaded (trainings' `registrations_for_mail`):
    no query per mail."""
    loaded = getattr(registration, LOADED_INVOICES, None)
    if loaded is None:
        return services.open_invoice(registration)
    return services.open_of(loaded)


def employer_paying_name(registration: Registration) -> str:
    """The employer's name when its open invoice pays the registration, else ''."""
    invoice = employer_invoice(registration)
    return invoice.buyer_name if invoice is not None else ""
