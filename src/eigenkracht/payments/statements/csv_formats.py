"""Bank CSV exports: BNP Paribas Fortis, KBC/CBC, Belfius and ING Belgium (Dutch and French), and
any other CSV through a `ColumnMapping` that staff choose once per header.

Everything here is pure Python on bytes; no Django. `parse_bank_csv` returns a `ParsedStatement`
or raises `StatementError` ("regel 7: ..."), never half a file.

Reading
-------
- `values`: the encoding, amounts and dates (shared with the CODA and CAMT readers);
- `csv_header`: the delimiter and the header line, found by content below any metadata;
- `csv_layouts`: each bank's columns, with the sources of their headers, and `ColumnMapping`;
- here: the lines, read into `Transaction`s. The public names of all four import from here.

Bank identity (`Transaction.bank_id`) per layout
-------------------------------------------------
- BNP: the "BANKREFERENTIE : <n>" / "REFERENCE BANQUE : <n>" in Details ("ref:<n>"): it is there
  before the booking gets its sequence number and stays the same afterwards; else "Volgnummer"
  when complete ("2026-00127"; exports also write "2026-" or nothing for bookings not yet on a
  statement); else the content key.
- KBC: none. "Afschriftnummer" numbers the statement (shared by all its bookings), not the
  booking, so the content key is used.
- Belfius: "<Rekeninguittrekselnummer>/<Transactienummer>/<booking date>" (the numbers restart
  every year, so the date keeps them unique); else the content key (not yet on a statement).
- ING: "<Omzetnummer>/<booking date>"; else the content key.
- Mapping: the chosen bank id column when filled, else the content key.
The content key is "key:<hash of date, amount, counterparty IBAN and name, communication>#<n>",
n being the position among identical lines in the file, so two genuine identical payments stay
two and the same or an overlapping export gives the same ids again. A bank id that repeats
inside one file gets "#2", "#3"... on its later occurrences.
"""

import datetime as dt
import functools
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from eigenkracht.banking.ogm import ogm_parse
from eigenkracht.payments.statements.base import (
    AccountSummary,
    ParsedStatement,
    StatementError,
    Transaction,
)
from eigenkracht.payments.statements.csv_header import (
    CsvLayoutUnknown,
    Header,
    cells_signature,
    find_header,
    find_known_header,
    find_mapped_header,
    guess_header,
    header_columns,
    header_signature,
    normalize_header,
    read_records,
    trimmed,
)
from eigenkracht.payments.statements.csv_layouts import (
    ACCOUNT,
    AMOUNT,
    BELFIUS,
    BIC,
    BNP,
    BOOKING_DATE,
    COMMUNICATION,
    CREDIT,
    CURRENCY,
    DEBIT,
    DESCRIPTION,
    DESCRIPTION2,
    IBAN,
    ING,
    LAYOUTS,
    MAPPING,
    NAME,
    REASON,
    SEQUENCE,
    STATEMENT_NO,
    STATUS,
    STRUCTURED,
    TRANSACTION_NO,
    VALUE_DATE,
    ColumnMapping,
    CsvLayout,
)
from eigenkracht.payments.statements.messages import Note
from eigenkracht.payments.statements.values import (
    DATE_FORMATS,
    ValueProblem,
    account_number,
    collapse,
    decode_bytes,
    parse_amount_cents,
    parse_date,
)

__all__ = [
    "DATE_FORMATS",
    "LAYOUTS",
    "ColumnMapping",
    "CsvLayout",
    "CsvLayoutUnknown",
    "decode_bytes",
    "header_columns",
    "header_signature",
    "normalize_header",
    "parse_amount_cents",
    "parse_bank_csv",
    "parse_date",
]

