"""`manage.py privacy <action>`: the privacy actions of the back office for operators, audited
the same way (as the system: no user acts).

    manage.py privacy search EMAIL [--name NAME] [--birth-date YYYY-MM-DD] [--json]

Each action is a subparser and one `_<action>` method: adding one is a function and two lines in
`add_arguments`.
"""

import datetime as dt
import json
from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from eigenkracht.privacy.requests import privacy_search_record
from eigenkracht.privacy.search import criteria, person_search


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from error


class Command(BaseCommand):
    help = "Privacy actions for operators (search; audited as in the back office)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        search = actions.add_parser("search", help="Every hit about a person, with where it is.")
        search.add_argument("email")
        search.add_argument("--name", default="", help="Also search on this name.")
        search.add_argument("--birth-date", type=_date, default=None, help="YYYY-MM-DD")
        search.add_argument("--json", action="store_true", help="Print the hits as JSON.")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        getattr(self, f"_{action}")(**options)

    def _search(
        self, *, email: str, name: str, birth_date: dt.date | None, json: bool, **_: Any
    ) -> None:
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an e-mail address: {email!r}") from error
        hits = person_search(email=email, name=name, birth_date=birth_date)
        privacy_search_record(
            searched_by=criteria(email=email, name=name, birth_date=birth_date).searched_by,
            count=len(hits),
            privacy_request=None,
            actor=None,
        )
        if json:
            self.stdout.write(_json([_plain(hit) for hit in hits]))
            return
        for hit in hits:
            self.stdout.write(f"{hit.kind}\t{hit.object_id}\t{hit.where}\t{hit.summary}")
        self.stdout.write(f"{len(hits)} hit(s)")


def _plain(hit: Any) -> dict[str, Any]:
    fields = asdict(hit)
    fields.pop("url")
    return fields


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
