"""An employer's invoice and the money back agree when a paid, invoiced registration is
cancelled: the invoice is credited, the refund follows the rules, what is kept is invoiced."""

import pytest

from eigenkracht.core.models import Organisation, OutboxMessage
from eigenkracht.invoices import services
from eigenkracht.invoices.models import Document
from eigenkracht.invoices.pdf import document_pdf
from eigenkracht.invoices.ubl import document_ubl
from eigenkracht.payments.models import Refund
from eigenkracht.trainings.self_service import services as self_service
from tests.core.pdf_reader import pdf_text
from tests.invoices.conftest import BILLING, invoiced
from tests.payments.refunds.test_refunds_due import paid_by_bank

pytestmark = pytest.mark.django_db


def test_a_full_refund_credits_the_invoice_and_invoices_nothing_more():
    registration = paid_by_bank(invoiced())

    self_service.registration_cancel_by_registrant(registration=registration)

    kinds = sorted(Document.objects.values_list("kind", "total_cents"))
    assert kinds == [("credit_note", 4000), ("invoice", 4000)]
    assert Refund.objects.get().amount_cents == 4000


def test_a_half_refund_invoices_the_half_that_is_kept(peppol_rules):
    Organisation.objects.update_or_create(pk=1, defaults={"cancellation_refund_percent": 50})
    registration = paid_by_bank(invoiced())

    self_service.registration_cancel_by_registrant(registration=registration)

    documents = list(Document.objects.order_by("created_at", "id"))
    assert [(d.kind, d.total_cents) for d in documents] == [
        ("invoice", 4000),
        ("credit_note", 4000),
        ("invoice", 2000),
    ]
    fee = documents[-1]
    assert fee.description.startswith("Annuleringskosten: ")
    assert Refund.objects.get().amount_cents == 2000
    assert peppol_rules.fatal(document_ubl(fee)) == []


def test_the_credit_note_mail_tells_the_employer_the_money_comes_back(
    django_capture_on_commit_callbacks,
):
    registration = paid_by_bank(invoiced())

    with django_capture_on_commit_callbacks(execute=True):
        self_service.registration_cancel_by_registrant(registration=registration)

    mail = OutboxMessage.objects.get(
        recipient="facturen@caw.example.be", body_text__contains="creditnota"
    )
    assert "We storten € 40,00 terug naar rekening BE71 0961 2345 6769." in mail.body_text
    assert "Een nieuwe factuur volgt" not in mail.body_text


def test_a_credit_note_that_a_new_invoice_replaces_says_so_and_promises_no_refund(
    django_capture_on_commit_callbacks,
):
    registration = paid_by_bank(invoiced())
    details = {**BILLING, "order_reference": "PO-2"}

    with django_capture_on_commit_callbacks(execute=True):
        services.billing_details_save(registration=registration, data=details, actor=None)

    credit_note = Document.objects.get(kind=Document.Kind.CREDIT_NOTE)
    text = pdf_text(document_pdf(credit_note))
    assert "een nieuwe factuur vervangt ze" in text
    assert "storten we terug" not in text
    mail = OutboxMessage.objects.get(body_text__contains=credit_note.number)
    assert "Een nieuwe factuur volgt in een aparte mail." in mail.body_text
