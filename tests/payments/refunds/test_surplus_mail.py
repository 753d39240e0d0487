"""Who pays more than was open hears what came and that the rest goes back to their account."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from eigenkracht.accounts.models import Role
from eigenkracht.core.models import AuditEntry, Organisation, OutboxMessage
from eigenkracht.payments import services
from eigenkracht.payments.models import BankTransaction, Refund, StatementImport
from eigenkracht.payments.refunds.services import refund_iban_set, refund_withdraw, refunds_ready
from eigenkracht.payments.services import Allocation
from eigenkracht.privacy.anonymise import registrations_anonymise
from tests.factories import RegistrationFactory, UserFactory
from tests.fixtures_gen.coda import CodaMovement
from tests.payments.test_import_service import coda, import_

pytestmark = pytest.mark.django_db

IBAN = "BE71096123456769"


def pay(registration, cents: int, *, iban: str = IBAN, number: int = 1) -> None:
    movement = CodaMovement(amount_cents=cents, ogm=registration.structured_communication,
                            counterparty_name="CLAES MARIE", counterparty_iban=iban)  # fmt: skip
    import_(coda(movement, number=number))


def mail_about_the_surplus() -> mail.EmailMessage:
    (found,) = [m for m in mail.outbox if "te veel" in m.subject]
    return found


def test_an_overpayment_is_confirmed_and_its_surplus_announced(django_capture_on_commit_callbacks):
    registration = RegistrationFactory(amount_due_cents=2000, email="marie@example.be")

    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000)

    assert any("bevestigd" in m.subject for m in mail.outbox)
    surplus = mail_about_the_surplus()
    assert surplus.to == ["marie@example.be"]
    assert (
        surplus.subject
        == f"Er werd € 10,00 te veel betaald: we storten het terug ({registration.code})"
    )
    assert "We ontvingen € 30,00" in surplus.body
    assert "€ 10,00 meer dan er te betalen was" in surplus.body
    deadline = Refund.objects.get().deadline
    assert f"op rekening BE71 0961 2345 6769, uiterlijk op {deadline:%-d}" in surplus.body
    assert "Je krijgt een mail zodra de overschrijving vertrekt." in surplus.body


def test_paying_twice_says_the_registration_was_already_paid(django_capture_on_commit_callbacks):
    registration = RegistrationFactory(amount_due_cents=2000)
    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 2000)

    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 2000, number=2)

    body = mail_about_the_surplus().body
    assert "We ontvingen € 20,00 voor je inschrijving" in body and "die was al betaald" in body


def test_without_an_account_only_the_mail_asking_for_one_goes_out(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(amount_due_cents=2000)

    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000, iban="")

    kinds = set(OutboxMessage.objects.values_list("kind", flat=True))
    assert "refund_iban_asked" in kinds and "refund_surplus" not in kinds


def test_money_from_an_account_outside_the_sepa_zone_goes_back_to_an_account_we_ask_for(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(amount_due_cents=2000)

    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000, iban="BR1800360305000010009795493C1")

    assert Refund.objects.get().payee_iban == ""
    kinds = set(OutboxMessage.objects.values_list("kind", flat=True))
    assert "refund_iban_asked" in kinds and "refund_surplus" not in kinds


def test_an_anonymised_registration_paid_again_mails_nobody(django_capture_on_commit_callbacks):
    registration = RegistrationFactory(amount_due_cents=2000)
    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 2000)
    registrations_anonymise([registration.pk])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 2000, number=2)

    assert Refund.objects.filter(cause=Refund.Cause.SURPLUS).exists()
    assert not [m for m in mail.outbox if "anoniem" in " ".join(m.to)]


def test_the_refund_page_says_why_nobody_was_asked_for_an_account(office_client):
    registration = RegistrationFactory(amount_due_cents=2000)
    pay(registration, 2000)
    registrations_anonymise([registration.pk])

    pay(registration, 2000, iban="", number=2)

    refund = Refund.objects.get(cause=Refund.Cause.SURPLUS)
    page = office_client.get(reverse("payments_backoffice:refund_detail", args=[refund.pk]))
    html = page.content.decode()
    assert refund.iban_asked_at is None
    assert (
        "Rekeningnummer ontbreekt (niemand meer te vragen: de inschrijving werd anoniem gemaakt)"
        in html
    )
    assert f"{registration.code}</a> Anoniem, " in html


def test_the_office_splitting_a_transfer_announces_no_surplus(django_capture_on_commit_callbacks):
    first = RegistrationFactory(amount_due_cents=2000)
    second = RegistrationFactory(amount_due_cents=2000)
    movement = CodaMovement(amount_cents=4500, text="twee inschrijvingen", counterparty_name="X",
                            counterparty_iban=IBAN)  # fmt: skip
    import_(coda(movement))
    transfer = BankTransaction.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        services.transaction_assign(
            bank_transaction=transfer,
            allocations=[Allocation(first, 2000), Allocation(second, 2000)],
            actor=UserFactory(role=Role.OFFICE),
        )

    assert Refund.objects.get().amount_cents == 500
    assert not [m for m in mail.outbox if "te veel" in m.subject]


def assign(registration, transfer_cents: int, booked_cents: int) -> None:
    movement = CodaMovement(amount_cents=transfer_cents, text="vorming", counterparty_name="X",
                            counterparty_iban=IBAN)  # fmt: skip
    import_(coda(movement))
    services.transaction_assign(
        bank_transaction=BankTransaction.objects.get(amount_cents=transfer_cents),
        allocations=[Allocation(registration, booked_cents)],
        actor=UserFactory(role=Role.OFFICE),
    )


def test_the_office_booking_exactly_what_was_open_announces_the_rest(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(amount_due_cents=2000)

    with django_capture_on_commit_callbacks(execute=True):
        assign(registration, 5000, 2000)

    assert "€ 30,00 meer dan er te betalen was" in mail_about_the_surplus().body


@pytest.mark.parametrize("booked_cents", [1000, 3000])
def test_the_office_booking_another_amount_than_was_open_announces_nothing(
    django_capture_on_commit_callbacks, booked_cents
):
    registration = RegistrationFactory(amount_due_cents=2000)

    with django_capture_on_commit_callbacks(execute=True):
        assign(registration, 5000, booked_cents)

    assert Refund.objects.get().amount_cents == 5000 - booked_cents
    assert not [m for m in mail.outbox if "te veel" in m.subject]


def undo_the_import() -> None:
    services.statement_import_undo(
        statement_import=StatementImport.objects.get(status=StatementImport.Status.DONE),
        actor=None,
    )


def test_the_same_file_imported_again_after_an_undo_announces_the_surplus_once(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(amount_due_cents=2000)
    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000)
    promised = Refund.objects.get().deadline
    undo_the_import()
    Organisation.objects.update(refund_term_days=60)

    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000)

    assert len([m for m in mail.outbox if "te veel" in m.subject]) == 1
    withdrawn, again = Refund.objects.order_by("id")
    assert (again.status, again.amount_cents, again.deadline) == ("due", 1000, promised)
    created = AuditEntry.objects.get(action="refund.created", object_id=str(again.pk))
    assert created.data["continues"] == withdrawn.pk


def test_the_refund_pages_link_the_refund_and_the_one_that_continues_it(office_client):
    registration = RegistrationFactory(amount_due_cents=2000)
    pay(registration, 3000)
    undo_the_import()
    pay(registration, 3000)
    withdrawn, again = Refund.objects.order_by("id")

    def page(refund):
        url = reverse("payments_backoffice:refund_detail", args=[refund.pk])
        return " ".join(office_client.get(url).content.decode().split())

    assert again.continues == withdrawn
    assert (
        f'<dt>Vervolg van</dt><dd><a href="/beheer/betalingen/terugbetalingen/{withdrawn.pk}/">'
        f"{withdrawn.end_to_end_id}</a>: dezelfde overschrijving, opnieuw ingelezen nadat het "
        "rekeninguittreksel ongedaan gemaakt werd</dd>"
    ) in page(again)
    assert (
        f'<dt>Loopt verder als</dt><dd><a href="/beheer/betalingen/terugbetalingen/{again.pk}/">'
        f"{again.end_to_end_id}</a> (te betalen)</dd>"
    ) in page(withdrawn)


def test_a_file_undone_and_imported_twice_still_announces_its_surplus_once(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(amount_due_cents=2000)
    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000)
    promised = Refund.objects.get().deadline
    for _round in range(2):
        undo_the_import()
        Organisation.objects.update(refund_term_days=90)
        with django_capture_on_commit_callbacks(execute=True):
            pay(registration, 3000)

    assert len([m for m in mail.outbox if "te veel" in m.subject]) == 1
    assert Refund.objects.get(status=Refund.Status.DUE).deadline == promised


def test_a_surplus_of_another_amount_after_the_undo_is_announced_again(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(amount_due_cents=2000)
    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000)
    undo_the_import()
    services.registration_mark_paid(registration=registration, amount_cents=2000,
                                    paid_on=dt.date(2027, 1, 10), actor=UserFactory())  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000)

    surplus = [m.subject for m in mail.outbox if "te veel" in m.subject]
    assert surplus == [
        f"Er werd € 10,00 te veel betaald: we storten het terug ({registration.code})",
        f"Er werd € 30,00 te veel betaald: we storten het terug ({registration.code})",
    ]


def test_a_surplus_whose_mail_had_not_gone_out_is_announced_after_the_undo(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(amount_due_cents=2000)
    pay(registration, 3000)  # the worker had not composed its mails yet
    undo_the_import()

    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000)

    assert "€ 10,00 meer dan er te betalen was" in mail_about_the_surplus().body


def test_the_account_the_payer_gave_is_kept_when_the_file_is_imported_again(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(amount_due_cents=2000)
    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000, iban="")
    refund_iban_set(refund=Refund.objects.get(), name="Marie Claes", iban=IBAN, actor=None)
    undo_the_import()

    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000, iban="")

    again = Refund.objects.get(status=Refund.Status.DUE)
    assert (again.payee_name, again.payee_iban) == ("Marie Claes", IBAN)
    asked = [m for m in mail.outbox if "rekeningnummer" in m.body]
    assert len(asked) == 1
    assert not [m for m in mail.outbox if "te veel" in m.subject]


def test_a_surplus_the_office_withdrew_stays_withdrawn_when_the_file_is_imported_again(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(amount_due_cents=2000)
    pay(registration, 3000)
    refund_withdraw(refund=Refund.objects.get(), actor=UserFactory(role=Role.OFFICE),
                    note="Mag blijven: een gift")  # fmt: skip
    undo_the_import()

    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000)

    again = Refund.objects.order_by("id").last()
    assert (again.status, again.note) == (Refund.Status.WITHDRAWN, "Mag blijven: een gift")
    assert not refunds_ready().exists()
    assert not [m for m in mail.outbox if "te veel" in m.subject or "rekeningnummer" in m.body]


def test_the_undo_page_says_which_payers_were_told_their_money_comes_back(
    office_client, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(amount_due_cents=2000)
    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000)
    upload = StatementImport.objects.get()

    page = office_client.get(reverse("payments_backoffice:import_undo", args=[upload.pk]))

    assert (
        "1 deelnemer kreeg al een mail dat we geld terugstorten dat te veel betaald werd. Die "
        "terugbetaling wordt geschrapt, zonder mail. Lees je dit bestand opnieuw in, dan loopt ze "
        "verder zoals gemeld, zonder nieuwe mail."
    ) in page.content.decode()


def test_the_undo_page_still_counts_the_payer_after_the_file_was_imported_again(
    office_client, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(amount_due_cents=2000)
    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000)
    undo_the_import()
    with django_capture_on_commit_callbacks(execute=True):
        pay(registration, 3000)
    again = StatementImport.objects.get(status=StatementImport.Status.DONE)

    page = office_client.get(reverse("payments_backoffice:import_undo", args=[again.pk]))

    assert "1 deelnemer kreeg al een mail dat we geld terugstorten" in page.content.decode()


def test_the_account_the_office_put_in_place_is_kept_when_the_file_is_imported_again():
    registration = RegistrationFactory(amount_due_cents=2000)
    pay(registration, 3000)
    other = "BE62510007547061"
    refund_iban_set(refund=Refund.objects.get(), name="Jan Claes", iban=other,
                    actor=UserFactory(role=Role.OFFICE))  # fmt: skip
    undo_the_import()

    pay(registration, 3000)

    again = Refund.objects.get(status=Refund.Status.DUE)
    assert (again.payee_name, again.payee_iban) == ("Jan Claes", other)


def test_booking_the_transfer_by_hand_decides_anew_on_a_refund_the_office_withdrew():
    registration = RegistrationFactory(amount_due_cents=2000)
    pay(registration, 3000)
    withdrawn = refund_withdraw(refund=Refund.objects.get(), actor=UserFactory(role=Role.OFFICE),
                                note="Mag blijven: een gift")  # fmt: skip
    undo_the_import()
    import_(coda(CodaMovement(amount_cents=3000, text="vorming", counterparty_name="CLAES MARIE",
                              counterparty_iban=IBAN)))  # fmt: skip
    transfer = BankTransaction.objects.get()
    Refund.objects.filter(pk=withdrawn.pk).update(
        undone_transfer=f"{transfer.account} {transfer.bank_id}"
    )  # as if the first file had carried this very transfer

    services.transaction_assign(bank_transaction=transfer,
                                allocations=[Allocation(registration, 2000)],
                                actor=UserFactory(role=Role.OFFICE))  # fmt: skip

    again = Refund.objects.order_by("id").last()
    assert (again.status, again.continues_id) == (Refund.Status.DUE, withdrawn.pk)
