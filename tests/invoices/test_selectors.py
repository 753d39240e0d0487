"""What the payments app reads from invoices: numbers per registration, documents per period."""

import datetime as dt

import pytest

from eigenkracht.invoices import services
from eigenkracht.invoices.selectors import documents_in_period, invoice_numbers
from tests.factories import RegistrationFactory
from tests.invoices.conftest import invoiced

pytestmark = pytest.mark.django_db


def test_invoice_numbers_gives_each_registration_its_latest_invoice(office):
    first, second = invoiced(), invoiced()
    services.registration_credit(registration=first, actor=office, reason="fout")
    newer = services.invoice_issue(registration=first, actor=office)
    without = RegistrationFactory()

    numbers = invoice_numbers([first.pk, second.pk, without.pk])

    assert numbers == {first.pk: newer.number, second.pk: second.invoice_documents.get().number}


def test_documents_in_period_holds_invoices_and_credit_notes_issued_then(office):
    registration = invoiced()
    invoice = registration.invoice_documents.get()
    credit_note = services.credit_note_issue(
        invoice=invoice,
        actor=office,
        reason="fout",
        today=invoice.issued_on + dt.timedelta(days=40),
    )
    day = invoice.issued_on

    assert list(documents_in_period(day, day)) == [invoice]
    assert list(documents_in_period(day, day + dt.timedelta(days=40))) == [credit_note, invoice]
    assert list(documents_in_period(day + dt.timedelta(days=1), day + dt.timedelta(days=39))) == []
