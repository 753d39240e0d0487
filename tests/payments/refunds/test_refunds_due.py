"""When a refund becomes due, for how much, and to which account."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import Organisation, OutboxMessage
from eigenkracht.core.refusals import Refused
from eigenkracht.payments import services as payments
from eigenkracht.payments.exports.builders import build_export
from eigenkracht.payments.models import BankTransaction, Refund
from eigenkracht.payments.refunds import services as refunds
from eigenkracht.trainings import services as trainings
from eigenkracht.trainings.exports.builders import CSV, PAYMENTS, Scope
from eigenkracht.trainings.self_service import services as self_service
from tests.factories import RegistrationFactory, TrainingFactory
from tests.payments.backoffice.files import PAYER_IBAN, coda_file, ogm_payment

pytestmark = pytest.mark.django_db


def paid_by_bank(registration, *, amount_cents=None, number=1):
    payments.statement_import(
        data=coda_file(ogm_payment(registration, amount_cents=amount_cents), number=number),
        filename=f"uittreksel-{number}.cod",
        actor=None,
    )
    registration.refresh_from_db()
    return registration


def test_a_registrant_who_cancels_a_paid_registration_gets_a_refund_to_the_account_that_paid():
    registration = paid_by_bank(RegistrationFactory(training=TrainingFactory(fee_cents=8000)))

    self_service.registration_cancel_by_registrant(registration=registration)

    refund = Refund.objects.get()
    assert refund.status == Refund.Status.DUE
    assert refund.cause == Refund.Cause.CANCELLED_BY_REGISTRANT
    assert refund.amount_cents == 8000
    assert refund.payee_iban == PAYER_IBAN
    assert refund.payee_name == registration.full_name
    assert refund.deadline == timezone.localdate() + dt.timedelta(days=30)
    assert registration.code in refund.communication
    assert not OutboxMessage.objects.filter(kind="refund_iban_asked").exists()


def test_the_cancellation_rule_decides_the_amount_and_the_page_says_the_same():
    Organisation.objects.update_or_create(
        pk=1, defaults={"cancellation_refund_percent": 50, "refund_term_days": 14}
    )
    registration = paid_by_bank(RegistrationFactory(training=TrainingFactory(fee_cents=8000)))

    promise = self_service.refund_text(registration)
    self_service.registration_cancel_by_registrant(registration=registration)

    assert promise == "Er is € 80,00 betaald; we storten € 40,00 terug binnen 14 dagen."
    refund = Refund.objects.get()
    assert refund.amount_cents == 4000
    assert refund.deadline == timezone.localdate() + dt.timedelta(days=14)


def test_a_refund_rule_of_zero_creates_nothing_and_says_so():
    Organisation.objects.update_or_create(pk=1, defaults={"cancellation_refund_percent": 0})
    registration = paid_by_bank(RegistrationFactory())

    promise = self_service.refund_text(registration)
    self_service.registration_cancel_by_registrant(registration=registration)

    assert promise == "Er is € 20,00 betaald; bij annuleren betalen we niets terug."
    assert not Refund.objects.exists()


def test_nothing_paid_nothing_refunded():
    registration = RegistrationFactory()

    self_service.registration_cancel_by_registrant(registration=registration)

    assert not Refund.objects.exists()


def test_the_office_cancels_and_decides_the_amount(office_user):
    registration = paid_by_bank(RegistrationFactory(training=TrainingFactory(fee_cents=8000)))

    trainings.registration_cancel(registration=registration, actor=office_user, refund_cents=3000)

    refund = Refund.objects.get()
    assert (refund.cause, refund.amount_cents) == (Refund.Cause.CANCELLED_BY_OFFICE, 3000)


def test_a_cancelled_training_owes_every_paid_registration_its_money_at_once(office_user):
    training = TrainingFactory(fee_cents=5000)
    paid = [paid_by_bank(RegistrationFactory(training=training), number=n) for n in (1, 2)]
    unpaid = RegistrationFactory(training=training)

    trainings.training_cancel(training=training, actor=office_user, reason="Trainer ziek")

    refunds = Refund.objects.order_by("registration_id")
    assert [r.registration_id for r in refunds] == [r.pk for r in paid]
    assert {r.cause for r in refunds} == {Refund.Cause.TRAINING_CANCELLED}
    assert {r.amount_cents for r in refunds} == {5000}
    assert not Refund.objects.filter(registration=unpaid).exists()


def test_paid_by_hand_the_registrant_is_asked_for_an_account(office_user):
    registration = RegistrationFactory()
    payments.registration_mark_paid(
        registration=registration,
        amount_cents=2000,
        paid_on=timezone.localdate(),
        actor=office_user,
        note="cash",
    )
    registration.refresh_from_db()

    trainings.registration_cancel(registration=registration, actor=office_user)

    refund = Refund.objects.get()
    assert refund.payee_iban == ""
    assert refund.iban_asked_at is not None
    mail = OutboxMessage.objects.get(kind="refund_iban_asked")
    assert mail.recipient == registration.email
    assert "vul je rekeningnummer in" in mail.body_text


def test_money_paid_twice_is_due_back_to_who_paid_it_the_second_time():
    registration = paid_by_bank(RegistrationFactory())

    paid_by_bank(registration, number=2)

    refund = Refund.objects.get()
    assert refund.cause == Refund.Cause.SURPLUS
    assert refund.amount_cents == 2000
    assert refund.registration == registration
    assert refund.paid_by == BankTransaction.objects.order_by("id").last()
    assert refund.payee_iban == PAYER_IBAN


def test_money_paid_too_much_owes_back_the_surplus_only():
    registration = RegistrationFactory()

    paid_by_bank(registration, amount_cents=2500)

    refund = Refund.objects.get()
    assert (refund.cause, refund.amount_cents) == (Refund.Cause.SURPLUS, 500)
    registration.refresh_from_db()
    assert registration.status == registration.Status.CONFIRMED


def test_a_dry_run_owes_nothing():
    registration = RegistrationFactory()

    payments.statement_import(
        data=coda_file(ogm_payment(registration, amount_cents=2500)),
        filename="x.cod",
        actor=None,
        dry_run=True,
    )

    assert not Refund.objects.exists()


def test_a_paid_cancelled_registration_is_a_row_in_the_refunds_export():
    registration = paid_by_bank(RegistrationFactory())
    self_service.registration_cancel_by_registrant(registration=registration)

    csv = build_export(
        kind=PAYMENTS, scope=Scope(training=registration.training), file_format=CSV
    ).content.decode()

    refunds = csv.split("Terugbetalingen")[1]
    assert registration.code in refunds
    assert "Geannuleerd door de deelnemer" in refunds
    assert "20,00" in refunds


def test_the_office_cancel_form_proposes_the_whole_amount_and_refuses_more(office_client):
    registration = paid_by_bank(RegistrationFactory(training=TrainingFactory(fee_cents=8000)))
    url = reverse("trainings_backoffice:registration_cancel", args=[registration.pk])

    form = office_client.get(url).content.decode()
    too_much = office_client.post(url, {"reason": "", "refund": "90,00"}).content.decode()
    office_client.post(url, {"reason": "Ziek", "refund": "25,50"})

    assert 'value="80,00"' in form
    assert "Er is maar € 80,00 betaald" in too_much
    refund = Refund.objects.get()
    assert (refund.cause, refund.amount_cents) == (Refund.Cause.CANCELLED_BY_OFFICE, 2550)


def test_after_a_training_is_cancelled_the_cancel_form_asks_no_amount_it_would_ignore(
    office_client, office_user
):
    training = TrainingFactory(fee_cents=12000)
    registration = paid_by_bank(RegistrationFactory(training=training))
    trainings.training_cancel(training=training, actor=office_user, reason="Trainer ziek")
    url = reverse("trainings_backoffice:registration_cancel", args=[registration.pk])

    form = office_client.get(url).content.decode()
    office_client.post(url, {"reason": "", "refund": "60,00"})

    assert 'name="refund"' not in form
    assert "staat al bij de terugbetalingen sinds de vorming geannuleerd werd" in form
    refund = Refund.objects.get()
    assert (refund.cause, refund.amount_cents) == (Refund.Cause.TRAINING_CANCELLED, 12000)
    registration.refresh_from_db()
    assert registration.status == registration.Status.CANCELLED


def test_reinstating_withdraws_the_refund_that_was_only_due(office_user):
    registration = paid_by_bank(RegistrationFactory())
    trainings.registration_cancel(registration=registration, actor=office_user, refund_cents=1050)

    trainings.registration_reinstate(registration=registration, actor=office_user)

    refund = Refund.objects.get()
    assert refund.status == Refund.Status.WITHDRAWN
    assert refund.note == "Inschrijving opnieuw actief."
    registration.refresh_from_db()
    assert registration.status == registration.Status.CONFIRMED


def test_a_refund_on_its_way_refuses_the_reinstatement(office_user):
    registration = paid_by_bank(RegistrationFactory())
    trainings.registration_cancel(registration=registration, actor=office_user)
    refunds.sepa_file_make(
        refund_ids=[Refund.objects.get().pk],
        actor=office_user,
        execution_date=timezone.localdate(),
    )

    with pytest.raises(Refused, match="zit al in een SEPA-bestand"):
        trainings.registration_reinstate(registration=registration, actor=office_user)

    registration.refresh_from_db()
    assert registration.status == registration.Status.CANCELLED
    assert Refund.objects.get().status == Refund.Status.DUE


def test_the_registration_page_of_the_office_shows_its_refund(office_client):
    registration = paid_by_bank(RegistrationFactory(training=TrainingFactory(fee_cents=8000)))
    url = reverse("trainings_backoffice:registration_cancel", args=[registration.pk])

    done = office_client.post(url, {"reason": "", "refund": "80,00"}, follow=True)

    html = done.content.decode()
    assert "€ 80,00 staat bij de terugbetalingen." in html
    assert "Geannuleerd door het secretariaat" in html
    assert reverse("payments_backoffice:refund_detail", args=[Refund.objects.get().pk]) in html


def test_the_registrant_is_told_when_the_office_cancels_and_what_comes_back(office_client):
    registration = paid_by_bank(RegistrationFactory(training=TrainingFactory(fee_cents=8000)))
    url = reverse("trainings_backoffice:registration_cancel", args=[registration.pk])

    office_client.post(url, {"reason": "De vorming is volzet", "refund": "50,00"})

    mail = OutboxMessage.objects.get(kind="registration_cancelled_by_office")
    assert mail.recipient == registration.email
    assert "We hebben je inschrijving" in mail.body_text
    assert "Reden: De vorming is volzet" in mail.body_text
    assert "We storten € 50,00 terug, uiterlijk op" in mail.body_text
    page = office_client.get(
        reverse("trainings_backoffice:registration_detail", args=[registration.pk])
    ).content.decode()
    assert "Geannuleerd door het secretariaat" in page
