"""Every UBL document the product writes passes the official EN 16931 and Peppol BIS Billing 3.0
rules: no failed assert flagged fatal in either layer."""

import datetime as dt

import pytest
from lxml import etree

from eigenkracht.core.models import Organisation
from eigenkracht.invoices import services
from eigenkracht.invoices.models import Document
from eigenkracht.invoices.ubl import document_ubl, document_ubl_filename
from tests.factories import RegistrationFactory, TrainingFactory
from tests.invoices.conftest import BILLING, invoiced
from tests.invoices.peppol_rules import RULES_DIR

NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
}


def _text(document: bytes, path: str) -> str:
    return etree.fromstring(document).findtext(path, namespaces=NS)


def test_the_rules_accept_the_official_examples_and_refuse_a_broken_one(peppol_rules):
    """The check itself works: official examples pass, a document without a buyer does not."""
    example = (RULES_DIR / "vat-category-E.xml").read_bytes()
    assert peppol_rules.fatal(example) == []
    tree = etree.fromstring(example)
    buyer = tree.find("cac:AccountingCustomerParty", NS)
    buyer.getparent().remove(buyer)
    assert {failure.rule for failure in peppol_rules.fatal(etree.tostring(tree))} == {
        "BR-07",  # the buyer's name
        "BR-10",  # the buyer's address
    }


@pytest.mark.django_db
def test_an_invoice_exempt_from_vat_is_valid_and_says_why(peppol_rules):
    invoice = invoiced().invoice_documents.get()

    ubl = document_ubl(invoice)

    assert peppol_rules.fatal(ubl) == []
    assert _text(ubl, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID") == "E"
    assert (
        _text(ubl, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason")
        == Organisation.current().vat_exemption_text
    )
    assert _text(ubl, "cbc:ID") == invoice.number
    assert _text(ubl, "cac:LegalMonetaryTotal/cbc:PayableAmount") == "40.00"
    assert _text(ubl, "cac:OrderReference/cbc:ID") == "PO-2026-117"
    # The structured communication, so that the bank matching pays the invoice.
    assert _text(ubl, "cac:PaymentMeans/cbc:PaymentID").strip("+").replace("/", "") == (
        invoice.payment_reference
    )
    assert document_ubl_filename(invoice) == f"factuur-{invoice.number}.xml"


@pytest.mark.django_db
def test_an_invoice_with_21_percent_vat_is_valid(peppol_rules):
    organisation = Organisation.current()
    organisation.vat_liable = True
    organisation.save()
    invoice = invoiced(vat_number="BE0412345614").invoice_documents.get()

    ubl = document_ubl(invoice)

    assert peppol_rules.fatal(ubl) == []
    assert _text(ubl, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID") == "S"
    assert _text(ubl, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent") == "21"
    assert _text(ubl, "cac:TaxTotal/cbc:TaxAmount") == "6.94"
    assert _text(ubl, "cac:LegalMonetaryTotal/cbc:PayableAmount") == "40.00"


@pytest.mark.django_db
@pytest.mark.parametrize("fee_cents", [1999, 2001, 3333, 12345])
def test_with_vat_every_fee_gives_a_valid_invoice_that_totals_the_fee(peppol_rules, fee_cents):
    """Two roundings (net price, VAT) leave at most a cent or so: the payable rounding amount."""
    organisation = Organisation.current()
    organisation.vat_liable = True
    organisation.save()
    registration = invoiced()
    services.registration_credit(registration=registration, actor=None, reason="test")
    registration.amount_due_cents = fee_cents * 3
    registration.seats = 3
    registration.save()
    invoice = services.invoice_issue(registration=registration, actor=None)

    ubl = document_ubl(invoice)

    assert peppol_rules.fatal(ubl) == []
    assert invoice.total_cents == fee_cents * 3


@pytest.mark.django_db
def test_a_credit_note_is_valid_and_refers_to_its_invoice(peppol_rules):
    registration = invoiced(peppol_id="0208:0412345614")
    invoice = registration.invoice_documents.get()
    credit_note = services.credit_note_issue(
        invoice=invoice, actor=None, reason="Inschrijving geannuleerd", today=dt.date.today()
    )
    credit_note = Document.objects.select_related("credits").get(pk=credit_note.pk)

    ubl = document_ubl(credit_note)

    assert peppol_rules.fatal(ubl) == []
    assert etree.fromstring(ubl).tag.endswith("}CreditNote")
    assert _text(ubl, "cbc:CreditNoteTypeCode") == "381"
    assert _text(ubl, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID") == invoice.number
    assert _text(ubl, "cac:AccountingCustomerParty/cac:Party/cbc:EndpointID") == "0412345614"
    assert document_ubl_filename(credit_note) == f"creditnota-{credit_note.number}.xml"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("paid_cents", "payable", "due_date"), [(4000, "0.00", False), (1500, "25.00", True)]
)
def test_what_was_paid_before_the_invoice_is_its_prepaid_amount(
    peppol_rules, paid_cents, payable, due_date
):
    registration = RegistrationFactory(
        training=TrainingFactory(fee_cents=2000), seats=2, amount_paid_cents=paid_cents
    )
    services.billing_details_save(registration=registration, data=BILLING, actor=None)

    ubl = document_ubl(registration.invoice_documents.get())

    assert peppol_rules.fatal(ubl) == []
    assert _text(ubl, "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount") == "40.00"
    assert _text(ubl, "cac:LegalMonetaryTotal/cbc:PrepaidAmount") == f"{paid_cents / 100:.2f}"
    assert _text(ubl, "cac:LegalMonetaryTotal/cbc:PayableAmount") == payable
    # Nothing left to pay: no date to pay by and no account to pay to.
    assert (_text(ubl, "cbc:DueDate") is not None) is due_date
    assert (_text(ubl, "cac:PaymentMeans/cbc:PaymentID") is not None) is due_date
