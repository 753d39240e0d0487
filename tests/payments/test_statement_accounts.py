"""Only statements of our own accounts are imported as they are; what the reader noticed is kept."""

import datetime as dt
import os
from pathlib import Path

import pytest

from eigenkracht.core.models import AuditEntry, Organisation
from eigenkracht.payments import services
from eigenkracht.payments.models import (
    BankTransaction,
    CsvLayout,
    OwnAccount,
    Payment,
    StatementImport,
)
from eigenkracht.payments.statements.csv_formats import ColumnMapping, header_signature
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, UserFactory
from tests.fixtures_gen.accounts import FRENCH_ACCOUNT, OTHER_BELGIAN_ACCOUNT, OUR_ACCOUNT
from tests.fixtures_gen.camt import CamtEntry, CamtStatement, make_camt053_statements
from tests.fixtures_gen.coda import CodaMovement, CodaStatement, make_coda
from tests.fixtures_gen.csv_banks import Booking, make_bank_csv

pytestmark = pytest.mark.django_db

SHARED = Path(os.environ.get("EK_SHARED_DATA") or Path(__file__).resolve().parents[3] / "shared")
CAMT_SAMPLE = SHARED / "data" / "bank-statements" / "oca-nl-sample.camt053.xml"


def import_(data: bytes, **kwargs) -> services.ImportOutcome:
    return services.statement_import(data=data, filename="uittreksel.cod", actor=None, **kwargs)


def _payments_for(registrations, account: str) -> bytes:
    """A day's statement of `account` paying every registration by its structured communication."""
    return make_coda(
        [
            CodaStatement(
                account_iban=account,
                movements=[
                    CodaMovement(amount_cents=2000, ogm=r.structured_communication)
                    for r in registrations
                ],
                date=dt.date(2027, 1, 15),
                old_balance_cents=50000,
            )
        ]
    )


@pytest.mark.parametrize("account", [FRENCH_ACCOUNT, OTHER_BELGIAN_ACCOUNT])
def test_a_statement_of_another_account_is_refused_and_books_nothing(account):
    registrations = [RegistrationFactory() for _ in range(3)]

    with pytest.raises(services.AccountNotOurs) as refused:
        import_(_payments_for(registrations, account))

    message = str(refused.value)
    assert services.account_display(account) in message  # the file's account, as people write it
    assert "BE68 5390 0754 7034" in message  # and ours
    assert not StatementImport.objects.exists()
    assert not Payment.objects.exists()
    assert set(Registration.objects.values_list("status", flat=True)) == {"pending"}


def test_a_dry_run_is_refused_as_well():
    with pytest.raises(services.AccountNotOurs):
        import_(_payments_for([RegistrationFactory()], FRENCH_ACCOUNT), dry_run=True)


def test_an_account_listed_as_ours_is_imported_like_the_one_on_the_payment_instructions():
    OwnAccount.objects.create(iban=OTHER_BELGIAN_ACCOUNT, label="Spaarrekening")
    registration = RegistrationFactory()

    outcome = import_(_payments_for([registration], OTHER_BELGIAN_ACCOUNT))

    assert outcome.summary["matched"] == 1
    assert outcome.accounts[0]["account"] == OTHER_BELGIAN_ACCOUNT
    assert outcome.accounts[0]["ours"] is True


def test_the_payment_instructions_iban_stays_ours_when_the_organisation_changes_it():
    organisation = Organisation.current()
    organisation.iban = OTHER_BELGIAN_ACCOUNT
    organisation.save()

    assert (
        import_(_payments_for([RegistrationFactory()], OTHER_BELGIAN_ACCOUNT)).summary["matched"]
        == 1
    )
    with pytest.raises(services.AccountNotOurs):
        import_(_payments_for([RegistrationFactory()], OUR_ACCOUNT))


def test_staff_may_import_another_account_on_purpose_and_that_is_audited():
    registration = RegistrationFactory()

    outcome = import_(
        _payments_for([registration], FRENCH_ACCOUNT),
        other_accounts=["fr76 3000 6000 0112 3456 7890 189"],
    )

    assert outcome.summary["matched"] == 1
    imported = outcome.statement_import
    assert imported.accepted_accounts == [FRENCH_ACCOUNT]
    assert imported.accounts[0]["ours"] is False
    entry = AuditEntry.objects.get(action="statement.other_account_imported")
    assert entry.data == {"accounts": [FRENCH_ACCOUNT], "our_accounts": [OUR_ACCOUNT]}


def test_accepting_one_account_does_not_let_another_one_through():
    data = make_coda(
        [
            CodaStatement(account_iban=FRENCH_ACCOUNT, movements=[CodaMovement(2000, text="a")]),
            CodaStatement(
                account_iban=OTHER_BELGIAN_ACCOUNT,
                movements=[CodaMovement(2000, text="b")],
                number=2,
            ),
        ]
    )

    with pytest.raises(services.AccountNotOurs) as refused:
        import_(data, other_accounts=[FRENCH_ACCOUNT])

    assert refused.value.foreign == [FRENCH_ACCOUNT, OTHER_BELGIAN_ACCOUNT]


