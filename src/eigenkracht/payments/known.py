"""Which transfers of a statement were imported before.

In the same format a booking is known by the bank's own identity of it (`bank_id`, with the
account). Each format names a booking its own way (CODA: statement and sequence number; CAMT.053:
the bank's reference; a CSV: its own number), so the same day's statement in another format
(CAMT.053 after CODA, when a bank or the office changes format) would book every transfer a
second time: "paid twice", a refund of money that came once. Across formats a transfer is known
by what every format says of it: the day, the amount, the account it came from and the
communication; as many times as the other format holds it, so two identical payments stay two.
"""

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Max, QuerySet

from eigenkracht.payments.models import BankTransaction, StatementImport
from eigenkracht.payments.statements.base import ParsedStatement, Transaction
from eigenkracht.payments.statements.messages import Note

# What two formats may write differently of the same communication: spaces (CODA cuts it into
# records), punctuation ("+++123/4567/89012+++" or the 12 digits) and case.
_NOT_ALNUM = re.compile(r"[\W_]+")

Fingerprint = tuple[str, dt.date, int, str, str]


@dataclass
class KnownSplit:
    new: list[Transaction] = field(default_factory=list)
    # Imported before (or twice in this file): counted, left alone.
    duplicates: list[Transaction] = field(default_factory=list)
    # What the office reads about those recognised across formats, naming the imports they were
    # recognised in (undoing one of those would leave them booked nowhere).
    notes: list[Note] = field(default_factory=list)
    # What imports in another format held on the file's days when it was split, per account:
    # how many transfers and the newest id (anything added since has a higher one).
    elsewhere: dict[str, tuple[int, int | None]] = field(default_factory=dict)


def fingerprint(
    account: str, booking_date: dt.date, amount_cents: int, counterparty_iban: str, text: str
) -> Fingerprint:
    return (
        account,
        booking_date,
        amount_cents,
        counterparty_iban.replace(" ", "").upper(),
        _NOT_ALNUM.sub("", text.casefold()),
    )


def transfers_split(parsed: ParsedStatement) -> KnownSplit:
    """The file's transactions: new, or imported before in this format or another."""
    keys = {(tx.account, tx.bank_id) for tx in parsed.transactions}
    known: set[tuple[str, str]] = set()
    for account in {account for account, _bank_id in keys}:
        bank_ids = [bank_id for acc, bank_id in keys if acc == account]
        known.update(
            BankTransaction.objects.filter(account=account, bank_id__any_of=bank_ids).values_list(
                "account", "bank_id"
            )
        )
    split = KnownSplit(elsewhere=_other_formats_state(parsed))
    elsewhere = _in_other_formats(parsed) if any(n for n, _id in split.elsewhere.values()) else {}
    seen: set[tuple[str, str]] = set()
    recognised: dict[str, list[int]] = defaultdict(list)  # account -> the imports, per transfer
    for tx in parsed.transactions:
        key = (tx.account, tx.bank_id)
        if key in known or key in seen:
            split.duplicates.append(tx)
            continue
        seen.add(key)
        found_in = _take(elsewhere, tx) if elsewhere else None
        if found_in is not None:
            recognised[tx.account].append(found_in)
            split.duplicates.append(tx)
        else:
            split.new.append(tx)
    split.notes = [
        Note(
            "known_in_other_format",
            {"count": len(imports), "account": account, "imports": sorted(set(imports))},
        )
        for account, imports in recognised.items()
    ]
    return split


def accounts_lock(accounts: Iterable[str]) -> None:
    """In the caller's transaction: imports and undos of the same accounts write one at a time,
    so that the second sees what the first booked, in any format (PostgreSQL; SQLite writes one
    transaction at a time anyway). Before any other lock, as every import and undo takes it."""
    if connection.vendor != "postgresql":
        return
    keys = sorted({_lock_key(account) for account in accounts})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) AS k ORDER BY k", [keys]
        )


def _lock_key(account: str) -> int:
    digest = hashlib.blake2b(f"statement-account:{account}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def other_formats_unchanged(parsed: ParsedStatement, split: KnownSplit) -> bool:
    """Under the accounts' lock (`accounts_lock`): whether imports in another format
    still hold what they held when the file was split; else it is split again."""
    return _other_formats_state(parsed) == split.elsewhere


def _other_formats_state(parsed: ParsedStatement) -> dict[str, tuple[int, int | None]]:
    return {
        account: tuple(rows.aggregate(count=Count("id"), newest=Max("id")).values())
        for account, rows in _other_format_rows(parsed)
    }


def _take(elsewhere: dict[Fingerprint, list[int]], tx: Transaction) -> int | None:
    """The import in another format that holds this transfer (taken: one fewer left), if any."""
    imports = elsewhere.get(
        fingerprint(
            tx.account, tx.booking_date, tx.amount_cents, tx.counterparty_iban, tx.communication
        )
    )
    return imports.pop() if imports else None


def _in_other_formats(parsed: ParsedStatement) -> dict[Fingerprint, list[int]]:
    """The transfers that imports in another format booked on the file's days, each with the
    import that holds it."""
    found: dict[Fingerprint, list[int]] = defaultdict(list)
    for account, rows in _other_format_rows(parsed):
        for *fields, statement_import_id in rows.order_by("-id").values_list(
            "booking_date", "amount_cents", "counterparty_iban", "communication", "statement_import"
        ):
            found[fingerprint(account, *fields)].append(statement_import_id)
    return found


def _other_format_rows(parsed: ParsedStatement) -> Iterator[tuple[str, QuerySet]]:
    """Per account of the file: the transfers imports in another format hold on its days."""
    days: dict[str, list[dt.date]] = defaultdict(list)
    for tx in parsed.transactions:
        days[tx.account].append(tx.booking_date)
    for account, dates in days.items():
        yield (
            account,
            BankTransaction.objects.filter(
                account=account, booking_date__gte=min(dates), booking_date__lte=max(dates)
            ).exclude(statement_import__format=parsed.format),
        )


def imports_relying_on(statement_import: StatementImport) -> list[str]:
    """The files of later imports that recognised transfers of this one as theirs and so did not
    book them (undoing this one would leave them booked nowhere)."""
    statement_import_id = statement_import.pk
    later = StatementImport.objects.filter(
        finished_at__gte=statement_import.finished_at, status=StatementImport.Status.DONE
    ).exclude(pk=statement_import_id)
    return [
        later_import.filename
        for later_import in later.only("filename", "notes").order_by("finished_at")
        if any(
            isinstance(note, dict)
            and note.get("code") == "known_in_other_format"
            and statement_import_id in (note.get("params") or {}).get("imports", ())
            for note in later_import.notes
        )
    ]
