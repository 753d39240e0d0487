"""The office hands a seat on or moves a registration, also past the self-service deadline."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eigenkracht.core.refusals import Refused
from eigenkracht.trainings import seat_changes
from eigenkracht.trainings.backoffice.views import backoffice_view, registration_or_404
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.self_service.forms import MoveForm, OfficeTransferForm
from eigenkracht.trainings.self_service.seat_views import moved_message, target_label
from eigenkracht.trainings.services import PersonData


def _back(registration: Registration) -> HttpResponse:
    return redirect("trainings_backoffice:registration_detail", pk=registration.pk)


@backoffice_view
@require_http_methods(["GET", "POST"])
def registration_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    registration = registration_or_404(pk)
    refused = seat_changes.change_refused_reason(registration, by_office=True)
    form = OfficeTransferForm(request.POST or None, participants=registration.participants.all())
    if request.method == "POST" and not refused and form.is_valid():
        data = form.cleaned_data
        try:
            participant = seat_changes.participant_transfer(
                registration=registration,
                participant_id=data["participant"],
                colleague=PersonData(data["first_name"], data["last_name"], data["email"]),
                actor=request.user,
                by_office=True,
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("De plaats is doorgegeven aan %(name)s.") % {"name": participant.full_name},
            )
            return _back(registration)
    return render(
        request,
        "trainings/backoffice/registration_transfer.html",
        {
            "registration": registration,
            "training": registration.training,
            "form": form,
            "refused": refused,
        },
        status=400 if form.errors else 200,
    )


@backoffice_view
@require_http_methods(["GET", "POST"])
def registration_move(request: HttpRequest, pk: int) -> HttpResponse:
    registration = registration_or_404(pk)
    refused = seat_changes.change_refused_reason(registration, by_office=True)
    targets = [] if refused else seat_changes.move_targets(registration, by_office=True)
    form = MoveForm(
        request.POST or None,
        targets=targets,
        labels={t.pk: target_label(registration, t) for t in targets},
    )
    if request.method == "POST" and not refused and form.is_valid():
        chosen = next(t for t in targets if t.pk == form.cleaned_data["training"])
        try:
            moved = seat_changes.registration_move(
                registration=registration, training=chosen, actor=request.user, by_office=True
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, moved_message(moved))
            return _back(registration)
    return render(
        request,
        "trainings/backoffice/registration_move.html",
        {
            "registration": registration,
            "training": registration.training,
            "form": form,
            "targets": targets,
            "refused": refused,
        },
        status=400 if form.errors else 200,
    )