_BIC_IN_TEXT = re.compile(r"\bBIC(?:\s*:\s*|\s+)([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b")
_BANK_REFERENCE = re.compile(
    r"\b(?:BANKREFERENTIE|REFERENCE BANQUE|RÉFÉRENCE BANQUE|BANK REFERENCE)\s*:\s*([0-9]{6,})\b",
    re.IGNORECASE,
)
_COMMUNICATION_IN_TEXT = re.compile(
    r"\b(?:MEDEDELING|COMMUNICATION|BERICHT|MESSAGE)\s*:\s*(.*?)"
    r"(?=\s+(?:BANKREFERENTIE|REFERENCE BANQUE|RÉFÉRENCE BANQUE|VALUTADATUM|DATE VALEUR|"
    r"UITGEVOERD OP|EXECUTE LE|EXÉCUTÉ LE|REFERENTIE|RÉFÉRENCE|REF\.)\b|$)",
    re.IGNORECASE,
)
_NAME_IN_TEXT = re.compile(
    r"\b(?:Ten gunste van|Van|Naar|Opdrachtgever|Begunstigde|En faveur de|Donneur d'ordre|"
    r"B[ée]n[ée]ficiaire|De|Vers)\s*:[ \t]*(\S.*?)"
    r"(?=\s+-\s+[A-Z]{2}[0-9]{2}|\s{2,}|\s+(?:IBAN|BIC|Mededeling|Communication|Instant|"
    r"Referentie|R[ée]f[ée]rence)\b|$)",
    re.IGNORECASE,
)
_REFUSED = {"geweigerd", "refuse", "refused", "rejected", "verworpen"}
_COMPLETE_BNP_SEQUENCE = re.compile(r"[0-9]{4}-[0-9]+")


@functools.lru_cache(maxsize=256)
def _status(value: str) -> str:
    return normalize_header(value)


def _content_key(tx: Mapping[str, Any]) -> str:
    parts = [
        tx["booking_date"].isoformat(),
        str(tx["amount_cents"]),
        tx["counterparty_iban"],
        tx["counterparty_name"].casefold(),
        tx["communication"].casefold(),
    ]
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).hexdigest()
    return f"key:{digest}"


def _communication(free: str, structured: str, descriptions: Sequence[str]) -> tuple[str, bool]:
    if structured:
        if digits := ogm_parse(structured):
            return digits, True
        free = collapse(f"{structured} {free}")  # not a valid OGM: keep it as text
    if not free:
        # No communication column filled: BNP, ING and KBC repeat it inside the description.
        for text in descriptions:
            if m := _COMMUNICATION_IN_TEXT.search(text):
                free = collapse(m.group(1))
                break
    if digits := ogm_parse(free):
        return digits, True
    return free, False


def _identity(layout_key: str, cell: Callable[[str], str], booking: dt.date) -> str:
    """The bank's own identity of a booking, "" when the line has none (see module doc)."""
    if layout_key == BNP:
        if m := _BANK_REFERENCE.search(cell(DESCRIPTION)):
            return f"ref:{m.group(1)}"
        sequence = cell(SEQUENCE)
        return sequence if _COMPLETE_BNP_SEQUENCE.fullmatch(sequence) else ""
    if layout_key == BELFIUS:
        statement, number = cell(STATEMENT_NO), cell(TRANSACTION_NO)
        return f"{statement}/{number}/{booking.isoformat()}" if statement and number else ""
    if layout_key == ING:
        sequence = cell(SEQUENCE)
        return f"{sequence}/{booking.isoformat()}" if sequence else ""
    if layout_key == MAPPING:
        return cell(SEQUENCE)
    return ""  # KBC: no per-booking number in the export


