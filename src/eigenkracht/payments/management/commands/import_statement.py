import contextlib
import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from eigenkracht.core.formatting import euro
from eigenkracht.payments.services import (
    AccountNotOurs,
    ImportOutcome,
    ImportRefused,
    account_display,
    statement_import,
)
from eigenkracht.payments.statements.base import StatementError

MAX_BYTES = 50 * 1024 * 1024
NO_ACCOUNT = "none"  # --other-account value for a file that names no account


class Command(BaseCommand):
    help = (
        "Import a bank statement (CODA, CAMT.053 or a bank's CSV) and match its transfers. "
        "Exit status: 0 imported, 1 refused for now (try again), 2 unreadable file or an account "
        "that is not ours. With --json standard output carries exactly one JSON object, also "
        "when the import fails ({'error', 'exit_code', ...}); anything else the import prints "
        "(such as mails on the console backend) goes to standard error."
    )
    # The system checks import every view, with the spreadsheet and PDF libraries: a second
    # more for an import that takes less. The web process and `manage.py check` run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["auto", "coda", "camt053", "csv"], default="auto")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would happen, write nothing"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument(
            "--other-account",
            action="append",
            default=[],
            metavar="IBAN",
            help=(
                "import although the statement is of this account, which is not one of ours "
                f"(audited; repeat for several; '{NO_ACCOUNT}' for a file that names no account)"
            ),
        )

    def handle(
        self,
        *args: Any,
        file: Path,
        format: str,
        dry_run: bool,
        json: bool,
        other_account: list[str],
        **options: Any,
    ) -> None:
        self.as_json = json
        try:
            data = file.read_bytes()
        except OSError as exc:
            self._fail(f"Kan {file} niet lezen: {exc.strerror}", 2)
        if len(data) > MAX_BYTES:
            self._fail("Het bestand is groter dan 50 MB.", 2)
        accepted = ["" if value.lower() == NO_ACCOUNT else value for value in other_account]
        try:
            # Standard output is for this command's report alone: whatever the import prints
            # (the console mail backend while the immediate task backend delivers) goes to
            # standard error.
            with contextlib.redirect_stdout(sys.stderr):
                outcome = statement_import(
                    data=data,
                    filename=file.name,
                    actor=None,
                    format=format,
                    dry_run=dry_run,
                    other_accounts=accepted,
                )
        except StatementError as exc:
            self._fail(f"{file.name}: {exc}", 2)
        except AccountNotOurs as exc:
            options_hint = " ".join(
                f"--other-account {account or NO_ACCOUNT}" for account in exc.foreign
            )
            self._fail(
                f"{file.name}: {exc} Er werd niets ingelezen. Is het toch de bedoeling, gebruik "
                f"dan {options_hint}.",
                2,
                accounts=exc.accounts,
                our_accounts=exc.ours,
                notes=[str(note) for note in exc.notes],  # the Dutch sentences
            )
        except ImportRefused as exc:
            self._fail(str(exc), 1)
        if json and sys.stdout.isatty():
            self.stdout.write(_dumps(outcome.as_json()))
            return
        if json:
            for piece in outcome.as_json_text():  # a file's worth of rows: never one string
                self.stdout.write(piece, ending="")
            self.stdout.write("")  # the line's end
            return
        self._report(outcome, file.name)

    def _fail(self, message: str, code: int, **details: Any) -> NoReturn:
        if self.as_json:
            self.stdout.write(_dumps({"error": message, "exit_code": code, **details}))
        raise CommandError(message, returncode=code)

    def _report(self, outcome: ImportOutcome, filename: str) -> None:
        label = "Proef (niets geschreven)" if outcome.dry_run else "Ingelezen"
        self.stdout.write(f"{label}: {filename} ({outcome.format})")
        for facts in outcome.accounts:
            self.stdout.write(f"  Rekening {_account_line(facts)}")
        for result, count in outcome.summary.items():
            if count:
                self.stdout.write(f"  {result}: {count}")
        for note in outcome.notes:
            self.stdout.write(f"  Opmerking: {note}")


def _account_line(facts: dict[str, Any]) -> str:
    whose = "van ons" if facts["ours"] else "NIET van ons, op uitdrukkelijke vraag ingelezen"
    dates = (facts["first_date"], facts["last_date"])
    period = " tot ".join(
        dict.fromkeys(dt.date.fromisoformat(d).strftime("%d/%m/%Y") for d in dates if d)
    )
    opening, closing = facts["opening_balance_cents"], facts["closing_balance_cents"]
    if opening is None and closing is None:
        balances = "saldi niet in het bestand"
    else:
        balances = f"beginsaldo {_money(opening, facts)}, eindsaldo {_money(closing, facts)}"
    return f"{account_display(facts['account'])} ({whose}): {period or 'geen datums'}; {balances}"


def _money(cents: int | None, facts: dict[str, Any]) -> str:
    if cents is None:
        return "niet in het bestand"
    if facts["currency"] in ("EUR", ""):
        return euro(cents)
    return f"{Decimal(cents) / 100:.2f} {facts['currency']}"


def _dumps(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2 if sys.stdout.isatty() else None)
