"""The A4 PDF of an invoice and a credit note: what the employer's bookkeeping reads on it."""

import pytest

from eigenkracht.banking.ogm import ogm_display
from eigenkracht.core.formatting import date_long, day
from eigenkracht.core.models import Organisation
from eigenkracht.invoices import services
from eigenkracht.invoices.models import Document
from eigenkracht.invoices.pdf import document_pdf
from tests.core.pdf_reader import pdf_text
from tests.factories import RegistrationFactory, TrainingFactory
from tests.invoices.conftest import BILLING, invoiced

pytestmark = pytest.mark.django_db


def test_an_invoice_pdf_names_both_parties_the_amounts_and_how_to_pay():
    registration = invoiced(vat_number="BE0412345614")
    invoice = registration.invoice_documents.get()

    content = document_pdf(invoice)

    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    organisation = Organisation.current()
    for expected in (
        organisation.name,
        organisation.street,
        f"{organisation.postcode} {organisation.city}",
        "Ondernemingsnummer 0412.345.614",
        "Factuur",
        invoice.number,
        day(invoice.issued_on),
        "CAW Oost-Vlaanderen vzw",
        "Visserij 153",
        "9000 Gent",
        "Btw-nummer BE0412345614",
        "PO-2026-117",
        "Basisvorming Eigen Kracht",
        "€ 20,00",  # per participant
        "€ 40,00",
        organisation.vat_exemption_text,
        ogm_display(registration.structured_communication),
        date_long(invoice.due_on),
    ):
        assert expected in text, expected


def test_with_vat_the_pdf_shows_the_rate_and_the_vat():
    organisation = Organisation.current()
    organisation.vat_liable = True
    organisation.save()
    invoice = invoiced().invoice_documents.get()

    text = pdf_text(document_pdf(invoice))

    for expected in ("Btw-nummer BE 0412.345.614", "Btw 21 %", "€ 6,94", "€ 33,06", "€ 40,00"):
        assert expected in text, expected
    assert organisation.vat_exemption_text not in text


def test_a_credit_note_pdf_names_the_invoice_it_cancels():
    registration = invoiced()
    invoice = registration.invoice_documents.get()
    credit_note = services.credit_note_issue(
        invoice=invoice, actor=None, reason="Inschrijving geannuleerd"
    )
    credit_note = Document.objects.select_related("credits", "registration").get(pk=credit_note.pk)

    text = pdf_text(document_pdf(credit_note))

    for expected in (
        "Creditnota",
        credit_note.number,
        invoice.number,
        "Inschrijving geannuleerd",
        "€ 40,00",
    ):
        assert expected in text, expected
    assert "Gestructureerde mededeling" not in text  # nothing to pay


def test_a_paid_registration_s_invoice_pdf_says_so_and_asks_nothing():
    registration = RegistrationFactory(
        training=TrainingFactory(fee_cents=12000), amount_paid_cents=12000
    )
    services.billing_details_save(registration=registration, data=BILLING, actor=None)

    text = pdf_text(document_pdf(registration.invoice_documents.get()))

    assert "Al betaald" in text
    assert "u hoeft niets meer over te schrijven" in text
    assert "Gestructureerde mededeling" not in text
