"""What every bank-statement parser returns: plain data, no Django.

Parsers read untrusted bytes and either return a `ParsedStatement` or raise `StatementError`
naming the line (CODA, CSV) or element (CAMT) that is wrong; they never return half a file.
Notes and errors are codes with plain parameters, worded by `messages.render`.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .messages import Note, Params, place, render


class StatementError(Exception):
    """The file cannot be read: `code` and `params` say why (see `messages`), the place is a
    line (CODA, CSV; with a column for XML syntax) or a CAMT element.

    `str()` is the Dutch sentence after its place ("regel 14: ..."), `message` the sentence alone
    and `where` the place ("regel 14", "Ntry 3"). The place is stored in `params["where"]`, so
    that the code and parameters are all an import needs to keep.
    """

    def __init__(
        self,
        code: str,
        params: Params | None = None,
        *,
        line: int | None = None,
        column: int | None = None,
        element: str = "",
    ) -> None:
        params = dict(params or {})
        if line is not None:
            params["where"] = {"line": line} if column is None else {"line": line, "column": column}
        elif element:
            params["where"] = {"element": element}
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return render(self.code, self.params)

    @property
    def message(self) -> str:
        return render(self.code, {k: v for k, v in self.params.items() if k != "where"})

    @property
    def where(self) -> str:
        where = self.params.get("where")
        return place(where) if where else ""

    def as_json(self) -> dict[str, Any]:
        """The code and parameters, as a failed import stores them (and a `cause` nests them)."""
        return {"code": self.code, "params": self.params}


@dataclass(frozen=True, slots=True)
class Transaction:
    """One booking on the account, incoming (amount > 0) or outgoing (amount < 0).

    `bank_id` is the bank's own identity of the booking, unique within the account:
    CODA: "<statement number>/<sequence number>[/<detail number>]"; CAMT: AcctSvcrRef (plus the
    detail index when one entry holds several); CSV: the bank's sequence number, else a key made of
    the fields plus the position among identical lines. Together with `account` it is the
    idempotency key of the import.
    """

    bank_id: str
    account: str  # our IBAN, compact ("BE68539007547034")
    booking_date: dt.date
    amount_cents: int  # signed: credit > 0, debit < 0
    currency: str = "EUR"
    value_date: dt.date | None = None
    counterparty_name: str = ""
    counterparty_iban: str = ""
    counterparty_bic: str = ""
    communication: str = ""  # the 12 OGM digits when structured, else the free text
    structured: bool = False  # True when the bank marked `communication` as a Belgian OGM
    line: str = ""  # where it came from, for messages: "regel 12", "Ntry 3"
    # The payer's own reference (CAMT Refs/EndToEndId): ours comes back on the refunds we paid.
    end_to_end_id: str = ""


@dataclass(frozen=True)
class AccountSummary:
    """What a file says about one account it covers.

    The period runs from the first to the last date the file covers for the account (CODA: the
    bookings and the new-balance dates; CAMT.053: `FrToDt` when given, else the bookings and the
    balance dates; CSV: the bookings). The balances are None when the file does not carry them
    (bank CSV exports, a CODA "separate application"): they are never computed from the bookings.
    With several statements of the account in one file, the opening balance is the first one's
    and the closing balance the last one's.
    """

    account: str  # compact IBAN; "" when the file names no account
    currency: str = ""
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    opening_cents: int | None = None
    closing_cents: int | None = None


@dataclass(frozen=True)
class ParsedStatement:
    format: str  # "coda", "camt053", "csv:<layout>"
    account: str
    transactions: list[Transaction] = field(default_factory=list)
    # Checks the format allows and the parser made (e.g. CODA balances), for the summary.
    notes: list[Note] = field(default_factory=list)
    # Every account the file covers, in the order they first appear.
    accounts: list[AccountSummary] = field(default_factory=list)


def merge_accounts(parts: list[AccountSummary]) -> list[AccountSummary]:
    """One summary per account from per-statement summaries, in file order."""
    merged: dict[str, AccountSummary] = {}
    for part in parts:
        known = merged.get(part.account)
        if known is None:
            merged[part.account] = part
            continue
        merged[part.account] = AccountSummary(
            account=part.account,
            currency=known.currency or part.currency,
            first_date=_earliest(known.first_date, part.first_date),
            last_date=_latest(known.last_date, part.last_date),
            opening_cents=known.opening_cents,
            closing_cents=part.closing_cents,
        )
    return list(merged.values())


def _earliest(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return min(a, b) if a and b else a or b


def _latest(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return max(a, b) if a and b else a or b