def _parse_rows(
    text: str,
    header: Header,
    *,
    layout_key: str,
    date_format: str,
    decimal_separator: str,
    fixed_account: str,
    notes: list[Note],
) -> list[Transaction]:
    records = read_records(text, header.delimiter)
    roles = header.roles
    column_names = {role: header.cells[i] for role, i in roles.items() if i < len(header.cells)}
    rows: list[tuple[str, dict[str, Any]]] = []
    refused: list[list[Any]] = []  # [line, the bank's reason]

    for line, cells in records[header.position + 1 :]:
        if not any(c.strip() for c in cells):
            continue
        if cells[0].replace("\ufeff", "").strip() == header.cells[0] and (
            trimmed(cells) == header.cells
        ):
            continue  # the header repeated (two exports pasted together)
        where = f"regel {line}"

        def raw_cell(role: str, cells: list[str] = cells) -> str:
            position = roles.get(role)
            return cells[position] if position is not None and position < len(cells) else ""

        def cell(role: str) -> str:
            return collapse(raw_cell(role))

        def value_error(role: str, exc: ValueProblem, line: int = line) -> StatementError:
            column = column_names.get(role, role)
            return StatementError(
                "csv_column", {"column": column, "cause": exc.as_json()}, line=line
            )

        if _status(cell(STATUS)) in _REFUSED:
            reason = cell(REASON)
            refused.append([line, reason])
            continue

        raw_date = cell(BOOKING_DATE)
        if not raw_date:
            raise value_error(BOOKING_DATE, ValueProblem("date_missing"))
        try:
            booking_date = parse_date(raw_date, date_format)
        except ValueProblem as exc:
            raise value_error(BOOKING_DATE, exc) from None
        value_date = None
        if raw_value_date := cell(VALUE_DATE):
            try:
                value_date = parse_date(raw_value_date, date_format)
            except ValueProblem as exc:
                raise value_error(VALUE_DATE, exc) from None

        amount_cents: int | None = None
        if raw_amount := cell(AMOUNT):
            try:
                amount_cents = parse_amount_cents(raw_amount, decimal_separator)
            except ValueProblem as exc:
                raise value_error(AMOUNT, exc) from None
        elif cell(CREDIT) or cell(DEBIT):
            amount_cents = 0
            for role, sign in ((CREDIT, 1), (DEBIT, -1)):
                if raw := cell(role):
                    try:
                        amount_cents += sign * abs(parse_amount_cents(raw, decimal_separator))
                    except ValueProblem as exc:
                        raise value_error(role, exc) from None
        if amount_cents is None:
            raise StatementError("csv_amount_missing", line=line)

        descriptions = [cell(DESCRIPTION), cell(DESCRIPTION2)]
        communication, structured = _communication(
            cell(COMMUNICATION), cell(STRUCTURED), descriptions
        )
        bic = cell(BIC).upper().replace(" ", "")
        if not bic and BIC not in roles:  # BNP writes the BIC only inside Details
            for description in descriptions:
                if m := _BIC_IN_TEXT.search(description):
                    bic = m.group(1)
                    break
        name = cell(NAME)
        if NAME not in roles:  # ING: the name is only in the description ("Van: X - BE..")
            for role in (DESCRIPTION2, DESCRIPTION):
                if m := _NAME_IN_TEXT.search(raw_cell(role)):
                    name = collapse(m.group(1))
                    break
        tx = {
            "account": account_number(cell(ACCOUNT)) or fixed_account,
            "booking_date": booking_date,
            "amount_cents": amount_cents,
            "currency": (cell(CURRENCY) or "EUR").upper(),
            "value_date": value_date,
            "counterparty_name": name,
            "counterparty_iban": account_number(cell(IBAN)),
            "counterparty_bic": bic,
            "communication": communication,
            "structured": structured,
            "line": where,
        }
        rows.append((_identity(layout_key, cell, booking_date), tx))

    if refused:
        notes.append(Note("csv_refused", {"count": len(refused), "refused": refused}))
    return _with_bank_ids(rows, notes)


