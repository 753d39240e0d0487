"""PDFs for attendance: the list to sign per session and the certificate of attendance.

fpdf2's core fonts (Helvetica) only know latin-1: every text passes through `latin1`, which keeps
accented letters such as "é", transliterates others ("Ş" -> "S") and replaces the rest with "?".
"""

import datetime as dt
import unicodedata
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from eigenkracht.core.formatting import day, session_line
from eigenkracht.core.models import Organisation
from eigenkracht.trainings.models import Participant, Session, Training

FONT = "Helvetica"
PURPLE = (107, 44, 145)
# Letters and signs without a latin-1 decomposition that still have an obvious stand-in.
_STAND_INS = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "\u0131": "i",
        "Œ": "OE",
        "œ": "oe",
        "€": "EUR",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
    }
)


def latin1(text: str) -> str:
    """Make text safe for the core fonts without losing more than necessary."""
    out = []
    for char in str(text).translate(_STAND_INS):
        try:
            char.encode("latin-1")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode()
            base = "".join(c for c in base if not unicodedata.combining(c))
            out.append(base or "?")
        else:
            out.append(char)
    return "".join(out)


def _document(*, orientation: str = "P", compress: bool = True) -> FPDF:
    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    pdf.set_compression(compress)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(15, 15, 15)
    return pdf


def _bytes(pdf: FPDF) -> bytes:
    return bytes(pdf.output())


class _ListPDF(FPDF):
    header_lines: tuple[str, ...] = ()

    def header(self) -> None:
        self.set_font(FONT, "B", 14)
        self.set_text_color(*PURPLE)
        self.cell(0, 8, self.header_lines[0], new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(FONT, "", 10)
        for line in self.header_lines[1:]:
            self.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.cell(0, 5, latin1(_("Pagina %(page)s") % {"page": self.page_no()}), align="R")


def attendance_list_pdf(
    *, session: Session, participants: Iterable[Participant], compress: bool = True
) -> bytes:
    """A4 list with name, organisation and an empty column to sign; the header repeats."""
    training = session.training
    venue = training.venue
    pdf = _ListPDF(orientation="P", unit="mm", format="A4")
    pdf.set_compression(compress)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(15, 15, 15)
    pdf.header_lines = tuple(
        latin1(line)
        for line in (
            Organisation.current().name,
            _("Aanwezigheidslijst: %(title)s") % {"title": training.title},
            session_line(session.date, session.start_time, session.end_time),
            f"{venue.name}, {venue.street}, {venue.postcode} {venue.city}",
        )
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
        table.row([latin1(_("Naam")), latin1(_("Organisatie")), latin1(_("Handtekening"))])
        for participant in participants:
            table.row(
                [
                    latin1(participant.full_name),
                    latin1(participant.registration.organisation),
                    "",
                ]
            )
    return _bytes(pdf)


def _hours(sessions: list[Session]) -> str:
    """Total hours of the sessions, Belgian notation: 14 or 10,5."""
    seconds = sum(
        (
            dt.datetime.combine(s.date, s.end_time) - dt.datetime.combine(s.date, s.start_time)
        ).seconds
        for s in sessions
    )
    return f"{round(seconds / 3600, 2):g}".replace(".", ",")


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
    pdf = _document(orientation="L", compress=compress)
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_draw_color(*PURPLE)
    pdf.set_line_width(1)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_y(25)
    pdf.set_font(FONT, "B", 14)
    pdf.set_text_color(*PURPLE)
    pdf.cell(0, 8, latin1(organisation.name), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font(FONT, "B", 30)
    pdf.cell(0, 14, latin1(_("Attest van deelname")), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(6)
    pdf.set_font(FONT, "", 13)
    pdf.cell(0, 8, latin1(_("Hierbij verklaren wij dat")), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 22)
    pdf.cell(0, 12, latin1(participant.full_name), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 13)
    pdf.cell(
        0,
        8,
        latin1(_("heeft deelgenomen aan de vorming")),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 9, latin1(training.title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(FONT, "", 11)
    for session in sessions:
        line = session_line(session.date, session.start_time, session.end_time)
        pdf.cell(0, 6, latin1(line), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(
        0,
        7,
        latin1(_("In totaal %(hours)s uur.") % {"hours": _hours(sessions)}),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(8)
    pdf.cell(
        0,
        7,
        latin1(
            _("Opgemaakt te %(city)s op %(date)s.")
            % {"city": organisation.city, "date": day(today)}
        ),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(FONT, "I", 10)
    pdf.cell(0, 7, latin1(organisation.name), align="C", new_x="LMARGIN", new_y="NEXT")
    return _bytes(pdf)
