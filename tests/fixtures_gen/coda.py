"""Generate valid CODA files (Febelfin 2.x, 128-character records) from plain data.

Used by the tests and the benchmarks. Describe each statement with `CodaStatement` and its
bookings with `CodaMovement`; `make_coda` writes the bytes (Windows-1252 and CRLF by default, as
banks do), with the header, old balance, movement and information records, new balance and a
trailer whose record count, totals and balances are right.

- A movement with `ogm` gets a structured communication of type 101; otherwise `text` is free
  text, written continuously over records 2.1, 2.2 and 2.3 (53 + 53 + 43 characters, cut
  mid-word as banks do) and, when longer, continued from a word boundary in a free information
  record 3.1/3.2/3.3 (73 + 105 + 90 characters).
- `counterparty_street` / `counterparty_locality` add an information record 3.1 of type 001 (name
  and address); `name_in_information=True` puts the name only there, not in record 2.3.
- A movement with `details` is globalised: a total line (globalisation code 1, transaction type 2
  for credits, 1 for debits) followed by one 2.1 record per detail (detail numbers 0001...). Its
  `amount_cents` defaults to the sum of the details; give another value to write a total whose
  details do not add up.
- One statement holds at most 9,999 movements (4-digit sequence numbers) and a statement number
  of at most 999: `statements_for` cuts a long list of movements into consecutive daily statements.

`expected_bank_ids` gives the `bank_id` the parser should return for each booking, in order.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tests.fixtures_gen.accounts import OUR_ACCOUNT

DEFAULT_DATE = dt.date(2025, 3, 14)
RECORD_LENGTH = 128

_ZONE_21 = 53  # free communication in 2.1 (positions 63-115)
_ZONE_22 = 53  # 2.2 positions 11-63
_ZONE_23 = 43  # 2.3 positions 83-125
_ZONES_2 = _ZONE_21 + _ZONE_22 + _ZONE_23
_ZONE_31 = 73  # 3.1 positions 41-113 (after the structure code at 40)
_ZONE_32 = 105  # 3.2 positions 11-115
_ZONE_33 = 90  # 3.3 positions 11-100
_ZONES_3 = _ZONE_31 + _ZONE_32 + _ZONE_33


@dataclass(frozen=True)
class CodaMovement:
    """One booking. `amount_cents` is signed: > 0 credit, < 0 debit."""

    amount_cents: int | None = None  # None only for a globalised total (sum of the details)
    ogm: str = ""  # 12 digits -> structured communication type 101
    text: str = ""  # free communication (ignored when `ogm` is given)
    counterparty_name: str = ""  # at most 35 characters
    counterparty_iban: str = ""
    counterparty_bic: str = ""
    counterparty_street: str = ""  # with a locality: information record 3.1 type 001
    counterparty_locality: str = ""
    name_in_information: bool = False  # the name only in record 3.1 type 001, not in 2.3
    customer_reference: str = ""  # record 2.2 positions 64-98
    entry_date: dt.date | None = None  # default: the statement's date
    value_date: dt.date | None = None  # default: the entry date
    transaction_code: str = ""  # 8 digits; default from the direction and the globalisation
    bank_reference: str = ""  # 21 characters at most; default generated
    details: Sequence["CodaMovement"] = ()

    def signed_cents(self) -> int:
        if self.amount_cents is not None:
            return self.amount_cents
        if not self.details:
            raise ValueError("CodaMovement needs amount_cents unless it has details")
        return sum(detail.signed_cents() for detail in self.details)


@dataclass(frozen=True)
class CodaStatement:
    account_iban: str = OUR_ACCOUNT
    movements: Sequence[CodaMovement] = ()
    number: int = 1  # the (paper) statement number, 1-999
    date: dt.date = DEFAULT_DATE  # date of the new balance; the default booking date
    old_balance_cents: int = 0
    new_balance_cents: int | None = None  # None: computed; give a value to write a wrong one
    holder_name: str = "EIGEN KRACHT VZW"
    description: str = "ZICHTREKENING"
    currency: str = "EUR"
    bic: str = "GKCCBEBB"
    bank_code: str = "725"
    duplicate: bool = False
    separate_application: str = "00000"
    free_messages: Sequence[str] = ()  # records 4, written after record 8

    def total_cents(self) -> int:
        return sum(movement.signed_cents() for movement in self.movements)

    def new_balance(self) -> int:
        if self.new_balance_cents is not None:
            return self.new_balance_cents
        return self.old_balance_cents + self.total_cents()


def make_coda(
    statements: Sequence[CodaStatement],
    *,
    creation_date: dt.date | None = None,
    encoding: str = "cp1252",
    newline: str = "\r\n",
) -> bytes:
    """The CODA file with these statements, one after the other, ending with a line break."""
    lines = coda_lines(statements, creation_date=creation_date)
    return (newline.join(lines) + newline).encode(encoding)


def coda_lines(
    statements: Sequence[CodaStatement], *, creation_date: dt.date | None = None
) -> list[str]:
    """The records of `make_coda` as strings (to alter one for a malformed-file test)."""
    if not statements:
        raise ValueError("make_coda needs at least one statement")
    lines: list[str] = []
    last = len(statements) - 1
    for index, statement in enumerate(statements):
        lines.extend(_statement_lines(statement, creation_date or statement.date, index == last)[0])
    return lines


def expected_bank_ids(statements: Sequence[CodaStatement]) -> list[str]:
    """The bank_id of each booking the parser returns (details instead of their total)."""
    ids: list[str] = []
    for statement in statements:
        ids.extend(_statement_lines(statement, statement.date, True)[1])
    return ids


def statements_for(
    account_iban: str,
    movements: Iterable[CodaMovement],
    *,
    per_statement: int = 1000,
    first_number: int = 1,
    first_date: dt.date = DEFAULT_DATE,
    old_balance_cents: int = 0,
) -> list[CodaStatement]:
    """Cut movements into consecutive daily statements whose balances follow on."""
    if not 1 <= per_statement <= 9999:
        raise ValueError("per_statement must be between 1 and 9999")
    statements: list[CodaStatement] = []
    chunk: list[CodaMovement] = []
    balance = old_balance_cents

    def flush() -> None:
        nonlocal balance
        index = len(statements)
        day = first_date + dt.timedelta(days=index)
        statement = CodaStatement(
            account_iban=account_iban,
            movements=list(chunk),
            number=first_number + index,
            date=day,
            old_balance_cents=balance,
        )
        statements.append(statement)
        balance = statement.new_balance()

    for movement in movements:
        chunk.append(movement)
        if len(chunk) == per_statement:
            flush()
            chunk = []
    if chunk or not statements:
        flush()
    return statements


# --- records ------------------------------------------------------------------------------------


def _ddmmyy(day: dt.date) -> str:
    return f"{day.day:02d}{day.month:02d}{day.year % 100:02d}"


def _check(record: str, what: str) -> str:
    if len(record) != RECORD_LENGTH:
        raise ValueError(f"{what}: a field is too long ({len(record)} characters): {record!r}")
    return record


def _account_zone(iban: str, currency: str) -> tuple[str, str]:
    """(structure code, 37-character account zone) of record 1 and 8."""
    iban = iban.replace(" ", "").upper()
    if iban.startswith("BE"):
        return "2", f"{iban:<31}   {currency:<3}"
    return "3", f"{iban:<34}{currency:<3}"


def _balance(cents: int) -> str:
    return ("1" if cents < 0 else "0") + f"{abs(cents) * 10:015d}"


def _cut_text(text: str) -> tuple[str, str]:
    """Split free text into what fits records 2.x and the rest (from a word boundary)."""
    text = " ".join(text.split())
    if len(text) <= _ZONES_2:
        return text, ""
    cut = text.rfind(" ", 0, _ZONES_2 + 1)
    if cut <= 0:
        cut = _ZONES_2
    head, rest = text[:cut].rstrip(), text[cut:].strip()
    if len(rest) > _ZONES_3:
        raise ValueError(f"text too long for one movement ({len(text)} characters)")
    return head, rest


class _Seq:
    """Numbering within one sequence number: 2.1 details and 3.1 blocks share detail numbers."""

    __slots__ = ("detail",)

    def __init__(self) -> None:
        self.detail = 0

    def next(self) -> str:
        self.detail += 1
        return f"{self.detail:04d}"


def _statement_lines(
    statement: CodaStatement, creation: dt.date, last: bool
) -> tuple[list[str], list[str]]:
    if not 1 <= statement.number <= 999:
        raise ValueError("statement number must be between 1 and 999")
    if len(statement.movements) > 9999:
        raise ValueError("a CODA statement holds at most 9,999 movements: use statements_for")
    number = f"{statement.number:03d}"
    structure, zone = _account_zone(statement.account_iban, statement.currency)
    date = _ddmmyy(statement.date)
    lines = [
        _check(
            "00000"
            + _ddmmyy(creation)
            + f"{statement.bank_code:<3}"
            + "05"
            + ("D" if statement.duplicate else " ")
            + " " * 7
            + f"{'EK' + number:<10}"
            + f"{statement.holder_name[:26]:<26}"
            + f"{statement.bic:<11}"
            + "00000000000"
            + " "
            + f"{statement.separate_application:<5}"
            + " " * 16
            + " " * 16
            + " " * 7
            + "2",
            "record 0",
        ),
        _check(
            "1"
            + structure
            + number
            + zone
            + _balance(statement.old_balance_cents)
            + _ddmmyy(statement.date - dt.timedelta(days=1))
            + f"{statement.holder_name[:26]:<26}"
            + f"{statement.description[:35]:<35}"
            + number,
            "record 1",
        ),
    ]
    bank_ids: list[str] = []
    key = f"{statement.date.year}-{number}"
    debit = credit = 0
    for position, movement in enumerate(statement.movements, 1):
        seq = f"{position:04d}"
        numbering = _Seq()
        amount = movement.signed_cents()
        if amount < 0:
            debit -= amount
        else:
            credit += amount
        if movement.details:
            _movement_lines(lines, statement, movement, seq, "0000", numbering, "1")
            count = len(movement.details)
            for index, detail in enumerate(movement.details, 1):
                detail_number = numbering.next()
                glob = "1" if index == count else "0"
                _movement_lines(
                    lines, statement, detail, seq, detail_number, numbering, glob, movement
                )
                bank_ids.append(f"{key}/{seq}/{detail_number}")
        else:
            _movement_lines(lines, statement, movement, seq, "0000", numbering, "0")
            bank_ids.append(f"{key}/{seq}")
    counted = len(lines) - 1  # records 1, 2.x and 3.x so far (without the header)
    messages = statement.free_messages
    lines.append(
        _check(
            "8"
            + number
            + zone
            + _balance(statement.new_balance())
            + date
            + " " * 64
            + ("1" if messages else "0"),
            "record 8",
        )
    )
    counted += 1
    for index, message in enumerate(messages, 1):
        lines.append(
            _check(
                f"4 {index:04d}0000"
                + " " * 22
                + f"{message:<80}"
                + " " * 15
                + ("1" if index < len(messages) else "0"),
                "record 4",
            )
        )
    lines.append(
        _check(
            "9"
            + " " * 15
            + f"{counted:06d}"
            + f"{debit * 10:015d}"
            + f"{credit * 10:015d}"
            + " " * 75
            + ("2" if last else "1"),
            "record 9",
        )
    )
    return lines, bank_ids


def _movement_lines(
    lines: list[str],
    statement: CodaStatement,
    movement: CodaMovement,
    seq: str,
    detail: str,
    numbering: _Seq,
    glob: str,
    parent: CodaMovement | None = None,
) -> None:
    amount = movement.signed_cents()
    entry = movement.entry_date or (parent.entry_date if parent else None) or statement.date
    value = movement.value_date or entry
    code = movement.transaction_code
    if not code:
        if movement.details:
            code = "10101000" if amount < 0 else "20150000"
        elif parent is not None:
            code = "50101000" if parent.signed_cents() < 0 else "60150000"
        else:
            code = "00101000" if amount < 0 else "00150000"
    reference = movement.bank_reference or f"EK{statement.number:03d}{seq}{detail}REF"
    number = f"{statement.number:03d}"

    # communication zones
    rest = ""
    if movement.ogm:
        comm_type, communication = "1", f"101{movement.ogm}"
    else:
        comm_type = "0"
        communication, rest = _cut_text(movement.text)
    zone21 = communication[:_ZONE_21]
    zone22 = communication[_ZONE_21 : _ZONE_21 + _ZONE_22]
    zone23 = communication[_ZONE_21 + _ZONE_22 :]

    name = "" if movement.name_in_information else movement.counterparty_name
    with_address = bool(movement.counterparty_street or movement.counterparty_locality)
    with_name_info = with_address or (movement.name_in_information and movement.counterparty_name)
    has_22 = bool(zone22 or movement.counterparty_bic or movement.customer_reference)
    has_23 = bool(zone23 or movement.counterparty_iban or name)
    has_3 = bool(rest or with_name_info)

    lines.append(
        _check(
            f"21{seq}{detail}"
            + f"{reference:<21}"
            + ("1" if amount < 0 else "0")
            + f"{abs(amount) * 10:015d}"
            + _ddmmyy(value)
            + code
            + comm_type
            + f"{zone21:<53}"
            + _ddmmyy(entry)
            + number
            + glob
            + ("1" if has_22 or has_23 else "0")
            + " "
            + ("1" if has_3 and not (has_22 or has_23) else "0"),
            "record 2.1",
        )
    )
    if has_22:
        lines.append(
            _check(
                f"22{seq}{detail}"
                + f"{zone22:<53}"
                + f"{movement.customer_reference:<35}"
                + f"{movement.counterparty_bic:<11}"
                + " " * 3
                + " " * 13
                + ("1" if has_23 else "0")
                + " "
                + ("1" if has_3 and not has_23 else "0"),
                "record 2.2",
            )
        )
    if has_23:
        lines.append(
            _check(
                f"23{seq}{detail}"
                + f"{movement.counterparty_iban.replace(' ', ''):<37}"
                + f"{name:<35}"
                + f"{zone23:<43}"
                + "0 "
                + ("1" if has_3 else "0"),
                "record 2.3",
            )
        )
    blocks: list[tuple[str, str, str]] = []  # (3.1 zone with structure code, 3.2 zone, 3.3 zone)
    if with_name_info:
        blocks.append(
            (
                f"1001{movement.counterparty_name:<70}",
                (
                    f"{movement.counterparty_street:<35}{movement.counterparty_locality:<35}"
                    if with_address
                    else ""
                ),
                "",
            )
        )
    if rest:
        blocks.append(
            (
                "0" + rest[:_ZONE_31],
                rest[_ZONE_31 : _ZONE_31 + _ZONE_32],
                rest[_ZONE_31 + _ZONE_32 :],
            )
        )
    for index, (zone31, zone32, zone33) in enumerate(blocks, 1):
        info_detail = numbering.next()
        more = "1" if index < len(blocks) else "0"
        lines.append(
            _check(
                f"31{seq}{info_detail}"
                + f"{reference:<21}"
                + code
                + f"{zone31:<74}"
                + " " * 12
                + ("1" if zone32 else "0")
                + " "
                + (more if not zone32 else "0"),
                "record 3.1",
            )
        )
        if zone32:
            lines.append(
                _check(
                    f"32{seq}{info_detail}"
                    + f"{zone32:<105}"
                    + " " * 10
                    + ("1" if zone33 else "0")
                    + " "
                    + (more if not zone33 else "0"),
                    "record 3.2",
                )
            )
        if zone33:
            lines.append(
                _check(
                    f"33{seq}{info_detail}" + f"{zone33:<90}" + " " * 25 + "0 " + more,
                    "record 3.3",
                )
            )
