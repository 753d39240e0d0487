"""Invoices and credit notes as UBL 2.1 documents following Peppol BIS Billing 3.0.

`ubl_bytes` is pure (plain data in, XML bytes out, lxml only); `document_ubl` reads an issued
`Document` into that data. Choices, checked against the official EN 16931 and Peppol rules in
the tests:
- seller and buyer are identified by their Belgian enterprise number (scheme 0208), which is also
  their Peppol address unless the buyer gave another participant id;
- the seller's VAT identifier is BE + its enterprise number, also when exempt (BR-E-02 asks for
  it); the buyer's only when they gave one;
- one line per registration, quantity = participants, unit C62 ("one");
- VAT category E with the organisation's exemption text (BR-E-10), or S with its rate;
- the invoice's payment means are a credit transfer (code 30) to the organisation's account with
  the registration's structured communication as payment id, so the existing matching pays it;
  what was paid before the invoice is its prepaid amount (BT-113), and an invoice with nothing
  left to pay has no payment means, due date or payment terms;
- a credit note refers to its invoice (BillingReference, BT-25/26) and carries positive amounts.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from lxml import etree

from eigenkracht.banking.ogm import ogm_display

NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
NS_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
NS_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
# The Peppol document types an access point is told about with the document.
DOCUMENT_TYPE = {
    "invoice": f"{NS_INVOICE}::Invoice##{CUSTOMIZATION_ID}::2.1",
    "credit_note": f"{NS_CREDIT_NOTE}::CreditNote##{CUSTOMIZATION_ID}::2.1",
}
CURRENCY = "EUR"
ENTERPRISE_SCHEME = "0208"  # Belgian enterprise number (KBO/BCE)


@dataclass(frozen=True)
class Party:
    name: str
    street: str
    postcode: str
    city: str
    enterprise_number: str  # 10 digits
    vat_number: str = ""  # "BE0412345614", or empty
    endpoint: str = ""  # "scheme:identifier"; empty: 0208 and the enterprise number
    email: str = ""
    country: str = "BE"

    @property
    def endpoint_parts(self) -> tuple[str, str]:
        scheme, _sep, identifier = (
            self.endpoint or f"{ENTERPRISE_SCHEME}:{self.enterprise_number}"
        ).partition(":")
        return scheme, identifier


@dataclass(frozen=True)
class UblDocument:
    kind: str  # "invoice" or "credit_note"
    number: str
    issued_on: dt.date
    seller: Party
    buyer: Party
    buyer_reference: str  # the buyer's order reference, or ours when they gave none
    description: str
    quantity: int
    unit_net_cents: int
    net_cents: int
    vat_rate_percent: int | None
    vat_cents: int
    vat_exemption_text: str
    rounding_cents: int
    total_cents: int
    prepaid_cents: int = 0  # already paid when issued (BT-113); the rest is payable
    due_on: dt.date | None = None
    order_reference: str = ""
    payment_reference: str = ""  # the structured communication as printed: +++123/4567/89002+++
    payment_terms: str = ""
    iban: str = ""
    bic: str = ""
    account_name: str = ""
    credited_number: str = ""
    credited_issued_on: dt.date | None = None
    note: str = ""


def _amount(cents: int) -> str:
    return str((Decimal(cents) / 100).quantize(Decimal("0.01")))


class _Builder:
    def __init__(self, root: etree._Element) -> None:
        self.root = root

    def cbc(self, parent: etree._Element, tag: str, text: str, **attributes: str):
        element = etree.SubElement(parent, f"{{{NS_CBC}}}{tag}", attributes)
        element.text = text
        return element

    def cac(self, parent: etree._Element, name: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{NS_CAC}}}{name}")

    def money(self, parent: etree._Element, name: str, cents: int):
        return self.cbc(parent, name, _amount(cents), currencyID=CURRENCY)

    def tax_category(self, parent: etree._Element, name: str, doc: UblDocument) -> None:
        category = self.cac(parent, name)
        self.cbc(category, "ID", "E" if doc.vat_rate_percent is None else "S")
        self.cbc(category, "Percent", str(doc.vat_rate_percent or 0))
        if doc.vat_rate_percent is None and name == "TaxCategory":
            self.cbc(category, "TaxExemptionReason", doc.vat_exemption_text)
        self.cbc(self.cac(category, "TaxScheme"), "ID", "VAT")

    def party(self, parent: etree._Element, name: str, party: Party) -> None:
        element = self.cac(self.cac(parent, name), "Party")
        scheme, identifier = party.endpoint_parts
        self.cbc(element, "EndpointID", identifier, schemeID=scheme)
        self.cbc(self.cac(element, "PartyName"), "Name", party.name)
        address = self.cac(element, "PostalAddress")
        self.cbc(address, "StreetName", party.street)
        self.cbc(address, "CityName", party.city)
        self.cbc(address, "PostalZone", party.postcode)
        self.cbc(self.cac(address, "Country"), "IdentificationCode", party.country)
        if party.vat_number:
            tax_scheme = self.cac(element, "PartyTaxScheme")
            self.cbc(tax_scheme, "CompanyID", party.vat_number)
            self.cbc(self.cac(tax_scheme, "TaxScheme"), "ID", "VAT")
        legal = self.cac(element, "PartyLegalEntity")
        self.cbc(legal, "RegistrationName", party.name)
        self.cbc(legal, "CompanyID", party.enterprise_number, schemeID=ENTERPRISE_SCHEME)
        if party.email:
            self.cbc(self.cac(element, "Contact"), "ElectronicMail", party.email)


def ubl_bytes(doc: UblDocument) -> bytes:
    """The UBL 2.1 Invoice or CreditNote, UTF-8 with an XML declaration."""
    invoice = doc.kind == "invoice"
    root_ns, root_name = (NS_INVOICE, "Invoice") if invoice else (NS_CREDIT_NOTE, "CreditNote")
    root = etree.Element(
        f"{{{root_ns}}}{root_name}", nsmap={None: root_ns, "cac": NS_CAC, "cbc": NS_CBC}
    )
    b = _Builder(root)
    b.cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    b.cbc(root, "ProfileID", PROFILE_ID)
    b.cbc(root, "ID", doc.number)
    b.cbc(root, "IssueDate", doc.issued_on.isoformat())
    if invoice and doc.due_on:
        b.cbc(root, "DueDate", doc.due_on.isoformat())
    b.cbc(root, "InvoiceTypeCode" if invoice else "CreditNoteTypeCode", "380" if invoice else "381")
    if doc.note:
        b.cbc(root, "Note", doc.note)
    b.cbc(root, "DocumentCurrencyCode", CURRENCY)
    b.cbc(root, "BuyerReference", doc.buyer_reference)
    if doc.order_reference:
        b.cbc(b.cac(root, "OrderReference"), "ID", doc.order_reference)
    if not invoice:
        reference = b.cac(b.cac(root, "BillingReference"), "InvoiceDocumentReference")
        b.cbc(reference, "ID", doc.credited_number)
        if doc.credited_issued_on:
            b.cbc(reference, "IssueDate", doc.credited_issued_on.isoformat())
    b.party(root, "AccountingSupplierParty", doc.seller)
    b.party(root, "AccountingCustomerParty", doc.buyer)
    if invoice and doc.iban and doc.total_cents > doc.prepaid_cents:
        means = b.cac(root, "PaymentMeans")
        b.cbc(means, "PaymentMeansCode", "30", name="Credit transfer")
        if doc.payment_reference:
            b.cbc(means, "PaymentID", doc.payment_reference)
        account = b.cac(means, "PayeeFinancialAccount")
        b.cbc(account, "ID", doc.iban)
        if doc.account_name:
            b.cbc(account, "Name", doc.account_name)
        if doc.bic:
            b.cbc(b.cac(account, "FinancialInstitutionBranch"), "ID", doc.bic)
    if doc.payment_terms:
        b.cbc(b.cac(root, "PaymentTerms"), "Note", doc.payment_terms)
    tax_total = b.cac(root, "TaxTotal")
    b.money(tax_total, "TaxAmount", doc.vat_cents)
    subtotal = b.cac(tax_total, "TaxSubtotal")
    b.money(subtotal, "TaxableAmount", doc.net_cents)
    b.money(subtotal, "TaxAmount", doc.vat_cents)
    b.tax_category(subtotal, "TaxCategory", doc)
    totals = b.cac(root, "LegalMonetaryTotal")
    b.money(totals, "LineExtensionAmount", doc.net_cents)
    b.money(totals, "TaxExclusiveAmount", doc.net_cents)
    b.money(totals, "TaxInclusiveAmount", doc.net_cents + doc.vat_cents)
    if doc.prepaid_cents:
        b.money(totals, "PrepaidAmount", doc.prepaid_cents)
    if doc.rounding_cents:
        b.money(totals, "PayableRoundingAmount", doc.rounding_cents)
    b.money(totals, "PayableAmount", doc.total_cents - doc.prepaid_cents)
    line = b.cac(root, "InvoiceLine" if invoice else "CreditNoteLine")
    b.cbc(line, "ID", "1")
    b.cbc(
        line,
        "InvoicedQuantity" if invoice else "CreditedQuantity",
        str(doc.quantity),
        unitCode="C62",
    )
    b.money(line, "LineExtensionAmount", doc.net_cents)
    item = b.cac(line, "Item")
    b.cbc(item, "Name", doc.description[:200])
    b.tax_category(item, "ClassifiedTaxCategory", doc)
    b.money(b.cac(line, "Price"), "PriceAmount", doc.unit_net_cents)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# The issued documents ---------------------------------------------------------------------------


def ubl_document(doc) -> UblDocument:
    """An issued `invoices.models.Document` (with `credits` loaded for a credit note) as data."""
    seller = doc.seller
    credited = doc.credits
    return UblDocument(
        kind=doc.kind,
        number=doc.number,
        issued_on=doc.issued_on,
        due_on=doc.due_on,
        seller=Party(
            name=seller["name"],
            street=seller["street"],
            postcode=seller["postcode"],
            city=seller["city"],
            enterprise_number=seller["enterprise_number"],
            vat_number=f"BE{seller['enterprise_number']}",
            email=seller["email"],
        ),
        buyer=Party(
            name=doc.buyer_name,
            street=doc.buyer_street,
            postcode=doc.buyer_postcode,
            city=doc.buyer_city,
            enterprise_number=doc.buyer_enterprise_number,
            vat_number=doc.buyer_vat_number,
            endpoint=doc.buyer_peppol_id,
            email=doc.buyer_email,
        ),
        buyer_reference=doc.buyer_reference or doc.registration.code,
        order_reference=doc.buyer_reference,
        description=doc.description,
        quantity=doc.quantity,
        unit_net_cents=doc.unit_net_cents,
        net_cents=doc.net_cents,
        vat_rate_percent=doc.vat_rate_percent,
        vat_cents=doc.vat_cents,
        vat_exemption_text=doc.vat_exemption_text,
        rounding_cents=doc.rounding_cents,
        total_cents=doc.total_cents,
        prepaid_cents=doc.prepaid_cents,
        payment_reference=ogm_display(doc.payment_reference),
        payment_terms=_payment_terms(doc),
        iban=seller["iban"],
        bic=seller["bic"],
        account_name=seller["beneficiary"],
        credited_number=credited.number if credited else "",
        credited_issued_on=credited.issued_on if credited else None,
        note=doc.reason,
    )


def _payment_terms(doc) -> str:
    if doc.kind != "invoice" or not doc.due_on:
        return ""
    return _("Te betalen vóór %(date)s met de gestructureerde mededeling %(ogm)s.") % {
        "date": f"{doc.due_on:%d/%m/%Y}",
        "ogm": ogm_display(doc.payment_reference),
    }


def document_ubl(doc) -> bytes:
    """The UBL file of an issued invoice or credit note."""
    return ubl_bytes(ubl_document(doc))


def document_filename(doc, extension: str) -> str:
    """'factuur-2026-0001.xml', 'creditnota-C2026-0001.pdf'."""
    word = "factuur" if doc.kind == "invoice" else "creditnota"
    return f"{word}-{doc.number}.{extension}"


def document_ubl_filename(doc) -> str:
    return document_filename(doc, "xml")