def test_a_file_with_our_account_and_another_one_is_refused_naming_only_the_other():
    data = make_camt053_statements(
        [
            CamtStatement(OUR_ACCOUNT, [CamtEntry(2000, text="a")]),
            CamtStatement(OTHER_BELGIAN_ACCOUNT, [CamtEntry(300, text="b")], statement_id="S2"),
        ]
    )

    with pytest.raises(services.AccountNotOurs) as refused:
        import_(data)

    assert refused.value.foreign == [OTHER_BELGIAN_ACCOUNT]
    assert "BE56 3631 2345 6788" in str(refused.value)
    assert [facts["ours"] for facts in refused.value.accounts] == [True, False]
    assert any("meerdere rekeningen" in note for note in map(str, refused.value.notes))


def test_a_csv_that_names_no_account_is_refused_until_staff_say_so():
    lines = ["Datum;Bedrag;Naam;Mededeling", "04/01/2027;20,00;Jan Peeters;vorming Gent"]
    data = ("\r\n".join(lines) + "\r\n").encode()
    mapping = ColumnMapping(
        date="Datum", amount="Bedrag", counterparty_name="Naam", communication="Mededeling"
    )
    CsvLayout.objects.create(
        header_signature=header_signature(data),
        name="Zonder rekening",
        mapping=mapping.as_dict(),
    )

    with pytest.raises(services.AccountNotOurs, match="noemt geen rekeningnummer"):
        import_(data)
    outcome = import_(data, other_accounts=[""])

    assert outcome.summary["review"] == 1
    assert outcome.accounts == [
        {
            "account": "",
            "ours": False,
            "currency": "EUR",
            "first_date": "2027-01-04",
            "last_date": "2027-01-04",
            "opening_balance_cents": None,
            "closing_balance_cents": None,
        }
    ]


@pytest.mark.skipif(not CAMT_SAMPLE.exists(), reason=f"public sample absent at {CAMT_SAMPLE}")
def test_the_public_dutch_camt_sample_is_refused_as_not_ours():
    with pytest.raises(services.AccountNotOurs) as refused:
        import_(CAMT_SAMPLE.read_bytes())

    assert "NL77 ABNA 0574 9087 65" in str(refused.value)
    assert not BankTransaction.objects.exists()


# What the import records about the file ----------------------------------------------------------


def test_the_import_keeps_account_period_balances_and_notes():
    registration = RegistrationFactory()
    data = make_coda(
        [
            CodaStatement(
                movements=[CodaMovement(2000, ogm=registration.structured_communication)],
                date=dt.date(2027, 1, 15),
                old_balance_cents=50000,
                duplicate=True,
            )
        ]
    )

    outcome = import_(data)

    imported = StatementImport.objects.get()
    facts = {
        "account": OUR_ACCOUNT,
        "ours": True,
        "currency": "EUR",
        "first_date": "2027-01-15",
        "last_date": "2027-01-15",
        "opening_balance_cents": 50000,
        "closing_balance_cents": 52000,
    }
    assert imported.accounts == outcome.accounts == [facts]
    assert imported.notes == [note.as_json() for note in outcome.notes]
    assert any("als duplicaat gemerkt" in note for note in imported.notes_display)
    assert outcome.as_json()["notes"] == imported.notes_display
    assert outcome.as_json()["accounts"] == [facts]


def test_a_dry_run_shows_the_notes_and_keeps_nothing():
    data = make_coda([CodaStatement(movements=[CodaMovement(2000, text="x")], duplicate=True)])

    outcome = import_(data, dry_run=True)

    assert any("als duplicaat gemerkt" in note for note in outcome.as_json()["notes"])
    assert outcome.as_json()["accounts"][0]["account"] == OUR_ACCOUNT
    assert not StatementImport.objects.exists()


def test_a_bank_csv_says_it_has_no_balances():
    data = make_bank_csv("kbc", [Booking(dt.date(2027, 1, 4), 2000, "Jan", "", "", "vorming")])

    (facts,) = import_(data).accounts

    assert (facts["opening_balance_cents"], facts["closing_balance_cents"]) == (None, None)
    assert facts["first_date"] == facts["last_date"] == "2027-01-04"


def test_staff_accept_a_held_file_and_the_next_import_of_it_goes_through():
    office = UserFactory(role="office")
    data = _payments_for([RegistrationFactory()], FRENCH_ACCOUNT)
    with pytest.raises(services.AccountNotOurs) as refused:
        import_(data)
    held = services.statement_refusal_hold(
        data=data, filename="fr.cod", format="auto", actor=office, refusal=refused.value
    )

    accepted = services.statement_accounts_accept(statement_import=held, actor=office)
    outcome = services.statement_import(
        data=data, filename="fr.cod", actor=office, statement_import=accepted
    )

    assert outcome.summary["matched"] == 1
    assert outcome.statement_import.pk == held.pk
    actions = list(
        AuditEntry.objects.filter(object_type="payments.statementimport", object_id=str(held.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "statement.refused_other_account",
        "statement.other_account_accepted",
        "statement.imported",
        "statement.other_account_imported",
    ]
