"""Issuing invoices and credit notes: numbers, amounts, immutability, cancellations."""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from eigenkracht.core.models import Organisation, OutboxMessage
from eigenkracht.invoices import services
from eigenkracht.invoices.models import BillingDetails, Document
from eigenkracht.invoices.numbering import number_take
from eigenkracht.invoices.ubl import document_ubl
from eigenkracht.trainings import emails
from eigenkracht.trainings import services as trainings_services
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.periodic import registrations_expire
from eigenkracht.trainings.signals import CancelledBy
from eigenkracht.trainings.waiting_list import registration_accept_offer, registration_offer_seat
from tests.factories import RegistrationFactory, TrainingFactory
from tests.invoices.conftest import BILLING, invoiced

pytestmark = pytest.mark.django_db


def test_an_employer_s_details_give_an_invoice_for_the_registration_s_amount(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = invoiced()

    invoice = Document.objects.get()
    assert invoice.kind == Document.Kind.INVOICE
    assert invoice.number == f"{invoice.issued_on.year}-0001"
    assert invoice.total_cents == registration.amount_due_cents == 4000
    assert invoice.quantity == 2
    assert invoice.vat_exempt
    assert invoice.vat_exemption_text == Organisation.current().vat_exemption_text
    assert invoice.payment_reference == registration.structured_communication
    assert invoice.buyer_name == "CAW Oost-Vlaanderen vzw"
    assert invoice.buyer_reference == "PO-2026-117"
    # By mail to the invoice address, with the PDF and the UBL.
    (message,) = mail.outbox
    assert message.to == ["facturen@caw.example.be"]
    assert invoice.number in message.subject
    assert sorted(name for name, _content, _type in message.attachments) == [
        f"factuur-{invoice.number}.pdf",
        f"factuur-{invoice.number}.xml",
    ]


def test_numbers_follow_each_other_per_year_and_kind():
    first, second = invoiced(), invoiced()
    services.registration_credit(registration=first, actor=None, reason="test")

    numbers = sorted(Document.objects.values_list("number", flat=True))
    year = dt.date.today().year
    assert numbers == [f"{year}-0001", f"{year}-0002", f"C{year}-0001"]
    assert second.invoice_documents.get().sequence == 2


def test_a_new_year_starts_again_at_one(office):
    registration = invoiced()
    services.registration_credit(registration=registration, actor=office, reason="fout")
    later = services.invoice_issue(
        registration=registration, actor=office, today=dt.date(2031, 1, 2)
    )
    assert later.number == "2031-0001"


def test_a_rolled_back_issue_gives_its_number_back():
    year = 2030
    with transaction.atomic():
        number_take(kind=Document.Kind.INVOICE, year=year)
        transaction.set_rollback(True)
    assert number_take(kind=Document.Kind.INVOICE, year=year) == (1, "2030-0001")


def test_the_database_refuses_a_number_twice():
    invoice = invoiced().invoice_documents.get()
    duplicate = Document.objects.filter(pk=invoice.pk).values()[0]
    duplicate.pop("id")
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(**duplicate)


def test_an_issued_invoice_cannot_be_changed():
    invoice = invoiced().invoice_documents.get()
    invoice.total_cents = 1
    with pytest.raises(ValueError, match="cannot be changed"):
        invoice.save()
    with pytest.raises(ValueError, match="cannot be changed"):
        invoice.save(update_fields=["total_cents"])
    invoice.refresh_from_db()
    assert invoice.total_cents == 4000


def test_with_vat_the_fee_includes_it_and_the_total_stays_the_amount_due():
    organisation = Organisation.current()
    organisation.vat_liable = True
    organisation.save()

    invoice = invoiced().invoice_documents.get()

    assert invoice.vat_rate_percent == 21
    assert invoice.unit_net_cents == 1653  # € 20,00 / 1,21
    assert invoice.net_cents == 3306
    assert invoice.vat_cents == 694  # 21 % of € 33,06, rounded
    assert invoice.total_cents == 4000
    assert invoice.rounding_cents == 0
    assert invoice.vat_exemption_text == ""


def test_cancelling_an_invoiced_registration_issues_a_credit_note(
    django_capture_on_commit_callbacks,
):
    registration = invoiced()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        trainings_services.registration_cancel(
            registration=registration, actor=None, cancelled_by=CancelledBy.REGISTRANT
        )

    invoice = Document.objects.get(kind=Document.Kind.INVOICE)
    credit_note = Document.objects.get(kind=Document.Kind.CREDIT_NOTE)
    assert credit_note.credits == invoice
    assert credit_note.total_cents == invoice.total_cents
    assert credit_note.reason == "Inschrijving geannuleerd"
    (message,) = [m for m in mail.outbox if m.to == [invoice.buyer_email]]
    assert "Creditnota" in message.subject and invoice.number in message.body


def test_cancelling_a_training_credits_the_invoices_of_its_registrations():
    registration = invoiced()
    trainings_services.training_cancel(training=registration.training, actor=None, reason="ziek")

    assert Document.objects.get(kind=Document.Kind.CREDIT_NOTE).reason == "Vorming geannuleerd"


def test_a_registration_without_invoice_is_cancelled_as_before():
    registration = RegistrationFactory()
    trainings_services.registration_cancel(registration=registration, actor=None)
    assert not Document.objects.exists()


def test_an_invoice_is_credited_once():
    registration = invoiced()
    invoice = registration.invoice_documents.get()
    services.credit_note_issue(invoice=invoice, actor=None, reason="fout")
    with pytest.raises(services.InvoiceRefused, match="al gecrediteerd"):
        services.credit_note_issue(invoice=invoice, actor=None, reason="nog eens")


def test_a_second_invoice_waits_for_the_first_to_be_credited(office):
    registration = invoiced()
    with pytest.raises(services.InvoiceRefused, match="al een factuur"):
        services.invoice_issue(registration=registration, actor=office)


def test_corrected_details_credit_the_invoice_and_issue_a_new_one(office):
    registration = invoiced()

    services.billing_details_save(
        registration=registration, data={**BILLING, "name": "CAW Gent vzw"}, actor=office
    )

    first, credit_note, second = Document.objects.order_by("created_at", "pk")
    assert credit_note.credits == first
    assert first.buyer_name == "CAW Oost-Vlaanderen vzw"  # the issued invoice keeps its words
    assert second.buyer_name == "CAW Gent vzw"
    assert second.number.endswith("-0002")


def test_unchanged_details_change_nothing(office):
    registration = invoiced()
    services.billing_details_save(registration=registration, data=BILLING, actor=office)
    assert Document.objects.count() == 1


def test_a_registrant_on_the_waiting_list_gets_no_invoice_yet(office):
    registration = RegistrationFactory(status="waiting")
    services.billing_details_save(registration=registration, data=BILLING, actor=office)

    assert BillingDetails.objects.filter(registration=registration).exists()
    assert not Document.objects.exists()
    assert "plaats" in services.invoice_refused_reason(registration)


def test_a_free_training_gets_no_invoice(office):
    registration = RegistrationFactory(training=TrainingFactory(fee_cents=0), status="confirmed")
    services.billing_details_save(registration=registration, data=BILLING, actor=office)
    assert not Document.objects.exists()


def test_a_peppol_participant_without_access_point_gets_the_invoice_by_mail(
    settings, django_capture_on_commit_callbacks
):
    settings.PEPPOL_ACCESS_POINT_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        registration = invoiced(peppol_id="0208:0412345614")

    invoice = registration.invoice_documents.get()
    assert invoice.channel == Document.Channel.PEPPOL
    assert invoice.delivery_status == Document.Delivery.MAILED
    assert "verstuurd per e-mail naar facturen@caw.example.be" in invoice.delivery_detail
    (message,) = mail.outbox
    assert message.to == ["facturen@caw.example.be"]


def test_an_invoiced_registration_that_expires_unpaid_is_credited():
    registration = invoiced()
    type(registration).objects.filter(pk=registration.pk).update(
        payment_deadline=dt.date.today() - dt.timedelta(days=1)
    )

    registrations_expire()

    credit_note = Document.objects.get(kind=Document.Kind.CREDIT_NOTE)
    assert credit_note.reason == "Inschrijving vervallen: niet op tijd betaald"


def test_a_seat_from_the_waiting_list_brings_the_employer_s_invoice(office):
    registration = RegistrationFactory(status="waiting")
    services.billing_details_save(registration=registration, data=BILLING, actor=office)
    registration = registration_offer_seat(registration=registration, actor=office)
    assert not Document.objects.exists()

    registration_accept_offer(registration=registration)

    invoice = Document.objects.get()
    assert invoice.registration == registration
    assert invoice.kind == Document.Kind.INVOICE


def test_a_reinstated_registration_gets_a_new_invoice(office):
    registration = invoiced()
    trainings_services.registration_cancel(registration=registration, actor=office)

    trainings_services.registration_reinstate(registration=registration, actor=office)

    kinds = list(Document.objects.order_by("created_at", "pk").values_list("kind", flat=True))
    assert kinds == ["invoice", "credit_note", "invoice"]
    assert services.open_invoice(registration).sequence == 2


def test_a_paid_registration_cancelled_with_costs_and_reinstated_is_invoiced_whole_again(office):
    registration = invoiced()
    registration.amount_paid_cents = 4000
    registration.status = Registration.Status.CONFIRMED
    registration.save(update_fields=["amount_paid_cents", "status"])
    trainings_services.registration_cancel(
        registration=registration, actor=office, refund_cents=1000
    )
    fee = services.open_invoice(registration)
    assert fee.total_cents == 3000  # the cancellation costs

    trainings_services.registration_reinstate(registration=registration, actor=office)

    fee.refresh_from_db()
    assert fee.credit_note is not None  # credited
    invoice = services.open_invoice(registration)
    assert (invoice.total_cents, invoice.description.startswith("Vorming")) == (4000, True)


def test_the_invoice_names_the_participants_for_the_employers_accounts_department():
    registration = invoiced()

    invoice = Document.objects.get(registration=registration)

    names = [p.full_name for p in registration.participants.all()]
    assert invoice.description.endswith(": " + ", ".join(names))
    assert ", ".join(names).encode() in document_ubl(invoice)


def test_a_part_payment_of_an_invoiced_registration_points_at_the_employer_not_the_registrant():
    registration = invoiced()
    registration.amount_paid_cents = registration.amount_due_cents // 2
    registration.save(update_fields=["amount_paid_cents"])

    emails.send_partially_paid(registration)

    message = OutboxMessage.objects.get(kind="registration_partially_paid")
    for body in (message.body_text, message.body_html):
        assert "Betaal het resterende bedrag" not in body
        assert "vraag daar na of het resterende bedrag betaald wordt" in body
    assert "cid:epc-qr" not in message.body_html  # no code to pay with for the registrant
