"""A trainer's pages: their trainings, each one's participants, and the attendance of a session.
Another training is a 404 to them; the back office refuses them (it asks `can_use_backoffice`)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_teach
from eigenkracht.core.http import client_ip
from eigenkracht.trainings.attendance.services import session_participants
from eigenkracht.trainings.attendance.views import attendance_page, attendance_pdf_response
from eigenkracht.trainings.models import Session, Training
from eigenkracht.trainings.trainers import selectors, services

trainer_view = policy_required(can_teach)


def _session_or_404(request: HttpRequest, pk: int) -> Session:
    try:
        return selectors.taught_session(request.user, pk)
    except Session.DoesNotExist as exc:
        raise Http404 from exc


@never_cache
@trainer_view
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "trainings/trainers/my_trainings.html", selectors.trainer_overview(request.user)
    )


@never_cache
@trainer_view
@require_GET
def training_participants(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        training = selectors.taught_training(request.user, pk)
    except Training.DoesNotExist as exc:
        raise Http404 from exc
    sessions = list(training.sessions.all())
    # Every session has the training's participants: `session_participants` reads the training.
    participants = list(session_participants(sessions[0])) if sessions else []
    services.participants_viewed(
        training=training, actor=request.user, ip_address=client_ip(request)
    )
    return render(
        request,
        "trainings/trainers/training_participants.html",
        {
            "training": training,
            "sessions": sessions,
            "rows": selectors.attendance_grid(training, participants, sessions),
        },
    )


@never_cache
@trainer_view
@require_http_methods(["GET", "POST"])
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    return attendance_page(
        request,
        _session_or_404(request, pk),
        template="trainings/trainers/session_attendance.html",
        saved_url=request.path,
    )


@trainer_view
@require_GET
def session_attendance_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return attendance_pdf_response(request, _session_or_404(request, pk))
