import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from eigenkracht.payments.bookkeeping.builders import Period, bookkeeping_file, period_files
from eigenkracht.trainings.exports.builders import CSV, XLSX
from eigenkracht.trainings.services import registrations_read


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Geen datum (JJJJ-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = (
        "Schrijft de export voor de boekhouding van een periode naar een map: XLSX en CSV "
        "(facturen, creditnota's, betalingen, terugbetalingen, afstemming met de bank), elke "
        "factuur en creditnota als UBL (ubl/*.xml) en elk SEPA-bestand (sepa/*.xml)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="JJJJ-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="JJJJ-MM-DD, inbegrepen")
        parser.add_argument("--out", required=True, type=Path, help="map om in te schrijven")

    def handle(self, *args: Any, start: str, end: str, out: Path, **options: Any) -> None:
        period = Period(_date(start), _date(end))
        if period.start > period.end:
            raise CommandError("--to ligt vóór --from.")
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} is geen map.")
        written = 0
        registration_ids: set[int] = set()
        bank_transaction_ids: set[int] = set()
        for file_format in (XLSX, CSV):
            export = bookkeeping_file(period, file_format)
            self._write(out / export.filename, export.content)
            registration_ids.update(export.registration_ids)
            bank_transaction_ids.update(export.bank_transaction_ids)
            written += 1
        for name, content in period_files(period):
            self._write(out / name, content)
            written += 1
        registrations_read(
            actor=None,
            page=f"bookkeeping_export:{period.slug()}",
            ids=sorted(registration_ids),
            bank_transaction_ids=sorted(bank_transaction_ids),
        )
        self.stdout.write(f"{written} bestanden geschreven in {out}.")

    @staticmethod
    def _write(path: Path, content: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
