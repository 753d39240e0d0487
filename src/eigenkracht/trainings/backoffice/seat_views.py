"""The office hands a seat on or moves a registration, also past the self-service deadline."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from eigenkracht.trainings.backoffice.views import backoffice_view, registration_or_404
from eigenkracht.trainings.self_service.forms import OfficeTransferForm
from eigenkracht.trainings.self_service.seat_views import SeatPages, move_page, transfer_page

OFFICE = SeatPages(
    by_office=True,
    transfer_form=OfficeTransferForm,
    transfer_template="trainings/backoffice/registration_transfer.html",
    move_template="trainings/backoffice/registration_move.html",
    back=lambda registration: redirect(
        "trainings_backoffice:registration_detail", pk=registration.pk
    ),
    transferred=gettext_lazy("De plaats is doorgegeven aan %(name)s."),
)


@backoffice_view
@require_http_methods(["GET", "POST"])
def registration_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    return transfer_page(request, registration_or_404(pk), OFFICE, actor=request.user)


@backoffice_view
@require_http_methods(["GET", "POST"])
def registration_move(request: HttpRequest, pk: int) -> HttpResponse:
    return move_page(request, registration_or_404(pk), OFFICE, actor=request.user)
