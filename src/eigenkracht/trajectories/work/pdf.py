"""Printable A4 documents of a trajectory: the invitation letter per participant and the accepted
plan for the family. Both carry only what their reader needs: the letter the practical details of
the meeting, the plan its agreements with the names of the people in them (no concerns, no notes,
no contact details).

fpdf2's core fonts only know latin-1; every text passes through `latin1` (see the trainings'
attendance PDFs), which keeps accents and transliterates the rest.
"""

import datetime as dt
from collections.abc import Sequence

from babel.dates import format_date
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from eigenkracht.core.formatting import LOCALE, clock
from eigenkracht.core.models import Organisation
from eigenkracht.trainings.attendance.pdf import latin1
from eigenkracht.trajectories.models import Agreement, Conference, Participant, Plan, Trajectory
from eigenkracht.trajectories.work.forms import language_labels

FONT = "Helvetica"
PURPLE = (107, 44, 145)
LIGHT = (241, 233, 247)


def long_day(value: dt.date) -> str:
    """2026-03-04 -> 'woensdag 4 maart 2026'."""
    return format_date(value, "EEEE d MMMM y", locale=LOCALE)


def hour(value: dt.time) -> str:
    """18:30 -> '18.30 uur'."""
    return _("%(time)s uur") % {"time": clock(value)}


class _Document(FPDF):
    footer_line = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, self.footer_line)
        self.cell(0, 5, latin1(_("Pagina %(page)s") % {"page": self.page_no()}), align="R")


def _document(*, compress: bool, footer: str) -> _Document:
    pdf = _Document(orientation="P", unit="mm", format="A4")
    pdf.set_compression(compress)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 18, 20)
    pdf.footer_line = latin1(footer)
    pdf.add_page()
    return pdf


