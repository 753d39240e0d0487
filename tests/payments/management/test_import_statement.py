"""`manage.py import_statement`: one JSON document on standard output, whatever else happens."""

import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.payments.models import StatementImport
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory
from tests.fixtures_gen.accounts import FRENCH_ACCOUNT, OUR_ACCOUNT
from tests.fixtures_gen.coda import CodaMovement, CodaStatement, make_coda

CONSOLE = "django.core.mail.backends.console.EmailBackend"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _statement(tmp_path, registrations, *, account: str = OUR_ACCOUNT):
    path = tmp_path / "uittreksel.cod"
    movements = [CodaMovement(2000, ogm=r.structured_communication) for r in registrations]
    path.write_bytes(make_coda([CodaStatement(account_iban=account, movements=movements)]))
    return path


# Committed transactions, as in production: the confirmation mails go out during the command.
@pytest.mark.django_db(transaction=True)
def test_json_output_parses_while_the_console_backend_prints_the_mails(tmp_path, capsys, settings):
    settings.EMAIL_BACKEND = CONSOLE
    settings.TASKS = IMMEDIATE
    registrations = [RegistrationFactory(), RegistrationFactory()]

    call_command("import_statement", str(_statement(tmp_path, registrations)), "--json")

    printed = capsys.readouterr()
    report = json.loads(printed.out)
    assert report["summary"]["matched"] == 2
    assert report["accounts"][0]["account"] == OUR_ACCOUNT
    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed"}
    # The mails were delivered, to standard error.
    assert OutboxMessage.objects.filter(kind="registration_confirmed").count() == 2
    assert printed.err.count(f"To: {registrations[0].email}") == 1


@pytest.mark.django_db
def test_a_statement_of_another_account_exits_2_with_one_json_document(tmp_path, capsys):
    registration = RegistrationFactory()
    path = _statement(tmp_path, [registration], account=FRENCH_ACCOUNT)

    with pytest.raises(CommandError) as refused:
        call_command("import_statement", str(path), "--json")

    assert refused.value.returncode == 2
    report = json.loads(capsys.readouterr().out)
    assert report["exit_code"] == 2
    assert "FR76 3000 6000 0112 3456 7890 189" in report["error"]
    assert "--other-account FR7630006000011234567890189" in report["error"]
    assert report["our_accounts"] == [OUR_ACCOUNT]
    assert report["accounts"][0]["account"] == FRENCH_ACCOUNT
    assert report["accounts"][0]["ours"] is False
    assert not StatementImport.objects.exists()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING


@pytest.mark.django_db
def test_without_json_the_refusal_names_both_accounts_on_standard_error(tmp_path):
    path = _statement(tmp_path, [RegistrationFactory()], account=FRENCH_ACCOUNT)

    with pytest.raises(CommandError) as refused:
        call_command("import_statement", str(path))

    assert refused.value.returncode == 2
    assert "FR76 3000 6000 0112 3456 7890 189" in str(refused.value)
    assert "BE68 5390 0754 7034" in str(refused.value)


@pytest.mark.django_db
def test_the_other_account_option_imports_it_and_the_audit_log_says_so(
    tmp_path, capsys, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory()
    path = _statement(tmp_path, [registration], account=FRENCH_ACCOUNT)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_statement", str(path), "--other-account", FRENCH_ACCOUNT)

    out = capsys.readouterr().out
    assert "Rekening FR76 3000 6000 0112 3456 7890 189 (NIET van ons" in out
    assert "Opmerking: Uittreksel 2025-001 van FR7630006000011234567890189" in out
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[registration.email]]
    assert AuditEntry.objects.filter(action="statement.other_account_imported").exists()


@pytest.mark.django_db
def test_an_unreadable_file_also_answers_with_one_json_document(tmp_path, capsys):
    bad = tmp_path / "kapot.cod"
    bad.write_bytes(b"0000 dit is geen coda\n")

    with pytest.raises(CommandError) as refused:
        call_command("import_statement", str(bad), "--json", "--format", "coda")

    report = json.loads(capsys.readouterr().out)
    assert refused.value.returncode == report["exit_code"] == 2
    assert "regel 1" in report["error"]


@pytest.mark.django_db
def test_json_output_is_written_a_transaction_at_a_time_and_reads_as_the_whole(tmp_path, capsys):
    registrations = [RegistrationFactory(), RegistrationFactory(), RegistrationFactory()]

    call_command("import_statement", str(_statement(tmp_path, registrations)), "--json")

    printed = capsys.readouterr().out
    report = json.loads(printed)
    assert len(report["transactions"]) == 3
    assert [row["result"] for row in report["transactions"]] == ["matched"] * 3
    assert printed.endswith("]}\n")
    assert printed == json.dumps(report, ensure_ascii=False) + "\n"
