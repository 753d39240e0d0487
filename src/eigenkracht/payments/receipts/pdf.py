"""The receipt of payment ("betalingsbewijs"), A4, in the style of the certificate."""

from django.utils.translation import gettext as _

from eigenkracht.banking.ogm import ogm_display
from eigenkracht.core.formatting import day, euro, session_line
from eigenkracht.core.models import Organisation
from eigenkracht.core.pdf import FONT, GREY, PURPLE, Document
from eigenkracht.payments.receipts.services import (
    receipt_amounts,
    receipt_date,
    receipt_number,
)
from eigenkracht.trainings.models import Registration

LABEL_WIDTH = 62  # "Gestructureerde mededeling" in bold, on one line


def _facts(pdf: Document, rows: list[tuple[str, str]]) -> None:
    for label, value in rows:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(LABEL_WIDTH, 6, label)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")


def _heading(pdf: Document, text: str) -> None:
    pdf.ln(4)
    pdf.set_font(FONT, "B", 12)
    pdf.set_text_color(*PURPLE)
    pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)


def receipt_pdf(
    *, registration: Registration, organisation: Organisation | None = None, compress: bool = True
) -> bytes:
    """The registration must come from `receipt_registrations()` (payments, sessions loaded)."""
    organisation = organisation or Organisation.current()
    training = registration.training
    venue = training.venue
    payments = list(registration.payments.all())

    dated = receipt_date(registration)
    pdf = Document(created=dated, compress=compress)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(20, 18, 20)
    number = receipt_number(registration)
    pdf.set_title(_("Betalingsbewijs %(number)s") % {"number": number})
    pdf.set_author(organisation.name)
    pdf.add_page()

    # The organisation, as on its letters.
    pdf.set_font(FONT, "B", 14)
    pdf.set_text_color(*PURPLE)
    pdf.cell(0, 7, organisation.name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 10)
    lines = [organisation.street, f"{organisation.postcode} {organisation.city}"]
    enterprise_number = getattr(organisation, "enterprise_number", "")
    if enterprise_number:
        lines.append(_("Ondernemingsnummer %(number)s") % {"number": enterprise_number})
    lines.append(" · ".join(part for part in (organisation.email, organisation.phone) if part))
    for line in lines:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")

    pdf.ln(8)
    pdf.set_font(FONT, "B", 22)
    pdf.set_text_color(*PURPLE)
    pdf.cell(0, 12, _("Betalingsbewijs"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    _facts(
        pdf,
        [
            (_("Nummer"), number),
            (_("Datum"), day(dated)),
            (_("Inschrijving"), registration.code),
            (_("Gestructureerde mededeling"), ogm_display(registration.structured_communication)),
        ],
    )

    _heading(pdf, _("Ontvangen van"))
    received_from = [
        (_("Naam"), registration.full_name),
        (_("E-mailadres"), registration.email),
    ]
    if registration.organisation:
        received_from.append((_("Organisatie"), registration.organisation))
    _facts(pdf, received_from)

    _heading(pdf, _("Vorming"))
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(0, 6, training.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    for session in training.sessions.all():
        line = session_line(session.date, session.start_time, session.end_time)
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(
        0,
        5,
        f"{venue.name}, {venue.street}, {venue.postcode} {venue.city}",
        new_x="LMARGIN",
        new_y="NEXT",
    )

    _heading(pdf, _("Deelnemers"))
    pdf.set_font(FONT, "", 10)
    for participant in registration.participants.all():
        pdf.multi_cell(0, 5, participant.full_name, align="L", new_x="LMARGIN", new_y="NEXT")

    _heading(pdf, _("Betalingen"))
    pdf.set_font(FONT, "", 10)
    with pdf.table(
        col_widths=(100, 70),
        line_height=7,
        first_row_as_headings=True,
        text_align=("LEFT", "RIGHT"),
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        table.row([_("Betaald op"), _("Bedrag")])
        for payment in payments:
            table.row([day(payment.paid_on), euro(payment.amount_cents)])

    pdf.ln(4)
    amounts = receipt_amounts(registration)
    totals = [(_("Te betalen"), euro(amounts.due_cents))]
    if amounts.surplus_cents:
        totals.append((_("Ontvangen"), euro(amounts.received_cents)))
    # Paid for the training: never more than was due.
    totals.append((_("Betaald"), euro(amounts.paid_cents)))
    if amounts.surplus_cents:
        totals.append(
            (
                _("Te veel betaald"),
                _("%(amount)s (wordt terugbetaald)") % {"amount": euro(amounts.surplus_cents)},
            )
        )
    if amounts.refunded_cents:
        totals.append((_("Teruggestort"), euro(amounts.refunded_cents)))
        totals.append((_("Saldo"), euro(amounts.balance_cents)))
    _facts(pdf, totals)
    pdf.set_font(FONT, "B", 10)
    pdf.cell(LABEL_WIDTH, 8, _("Status"))
    pdf.set_font(FONT, "B", 14)
    pdf.set_text_color(*PURPLE)
    cancelled = registration.status == Registration.Status.CANCELLED
    status = _("geannuleerd") if cancelled else _("betaald")
    pdf.cell(0, 8, status.upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)

    pdf.ln(8)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*GREY)
    statement = _(
        "Hiermee bevestigt %(organisation)s dat het te betalen bedrag van %(amount)s voor de "
        "inschrijving %(code)s volledig betaald is."
    ) % {
        "organisation": organisation.name,
        "amount": euro(amounts.paid_cents),
        "code": registration.code,
    }
    if cancelled:
        statement = _(
            "Hiermee bevestigt %(organisation)s dat voor de inschrijving %(code)s %(amount)s "
            "betaald werd. De inschrijving is geannuleerd; wat teruggestort is, staat hierboven."
        ) % {
            "organisation": organisation.name,
            "amount": euro(amounts.paid_cents),
            "code": registration.code,
        }
    elif amounts.surplus_cents:
        statement += " " + _(
            "Wat daarboven ontvangen is (%(surplus)s), hoort niet bij deze betaling en wordt "
            "terugbetaald."
        ) % {"surplus": euro(amounts.surplus_cents)}
    pdf.multi_cell(0, 5, statement, new_x="LMARGIN", new_y="NEXT")
    return pdf.pdf_bytes()
