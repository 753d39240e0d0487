"""An import stores the reader's notes and the reason it failed as codes with parameters; the pages
word them when shown, in the language of the page, while `--json` keeps the Dutch sentences."""

import datetime as dt
import importlib
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse

from eigenkracht.payments import reasons as shown
from eigenkracht.payments import services
from eigenkracht.payments.models import StatementImport
from eigenkracht.payments.statements import messages
from tests.factories import RegistrationFactory
from tests.fixtures_gen.accounts import FRENCH_ACCOUNT
from tests.fixtures_gen.coda import CodaStatement, make_coda
from tests.payments.backoffice.files import coda_file, ogm_payment, upload
from tests.payments.statements.test_messages import EXAMPLES

pytestmark = pytest.mark.django_db

UPLOAD = reverse("payments_backoffice:import_upload")
UNREADABLE = b"00000" + b" " * 100  # a CODA header of the wrong length


def french(message: str) -> str:
    """A stand-in catalogue: every sentence and word marked as French."""
    return f"[fr] {message}"


def _detail(client, upload_: StatementImport) -> str:
    url = reverse("payments_backoffice:import_detail", args=[upload_.pk])
    return client.get(url).content.decode()


def _queued(data: bytes, format: str) -> StatementImport:
    queued = StatementImport.objects.create(
        filename="uittreksel.cod", requested_format=format, content=data, sha256="x"
    )
    services.statement_import_run(statement_import_id=queued.pk)
    queued.refresh_from_db()
    return queued


def test_a_failed_import_stores_the_readers_code_and_the_page_words_it_when_shown(
    office_client, monkeypatch
):
    failed = _queued(UNREADABLE, "coda")

    assert failed.status == StatementImport.Status.FAILED
    assert (failed.error, failed.error_code) == ("", "coda_record_length")
    assert failed.error_params == {"length": 128, "actual": 105, "where": {"line": 1}}
    sentence = (
        "regel 1: een CODA-record moet precies 128 tekens lang zijn, deze regel heeft er 105."
    )
    assert sentence in _detail(office_client, failed)
    list_page = office_client.get(reverse("payments_backoffice:import_list")).content.decode()
    assert "regel 1: een CODA-record moet precies 128 tekens" in list_page

    # The catalogue arrives after the import: nothing stored has to change.
    monkeypatch.setattr(shown, "gettext", french)

    assert "[fr] [fr] regel 1: [fr] een CODA-record moet" in _detail(office_client, failed)


def test_a_refusal_for_the_account_is_stored_as_a_code_with_its_notes(office_client, monkeypatch):
    registration = RegistrationFactory()
    statement = CodaStatement(
        account_iban=FRENCH_ACCOUNT, movements=[ogm_payment(registration)], duplicate=True
    )

    response = office_client.post(UPLOAD, {"file": upload(make_coda([statement]), "fr.cod")})

    held = StatementImport.objects.get()
    assert (held.error, held.error_code) == ("", "account_not_ours")
    assert held.error_params == {"foreign": [FRENCH_ACCOUNT], "ours": ["BE68539007547034"]}
    assert held.notes[0] == {"code": "coda_duplicate", "params": {"line": 1}}
    assert "Dit uittreksel is van rekening FR76 3000 6000 0112" in response.content.decode()
    assert "Het uittreksel op regel 1 is door de bank als duplicaat gemerkt." in (
        response.content.decode()
    )

    monkeypatch.setattr(shown, "gettext", french)
    page = _detail(office_client, held)

    assert "[fr] Dit uittreksel is van rekening FR76 3000 6000 0112" in page
    assert "[fr] Het uittreksel op regel 1 is door de bank als duplicaat gemerkt." in page


def test_the_notes_of_an_import_and_of_a_dry_run_are_worded_in_the_language_of_the_page(
    office_client, monkeypatch
):
    registration = RegistrationFactory()
    data = coda_file(ogm_payment(registration), date=dt.date(2027, 1, 15))
    outcome = services.statement_import(data=data, filename="uittreksel.cod", actor=None)
    imported = outcome.statement_import
    assert imported is not None
    assert [note["code"] for note in imported.notes] == ["coda_statement_holder"]

    monkeypatch.setattr(shown, "gettext", french)
    dry_run = office_client.post(UPLOAD, {"file": upload(data), "dry_run": "on"})

    assert "[fr] Uittreksel 2027-001 van BE68539007547034" in _detail(office_client, imported)
    assert "[fr] Uittreksel 2027-001 van BE68539007547034" in dry_run.content.decode()


