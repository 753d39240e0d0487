import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from eigenkracht.payments.services import ImportRefused, statement_import
from eigenkracht.payments.statements.base import StatementError

MAX_BYTES = 50 * 1024 * 1024


class Command(BaseCommand):
    help = "Import a bank statement (CODA, CAMT.053 or a bank's CSV) and match its transfers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["auto", "coda", "camt053", "csv"], default="auto")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would happen, write nothing"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, file: Path, format: str, dry_run: bool, json: bool, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan {file} niet lezen: {exc.strerror}", returncode=2) from exc
        if len(data) > MAX_BYTES:
            raise CommandError("Het bestand is groter dan 50 MB.", returncode=2)
        try:
            outcome = statement_import(
                data=data, filename=file.name, actor=None, format=format, dry_run=dry_run
            )
        except StatementError as exc:
            raise CommandError(f"{file.name}: {exc}", returncode=2) from exc
        except ImportRefused as exc:
            raise CommandError(str(exc), returncode=1) from exc
        if json:
            self.stdout.write(_dumps(outcome.as_json()))
            return
        label = "Proef (niets geschreven)" if dry_run else "Ingelezen"
        self.stdout.write(f"{label}: {file.name} ({outcome.format})")
        for result, count in outcome.summary.items():
            if count:
                self.stdout.write(f"  {result}: {count}")


def _dumps(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2 if sys.stdout.isatty() else None)
