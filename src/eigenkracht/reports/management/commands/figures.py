"""Print the figures of a period, suppressed as in the exports (a cell under 5 is "<5")."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from eigenkracht.reports.exports import report_json
from eigenkracht.reports.forms import PeriodForm
from eigenkracht.reports.report import report_build


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Geen geldige datum: {value!r}. Schrijf ze als JJJJ-MM-DD.") from None


class Command(BaseCommand):
    help = "Print the figures of a period as JSON, with small cells suppressed."
    # A read that cron or a script may run often: the system checks load every view (and with
    # them the PDF and spreadsheet libraries); `manage.py check` runs them at deployment.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
        parser.add_argument("--json", action="store_true", help="print JSON (the only format)")

    def handle(self, *args, **options) -> None:
        start, end = _date(options["start"]), _date(options["end"])
        form = PeriodForm({"start": start.isoformat(), "end": end.isoformat()})
        if not form.is_valid():
            errors = [str(e) for field in form.errors.values() for e in field]
            raise CommandError(" ".join(errors))
        report = report_build(start=start, end=end)
        self.stdout.write(json.dumps(report_json(report), ensure_ascii=False, indent=2))
