"""Printable A4 documents of a trajectory: the invitation letter per participant and the accepted
plan for the family. Both carry only what their reader needs: the letter the practical details of
the meeting and a summary of the privacy notice meant for its reader, the plan its agreements with
the names of the people in them (no concerns, no notes, no contact details).

Every text a coordinator typed flows as a paragraph that wraps and runs on to the next page; none
goes in a table cell, because a table row has to fit on one page (an fpdf2 error otherwise).
"""

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.core.models import Organisation
from eigenkracht.core.pdf import FONT, GREY, PURPLE, Document
from eigenkracht.trajectories.formatting import hour, long_day
from eigenkracht.trajectories.models import Agreement, Conference, Participant, Plan, Trajectory
from eigenkracht.trajectories.notices import privacy_notice_for
from eigenkracht.trajectories.work.forms import language_labels


class _Document(Document):
    footer_line = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.footer_line)
        self.cell(0, 5, _("Pagina %(page)s") % {"page": self.page_no()}, align="R")


def _document(*, created: dt.date, compress: bool, footer: str) -> _Document:
    pdf = _Document(created=created, compress=compress)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 18, 20)
    pdf.footer_line = footer
    pdf.add_page()
    return pdf


def _letterhead(pdf: Document, organisation: Organisation) -> None:
    pdf.set_font(FONT, "B", 15)
    pdf.set_text_color(*PURPLE)
    pdf.cell(0, 8, organisation.name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 9)
    address = f"{organisation.street}, {organisation.postcode} {organisation.city}"
    contact = " - ".join(part for part in (organisation.phone, organisation.email) if part)
    for line in (address, contact):
        pdf.cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*PURPLE)
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
    pdf.ln(8)


def _paragraph(pdf: Document, text: str, *, size: float = 11, style: str = "") -> None:
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


LABEL_WIDTH = 45
LINE = 5.5


def _rule(pdf: Document) -> None:
    pdf.set_draw_color(200, 200, 200)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())


def _labelled(
    pdf: Document, label: str, value: str, *, indent: float, label_width: float, size: float
) -> None:
    """A bold label with its value beside it as a flowing paragraph: the value wraps, breaks
    words longer than the line and runs on to the next page, so no value is ever too long (a
    table cell has to fit on one page)."""
    height = size / 2
    if pdf.will_page_break(2 * height):  # a label never stands alone at the foot of a page
        pdf.add_page()
    top, page = pdf.get_y(), pdf.page
    pdf.set_x(pdf.l_margin + indent)
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(label_width - 2, height, label, align="L", new_x="LMARGIN", new_y="NEXT")
    label_bottom = pdf.get_y()
    pdf.set_xy(pdf.l_margin + indent + label_width, top)
    pdf.set_font(FONT, "", size)
    pdf.multi_cell(0, height, value, new_x="LMARGIN", new_y="NEXT")
    if pdf.page == page:
        pdf.set_y(max(pdf.get_y(), label_bottom))


def _facts(pdf: Document, rows: Sequence[tuple[str, str]]) -> None:
    """Label and value side by side, with a thin line between the rows; values of any length."""
    _rule(pdf)
    for label, value in rows:
        pdf.ln(1.5)
        _labelled(pdf, label, value, indent=0, label_width=LABEL_WIDTH, size=11)
        pdf.ln(1.5)
        _rule(pdf)
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
    pdf = _document(created=today, compress=compress, footer=organisation.name)
    _letterhead(pdf, organisation)

    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(0, 5.5, participant.name, align="L", new_x="LMARGIN", new_y="NEXT")
    if participant.address:
        pdf.multi_cell(90, 5.5, participant.address, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.cell(
        0,
        5.5,
        f"{organisation.city}, {long_day(today)}",
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
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
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
    pdf.ln(4)
    _paragraph(pdf, _("Over je gegevens"), size=9, style="B")
    _paragraph(pdf, privacy_notice_for(participant).text, size=9)
    return pdf.pdf_bytes()


def _names(participants: Sequence[Participant]) -> str:
    return ", ".join(p.name for p in participants)


def _agreement(pdf: Document, number: int, agreement: Agreement) -> None:
    """One agreement as a numbered paragraph with who, when and who follows up under it; a
    long agreement runs on to the next page instead of breaking the document."""
    indent = 9
    if pdf.will_page_break(4 * LINE):  # keep the number with the first lines
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_font(FONT, "B", 11)
    pdf.cell(indent, LINE, f"{number}.")
    pdf.set_xy(pdf.l_margin + indent, top)
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(0, LINE, agreement.what, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(0.5)
    for label, value in (
        (_("Wie"), _names(list(agreement.responsible.all())) or "-"),
        (_("Tegen wanneer"), agreement.due or "-"),
        (_("Wie volgt op"), agreement.checked_by.name if agreement.checked_by else "-"),
    ):
        _labelled(pdf, label, value, indent=indent, label_width=32, size=10)
    pdf.ln(3)
    _rule(pdf)
    pdf.ln(2)


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
        created=timezone.localdate(plan.accepted_at) if plan.accepted_at else timezone.localdate(),
        compress=compress,
        footer=_("%(organisation)s - plan %(reference)s")
        % {"organisation": organisation.name, "reference": trajectory.reference},
    )
    _letterhead(pdf, organisation)
    pdf.set_font(FONT, "B", 18)
    pdf.set_text_color(*PURPLE)
    pdf.cell(0, 9, _("Ons plan"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 10)
    pdf.cell(
        0,
        5,
        _("Eigen Kracht-conferentie, referentie %(reference)s, versie %(revision)s")
        % {"reference": trajectory.reference, "revision": plan.revision},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)

    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 6, _("De vraag"), new_x="LMARGIN", new_y="NEXT")
    _paragraph(pdf, trajectory.central_question)

    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 7, _("De afspraken"), new_x="LMARGIN", new_y="NEXT")
    for number, agreement in enumerate(agreements, start=1):
        _agreement(pdf, number, agreement)
    if not agreements:
        _paragraph(pdf, _("Er zijn geen afspraken genoteerd."))
    pdf.ln(3)

    rows = []
    if plan.evaluation_on:
        rows.append((_("Evaluatie"), long_day(plan.evaluation_on)))
    rows.append((_("Als het anders loopt"), plan.if_things_go_differently or "-"))
    if plan.accepted_at:
        rows.append((_("Aanvaard op"), long_day(timezone.localdate(plan.accepted_at))))
    _facts(pdf, rows)
    return pdf.pdf_bytes()
