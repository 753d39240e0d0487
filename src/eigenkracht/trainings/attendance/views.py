"""Record attendance per session, print the list to sign: the office's pages here; a trainer's
(the same page, for their own trainings only) in `trainings.trainers.views`."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.core.http import client_ip
from eigenkracht.trainings.attendance.forms import AttendanceForm
from eigenkracht.trainings.attendance.services import attendance_record, session_participants
from eigenkracht.trainings.models import Attendance, Session
from eigenkracht.trainings.questions.services import attendance_list_answers
from eigenkracht.trainings.services import registrations_read

backoffice_view = policy_required(can_use_backoffice)


def _session_or_404(pk: int) -> Session:
    return get_object_or_404(Session.objects.select_related("training__venue"), pk=pk)


def _present_ids(session: Session) -> set[int]:
    return set(
        Attendance.objects.filter(session=session, present=True).values_list(
            "participant_id", flat=True
        )
    )


def attendance_page(
    request: HttpRequest, session: Session, *, template: str, saved_url: str
) -> HttpResponse:
    """The attendance form of one session (already allowed to the user): shown, or saved and
    back to `saved_url`."""
    participants = list(session_participants(session))
    form = AttendanceForm(request.POST or None, participant_ids=[p.pk for p in participants])
    if request.method == "POST" and form.is_valid():
        counts = attendance_record(
            session=session,
            present_participant_ids=form.cleaned_data["present"],
            actor=request.user,
        )
        messages.success(
            request,
            _("Aanwezigheden opgeslagen: %(present)s aanwezig, %(absent)s afwezig.") % counts,
        )
        return redirect(saved_url)
    present = _present_ids(session)
    recorded = Attendance.objects.filter(session=session).exists()
    return render(
        request,
        template,
        {
            "session": session,
            "training": session.training,
            "rows": [(p, p.pk in present) for p in participants],
            "recorded": recorded,
            "form": form,
        },
    )


def attendance_pdf_response(request: HttpRequest, session: Session) -> HttpResponse:
    """The attendance list to sign of one session (already allowed to the user)."""
    # Loaded when used: fpdf2 costs 0.25 s, and reversing a URL imports every view.
    from eigenkracht.trainings.attendance.pdf import attendance_list_pdf

    participants = list(session_participants(session))
    answers = attendance_list_answers(session.training, participants)
    if any(answers.values()):  # answers may be health data: who printed them is recorded
        registrations_read(
            actor=request.user,
            page=f"attendance-list:{session.pk}",
            ids=sorted({p.registration_id for p in participants}),
            ip_address=client_ip(request),
        )
    pdf = attendance_list_pdf(
        session=session,
        participants=participants,
        present_participant_ids=_present_ids(session),
        answers=answers,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"aanwezigheden-{session.training_id}-{session.date:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@backoffice_view
@require_http_methods(["GET", "POST"])
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(pk)
    return attendance_page(
        request,
        session,
        template="trainings/attendance/session_attendance.html",
        saved_url=request.path,
    )


@backoffice_view
@require_GET
def session_attendance_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return attendance_pdf_response(request, _session_or_404(pk))
