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
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from eigenkracht.payments.models import BankTransaction
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
    # What the office reads about those recognised across formats.
    notes: list[Note] = field(default_factory=list)


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
    elsewhere = _in_other_formats(parsed)
    split, seen, recognised = KnownSplit(), set(), Counter()
    for tx in parsed.transactions:
        key = (tx.account, tx.bank_id)
        if key in known or key in seen:
            split.duplicates.append(tx)
            continue
        seen.add(key)
        if elsewhere and _take(elsewhere, tx):
            recognised[tx.account] += 1
            split.duplicates.append(tx)
        else:
            split.new.append(tx)
    split.notes = [
        Note("known_in_other_format", {"count": count, "account": account})
        for account, count in recognised.items()
    ]
    return split


def _take(elsewhere: Counter[Fingerprint], tx: Transaction) -> bool:
    """Whether another format holds this transfer (one fewer of it left to match)."""
    mark = fingerprint(
        tx.account, tx.booking_date, tx.amount_cents, tx.counterparty_iban, tx.communication
    )
    if elsewhere[mark] <= 0:
        return False
    elsewhere[mark] -= 1
    return True


def _in_other_formats(parsed: ParsedStatement) -> Counter[Fingerprint]:
    """The transfers that imports in another format booked on the file's days, per account."""
    days: dict[str, list[dt.date]] = defaultdict(list)
    for tx in parsed.transactions:
        days[tx.account].append(tx.booking_date)
    found: Counter[Fingerprint] = Counter()
    for account, dates in days.items():
        rows = (
            BankTransaction.objects.filter(
                account=account, booking_date__gte=min(dates), booking_date__lte=max(dates)
            )
            .exclude(statement_import__format=parsed.format)
            .values_list("booking_date", "amount_cents", "counterparty_iban", "communication")
        )
        found.update(fingerprint(account, *row) for row in rows)
    return found
