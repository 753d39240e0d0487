"""The same statement in another format (CAMT.053 after CODA, or the other way): its transfers
are the ones already booked, not new money; as many times as the other format holds them."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from eigenkracht.core.models import OutboxMessage
from eigenkracht.payments import services
from eigenkracht.payments.models import BankTransaction, Payment, Refund, StatementImport
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory
from tests.fixtures_gen.camt import CamtEntry, make_camt053
from tests.fixtures_gen.coda import CodaMovement, CodaStatement, make_coda

pytestmark = pytest.mark.django_db

ACCOUNT = "BE68539007547034"
MONDAY = dt.date(2027, 1, 11)
TUESDAY = dt.date(2027, 1, 12)
PAYER = "BE71096123456769"


def coda(*movements: CodaMovement, day: dt.date = MONDAY) -> bytes:
    return make_coda([CodaStatement(account_iban=ACCOUNT, date=day, movements=list(movements))])


def paid_in_coda(registration: Registration, **kwargs) -> CodaMovement:
    return CodaMovement(
        amount_cents=registration.amount_due_cents,
        ogm=registration.structured_communication,
        counterparty_name="CLAES MARIE",
        counterparty_iban=PAYER,
        **kwargs,
    )


def paid_in_camt(registration: Registration, day: dt.date = MONDAY) -> CamtEntry:
    return CamtEntry(
        amount_cents=registration.amount_due_cents,
        ogm=registration.structured_communication,
        counterparty_name="Marie Claes",
        counterparty_iban=PAYER,
        booking_date=day,
    )


def import_(data: bytes, filename: str) -> services.ImportOutcome:
    return services.statement_import(data=data, filename=filename, actor=None)


def test_a_camt_file_after_the_coda_file_of_the_same_day_books_nothing_twice():
    registration = RegistrationFactory()
    import_(coda(paid_in_coda(registration)), "maandag.cod")

    outcome = import_(make_camt053(ACCOUNT, [paid_in_camt(registration)]), "maandag.xml")

    assert outcome.summary["duplicate"] == 1
    assert Payment.objects.count() == 1
    assert not Refund.objects.exists()
    assert not OutboxMessage.objects.filter(kind="refund_surplus").exists()
    stored = StatementImport.objects.get(filename="maandag.xml")
    assert stored.notes_display[-1] == (
        f"1 verrichting(en) van {ACCOUNT} stond(en) al op een uittreksel dat eerder in een ander"
        " formaat ingelezen werd (dezelfde dag, hetzelfde bedrag, dezelfde rekening van de"
        " tegenpartij en dezelfde mededeling) en werd(en) niet opnieuw geboekt."
    )


def test_a_coda_file_after_the_camt_file_is_known_too_however_the_text_is_written():
    registration = RegistrationFactory()
    free = CamtEntry(
        amount_cents=1500,
        text=f"Inschrijving {registration.code} - Marie Claes",
        counterparty_iban=PAYER,
        booking_date=MONDAY,
    )
    import_(make_camt053(ACCOUNT, [paid_in_camt(registration), free]), "maandag.xml")
    refunds = Refund.objects.count()  # the 15.00 came on top of what was due

    outcome = import_(
        coda(
            paid_in_coda(registration),
            CodaMovement(
                amount_cents=1500,
                text=f"INSCHRIJVING {registration.code}  MARIE CLAES",
                counterparty_iban=PAYER,
            ),
        ),
        "maandag.cod",
    )

    assert outcome.summary["duplicate"] == 2
    assert Payment.objects.count() == 1
    assert Refund.objects.count() == refunds == 1


def test_two_identical_payments_stay_two_and_a_third_is_new_money():
    registration = RegistrationFactory()
    import_(coda(paid_in_coda(registration), paid_in_coda(registration)), "maandag.cod")
    assert Refund.objects.get().amount_cents == registration.amount_due_cents  # paid twice

    outcome = import_(
        make_camt053(ACCOUNT, [paid_in_camt(registration)] * 3), "maandag-en-later.xml"
    )

    assert outcome.summary["duplicate"] == 2
    assert outcome.summary["overpaid"] == 1
    assert Refund.objects.count() == 2


def test_the_same_payment_on_another_day_is_new_money():
    registration = RegistrationFactory()
    import_(coda(paid_in_coda(registration)), "maandag.cod")

    outcome = import_(make_camt053(ACCOUNT, [paid_in_camt(registration, TUESDAY)]), "dinsdag.xml")

    assert outcome.summary["duplicate"] == 0
    assert outcome.summary["overpaid"] == 1


def test_a_payer_paying_two_registrations_alike_is_told_apart_by_the_communication():
    first, second = RegistrationFactory(), RegistrationFactory(training__fee_cents=2000)
    assert first.amount_due_cents == second.amount_due_cents
    # A file of the first payment only (an export made during the day), then the whole day.
    import_(make_camt053(ACCOUNT, [paid_in_camt(first)]), "maandag-middag.xml")

    outcome = import_(coda(paid_in_coda(first), paid_in_coda(second)), "maandag.cod")

    assert outcome.summary["duplicate"] == 1
    assert outcome.summary["matched"] == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.amount_paid_cents == second.amount_paid_cents == second.amount_due_cents
    assert not Refund.objects.exists()


def test_after_undoing_the_first_format_the_other_books_the_money():
    registration = RegistrationFactory()
    import_(coda(paid_in_coda(registration)), "maandag.cod")
    services.statement_import_undo(
        statement_import=StatementImport.objects.get(filename="maandag.cod"), actor=None
    )

    outcome = import_(make_camt053(ACCOUNT, [paid_in_camt(registration)]), "maandag.xml")

    assert outcome.summary["matched"] == 1
    registration.refresh_from_db()
    assert registration.amount_paid_cents == registration.amount_due_cents


def test_the_first_format_cannot_be_undone_while_the_other_relies_on_it():
    registration = RegistrationFactory()
    import_(coda(paid_in_coda(registration)), "maandag.cod")
    import_(make_camt053(ACCOUNT, [paid_in_camt(registration)]), "maandag.xml")
    first = StatementImport.objects.get(filename="maandag.cod")

    blocker = services.statement_import_undo_blocker(first)
    with pytest.raises(services.ImportRefused):
        services.statement_import_undo(statement_import=first, actor=None)

    assert blocker == (
        "Een later ingelezen uittreksel in een ander formaat (maandag.xml) herkende verrichtingen"
        " uit dit bestand en boekte ze daarom niet opnieuw. Maak eerst dat bestand ongedaan."
    )
    registration.refresh_from_db()
    assert registration.amount_paid_cents == registration.amount_due_cents
    # Undoing the later file first, then the first, leaves nothing booked, as neither was read.
    services.statement_import_undo(
        statement_import=StatementImport.objects.get(filename="maandag.xml"), actor=None
    )
    services.statement_import_undo(statement_import=first, actor=None)
    registration.refresh_from_db()
    assert registration.amount_paid_cents == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises every write, so there is no race to prove",
)
def test_two_formats_imported_at_the_same_moment_book_a_transfer_once(monkeypatch):
    """Both files are split before either is written: the second to write splits again."""
    unknown = CodaMovement(amount_cents=4321, text="huur zaal", counterparty_iban=PAYER)
    files = [
        (coda(unknown), "maandag.cod"),
        (
            make_camt053(
                ACCOUNT,
                [
                    CamtEntry(
                        amount_cents=4321,
                        text="huur zaal",
                        counterparty_iban=PAYER,
                        booking_date=MONDAY,
                    )
                ],
            ),
            "maandag.xml",
        ),
    ]
    split_both = threading.Barrier(2)
    transfers_split = services.transfers_split
    first_splits: set[str] = set()

    def split_then_wait(parsed):
        known = transfers_split(parsed)
        if parsed.format not in first_splits:  # only the first split of each waits for the other
            first_splits.add(parsed.format)
            split_both.wait(timeout=10)
        return known

    monkeypatch.setattr(services, "transfers_split", split_then_wait)
    outcomes = []

    def run(data: bytes, filename: str) -> None:
        try:
            outcomes.append(import_(data, filename).summary)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=file) for file in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert BankTransaction.objects.count() == 1
    assert sorted(summary["duplicate"] for summary in outcomes) == [0, 1]
