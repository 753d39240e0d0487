"""Per coordinator what one calendar year of allowances holds, for the office or the accountant."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from eigenkracht.allowances import selectors
from eigenkracht.banking.money import euro

# The text output is for a person: the system in words (the JSON keeps the code).
SYSTEM_WORDS = {"flat": "forfaitair", "real": "reële kosten"}


class Command(BaseCommand):
    help = "Vrijwilligersvergoedingen van één kalenderjaar, per coördinator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", action="store_true", help="JSON in plaats van tekst")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        caps = selectors.caps_of(year)
        lines = selectors.year_overview(year)
        data = {
            "year": year,
            "caps": (
                {
                    "day_cap_cents": caps.day_cap_cents,
                    "year_cap_cents": caps.year_cap_cents,
                    "day_amount_cents": caps.day_amount_cents,
                }
                if caps
                else None
            ),
            "coordinators": [
                {
                    "coordinator_id": line.coordinator.pk,
                    "name": line.coordinator.user.get_full_name(),
                    "system": line.system,
                    "days": len(line.days),
                    "flat_cents": line.flat_cents,
                    "km": line.km,
                    "km_cents": line.km_cents,
                    "real_cents": line.real_cents,
                    "paid_cents": line.paid_cents,
                    "elsewhere_cents": line.elsewhere_cents,
                    "elsewhere_days": line.elsewhere_days,
                }
                for line in lines
            ],
        }
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        for row in data["coordinators"]:
            self.stdout.write(
                f"{row['name']}: {SYSTEM_WORDS.get(row['system'], '-')}, {row['days']} dagen "
                f"{euro(row['flat_cents'])}, {row['km']} km {euro(row['km_cents'])}, "
                f"reële kosten {euro(row['real_cents'])}, betaald {euro(row['paid_cents'])}"
            )
