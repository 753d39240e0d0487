"""The demo data's invoiced registrations: one paid, one open, one credited."""

import io

import pytest
from django.core.management import call_command

from eigenkracht.invoices.demo import demo_invoices
from eigenkracht.invoices.models import Document
from eigenkracht.invoices.selectors import office_documents
from eigenkracht.invoices.ubl import document_ubl

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings) -> tuple[int, str]:
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    return Document.objects.count(), out.getvalue()


def test_the_demo_has_a_paid_an_open_and_a_credited_invoice(demo):
    made, printed = demo

    statuses = sorted(document.status for document in office_documents())
    assert statuses == ["credit_note", "credited", "open", "paid"]
    assert made == 4
    assert "4 facturen en creditnota's" in printed
    assert demo_invoices(actor=None) == 0  # idempotent


def test_every_demo_document_passes_the_official_rules(demo, peppol_rules):
    for document in office_documents():
        assert peppol_rules.fatal(document_ubl(document)) == [], document.number
