"""PDFs for attendance: the list to sign per session and the certificate of attendance."""

import datetime as dt
import io
import logging
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf.fonts import FontFace

from eigenkracht.core.formatting import day, session_line
from eigenkracht.core.models import Organisation
from eigenkracht.core.pdf import FONT, GREY, PURPLE, Document
from eigenkracht.trainings.attendance.hours import attended_hours, hours_display, session_hours
from eigenkracht.trainings.models import Participant, Session, Training
from eigenkracht.trainings.trainers.selectors import trainer_line

logger = logging.getLogger(__name__)
SIGNATURE_HEIGHT = 18  # mm


class _ListPDF(Document):
    header_lines: tuple[str, ...] = ()

    def header(self) -> None:
        self.set_font(FONT, "B", 14)
        self.set_text_color(*PURPLE)
        self.multi_cell(0, 8, self.header_lines[0], align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(FONT, "", 10)
        for line in self.header_lines[1:]:
            self.multi_cell(0, 5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.cell(0, 5, _("Pagina %(page)s") % {"page": self.page_no()}, align="R")


def attendance_list_pdf(
    *,
    session: Session,
    participants: Iterable[Participant],
    present_participant_ids: Collection[int] = frozenset(),
    answers: Mapping[int, str] | None = None,
    compress: bool = True,
) -> bytes:
    """A4 list with name, organisation, the hours attended (once recorded: the same hours as on
    the certificate) and an empty column to sign; the header repeats.

    `answers`: each participant's answers to the questions meant for this list, in one short
    text; with any, they get a column of their own in a smaller font."""
    training = session.training
    venue = training.venue
    duration = hours_display(session_hours(session))
    pdf = _ListPDF(created=session.date, compress=compress)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(15, 15, 15)
    place = (
        _("Online")
        if session.online_only
        else f"{venue.name}, {venue.street}, {venue.postcode} {venue.city}"
    )
    pdf.header_lines = (
        Organisation.current().name,
        _("Aanwezigheidslijst: %(title)s") % {"title": training.title},
        _("%(session)s (%(hours)s uur)")
        % {
            "session": session_line(session.date, session.start_time, session.end_time),
            "hours": duration,
        },
        place,
    )
    pdf.add_page()
    pdf.set_font(FONT, "", 11)
    with_answers = bool(answers and any(answers.values()))
    small = FontFace(size_pt=8)
    with pdf.table(
        col_widths=(48, 34, 48, 14, 36) if with_answers else (62, 52, 20, 46),
        line_height=10,
        first_row_as_headings=True,
        repeat_headings=1,
        text_align="LEFT",
    ) as table:
        headings = [_("Naam"), _("Organisatie"), _("Uren"), _("Handtekening")]
        if with_answers:
            headings.insert(2, _("Antwoorden"))
        table.row(headings)
        for participant in participants:
            # Present: the session's whole duration, as on the certificate (attended_hours).
            present = participant.pk in present_participant_ids
            row = table.row()
            row.cell(participant.full_name)
            row.cell(participant.registration.organisation)
            if with_answers:
                row.cell(answers.get(participant.pk, ""), style=small)
            row.cell(duration if present else "")
            row.cell("")
    return pdf.pdf_bytes()


def _centred(pdf: Document, height: float, text: str) -> None:
    """A centred paragraph: a long name or title wraps instead of running off the page."""
    pdf.multi_cell(0, height, text, align="C", new_x="LMARGIN", new_y="NEXT")


def _signature(pdf: Document, organisation: Organisation) -> None:
    """The signature image of the settings, centred, when there is one and it can be read."""
    if not organisation.signature:
        return
    try:
        with organisation.signature.open("rb") as file:
            image = io.BytesIO(file.read())
    except OSError:
        logger.warning("The signature image %s cannot be read", organisation.signature.name)
        return
    pdf.image(
        image, x=(pdf.w - 50) / 2, y=pdf.get_y(), w=50, h=SIGNATURE_HEIGHT, keep_aspect_ratio=True
    )
    pdf.set_y(pdf.get_y() + SIGNATURE_HEIGHT)


def certificate_check_url(code: str) -> str:
    return settings.SITE_URL + reverse("trainings:certificate_check", args=[code])


def certificate_pdf(
    *,
    participant: Participant,
    training: Training,
    sessions: list[Session],
    present_session_ids: Collection[int] | None = None,
    today: dt.date | None = None,
    compress: bool = True,
) -> bytes:
    """A4 landscape certificate of attendance: hours per session and in total, the learning
    goals, the trainers, the signature and the verification code.

    `present_session_ids` None (a preview) counts every session as attended.
    """
    today = today or timezone.localdate()
    organisation = Organisation.current()
    if present_session_ids is None:
        present_session_ids = {s.pk for s in sessions}
    hours = attended_hours(sessions, present_session_ids)
    pdf = Document(orientation="L", created=today, compress=compress)
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_margins(20, 15, 20)
    pdf.set_title(_("Attest van deelname"))
    pdf.add_page()
    pdf.set_draw_color(*PURPLE)
    pdf.set_line_width(1)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_y(18)
    pdf.set_font(FONT, "B", 13)
    pdf.set_text_color(*PURPLE)
    _centred(pdf, 7, organisation.name)
    pdf.ln(3)
    pdf.set_font(FONT, "B", 26)
    _centred(pdf, 12, _("Attest van deelname"))
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    pdf.set_font(FONT, "", 12)
    _centred(pdf, 7, _("Hierbij verklaren wij dat"))
    pdf.set_font(FONT, "B", 20)
    _centred(pdf, 10, participant.full_name)
    pdf.set_font(FONT, "", 12)
    _centred(pdf, 7, _("heeft deelgenomen aan de vorming"))
    pdf.set_font(FONT, "B", 15)
    _centred(pdf, 8, training.title)
    if trainers := trainer_line(training):
        pdf.set_font(FONT, "", 11)
        _centred(pdf, 6, _("Lesgever(s): %(names)s") % {"names": trainers})
    pdf.ln(2)
    pdf.set_font(FONT, "", 10)
    for session, attended in hours:
        line = session_line(session.date, session.start_time, session.end_time)
        if attended:
            text = _("%(session)s: %(hours)s uur aanwezig") % {
                "session": line,
                "hours": hours_display(attended),
            }
        else:
            text = _("%(session)s: afwezig") % {"session": line}
        _centred(pdf, 5, text)
    pdf.set_font(FONT, "B", 11)
    total = sum((attended for _session, attended in hours), Decimal(0))
    _centred(pdf, 7, _("In totaal %(hours)s uur.") % {"hours": hours_display(total)})
    if training.learning_goals.strip():
        pdf.ln(1)
        pdf.set_font(FONT, "B", 10)
        _centred(pdf, 5, _("Leerdoelen"))
        pdf.set_font(FONT, "", 10)
        for goal in training.learning_goals.splitlines():
            if goal.strip():
                _centred(pdf, 5, goal.strip())
    pdf.ln(3)
    pdf.set_font(FONT, "", 11)
    _centred(
        pdf,
        6,
        _("Opgemaakt te %(city)s op %(date)s.") % {"city": organisation.city, "date": day(today)},
    )
    _signature(pdf, organisation)
    pdf.set_font(FONT, "", 10)
    pdf.set_text_color(*GREY)
    _centred(pdf, 6, organisation.name)
    if participant.certificate_code:
        pdf.ln(2)
        pdf.set_font(FONT, "", 9)
        _centred(
            pdf,
            5,
            _("Verificatiecode %(code)s: controleer dit attest op %(url)s")
            % {
                "code": participant.certificate_code,
                "url": certificate_check_url(participant.certificate_code),
            },
        )
    return pdf.pdf_bytes()