def test_the_json_output_keeps_the_dutch_sentences(tmp_path, capsys):
    statement = CodaStatement(account_iban=FRENCH_ACCOUNT, duplicate=True)
    path = tmp_path / "fr.cod"
    path.write_bytes(make_coda([statement]))

    with pytest.raises(CommandError):
        call_command("import_statement", str(path), "--json")

    report = json.loads(capsys.readouterr().out)
    assert "Het uittreksel op regel 1 is door de bank als duplicaat gemerkt." in report["notes"]
    assert report["error"].startswith("fr.cod: Dit uittreksel is van rekening FR76")


def test_an_import_stored_before_the_codes_shows_its_words_as_written(office_client):
    old = StatementImport.objects.create(
        filename="oud.cod",
        content=b"",
        sha256="x",
        status=StatementImport.Status.FAILED,
        error="Een melding van vroeger.",
        notes=["Een opmerking van vroeger."],
    )

    page = _detail(office_client, old)

    assert "Een melding van vroeger." in page and "Een opmerking van vroeger." in page


# The migration -----------------------------------------------------------------------------

migration = importlib.import_module("eigenkracht.payments.migrations.0005_import_message_codes")
# What the migration leaves as written: a sentence that quotes another message, or that holds a
# Python-quoted value, a character code or a file size; and the fragments a CSV error quotes.
NOT_READ_BACK = {
    "coda_balance_not_checked",
    "camt_balances_unreadable",
    "csv_column",
    "unknown_format_because",
    "format_unknown",
    "not_text",
    "camt_too_large",
    "date_missing",
    "date_invalid",
    "date_not_in_format",
    "amount_invalid",
    "amount_decimals",
}
# Codes newer than the migration: no import stored their sentence as text.
NEWER = {"known_in_other_format"}


def _read_back(text: str, compiled) -> dict | None:
    return migration._read_back(text, compiled, messages.render)


def test_the_migration_reads_back_every_other_sentence_exactly():
    notes = migration._compile(migration.NOTES)
    failures = migration._compile(migration.ERRORS, migration.PLACE) + migration._compile(
        migration.REFUSALS
    )
    read_back = {*migration.NOTES, *migration.ERRORS, *migration.REFUSALS}

    assert read_back == set(messages.MESSAGES) - NOT_READ_BACK - NEWER
    for code in read_back:
        params = json.loads(json.dumps(EXAMPLES[code]))
        compiled = notes if code in messages.NOTES else failures
        assert _read_back(messages.render(code, params), compiled) == {
            "code": code,
            "params": params,
        }, code


def test_the_migration_turns_old_notes_and_failures_into_codes_and_leaves_the_rest():
    readable = messages.render("coda_duplicate", {"line": 1})
    quoting = messages.render("coda_balance_not_checked", EXAMPLES["coda_balance_not_checked"])
    done = StatementImport.objects.create(
        filename="a.cod", content=b"", sha256="a", notes=[readable, quoting, "Iets anders."]
    )
    failed = StatementImport.objects.create(
        filename="b.cod",
        content=b"",
        sha256="b",
        status=StatementImport.Status.FAILED,
        error=messages.render("coda_version", {"version": "1", "where": {"line": 3}}),
    )
    refused = StatementImport.objects.create(
        filename="c.cod",
        content=b"",
        sha256="c",
        status=StatementImport.Status.FAILED,
        error=messages.render("no_account_named", {"ours": ["BE68539007547034"]}),
    )
    unknown = StatementImport.objects.create(
        filename="d.cod",
        content=b"",
        sha256="d",
        status=StatementImport.Status.FAILED,
        error="Een melding die geen code heeft.",
    )

    migration.forward(apps, None)

    for row in (done, failed, refused, unknown):
        row.refresh_from_db()
    assert done.notes == [
        {"code": "coda_duplicate", "params": {"line": 1}},
        quoting,
        "Iets anders.",
    ]
    assert done.notes_display == [readable, quoting, "Iets anders."]
    assert (failed.error, failed.error_code) == ("", "coda_version")
    assert failed.error_params == {"version": "1", "where": {"line": 3}}
    assert (
        failed.error_display == "regel 3: CODA-versie '1' wordt niet ondersteund (alleen versie 2)."
    )
    assert (refused.error_code, refused.error_params) == (
        "no_account_named",
        {"ours": ["BE68539007547034"]},
    )
    assert (unknown.error, unknown.error_code) == ("Een melding die geen code heeft.", "")

    migration.backward(apps, None)

    done.refresh_from_db()
    failed.refresh_from_db()
    assert done.notes == [readable, quoting, "Iets anders."]
    assert failed.error == "regel 3: CODA-versie '1' wordt niet ondersteund (alleen versie 2)."
