"""The receipt as a download: for the registrant on their own pages, and for the office.

Routed from the trainings URL tables (`trainings:self_service:receipt`,
`trainings_backoffice:registration_receipt`), next to the pages that link to it.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.payments.receipts.services import receipt_filename, receipt_registrations
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.receipts import receipt_available
from eigenkracht.trainings.self_service.access import registrant_view


def _download(registration: Registration) -> HttpResponse:
    # Loaded when used: fpdf2 costs 0.25 s, and reversing a URL imports every view.
    from eigenkracht.payments.receipts.pdf import receipt_pdf

    if not receipt_available(registration):
        raise Http404
    response = HttpResponse(receipt_pdf(registration=registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{receipt_filename(registration)}"'
    return response


@require_GET
@registrant_view(receipt_registrations)
def receipt(request: HttpRequest, registration: Registration) -> HttpResponse:
    """The receipt of payment, once the registration is paid in full; 404 before that."""
    return _download(registration)


@policy_required(can_use_backoffice)
def registration_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The same receipt the registrant downloads from their own page."""
    return _download(get_object_or_404(receipt_registrations(), pk=pk))
