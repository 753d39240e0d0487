"""The mail that brings an invoice or credit note: what the employer reads in it."""

import datetime as dt

import pytest
from django.core import mail

from eigenkracht.core.models import OutboxMessage
from eigenkracht.invoices import services
from eigenkracht.trainings import emails
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory
from tests.invoices.conftest import BILLING, invoiced

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailed(django_capture_on_commit_callbacks):
    """Runs an action and composes and sends the mails it stored (that happens after commit)."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def _paid(paid_cents: int, **fields) -> Registration:
    """A confirmed registration of € 120,00 that has `paid_cents` of it, then an employer."""
    registration = RegistrationFactory(
        training=TrainingFactory(fee_cents=12000),
        status=Registration.Status.CONFIRMED,
        amount_paid_cents=paid_cents,
        **fields,
    )
    services.billing_details_save(registration=registration, data=BILLING, actor=None)
    return registration


def test_an_invoice_for_a_paid_registration_does_not_ask_to_pay_again(mailed):
    registration = mailed(lambda: _paid(12000))

    invoice = registration.invoice_documents.get()
    assert (invoice.total_cents, invoice.prepaid_cents, invoice.payable_cents) == (12000, 12000, 0)
    assert invoice.due_on is None
    (message,) = mail.outbox
    assert "Al betaald: € 120,00, te betalen: € 0,00." in message.body
    assert "u hoeft niets meer over te schrijven" in message.body
    for asked in ("Gelieve", "vóór", "+++"):
        assert asked not in message.body


def test_a_partly_paid_registration_s_invoice_asks_for_the_rest(mailed):
    registration = mailed(lambda: _paid(5000))

    assert registration.invoice_documents.get().prepaid_cents == 5000
    (message,) = mail.outbox
    assert "Al betaald: € 50,00, te betalen: € 70,00." in message.body
    assert "Gelieve € 70,00 over te schrijven" in message.body


def test_the_mail_writes_the_iban_and_the_date_as_people_write_them(mailed):
    registration = mailed(lambda: _paid(0, payment_deadline=dt.date(2099, 12, 18)))

    (message,) = mail.outbox
    iban = registration.invoice_documents.get().seller_iban_display
    assert iban.startswith("BE68 5390")
    assert f"over te schrijven op {iban} vóór 18 december 2099, met" in message.body


def test_a_credit_note_s_reason_ends_with_one_full_stop(mailed, office):
    invoice = invoiced().invoice_documents.get()

    mailed(
        lambda: services.credit_note_issue(
            invoice=invoice, actor=office, reason="Dubbel ingeschreven (demogegevens)."
        )
    )

    (message,) = mail.outbox
    assert "Reden: Dubbel ingeschreven (demogegevens).\n" in message.body
    assert ".." not in message.body


def test_the_reminder_to_the_registrant_points_to_the_employers_invoice():
    registration = invoiced()

    emails.send_payment_reminder(registration)

    body = OutboxMessage.objects.get(kind="registration_reminder").body_text
    assert "De factuur ging naar je werkgever, CAW Oost-Vlaanderen vzw" in body
