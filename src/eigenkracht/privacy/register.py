"""The processing register (GDPR article 30(1)): who is responsible, and per category of personal
data its purpose, the people it is about, what it holds, the legal basis, who receives it and how
long it is kept. Generated from `core.retention_terms` and the manager's terms, so that it says
what the system does; the same rows serve the page and the PDF."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigenkracht.core.models import Organisation, RetentionTerms
from eigenkracht.core.retention_terms import retention_rows

SECURITY = gettext_lazy(
    "Toegang enkel met een persoonlijke account en een tweede factor; elke rol ziet alleen wat "
    "ze nodig heeft (een coördinator enkel de eigen trajecten); wie een traject inkijkt of "
    "wijzigt, staat in de auditlog; verbindingen zijn versleuteld (HTTPS); gegevens worden na "
    "hun bewaartermijn anoniem gemaakt; back-ups worden versleuteld bewaard, buiten de server, "
    "en na ten hoogste 14 dagen vervangen."
)


@dataclass(frozen=True)
class Processing:
    label: str
    rows: list[tuple[str, str]]


def register_rows(terms: RetentionTerms | None = None) -> list[Processing]:
    return [
        Processing(
            label=str(row["category"].label),
            rows=[
                (_("Doel"), str(row["category"].purpose)),
                (_("Betrokkenen"), str(row["category"].subjects)),
                (_("Gegevens"), str(row["category"].data)),
                (_("Rechtsgrond"), str(row["category"].legal_basis)),
                (_("Ontvangers"), str(row["category"].recipients)),
                (_("Bewaartermijn"), str(row["term"])),
                (_("Daarna"), str(row["category"].afterwards)),
            ],
        )
        for row in retention_rows(terms)
    ]


def register_pdf(*, today: dt.date | None = None, compress: bool = True) -> bytes:
    # Loaded when used: fpdf2 costs 0.25 s, and reversing a URL imports every view.
    from eigenkracht.core.pdf import FONT, GREY, PURPLE, Document

    organisation = Organisation.current()
    today = today or timezone.localdate()
    pdf = Document(created=today, compress=compress)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.set_text_color(*PURPLE)
    pdf.multi_cell(
        0, 8, _("Register van de verwerkingsactiviteiten"), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 10)
    responsible = [
        organisation.name,
        f"{organisation.street}, {organisation.postcode} {organisation.city}",
        " - ".join(part for part in (organisation.email, organisation.phone) if part),
    ]
    if organisation.enterprise_number:
        responsible.append(
            _("Ondernemingsnummer %(number)s") % {"number": organisation.enterprise_number}
        )
    pdf.multi_cell(0, 5, "\n".join(responsible), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*GREY)
    pdf.multi_cell(
        0,
        5,
        _("Opgemaakt op %(date)s") % {"date": f"{today:%d/%m/%Y}"},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4)
    for processing in register_rows():
        if pdf.will_page_break(30):
            pdf.add_page()
        pdf.set_font(FONT, "B", 12)
        pdf.set_text_color(*PURPLE)
        pdf.multi_cell(0, 6, processing.label, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        for label, value in processing.rows:
            pdf.set_font(FONT, "B", 10)
            pdf.multi_cell(0, 5, label, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT, "", 10)
            pdf.multi_cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.set_font(FONT, "B", 12)
    pdf.set_text_color(*PURPLE)
    pdf.multi_cell(0, 6, _("Beveiliging"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(0, 5, str(SECURITY), new_x="LMARGIN", new_y="NEXT")
    return pdf.pdf_bytes()
