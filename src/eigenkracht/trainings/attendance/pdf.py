"""PDFs for attendance: the list to sign per session and the certificate of attendance."""

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.core.formatting import day, session_line
from eigenkracht.core.models import Organisation
from eigenkracht.core.pdf import FONT, GREY, PURPLE, Document
from eigenkracht.trainings.models import Participant, Session, Training


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
    *, session: Session, participants: Iterable[Participant], compress: bool = True
) -> bytes:
    """A4 list with name, organisation and an empty column to sign; the header repeats."""
    training = session.training
    venue = training.venue
    pdf = _ListPDF(created=session.date, compress=compress)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(15, 15, 15)
    pdf.header_lines = (
        Organisation.current().name,
        _("Aanwezigheidslijst: %(title)s") % {"title": training.title},
        session_line(session.date, session.start_time, session.end_time),
        f"{venue.name}, {venue.street}, {venue.postcode} {venue.city}",
    )
    pdf.add_page()
    pdf.set_font(FONT, "", 11)
    with pdf.table(
        col_widths=(70, 60, 50),
        line_height=10,
        first_row_as_headings=True,
        repeat_headings=1,
        text_align="LEFT",
    ) as table:
        table.row([_("Naam"), _("Organisatie"), _("Handtekening")])
        for participant in participants:
            table.row([participant.full_name, participant.registration.organisation, ""])
    return pdf.pdf_bytes()


def _hours(sessions: list[Session]) -> str:
    """Total hours of the sessions, Belgian notation: 14 or 10,5."""
    seconds = sum(
        (
            dt.datetime.combine(s.date, s.end_time) - dt.datetime.combine(s.date, s.start_time)
        ).seconds
        for s in sessions
    )
    return f"{round(seconds / 3600, 2):g}".replace(".", ",")


def _centred(pdf: Document, height: float, text: str) -> None:
    """A centred paragraph: a long name or title wraps instead of running off the page."""
    pdf.multi_cell(0, height, text, align="C", new_x="LMARGIN", new_y="NEXT")


def certificate_pdf(
    *,
    participant: Participant,
    training: Training,
    sessions: list[Session],
    today: dt.date | None = None,
    compress: bool = True,
) -> bytes:
    """A4 landscape certificate of attendance."""
    today = today or timezone.localdate()
    organisation = Organisation.current()
    pdf = Document(orientation="L", created=today, compress=compress)
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_margins(15, 15, 15)
    pdf.set_title(_("Attest van deelname"))
    pdf.add_page()
    pdf.set_draw_color(*PURPLE)
    pdf.set_line_width(1)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_y(25)
    pdf.set_font(FONT, "B", 14)
    pdf.set_text_color(*PURPLE)
    _centred(pdf, 8, organisation.name)
    pdf.ln(8)
    pdf.set_font(FONT, "B", 30)
    _centred(pdf, 14, _("Attest van deelname"))
    pdf.set_text_color(0, 0, 0)
    pdf.ln(6)
    pdf.set_font(FONT, "", 13)
    _centred(pdf, 8, _("Hierbij verklaren wij dat"))
    pdf.set_font(FONT, "B", 22)
    _centred(pdf, 12, participant.full_name)
    pdf.set_font(FONT, "", 13)
    _centred(pdf, 8, _("heeft deelgenomen aan de vorming"))
    pdf.set_font(FONT, "B", 16)
    _centred(pdf, 9, training.title)
    pdf.ln(3)
    pdf.set_font(FONT, "", 11)
    for session in sessions:
        _centred(pdf, 6, session_line(session.date, session.start_time, session.end_time))
    _centred(pdf, 7, _("In totaal %(hours)s uur.") % {"hours": _hours(sessions)})
    pdf.ln(8)
    _centred(
        pdf,
        7,
        _("Opgemaakt te %(city)s op %(date)s.") % {"city": organisation.city, "date": day(today)},
    )
    pdf.set_font(FONT, "", 10)
    pdf.set_text_color(*GREY)
    _centred(pdf, 7, organisation.name)
    return pdf.pdf_bytes()
