"""An invoice or credit note as an A4 PDF, in Dutch, with the organisation's details."""

from django.utils.translation import gettext as _

from eigenkracht.banking.ogm import ogm_display
from eigenkracht.core.formatting import date_long, day, euro
from eigenkracht.core.pdf import FONT, GREY, PURPLE, Document
from eigenkracht.invoices.models import Document as InvoiceDocument
from eigenkracht.invoices.services import replaced_by_new_invoice

LABEL_WIDTH = 62  # "Gestructureerde mededeling" in bold, as on the receipt


def _kbo(number: str) -> str:
    return f"{number[:4]}.{number[4:7]}.{number[7:]}"


def _facts(pdf: Document, rows: list[tuple[str, str]]) -> None:
    for label, value in rows:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(LABEL_WIDTH, 6, label)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")


def document_pdf(doc: InvoiceDocument, *, compress: bool = True) -> bytes:
    """`doc` with `credits` and `registration` loaded."""
    seller = doc.seller
    invoice = doc.kind == InvoiceDocument.Kind.INVOICE
    title = _("Factuur") if invoice else _("Creditnota")
    pdf = Document(created=doc.issued_on, compress=compress)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(20, 18, 20)
    pdf.set_title(f"{title} {doc.number}")
    pdf.set_author(seller["name"])
    pdf.add_page()

    # The seller, as on its letters.
    pdf.set_font(FONT, "B", 14)
    pdf.set_text_color(*PURPLE)
    pdf.cell(0, 7, seller["name"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 10)
    vat_line = (
        _("Btw-nummer BE %(number)s")
        if seller["vat_liable"]
        else _("Ondernemingsnummer %(number)s")
    ) % {"number": _kbo(seller["enterprise_number"])}
    for line in (
        seller["street"],
        f"{seller['postcode']} {seller['city']}",
        vat_line,
        " · ".join(part for part in (seller["email"], seller["phone"]) if part),
    ):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")

    # The buyer, where an envelope's window would show it.
    pdf.ln(6)
    pdf.set_x(110)
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(80, 6, doc.buyer_name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    buyer_lines = [doc.buyer_street, f"{doc.buyer_postcode} {doc.buyer_city}"]
    buyer_lines.append(
        _("Ondernemingsnummer %(number)s") % {"number": _kbo(doc.buyer_enterprise_number)}
    )
    if doc.buyer_vat_number:
        buyer_lines.append(_("Btw-nummer %(number)s") % {"number": doc.buyer_vat_number})
    for line in buyer_lines:
        pdf.set_x(110)
        pdf.multi_cell(80, 5, line, new_x="LMARGIN", new_y="NEXT")

    pdf.ln(8)
    pdf.set_font(FONT, "B", 22)
    pdf.set_text_color(*PURPLE)
    pdf.cell(0, 12, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    facts = [(_("Nummer"), doc.number), (_("Datum"), day(doc.issued_on))]
    if not invoice and doc.credits is not None:
        facts.append(
            (
                _("Crediteert factuur"),
                _("%(number)s van %(date)s")
                % {"number": doc.credits.number, "date": day(doc.credits.issued_on)},
            )
        )
    if doc.reason:
        facts.append((_("Reden"), doc.reason))
    if doc.buyer_reference:
        facts.append((_("Uw referentie"), doc.buyer_reference))
    facts.append((_("Inschrijving"), doc.registration.code))
    _facts(pdf, facts)

    pdf.ln(4)
    pdf.set_font(FONT, "", 10)
    rate = _("vrijgesteld") if doc.vat_exempt else f"{doc.vat_rate_percent} %"
    with pdf.table(
        col_widths=(78, 20, 30, 22, 30),  # room for "vrijgesteld" on one line
        line_height=6,
        first_row_as_headings=True,
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        table.row([_("Omschrijving"), _("Aantal"), _("Prijs"), _("Btw"), _("Bedrag")])
        table.row(
            [
                doc.description,
                str(doc.quantity),
                euro(doc.unit_net_cents),
                rate,
                euro(doc.net_cents),
            ]
        )

    pdf.ln(4)
    totals = [(_("Totaal zonder btw"), euro(doc.net_cents))]
    if doc.vat_exempt:
        totals.append((_("Btw"), euro(0)))
    else:
        totals.append((_("Btw %(rate)s %%") % {"rate": doc.vat_rate_percent}, euro(doc.vat_cents)))
    if doc.rounding_cents:
        totals.append((_("Afronding"), euro(doc.rounding_cents)))
    if doc.prepaid_cents:
        totals += [(_("Totaal"), euro(doc.total_cents)), (_("Al betaald"), euro(doc.prepaid_cents))]
    for label, value in totals:
        pdf.set_x(110)
        pdf.set_font(FONT, "", 10)
        pdf.cell(45, 6, label)
        pdf.cell(35, 6, value, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(110)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(45, 8, _("Te betalen") if invoice else _("Gecrediteerd"))
    pdf.cell(
        35,
        8,
        euro(doc.payable_cents if invoice else doc.total_cents),
        align="R",
        new_x="LMARGIN",
        new_y="NEXT",
    )

    pdf.ln(6)
    pdf.set_font(FONT, "", 10)
    if doc.vat_exempt:
        pdf.multi_cell(0, 5, doc.vat_exemption_text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    if invoice and not doc.payable_cents:
        pdf.multi_cell(
            0,
            5,
            _("De factuur is al betaald: u hoeft niets meer over te schrijven."),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    elif invoice:
        pdf.set_font(FONT, "B", 11)
        pdf.set_text_color(*PURPLE)
        pdf.cell(0, 8, _("Betaling"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        payment = [
            (_("Bedrag"), euro(doc.payable_cents)),
            (_("Rekeningnummer (IBAN)"), doc.seller_iban_display),
            (_("BIC"), seller["bic"]),
            (_("Begunstigde"), seller["beneficiary"]),
            (_("Gestructureerde mededeling"), ogm_display(doc.payment_reference)),
        ]
        if doc.due_on:
            payment.append((_("Te betalen vóór"), date_long(doc.due_on)))
        _facts(pdf, payment)
    else:
        if replaced_by_new_invoice(doc):
            settled = _(
                "Deze creditnota annuleert de factuur hierboven; een nieuwe factuur vervangt ze. "
                "Wat al betaald werd, staat daarop als betaald."
            )
        else:
            settled = _(
                "Deze creditnota annuleert de factuur hierboven. Wat al betaald werd, storten we "
                "terug, behalve wat als annuleringskosten apart gefactureerd wordt."
            )
        pdf.multi_cell(0, 5, settled, new_x="LMARGIN", new_y="NEXT")

    pdf.ln(8)
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(
        0,
        4,
        _("%(name)s · ondernemingsnummer %(number)s · %(iban)s")
        % {
            "name": seller["name"],
            "number": _kbo(seller["enterprise_number"]),
            "iban": doc.seller_iban_display,
        },
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return pdf.pdf_bytes()
