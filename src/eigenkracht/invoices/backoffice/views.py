"""The office's invoices: the list, downloads, resending, and a registration's invoicing."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.core.http import client_ip
from eigenkracht.core.pagination import paginate
from eigenkracht.core.refusals import Refused
from eigenkracht.invoices import selectors, services
from eigenkracht.invoices.forms import CreditForm, DocumentFilterForm, employer_form
from eigenkracht.invoices.models import BillingDetails, Document
from eigenkracht.invoices.views import download
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.services import registration_viewed

DOCUMENTS_PER_PAGE = 50

backoffice_view = policy_required(can_use_backoffice)


@backoffice_view
@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    filters = DocumentFilterForm(request.GET or None)
    status, q = "", ""
    if filters.is_valid():
        status, q = filters.cleaned_data["status"], filters.cleaned_data["q"]
    page = paginate(request, selectors.office_documents(status=status, q=q), DOCUMENTS_PER_PAGE)
    selectors.attach_mail_status(page.object_list)
    return render(
        request,
        "invoices/backoffice/document_list.html",
        {
            "filters": filters,
            "page_obj": page,
            "is_filtered": bool(status or q),
            "peppol_configured": services.peppol_configured(),
        },
    )


def _document_or_404(pk: int) -> Document:
    return get_object_or_404(Document.objects.select_related("registration", "credits"), pk=pk)


@backoffice_view
@require_GET
def document_download(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    if extension not in ("pdf", "xml"):
        raise Http404
    document = _document_or_404(pk)
    registration_viewed(
        registration=document.registration,
        actor=request.user,
        page=f"invoice_{extension}",
        ip_address=client_ip(request),
    )
    return download(document, extension)


@backoffice_view
@require_POST
def document_resend(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(pk)
    services.document_resend(document=document, actor=request.user)
    messages.success(
        request,
        _("%(document)s wordt opnieuw %(way)s verstuurd.")
        % {"document": capfirst(str(document)), "way": services.delivery_way(document)},
    )
    if request.POST.get("back") == "registration":
        return redirect("trainings_backoffice:registration_detail", pk=document.registration_id)
    return redirect("invoices_backoffice:document_list")


@backoffice_view
@require_http_methods(["GET", "POST"])
def document_credit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(pk)
    if document.kind != Document.Kind.INVOICE:
        raise Http404
    form = CreditForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            credit_note = services.credit_note_issue(
                invoice=document, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Creditnota %(number)s is opgemaakt en wordt %(way)s verstuurd.")
                % {"number": credit_note.number, "way": services.delivery_way(credit_note)},
            )
        return redirect("trainings_backoffice:registration_detail", pk=document.registration_id)
    return render(
        request, "invoices/backoffice/document_credit.html", {"document": document, "form": form}
    )


def _registration_or_404(pk: int) -> Registration:
    return get_object_or_404(Registration.objects.select_related("training"), pk=pk)


@backoffice_view
@require_http_methods(["GET", "POST"])
def registration_billing(request: HttpRequest, pk: int) -> HttpResponse:
    """The office fills in or corrects the employer's details; a correction credits the issued
    invoice and issues a new one (the page says so)."""
    registration = _registration_or_404(pk)
    details = BillingDetails.objects.filter(registration=registration).first()
    form = employer_form(request.POST or None, details=details)
    if request.method == "POST" and form.is_valid():
        try:
            services.billing_details_save(
                registration=registration, data=form.billing_data(), actor=request.user
            )
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("De gegevens van de werkgever zijn opgeslagen."))
        return redirect("trainings_backoffice:registration_detail", pk=registration.pk)
    return render(
        request,
        "invoices/backoffice/registration_billing.html",
        {
            "registration": registration,
            "training": registration.training,
            "form": form,
            "invoiced": services.open_invoice(registration) is not None,
        },
    )


@backoffice_view
@require_POST
def registration_invoice_issue(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _registration_or_404(pk)
    try:
        document = services.invoice_issue(registration=registration, actor=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Factuur %(number)s is opgemaakt en wordt %(way)s verstuurd.")
            % {"number": document.number, "way": services.delivery_way(document)},
        )
    return redirect("trainings_backoffice:registration_detail", pk=registration.pk)
