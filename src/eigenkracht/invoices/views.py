"""The registrant's invoice page: the employer's details, and the documents to download.

Routed from the trainings URL table (`trainings:self_service:invoice`, ...), next to the other
pages of a registrant.
"""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from eigenkracht.core.refusals import Refused
from eigenkracht.invoices import selectors, services
from eigenkracht.invoices.forms import employer_form
from eigenkracht.invoices.models import BillingDetails, Document
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.self_service.access import registrant_view


def _registrations() -> QuerySet[Registration]:
    return Registration.objects.select_related("training")


def download(document: Document, extension: str) -> HttpResponse:
    # Loaded when used: fpdf2 and lxml are not needed at start-up.
    from eigenkracht.invoices.pdf import document_pdf
    from eigenkracht.invoices.ubl import document_filename, document_ubl

    if extension == "pdf":
        response = HttpResponse(document_pdf(document), content_type="application/pdf")
    else:
        response = HttpResponse(document_ubl(document), content_type="application/xml")
    filename = document_filename(document, extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def registrant_refused_reason(registration: Registration, details: BillingDetails | None) -> str:
    """Why the registrant cannot fill in (or change) the employer's details here ('' if they
    can): an issued invoice is corrected by the office, which credits it."""
    if details is not None and services.open_invoice(registration) is not None:
        return _(
            "De factuur is al opgemaakt. Moet er iets aan veranderen? Mail ons: we maken een "
            "creditnota en een nieuwe factuur."
        )
    if registration.status not in Registration.ACTIVE_STATUSES:
        return _("Deze inschrijving is niet meer actief.")
    if registration.amount_due_cents <= 0:
        return _("Voor een gratis inschrijving is er geen factuur.")
    return ""


@require_http_methods(["GET", "POST"])
@registrant_view(_registrations)
def invoice(request: HttpRequest, registration: Registration) -> HttpResponse:
    details = BillingDetails.objects.filter(registration=registration).first()
    refused = registrant_refused_reason(registration, details)
    form = None if refused else employer_form(request.POST or None, details=details)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.billing_details_save(
                registration=registration, data=form.billing_data(), actor=None
            )
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("De gegevens van je werkgever zijn opgeslagen.")
                + " "
                + (
                    _("De factuur is verstuurd.")
                    if services.open_invoice(registration)
                    else _("De factuur volgt zodra je inschrijving een plaats heeft.")
                ),
            )
        return redirect("trainings:self_service:invoice", code=registration.code)
    return render(
        request,
        "invoices/self_service/invoice.html",
        {
            "registration": registration,
            "training": registration.training,
            "details": details,
            "form": form,
            "refused": refused,
            "documents": selectors.registration_documents(registration.pk),
        },
    )


@require_GET
@registrant_view(_registrations)
def invoice_document(
    request: HttpRequest, registration: Registration, pk: int, extension: str
) -> HttpResponse:
    document = (
        Document.objects.select_related("registration", "credits")
        .filter(registration=registration, pk=pk)
        .first()
    )
    if document is None or extension not in ("pdf", "xml"):
        raise Http404
    return download(document, extension)