def _letterhead(pdf: FPDF, organisation: Organisation) -> None:
    pdf.set_font(FONT, "B", 15)
    pdf.set_text_color(*PURPLE)
    pdf.cell(0, 8, latin1(organisation.name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 9)
    address = f"{organisation.street}, {organisation.postcode} {organisation.city}"
    contact = " - ".join(part for part in (organisation.phone, organisation.email) if part)
    for line in (address, contact):
        pdf.cell(0, 4.5, latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*PURPLE)
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
    pdf.ln(8)


def _paragraph(pdf: FPDF, text: str, *, size: float = 11, style: str = "") -> None:
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(0, 5.5, latin1(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _facts(pdf: FPDF, rows: Sequence[tuple[str, str]]) -> None:
    """A two-column table of label and value, with room for long values."""
    pdf.set_font(FONT, "", 11)
    with pdf.table(
        col_widths=(45, 125),
        first_row_as_headings=False,
        line_height=6,
        borders_layout="HORIZONTAL_LINES",
        text_align="LEFT",
        padding=1.5,
    ) as table:
        for label, value in rows:
            row = table.row()
            row.cell(latin1(label), style=FontFace(emphasis="BOLD"))
            row.cell(latin1(value))
    pdf.ln(4)


def invitation_letter_pdf(
    *,
    conference: Conference,
    participant: Participant,
    main_people: Sequence[Participant],
    today: dt.date | None = None,
    compress: bool = True,
) -> bytes:
    """The invitation to the conference (or follow-up conference), for one participant."""
    organisation = Organisation.current()
    trajectory = conference.trajectory
    coordinator = trajectory.coordinator
    today = today or timezone.localdate()
    pdf = _document(compress=compress, footer=organisation.name)
    _letterhead(pdf, organisation)

    pdf.set_font(FONT, "", 11)
    pdf.cell(0, 5.5, latin1(participant.name), new_x="LMARGIN", new_y="NEXT")
    if participant.address:
        pdf.multi_cell(90, 5.5, latin1(participant.address), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.cell(
        0,
        5.5,
        latin1(f"{organisation.city}, {long_day(today)}"),
        align="R",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)

    is_follow_up = conference.kind == Conference.Kind.FOLLOW_UP
    pdf.set_font(FONT, "B", 16)
    pdf.set_text_color(*PURPLE)
    title = (
        _("Uitnodiging voor de vervolgconferentie")
        if is_follow_up
        else _("Uitnodiging voor de Eigen Kracht-conferentie")
    )
    pdf.multi_cell(0, 8, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(3)

    _paragraph(pdf, _("Beste %(name)s,") % {"name": participant.name})
    names = ", ".join(p.name for p in main_people)
    if is_follow_up:
        invitation = _(
            "Graag nodigen we je uit op de vervolgconferentie rond %(names)s. Samen bekijken we "
            "hoe het plan loopt en wat er nog nodig is."
        )
    else:
        invitation = _(
            "Graag nodigen we je uit op de Eigen Kracht-conferentie rond %(names)s. Op deze "
            "bijeenkomst maken familie, vrienden en andere betrokkenen samen een eigen plan. "
            "Jouw aanwezigheid is belangrijk."
        )
    _paragraph(pdf, invitation % {"names": names or _("de familie")})

    rows = [
        (_("Datum"), long_day(conference.date)),
        (_("Beginuur"), hour(conference.start_time)),
        (_("Plaats"), conference.place),
        (_("Adres"), conference.address),
        (_("Taal"), ", ".join(language_labels(conference.languages)) or "-"),
        (_("Tolk"), conference.interpreter or _("Geen tolk voorzien")),
    ]
    if conference.children_arrangements:
        rows.append((_("Voor de kinderen"), conference.children_arrangements))
    _facts(pdf, rows)

    if not is_follow_up:
        _paragraph(
            pdf,
            _(
                "De conferentie begint met een informatieronde. Daarna overleggen familie en "
                "netwerk onder elkaar, zonder de hulpverleners en de coördinator: dat kan enkele "
                "uren duren. Tot slot wordt het plan voorgesteld."
            ),
        )
    contact_name = str(coordinator) if coordinator else organisation.name
    contact_phone = (coordinator.phone if coordinator else "") or organisation.phone
    contact = (
        _(
            "Heb je een vraag, of kun je niet komen? Neem dan contact op met %(name)s, "
            "de coördinator, op %(phone)s."
        )
        if coordinator
        else _("Heb je een vraag, of kun je niet komen? Bel ons op %(phone)s.")
    )
    _paragraph(pdf, contact % {"name": contact_name, "phone": contact_phone})
    pdf.ln(2)
    _paragraph(pdf, _("Hartelijke groeten,"))
    if coordinator:
        _paragraph(pdf, contact_name, style="B")
        _paragraph(pdf, _("EK-coördinator, %(organisation)s") % {"organisation": organisation.name})
    else:
        _paragraph(pdf, organisation.name, style="B")
    return bytes(pdf.output())


def _names(participants: Sequence[Participant]) -> str:
    return ", ".join(p.name for p in participants)


def plan_pdf(
    *,
    trajectory: Trajectory,
    plan: Plan,
    agreements: Sequence[Agreement],
    compress: bool = True,
) -> bytes:
    """The accepted plan as the family keeps it: the question, the agreements, what next."""
    organisation = Organisation.current()
    pdf = _document(
        compress=compress,
        footer=_("%(organisation)s - plan %(reference)s")
        % {"organisation": organisation.name, "reference": trajectory.reference},
    )
    _letterhead(pdf, organisation)
    pdf.set_font(FONT, "B", 18)
    pdf.set_text_color(*PURPLE)
    pdf.cell(0, 9, latin1(_("Ons plan")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 10)
    pdf.cell(
        0,
        5,
        latin1(
            _("Eigen Kracht-conferentie, referentie %(reference)s, versie %(revision)s")
            % {"reference": trajectory.reference, "revision": plan.revision}
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)

    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 6, latin1(_("De vraag")), new_x="LMARGIN", new_y="NEXT")
    _paragraph(pdf, trajectory.central_question)

    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 7, latin1(_("De afspraken")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    with pdf.table(
        col_widths=(8, 67, 35, 30, 30),
        line_height=5,
        first_row_as_headings=True,
        repeat_headings=1,
        text_align="LEFT",
        padding=1.5,
        headings_style=FontFace(emphasis="BOLD", fill_color=LIGHT),
    ) as table:
        table.row(
            [
                latin1(_("Nr")),
                latin1(_("Wat")),
                latin1(_("Wie")),
                latin1(_("Tegen wanneer")),
                latin1(_("Wie volgt op")),
            ]
        )
        for number, agreement in enumerate(agreements, start=1):
            table.row(
                [
                    str(number),
                    latin1(agreement.what),
                    latin1(_names(list(agreement.responsible.all()))),
                    latin1(agreement.due),
                    latin1(agreement.checked_by.name if agreement.checked_by else "-"),
                ]
            )
    pdf.ln(5)

    rows = []
    if plan.evaluation_on:
        rows.append((_("Evaluatie"), long_day(plan.evaluation_on)))
    rows.append((_("Als het anders loopt"), plan.if_things_go_differently or "-"))
    if plan.accepted_at:
        rows.append((_("Aanvaard op"), long_day(timezone.localdate(plan.accepted_at))))
    _facts(pdf, rows)
    return bytes(pdf.output())
