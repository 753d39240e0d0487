"""Importing a statement: idempotent, atomic, honest results, one confirmation mail."""

import dataclasses
import datetime as dt
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.core.outbox import outbox_retry, outbox_send
from eigenkracht.payments import services
from eigenkracht.payments.models import BankTransaction, Payment, Refund, StatementImport
from eigenkracht.payments.statements.base import StatementError
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory, VenueFactory
from tests.fixtures_gen.coda import CodaMovement, CodaStatement, make_coda

pytestmark = pytest.mark.django_db

ACCOUNT = "BE68539007547034"


def coda(*movements: CodaMovement, number: int = 1, old_balance: int = 0) -> bytes:
    return make_coda(
        [
            CodaStatement(
                account_iban=ACCOUNT,
                movements=list(movements),
                number=number,
                date=dt.date(2027, 1, 15),
                old_balance_cents=old_balance,
            )
        ]
    )


def import_(data: bytes, **kwargs) -> services.ImportOutcome:
    return services.statement_import(data=data, filename="uittreksel.cod", actor=None, **kwargs)


def test_a_transfer_with_the_right_structured_communication_confirms_once(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory()
    data = coda(
        CodaMovement(
            amount_cents=2000,
            ogm=registration.structured_communication,
            counterparty_name="CLAES MARIE",
            counterparty_iban="BE71096123456769",
        )
    )

    with django_capture_on_commit_callbacks(execute=True):
        outcome = import_(data)
    with django_capture_on_commit_callbacks(execute=True):
        again = import_(data)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.amount_paid_cents == 2000
    assert outcome.summary["matched"] == 1
    (row,) = outcome.rows
    assert row.registrations == [registration.code]
    assert row.structured is True
    assert row.counterparty_iban == "BE71096123456769"
    assert again.summary["duplicate"] == 1 and again.summary["matched"] == 0
    assert Payment.objects.count() == 1
    assert OutboxMessage.objects.filter(kind="registration_confirmed").count() == 1


def test_an_overlapping_file_adds_only_what_is_new():
    first, second = RegistrationFactory(), RegistrationFactory()
    monday = CodaStatement(
        account_iban=ACCOUNT,
        number=1,
        date=dt.date(2027, 1, 11),
        movements=[CodaMovement(amount_cents=2000, ogm=first.structured_communication)],
    )
    tuesday = CodaStatement(
        account_iban=ACCOUNT,
        number=2,
        date=dt.date(2027, 1, 12),
        old_balance_cents=2000,
        movements=[CodaMovement(amount_cents=2000, ogm=second.structured_communication)],
    )
    import_(make_coda([monday]))

    outcome = import_(make_coda([monday, tuesday]))

    assert outcome.summary["duplicate"] == 1
    assert outcome.summary["matched"] == 1
    assert BankTransaction.objects.count() == 2


def test_the_same_statement_twice_is_known_and_two_identical_payments_stay_two():
    registration = RegistrationFactory(seats=2, amount_due_cents=4000)
    half = CodaMovement(
        amount_cents=2000, ogm=registration.structured_communication, counterparty_name="X"
    )
    data = coda(half, half)

    first = import_(data)
    second = import_(data)

    assert first.summary["partial"] == 1 and first.summary["matched"] == 1
    assert second.summary["duplicate"] == 2
    registration.refresh_from_db()
    assert registration.amount_paid_cents == 4000


def test_less_is_partial_and_the_registrant_is_told_what_is_still_due(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        outcome = import_(
            coda(CodaMovement(amount_cents=1500, ogm=registration.structured_communication))
        )

    assert outcome.summary["partial"] == 1
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    assert registration.amount_open_cents == 500
    mail = OutboxMessage.objects.get(kind="registration_partially_paid")
    assert "€ 5,00" in mail.body_text


def test_more_is_confirmed_with_the_surplus_recorded_for_a_refund():
    registration = RegistrationFactory()

    outcome = import_(
        coda(CodaMovement(amount_cents=2500, ogm=registration.structured_communication))
    )

    assert outcome.summary["overpaid"] == 1
    assert BankTransaction.objects.get().surplus_cents == 500
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_a_payment_for_a_cancelled_registration_is_flagged_not_booked():
    registration = RegistrationFactory(status=Registration.Status.CANCELLED)

    outcome = import_(
        coda(CodaMovement(amount_cents=2000, ogm=registration.structured_communication))
    )

    assert outcome.summary["review"] == 1
    transaction = BankTransaction.objects.get()
    assert transaction.flag == "inactive_registration"
    assert not Payment.objects.exists()


def test_outgoing_transfers_are_stored_but_not_matched():
    outcome = import_(coda(CodaMovement(amount_cents=-35000, text="huur zaal"), old_balance=100000))

    assert outcome.summary["ignored"] == 1
    assert BankTransaction.objects.get().amount_cents == -35000


def test_a_name_and_city_transfer_is_booked_when_it_is_unambiguous():
    training = TrainingFactory(venue=VenueFactory(city="Hasselt"))
    registration = RegistrationFactory(training=training, first_name="Griet", last_name="Vanhoutte")

    outcome = import_(
        coda(
            CodaMovement(
                amount_cents=2000,
                text="Griet Vanhoutte vorming Hasselt",
                counterparty_name="VANHOUTTE GRIET",
            )
        )
    )

    assert outcome.rows[0].registrations == [registration.code]


def test_a_dry_run_writes_nothing():
    registration = RegistrationFactory()

    outcome = import_(
        coda(CodaMovement(amount_cents=2000, ogm=registration.structured_communication)),
        dry_run=True,
    )

    assert outcome.summary["matched"] == 1
    assert not StatementImport.objects.exists()
    assert not BankTransaction.objects.exists()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING


def test_a_broken_file_writes_nothing():
    data = coda(CodaMovement(amount_cents=2000, text="x"))
    broken = data.replace(b"\r\n9", b"\r\n8", 1)

    with pytest.raises(StatementError):
        import_(broken)
    assert not StatementImport.objects.exists()


def test_undo_restores_the_registrations_and_is_audited():
    registration = RegistrationFactory()
    import_(coda(CodaMovement(amount_cents=2000, ogm=registration.structured_communication)))
    statement_import = StatementImport.objects.get()
    manager = UserFactory(role="manager")

    services.statement_import_undo(statement_import=statement_import, actor=manager)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    assert registration.amount_paid_cents == 0
    assert not BankTransaction.objects.exists()
    assert AuditEntry.objects.filter(action="statement.undone", actor=manager).exists()
    assert (
        import_(
            coda(CodaMovement(amount_cents=2000, ogm=registration.structured_communication))
        ).summary["matched"]
        == 1
    )


def test_undo_of_an_overpayment_withdraws_the_refund_it_booked():
    registration = RegistrationFactory(amount_due_cents=2000)
    import_(coda(CodaMovement(amount_cents=3000, ogm=registration.structured_communication)))
    refund = Refund.objects.get()

    services.statement_import_undo(statement_import=StatementImport.objects.get(), actor=None)

    refund.refresh_from_db()
    assert (refund.status, refund.paid_by) == (Refund.Status.WITHDRAWN, None)
    assert refund.note == "De inlezing van het rekeninguittreksel werd ongedaan gemaakt."
    registration.refresh_from_db()
    assert registration.amount_paid_cents == 0


def test_undo_stops_the_import_s_mails_that_have_not_gone_out(
    django_capture_on_commit_callbacks,
):
    overpaid = RegistrationFactory(amount_due_cents=2000)
    partly = RegistrationFactory(amount_due_cents=2000)
    import_(
        coda(
            CodaMovement(amount_cents=3000, ogm=overpaid.structured_communication,
                         counterparty_iban="BE71096123456769"),
            CodaMovement(amount_cents=500, ogm=partly.structured_communication),
        )
    )  # fmt: skip
    queued = set(OutboxMessage.objects.values_list("kind", flat=True))
    assert queued == {"registration_confirmed", "registration_partially_paid", "refund_surplus"}

    services.statement_import_undo(statement_import=StatementImport.objects.get(), actor=None)
    with django_capture_on_commit_callbacks(execute=True):  # the worker's tasks were lost
        outbox_retry(now=timezone.now() + dt.timedelta(hours=1))

    assert mail.outbox == []
    reason = "De inlezing van het rekeninguittreksel werd ongedaan gemaakt."
    assert set(OutboxMessage.objects.values_list("status", "error")) == {
        (OutboxMessage.Status.DISMISSED, reason)
    }
    data = AuditEntry.objects.get(action="statement.undone").data
    assert (data["mails_withdrawn"], data["refund_mails_withdrawn"]) == (2, 1)


def test_undo_leaves_the_mails_that_went_out_and_the_earlier_ones(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(amount_due_cents=2000)
    # A mail of a payment by hand before the import, still waiting for the mail server.
    earlier = outbox_send(kind="registration_partially_paid", recipient=registration.email,
                          recipe="registration_partially_paid", related=registration)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        import_(coda(CodaMovement(amount_cents=2000, ogm=registration.structured_communication)))

    services.statement_import_undo(statement_import=StatementImport.objects.get(), actor=None)

    confirmed = OutboxMessage.objects.get(kind="registration_confirmed")
    assert confirmed.status == OutboxMessage.Status.SENT
    earlier.refresh_from_db()
    assert earlier.status == OutboxMessage.Status.QUEUED


def test_a_confirmation_the_undo_stopped_goes_out_when_the_money_is_booked_again(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(amount_due_cents=2000)
    data = coda(CodaMovement(amount_cents=2000, ogm=registration.structured_communication))
    import_(data)  # the worker had not composed its mails yet
    services.statement_import_undo(statement_import=StatementImport.objects.get(), actor=None)

    with django_capture_on_commit_callbacks(execute=True):
        import_(data)

    assert [m.subject for m in mail.outbox if "bevestigd" in m.subject] != []
    registration.refresh_from_db()
    assert registration.confirmation_sent_at is not None


def test_undo_of_an_upload_imported_later_leaves_the_mails_from_before_the_import():
    registration = RegistrationFactory(amount_due_cents=2000)
    upload = services.statement_import_queue(
        data=coda(CodaMovement(amount_cents=500, ogm=registration.structured_communication)),
        filename="uittreksel.cod", format="auto", actor=None,
    )  # fmt: skip
    # Between the upload and its import: a payment by hand and its mail.
    by_hand = outbox_send(kind="registration_partially_paid", recipient=registration.email,
                          recipe="registration_partially_paid", related=registration)  # fmt: skip
    services.statement_import_run(statement_import_id=upload.pk)

    services.statement_import_undo(statement_import=upload, actor=None)

    by_hand.refresh_from_db()
    assert by_hand.status == OutboxMessage.Status.QUEUED
    from_the_file = OutboxMessage.objects.exclude(pk=by_hand.pk).get()
    assert from_the_file.status == OutboxMessage.Status.DISMISSED


def test_undo_is_refused_once_the_overpayment_s_refund_is_in_a_file():
    registration = RegistrationFactory(amount_due_cents=2000)
    import_(coda(CodaMovement(amount_cents=3000, ogm=registration.structured_communication)))
    Refund.objects.update(status=Refund.Status.SENT)

    with pytest.raises(services.ImportRefused, match="overschrijvingsbestand"):
        services.statement_import_undo(statement_import=StatementImport.objects.get(), actor=None)
    assert BankTransaction.objects.count() == 1


def test_undo_goes_through_when_the_office_withdrew_the_overpayment_s_refund():
    registration = RegistrationFactory(amount_due_cents=2000)
    import_(coda(CodaMovement(amount_cents=3000, ogm=registration.structured_communication)))
    Refund.objects.update(status=Refund.Status.WITHDRAWN)

    services.statement_import_undo(statement_import=StatementImport.objects.get(), actor=None)

    assert not BankTransaction.objects.exists()
    assert Refund.objects.get().status == Refund.Status.WITHDRAWN


def test_undo_is_refused_after_a_decision_by_hand():
    RegistrationFactory()
    import_(coda(CodaMovement(amount_cents=2000, text="voor de vorming")))
    office = UserFactory()
    services.transaction_dismiss(bank_transaction=BankTransaction.objects.get(), actor=office)

    with pytest.raises(services.ImportRefused, match="manueel"):
        services.statement_import_undo(statement_import=StatementImport.objects.get(), actor=office)


def test_review_queue_splits_one_transfer_over_two_registrations():
    first, second = RegistrationFactory(), RegistrationFactory()
    import_(coda(CodaMovement(amount_cents=4500, text="betaling voor twee collega's")))
    transaction = BankTransaction.objects.get()
    office = UserFactory()

    services.transaction_assign(
        bank_transaction=transaction,
        allocations=[
            services.Allocation(registration=first, amount_cents=2000),
            services.Allocation(registration=second, amount_cents=2000),
        ],
        actor=office,
    )

    transaction.refresh_from_db()
    assert transaction.result == BankTransaction.Result.OVERPAID
    assert transaction.surplus_cents == 500
    assert transaction.resolved_by == office
    assert set(
        Registration.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    ) == {Registration.Status.CONFIRMED}
    assert AuditEntry.objects.filter(action="bank_transaction.assigned", actor=office).exists()


def test_the_command_prints_json_and_exits_2_on_an_invalid_file(tmp_path, capsys):
    registration = RegistrationFactory()
    good = tmp_path / "goed.cod"
    good.write_bytes(
        coda(CodaMovement(amount_cents=2000, ogm=registration.structured_communication))
    )
    bad = tmp_path / "kapot.cod"
    bad.write_bytes(b"0000 dit is geen coda\n")

    call_command("import_statement", str(good), "--json", "--dry-run")

    printed = json.loads(capsys.readouterr().out)
    assert printed["summary"]["matched"] == 1
    (row,) = printed["transactions"]
    assert set(row) == {
        "bank_id", "date", "amount_cents", "counterparty_name", "counterparty_iban",
        "communication", "structured", "result", "registrations", "reason",
    }  # fmt: skip
    assert row["registrations"] == [registration.code]
    with pytest.raises(CommandError) as refused:
        call_command("import_statement", str(bad), "--format", "coda")
    assert refused.value.returncode == 2
    assert "regel 1" in str(refused.value)


def test_money_for_a_cancelled_training_waits_for_staff_instead_of_confirming():
    registration = RegistrationFactory()
    registration.training.status = "cancelled"
    registration.training.save(update_fields=["status"])

    outcome = import_(
        coda(CodaMovement(amount_cents=2000, ogm=registration.structured_communication))
    )

    assert outcome.summary["review"] == 1
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    assert not Payment.objects.exists()


def test_a_payment_after_the_deadline_does_not_take_seats_that_are_no_longer_held():
    registration = RegistrationFactory(payment_deadline=dt.date.today() - dt.timedelta(days=3))

    outcome = import_(
        coda(CodaMovement(amount_cents=2000, ogm=registration.structured_communication))
    )

    assert outcome.summary["review"] == 1
    assert BankTransaction.objects.get().flag == "inactive_registration"


def test_an_xml_file_with_an_unknown_encoding_is_refused_with_a_message():
    with pytest.raises(StatementError, match="tekenset"):
        import_(b'<?xml version="1.0" encoding="bogus"?><Document/>', format="camt053")


def test_an_import_that_meets_another_import_of_the_same_lines_is_refused_as_busy(monkeypatch):
    data = coda(CodaMovement(amount_cents=500, counterparty_name="An Peeters"))
    import_(data)
    transfers_split = services.transfers_split

    def all_new(parsed):
        # As if another import stored these lines after this one had checked which are known.
        known = transfers_split(parsed)
        return dataclasses.replace(known, new=known.new + known.duplicates, duplicates=[])

    monkeypatch.setattr(services, "transfers_split", all_new)

    with pytest.raises(services.ImportRefused) as refused:
        import_(data)

    assert refused.value.code == "import_busy"
    assert StatementImport.objects.count() == 1


def test_a_registration_paid_by_hand_while_the_file_was_matched_is_matched_again(monkeypatch):
    registration = RegistrationFactory(amount_due_cents=2000)
    data = coda(CodaMovement(amount_cents=2000, ogm=registration.structured_communication))
    decide = services._decide
    rounds = []

    def decide_then_paid_by_hand(new, progress):
        decided = decide(new, progress)
        if not rounds:  # the office books 500 by hand before this import writes
            services.registration_mark_paid(
                registration=registration,
                amount_cents=500,
                paid_on=dt.date(2027, 1, 14),
                actor=None,
            )
        rounds.append(decided)
        return decided

    monkeypatch.setattr(services, "_decide", decide_then_paid_by_hand)

    outcome = import_(data)

    registration.refresh_from_db()
    assert len(rounds) == 2
    assert outcome.summary["overpaid"] == 1  # 1,500 was still open: 500 goes back
    assert registration.amount_paid_cents == 2000
    assert BankTransaction.objects.get().surplus_cents == 500
    assert Payment.objects.count() == 2
    assert StatementImport.objects.count() == 1


def test_a_held_upload_imported_later_forgets_why_it_was_held():
    registration = RegistrationFactory()
    data = coda(CodaMovement(amount_cents=2000, ogm=registration.structured_communication))
    held = StatementImport.objects.from_file(
        data=data,
        filename="uittreksel.cod",
        status=StatementImport.Status.FAILED,
        error_code="account_not_ours",
        error_params={"ours": ["BE68539007547034"]},
    )

    import_(data, statement_import=held)

    held.refresh_from_db()
    assert held.status == StatementImport.Status.DONE
    assert (held.error, held.error_code, held.error_params) == ("", "", {})
    assert bytes(held.content) == data
