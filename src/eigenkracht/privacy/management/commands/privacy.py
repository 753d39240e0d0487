"""`manage.py privacy <action>`: the privacy actions of the back office for operators, audited
the same way (as the system: no user acts).

    manage.py privacy search EMAIL [--name NAME] [--birth-date YYYY-MM-DD] [--json]
    manage.py privacy due [--json]
    manage.py privacy erase EMAIL [--name NAME] [--birth-date YYYY-MM-DD] --reason TEXT [--json]

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
from django.utils import timezone

from eigenkracht.core.retention_terms import CATEGORIES
from eigenkracht.privacy.due import due_now
from eigenkracht.privacy.erasure import privacy_request_erase
from eigenkracht.privacy.models import PrivacyRequest
from eigenkracht.privacy.requests import privacy_request_create, privacy_search_record
from eigenkracht.privacy.search import criteria, person_search


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from error


class Command(BaseCommand):
    help = "Privacy actions for operators (search, due, erase; audited as in the back office)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        search = actions.add_parser("search", help="Every hit about a person, with where it is.")
        search.add_argument("email")
        search.add_argument("--name", default="", help="Also search on this name.")
        search.add_argument("--birth-date", type=_date, default=None, help="YYYY-MM-DD")
        search.add_argument("--json", action="store_true", help="Print the hits as JSON.")
        due = actions.add_parser("due", help="What passed its retention term, per category.")
        due.add_argument("--json", action="store_true", help="Print the counts as JSON.")
        erase = actions.add_parser(
            "erase", help="Erase a person now; prints what a legal duty kept and why."
        )
        erase.add_argument("email")
        erase.add_argument("--name", default="", help="Also erase under this name.")
        erase.add_argument("--birth-date", type=_date, default=None, help="YYYY-MM-DD")
        erase.add_argument("--reason", required=True, help="Why (e.g. the request's date).")
        erase.add_argument("--json", action="store_true", help="Print the outcome as JSON.")

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

    def _due(self, *, json: bool, **_: Any) -> None:
        """Counts per category (no personal data); the proposal itself comes from run_periodic
        and waits for a manager in the back office."""
        due = due_now()
        counts = {category.code: due.counts.get(category.code, 0) for category in CATEGORIES}
        if json:
            self.stdout.write(_json({"counts": counts, "total": due.total, "cutoffs": due.cutoffs}))
            return
        for category in CATEGORIES:
            self.stdout.write(f"{category.code}\t{counts[category.code]}")
        self.stdout.write(f"total\t{due.total}")

    def _erase(
        self,
        *,
        email: str,
        name: str,
        birth_date: dt.date | None,
        reason: str,
        json: bool,
        **_: Any,
    ) -> None:
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an e-mail address: {email!r}") from error
        if not reason.strip():
            raise CommandError("Give the reason (--reason).")
        # The erasure is a request like one the office registers: the requests list shows it,
        # with what was kept, and its history is in the audit log.
        privacy_request = privacy_request_create(
            data={
                "kind": PrivacyRequest.Kind.ERASURE,
                "received_on": timezone.localdate(),
                "requested_by": "manage.py privacy erase",
                "subject_name": name,
                "subject_email": email,
                "subject_birth_date": birth_date,
                "details": reason.strip(),
            },
            actor=None,
        )
        outcome = privacy_request_erase(privacy_request=privacy_request, actor=None)
        result = {
            "request": privacy_request.pk,
            "reason": reason.strip(),
            "anonymised": outcome.anonymised,
            "kept": [asdict(kept) for kept in outcome.kept],
        }
        if json:
            self.stdout.write(_json(result))
            return
        for kind, count in outcome.anonymised.items():
            self.stdout.write(f"anonymised\t{kind}\t{count}")
        for kept in outcome.kept:
            self.stdout.write(f"kept\t{kept.where}\t{kept.what}\t{kept.reason}")


def _plain(hit: Any) -> dict[str, Any]:
    fields = asdict(hit)
    fields.pop("url")
    return fields


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