def _with_bank_ids(
    rows: Sequence[tuple[str, dict[str, Any]]], notes: list[Note]
) -> list[Transaction]:
    """Bank ids: the bank's identity, else the content key with the position among identical
    lines; a repeated identity gets "#2", "#3"... so no line is ever lost."""
    seen: Counter[tuple[str, str]] = Counter()
    transactions: list[Transaction] = []
    without_identity = 0
    for identity, tx in rows:
        account = tx["account"]
        if identity:
            seen[(account, identity)] += 1
            n = seen[(account, identity)]
            bank_id = identity if n == 1 else f"{identity}#{n}"
        else:
            without_identity += 1
            key = _content_key(tx)
            seen[(account, key)] += 1
            bank_id = f"{key}#{seen[(account, key)]}"
        transactions.append(Transaction(bank_id=bank_id, **tx))
    if without_identity and without_identity < len(rows):
        notes.append(Note("csv_without_reference", {"count": without_identity}))
    return transactions


def _statement_account(transactions: Sequence[Transaction], notes: list[Note]) -> str:
    accounts = sorted({t.account for t in transactions if t.account})
    if len(accounts) > 1:
        notes.append(Note("csv_accounts", {"count": len(accounts), "accounts": accounts}))
        return ""
    return accounts[0] if accounts else ""


def parse_bank_csv(data: bytes, *, mapping: ColumnMapping | None = None) -> ParsedStatement:
    """Read a bank's CSV export (known layout) or any CSV through `mapping`.

    Raises CsvLayoutUnknown when the header is not recognised and no mapping is given (or the
    mapping's columns are not in the file), StatementError for anything else unreadable.
    """
    text, encoding = decode_bytes(data)
    notes = [Note("csv_encoding", {"encoding": encoding})]
    if mapping is not None:
        header = find_mapped_header(text, mapping)
        if header is None:
            guessed = find_header(text)
            missing = sorted(set(mapping.role_columns().values()))
            if guessed.cells:
                code, params = "csv_mapped_columns_missing", {"found": guessed.cells}
            else:
                code, params = "csv_mapped_columns_missing_no_columns", {}
            raise CsvLayoutUnknown(
                code,
                {"columns": missing, **params},
                columns=guessed.cells,
                signature=cells_signature(guessed.cells),
            )
        layout_key, date_format, decimal = MAPPING, mapping.date_format, mapping.decimal_separator
        fixed_account = account_number(mapping.fixed_account)
        notes.insert(0, Note("csv_mapping", {}))
    else:
        found = find_known_header(text)
        if found is None:
            guessed = guess_header(text)
            if guessed.cells:
                code, params = "csv_layout_unknown", {"found": guessed.cells}
            else:
                code, params = "csv_layout_unknown_no_columns", {}
            raise CsvLayoutUnknown(
                code,
                params,
                columns=guessed.cells,
                signature=cells_signature(guessed.cells),
            )
        header = found
        assert header.layout is not None
        layout_key, date_format, decimal, fixed_account = header.layout.key, "dd/mm/yyyy", ",", ""
        layout = header.layout
        notes.insert(0, Note("csv_layout", {"bank": layout.bank, "language": layout.language}))
    transactions = _parse_rows(
        text,
        header,
        layout_key=layout_key,
        date_format=date_format,
        decimal_separator=decimal,
        fixed_account=fixed_account,
        notes=notes,
    )
    account = _statement_account(transactions, notes)
    return ParsedStatement(
        format=f"csv:{layout_key}",
        account=account,
        transactions=transactions,
        notes=notes,
        accounts=_account_summaries(transactions),
    )


def _account_summaries(transactions: Sequence[Transaction]) -> list[AccountSummary]:
    """Per account (also "" for lines that name none): the first and last booking date.

    The exports state no opening or closing balance (KBC's running "Saldo" per line is not read:
    which line comes first depends on how the export was sorted), so none is given."""
    dates: dict[str, list[dt.date]] = {}
    currencies: dict[str, str] = {}
    for tx in transactions:
        dates.setdefault(tx.account, []).append(tx.booking_date)
        currencies.setdefault(tx.account, tx.currency)
    return [
        AccountSummary(
            account=account,
            currency=currencies[account],
            first_date=min(days),
            last_date=max(days),
        )
        for account, days in dates.items()
    ]
