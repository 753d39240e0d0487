"""What every bank-statement parser returns: plain data, no Django.

Parsers read untrusted bytes and either return a `ParsedStatement` or raise `StatementError`
naming the line (CODA, CSV) or element (CAMT) that is wrong; they never return half a file.
"""

import datetime as dt
from dataclasses import dataclass, field


class StatementError(Exception):
    """The file cannot be read. `where` names the line or element, e.g. 'regel 14'."""

    def __init__(self, message: str, *, where: str = "") -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.message = message
        self.where = where


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class ParsedStatement:
    format: str  # "coda", "camt053", "csv:<layout>"
    account: str
    transactions: list[Transaction] = field(default_factory=list)
    # Checks the format allows and the parser made (e.g. CODA balances), for the summary.
    notes: list[str] = field(default_factory=list)
