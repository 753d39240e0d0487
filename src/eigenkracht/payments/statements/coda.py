"""CODA bank statements (Febelfin "Coded statement of account", version 2.x) -> `ParsedStatement`.

Decision (for docs/decisions.md): we read CODA with our own parser. We ran the CODA readers on
PyPI on the public OCA sample: febelfin-coda 0.5 (Tryton/B2CK, BSD, maintained), codapy 0.3.28
(MIT) and pycoda 1.1 (ACSONE, GPL-3, last release 2022, used by the OCA Odoo module); the Odoo
add-ons only run inside Odoo. febelfin-coda is the best of them, but it checks totals and balances
with bare `assert` statements (no message, no line number, switched off by `python -O`), silently
skips unknown records, never checks the 128-character length, keeps the currency inside the
counterparty's account, and stops on the OCA sample with a bare AssertionError. codapy maps single
records to fields and nothing more (no statements, details, joined communication, totals or
balances) and declares factory-boy as a run-time dependency. pycoda holds money in floats, never
reads the trailer (it reads the unbalanced OCA sample without a word), cuts record 3.2 at position
100 and puts a space into a word that a record boundary cut in two ("NUMERO D'OPERATI ON" in
Tryton's KBC test file). Wrapping any of them would mean checking every record again ourselves,
so a strict reader of a few hundred lines, written from annex I of the standard and checked
against both sample files, is the smaller risk.

How the file is read:

- Bytes are decoded as UTF-8 only when that succeeds and every record is then 128 characters
  long; otherwise as Windows-1252 (the banks' encoding), or Latin-1 for the five bytes
  Windows-1252 leaves undefined. CRLF, LF or CR line ends; empty lines at the end are ignored.
- Records: 0 header, 1 old balance, 2.1/2.2/2.3 movement, 3.1/3.2/3.3 information, 4 free
  message (ignored), 8 new balance, 9 trailer. A file may hold several statements (0 ... 9),
  each checked on its own: the trailer's number of records (records 1, 2.x, 3.x and 8, as the
  standard defines it; a count that also includes records 4 is tolerated), its debit and credit
  totals (the movements with detail number 0000 only: a globalised total counts, its details do
  not), and old balance + movements = new balance. A statement without movements may leave out
  record 8. In a "separate application" file (header positions 84-88 not 00000) the balances are
  not those of the account, so only the trailer is checked.
- A movement's communication: structured type 101 or 102 (the Belgian OGM, 102 = reconstituted by
  the bank) gives the 12 digits and `structured=True`. Free text is the 2.1, 2.2 and 2.3 zones
  concatenated as written (the bank cuts a text at fixed positions, mid-word, so joining them
  with spaces would break words), then whitespace collapsed to single spaces; free information
  records (3.x with structure code 0) are appended with a space. Other structured communications
  (bank data such as original amount, charges, card details) are not a payer's message and give
  an empty communication. The counterparty comes from 2.2 (BIC) and 2.3 (account, name); an
  information record 3.1 of type 001 supplies the name when 2.3 has none.
- Globalisation: the records 2.1 with detail number > 0 that follow a movement (detail 0000) of
  the same sequence number are its details (transaction type 9 nests under the 7 before it). They
  are returned instead of the total, each with its own counterparty and communication, when they
  add up to the total exactly; a detail without counterparty or communication takes the total's.
  When they do not add up the total is returned and a note says so. So the transactions always
  add up to the statement's movement. The globalisation code (position 125) is not relied on: it
  says the same, except that real files also set it on a total that has no details.
- `bank_id` = "<year>-<statement number>/<sequence number>[/<detail number>]", e.g.
  "2012-135/0003/0001". The statement number is the "paper" statement number of record 1
  (positions 3-5, repeated in 2.1 and 8) that banks restart at 001 every year, hence the year of
  the new balance date (the statement's date). The other 3-digit number, the CODA sequence number
  at positions 126-128 of record 1, is not used: banks fill it unevenly and it wraps after 999
  files. Only when the paper number is 000 is it used instead. A key seen twice in one file is an
  error rather than a silently lost payment.
- Amounts are thousandths of the currency; a movement whose thousandths digit is not 0 is refused
  (never rounded).
- Per account (`ParsedStatement.accounts`): the period from the earliest booking or new-balance
  date to the latest, the old balance (record 1) of its first statement and the new balance
  (record 8) of its last, as written; a "separate application" gives no balances.

The public OCA sample (`shared/data/bank-statements/oca-sample.coda`) does not balance: its
record 8 names another account and another balance than record 1 plus the movements. It is read
with `check_balances=False`, which turns those two checks into notes; the trailer is still checked.
"""

import datetime as dt
from typing import Any

from eigenkracht.banking.iban import be_account_to_iban

from .base import AccountSummary, ParsedStatement, StatementError, Transaction, merge_accounts
from .messages import Note
from .values import collapse, decode_windows

RECORD_LENGTH = 128
OGM_TYPES = frozenset({"101", "102"})

# (counterparty name, counterparty account, counterparty BIC, communication, structured)
_Fields = tuple[str, str, str, str, bool]


def parse_coda(data: bytes, *, check_balances: bool = True) -> ParsedStatement:
    """Read a CODA file. Raises `StatementError` (a code of `messages`, naming the line) when it
    is not valid.

    With `check_balances=False` a new balance that does not follow from the old balance and the
    movements, or that names another account, becomes a note instead of an error.
    """
    lines = _split_lines(_decode(data))
    return _Reader(check_balances).read(lines)


# --- decoding ---------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if not data.strip():
        raise StatementError("empty")
    had_bom = data.startswith(b"\xef\xbb\xbf")
    if had_bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if text.isascii() or had_bom or _records_fit(text):
            return text
    return decode_windows(data)[0]


def _records_fit(text: str) -> bool:
    return all(len(line) == RECORD_LENGTH for line in _split_lines(text))


def _split_lines(text: str) -> list[str]:
    text = text.rstrip("\x1a")  # a DOS end-of-file mark
    if "\n" in text:
        lines = text.split("\n")
        lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    else:
        lines = text.split("\r")
    while lines and not lines[-1].strip(" \t\x1a"):  # trailing empty lines
        lines.pop()
    return lines


# --- small field readers ----------------------------------------------------------------------


def _number(value: str, n: int, field: str) -> int:
    """A number of the record; `field` names it (a key of `messages.FIELDS`)."""
    if not (value.isascii() and value.isdigit()):
        raise StatementError("coda_number", {"field": field, "value": value}, line=n)
    return int(value)


def _signed(sign: str, value: str, n: int, field: str) -> int:
    amount = _number(value, n, field)
    if sign == "0":
        return amount
    if sign == "1":
        return -amount
    raise StatementError("coda_sign", {"field": field, "sign": sign}, line=n)


def _cents(thousandths: int) -> int | None:
    """A balance in cents; None when it has a thousandth (never rounded)."""
    return None if thousandths % 10 else thousandths // 10


def _counterparty_account(zone: str) -> str:
    """Record 2.3 positions 11-47: an IBAN (+ currency) or a Belgian account (+ currency)."""
    value = zone[:34].strip()
    if not value:
        return ""
    value = value.split()[0].upper()  # an old Belgian number is followed by its currency
    if not value.strip("0"):
        return ""
    if value[:2].isalpha():
        return value
    return be_account_to_iban(value) or value


# --- the reader -------------------------------------------------------------------------------


class _Movement:
    """One record 2.1 with what its 2.2, 2.3 and 3.x records add."""

    __slots__ = (
        "account",
        "amount",
        "bic",
        "children",
        "comm_parts",
        "comm_type",
        "detail",
        "entry_date",
        "info",
        "line_no",
        "name",
        "reference",
        "seq",
        "ttype",
        "value_date",
    )

    def __init__(
        self, line: str, n: int, amount: int, value_date: dt.date | None, entry_date: dt.date
    ) -> None:
        self.line_no = n
        self.seq = line[2:6]
        self.detail = line[6:10]
        self.ttype = line[53]
        self.amount = amount
        self.value_date = value_date
        self.entry_date = entry_date
        self.comm_type = line[61]
        self.comm_parts = [line[62:115]]
        self.bic = ""
        self.reference = ""
        self.account = ""
        self.name = ""
        self.info: list[list[str]] = []  # information blocks: [structure code + 3.1 zone, 3.2, 3.3]
        self.children: list[_Movement] = []


class _Statement:
    __slots__ = (
        "account",
        "account_zone",
        "coda_number",
        "counted",
        "currency",
        "holder",
        "key",
        "line_no",
        "movements",
        "new_balance",
        "new_date",
        "new_line",
        "old_balance",
        "old_date",
        "paper_number",
        "records_4",
    )

    def __init__(self, n: int) -> None:
        self.line_no = n
        self.movements: list[_Movement] = []  # detail number 0000, with their details as children
        self.counted = 0  # records 1, 2.x, 3.x and 8
        self.records_4 = 0
        self.new_balance: int | None = None
        self.new_date: dt.date | None = None
        self.new_line = 0
        self.account = ""
        self.account_zone = ""
        self.currency = ""
        self.holder = ""
        self.key = ""
        self.old_balance = 0
        self.old_date: dt.date | None = None
        self.paper_number = ""
        self.coda_number = ""


class _Reader:
    def __init__(self, check_balances: bool) -> None:
        self.check_balances = check_balances
        self.dates: dict[str, dt.date] = {}
        self.notes: list[Note] = []
        self.transactions: list[Transaction] = []
        self.seen: dict[tuple[str, str], int] = {}
        self.accounts: list[str] = []
        self.summaries: list[AccountSummary] = []
        # per statement
        self.statement: _Statement | None = None
        self.separate_application = False
        self.header_line = 0
        self.after_new_balance = False
        self.current: _Movement | None = None  # the last record 2.1
        self.top: _Movement | None = None  # the last record 2.1 with detail number 0000
        self.info_block: list[str] | None = None

    # dates are few and repeat: cache them
    def date(self, value: str, n: int, field: str, *, optional: bool = False) -> dt.date | None:
        found = self.dates.get(value)
        if found is not None:
            return found
        if optional and value in ("000000", "      "):
            return None
        if value.isascii() and value.isdigit():
            day, month, yy = int(value[0:2]), int(value[2:4]), int(value[4:6])
            try:
                found = dt.date(2000 + yy if yy < 80 else 1900 + yy, month, day)
            except ValueError:
                found = None
        if found is None:
            raise StatementError("coda_date", {"field": field, "value": value}, line=n)
        self.dates[value] = found
        return found

    def read(self, lines: list[str]) -> ParsedStatement:
        if not lines:
            raise StatementError("empty")
        self.check_first_line(lines[0])
        n = 0
        for n, line in enumerate(lines, 1):
            if len(line) != RECORD_LENGTH:
                raise StatementError(
                    "coda_record_length", {"length": RECORD_LENGTH, "actual": len(line)}, line=n
                )
            kind = line[0]
            if kind == "2":
                self.record_2(line, n)
            elif kind == "3":
                self.record_3(line, n)
            elif kind == "0":
                self.record_0(line, n)
            elif kind == "1":
                self.record_1(line, n)
            elif kind == "4":
                self.record_4(line, n)
            elif kind == "8":
                self.record_8(line, n)
            elif kind == "9":
                self.record_9(line, n)
            else:
                raise StatementError("coda_record_type", {"kind": kind}, line=n)
        if self.statement is not None or self.header_line:
            raise StatementError("coda_no_trailer", {"start": self.header_line}, line=n)
        return ParsedStatement(
            format="coda",
            account=self.accounts[0],
            transactions=self.transactions,
            notes=self.notes,
            accounts=merge_accounts(self.summaries),
        )

    @staticmethod
    def check_first_line(line: str) -> None:
        if line.startswith("00000"):
            return  # a header; its length is checked with every other record
        start = line.lstrip("\ufeff \t")
        if start.startswith("<"):
            code = "coda_not_coda_xml"
        elif ";" in line or "," in line or "\t" in line:
            code = "coda_not_coda_csv"
        else:
            code = "coda_not_coda"
        raise StatementError(code, {"length": RECORD_LENGTH}, line=1)

    def expect_statement(self, line: str, n: int) -> _Statement:
        statement = self.statement
        if statement is None:
            if self.header_line:
                raise StatementError("coda_before_old_balance", {"kind": line[0]}, line=n)
            raise StatementError("coda_outside_statement", {"kind": line[0]}, line=n)
        return statement

    def expect_body(self, line: str, n: int) -> _Statement:
        statement = self.expect_statement(line, n)
        if self.after_new_balance:
            raise StatementError("coda_after_new_balance", {"kind": line[0:2].strip()}, line=n)
        return statement

    # --- records ---

    def record_0(self, line: str, n: int) -> None:
        if self.statement is not None or self.header_line:
            raise StatementError("coda_header_before_trailer", {"start": self.header_line}, line=n)
        if line[1:5] != "0000":
            raise StatementError("coda_header_zeros", line=n)
        if line[127] != "2":
            raise StatementError("coda_version", {"version": line[127]}, line=n)
        self.date(line[5:11], n, "creation_date")
        self.header_line = n
        self.separate_application = line[83:88].strip("0 ") != ""
        if line[16] == "D":
            self.notes.append(Note("coda_duplicate", {"line": n}))

    def record_1(self, line: str, n: int) -> None:
        if not self.header_line or self.statement is not None:
            raise StatementError("coda_old_balance_without_header", line=n)
        statement = _Statement(n)
        structure = line[1]
        zone = line[5:42]
        if structure == "0":
            account, currency = zone[0:12].strip(), zone[13:16]
            account = be_account_to_iban(account) or account
        elif structure in ("1", "2", "3"):
            width = 31 if structure == "2" else 34
            account = zone[:width].strip().replace(" ", "").upper()
            currency = zone[34:37]
        else:
            raise StatementError("coda_account_structure", {"structure": structure}, line=n)
        if not account:
            raise StatementError("coda_account_missing", line=n)
        currency = currency.strip()
        if not (len(currency) == 3 and currency.isascii() and currency.isalpha()):
            raise StatementError("coda_currency", {"currency": currency}, line=n)
        statement.account = account
        statement.account_zone = zone
        statement.currency = currency
        statement.paper_number = line[2:5]
        statement.coda_number = line[125:128]
        _number(statement.paper_number, n, "statement_number")
        statement.old_balance = _signed(line[42], line[43:58], n, "old_balance")
        statement.old_date = self.date(line[58:64], n, "old_balance_date")
        statement.holder = collapse(line[64:90])
        statement.counted = 1
        self.statement = statement
        self.after_new_balance = False
        self.current = self.top = None
        self.info_block = None

    def record_2(self, line: str, n: int) -> None:
        statement = self.expect_body(line, n)
        article = line[1]
        statement.counted += 1
        self.info_block = None
        if article == "1":
            amount = _number(line[32:47], n, "amount")
            if amount % 10:
                raise StatementError(
                    "coda_amount_thousandths", {"amount_thousandths": amount}, line=n
                )
            sign = line[31]
            if sign == "1":
                amount = -amount
            elif sign != "0":
                raise StatementError("coda_sign", {"field": "amount", "sign": sign}, line=n)
            seq, detail = line[2:6], line[6:10]
            _number(seq, n, "sequence")
            _number(detail, n, "detail")
            movement = _Movement(
                line,
                n,
                amount,
                self.date(line[47:53], n, "value_date", optional=True),
                self.date(line[115:121], n, "booking_date"),
            )
            if detail == "0000":
                statement.movements.append(movement)
                self.top = movement
            else:
                top = self.top
                if top is None or top.seq != seq:
                    raise StatementError(
                        "coda_detail_without_movement", {"detail": detail, "sequence": seq}, line=n
                    )
                siblings = top.children
                if movement.ttype == "9" and siblings and siblings[-1].ttype == "7":
                    siblings[-1].children.append(movement)
                else:
                    siblings.append(movement)
            self.current = movement
        elif article == "2" or article == "3":
            current = self.current
            if current is None or line[2:10] != current.seq + current.detail:
                raise StatementError(
                    "coda_record_2_without_movement",
                    {"article": article, "sequence": line[2:6], "detail": line[6:10]},
                    line=n,
                )
            if article == "2":
                current.comm_parts.append(line[10:63])
                # The client's reference: for a SEPA transfer we sent, our end-to-end id.
                current.reference = line[63:98].strip()
                current.bic = line[98:109].strip()
            else:
                current.account = _counterparty_account(line[10:47])
                current.name = collapse(line[47:82])
                current.comm_parts.append(line[82:125])
        else:
            raise StatementError("coda_record_type", {"kind": f"2.{article}"}, line=n)

    def record_3(self, line: str, n: int) -> None:
        statement = self.expect_body(line, n)
        article = line[1]
        if article not in ("1", "2", "3"):
            raise StatementError("coda_record_type", {"kind": f"3.{article}"}, line=n)
        statement.counted += 1
        current = self.current
        if current is None or line[2:6] != current.seq:
            raise StatementError(
                "coda_record_3_without_movement",
                {"article": article, "sequence": line[2:6]},
                line=n,
            )
        if article == "1":
            self.info_block = [line[39:113]]
            current.info.append(self.info_block)
        elif self.info_block is None:
            raise StatementError("coda_record_3_without_3_1", {"article": article}, line=n)
        elif article == "2":
            self.info_block.append(line[10:115])
        else:
            self.info_block.append(line[10:100])

    def record_4(self, line: str, n: int) -> None:
        statement = self.expect_statement(line, n)
        statement.records_4 += 1
        self.info_block = None

    def record_8(self, line: str, n: int) -> None:
        statement = self.expect_body(line, n)
        statement.counted += 1
        statement.new_balance = _signed(line[41], line[42:57], n, "new_balance")
        statement.new_date = self.date(line[57:63], n, "new_balance_date")
        statement.new_line = n
        if line[4:41] != statement.account_zone:
            self.balance_problem(
                "coda_new_balance_account",
                {
                    "new": collapse(line[4:41]),
                    "start": statement.line_no,
                    "old": collapse(statement.account_zone),
                },
                n,
            )
        self.after_new_balance = True
        self.info_block = None

    def record_9(self, line: str, n: int) -> None:
        statement = self.expect_statement(line, n)
        count = _number(line[16:22], n, "record_count")
        debit = _number(line[22:37], n, "total_debit")
        credit = _number(line[37:52], n, "total_credit")
        if count != statement.counted and count != statement.counted + statement.records_4:
            raise StatementError(
                "coda_trailer_count",
                {"count": count, "start": self.header_line, "counted": statement.counted},
                line=n,
            )
        movements = statement.movements
        real_debit = -sum(m.amount for m in movements if m.amount < 0)
        real_credit = sum(m.amount for m in movements if m.amount > 0)
        if debit != real_debit:
            raise StatementError(
                "coda_trailer_debit",
                {"reported_thousandths": debit, "total_thousandths": real_debit},
                line=n,
            )
        if credit != real_credit:
            raise StatementError(
                "coda_trailer_credit",
                {"reported_thousandths": credit, "total_thousandths": real_credit},
                line=n,
            )
        if statement.new_balance is None:
            if movements:
                raise StatementError("coda_new_balance_missing", line=n)
            statement.new_balance = statement.old_balance
            statement.new_date = statement.old_date
        expected = statement.old_balance + real_credit - real_debit
        if self.separate_application:
            self.notes.append(Note("coda_separate_application", {"line": self.header_line}))
        elif expected != statement.new_balance:
            self.balance_problem(
                "coda_balance",
                {
                    "old_thousandths": statement.old_balance,
                    "movements_thousandths": real_credit - real_debit,
                    "expected_thousandths": expected,
                    "new_thousandths": statement.new_balance,
                },
                statement.new_line,
            )
        self.finish(statement)
        self.statement = None
        self.header_line = 0
        self.current = self.top = None

    def balance_problem(self, code: str, params: dict[str, Any], n: int) -> None:
        if self.check_balances:
            raise StatementError(code, params, line=n)
        cause = {"code": code, "params": params}
        self.notes.append(Note("coda_balance_not_checked", {"line": n, "cause": cause}))

    # --- from records to transactions ---

    def finish(self, statement: _Statement) -> None:
        date = statement.new_date or statement.old_date or dt.date.min
        if statement.paper_number.strip("0"):
            statement.key = f"{date.year}-{statement.paper_number}"
        elif statement.coda_number.strip("0 "):
            statement.key = f"{date.year}-{statement.coda_number}"
        else:
            statement.key = date.isoformat()
        self.accounts.append(statement.account)
        dates = [statement.new_date] if statement.new_date else []
        for top in statement.movements:
            for movement, fields in self.leaves(top, statement):
                self.add(statement, movement, fields)
                dates.append(movement.entry_date)
        # A separate application's balances are not those of the account.
        balances = not self.separate_application
        self.summaries.append(
            AccountSummary(
                account=statement.account,
                currency=statement.currency,
                first_date=min(dates, default=None),
                last_date=max(dates, default=None),
                opening_cents=_cents(statement.old_balance) if balances else None,
                closing_cents=(
                    _cents(statement.new_balance)
                    if balances and statement.new_balance is not None
                    else None
                ),
            )
        )
        params = {
            "key": statement.key,
            "account": statement.account,
            "movements": len(statement.movements),
            "balance_thousandths": statement.new_balance or 0,
            "currency": statement.currency,
        }
        if statement.holder:
            self.notes.append(Note("coda_statement_holder", {**params, "holder": statement.holder}))
        else:
            self.notes.append(Note("coda_statement", params))

    def leaves(self, top: _Movement, statement: _Statement) -> list[tuple[_Movement, _Fields]]:
        """The movements to return for one sequence number, with their resolved fields."""
        top_fields = _fields(top, None)
        if not top.children:
            return [(top, top_fields)]
        if sum(child.amount for child in top.children) != top.amount:
            self.notes.append(
                Note(
                    "coda_details_differ",
                    {
                        "line": top.line_no,
                        "movement": f"{statement.key}/{top.seq}",
                        "total_thousandths": top.amount,
                    },
                )
            )
            return [(top, top_fields)]
        result = []
        for child in top.children:
            child_fields = _fields(child, top_fields)
            grandchildren = child.children
            if grandchildren and sum(g.amount for g in grandchildren) == child.amount:
                result.extend((g, _fields(g, child_fields)) for g in grandchildren)
            else:
                if grandchildren:
                    self.notes.append(
                        Note(
                            "coda_subdetails_differ",
                            {
                                "line": child.line_no,
                                "movement": f"{statement.key}/{child.seq}/{child.detail}",
                                "total_thousandths": child.amount,
                            },
                        )
                    )
                result.append((child, child_fields))
        return result

    def add(self, statement: _Statement, m: _Movement, fields: _Fields) -> None:
        name, account, bic, communication, structured = fields
        bank_id = f"{statement.key}/{m.seq}"
        if m.detail != "0000":
            bank_id += f"/{m.detail}"
        key = (statement.account, bank_id)
        if key in self.seen:
            raise StatementError(
                "coda_movement_twice",
                {"bank_id": bank_id, "account": statement.account, "first": self.seen[key]},
                line=m.line_no,
            )
        self.seen[key] = m.line_no
        self.transactions.append(
            Transaction(
                bank_id=bank_id,
                account=statement.account,
                booking_date=m.entry_date,
                amount_cents=m.amount // 10,
                currency=statement.currency,
                value_date=m.value_date,
                counterparty_name=name,
                counterparty_iban=account,
                counterparty_bic=bic,
                communication=communication,
                structured=structured,
                line=f"regel {m.line_no}",
                end_to_end_id=m.reference,
            )
        )


def _fields(m: _Movement, parent: _Fields | None) -> _Fields:
    """(name, account, bic, communication, structured) of a movement; blanks taken from parent."""
    joined = "".join(m.comm_parts)
    communication, structured = "", False
    if m.comm_type == "1":
        kind = joined[0:3]
        digits = joined[3:15]
        if kind in OGM_TYPES and digits.isascii() and digits.isdigit():
            communication, structured = digits, True
        elif kind in OGM_TYPES or kind == "100":  # a damaged OGM, an ISO 11649 reference
            communication = collapse(joined[3:])
    else:
        communication = collapse(joined)
    name = m.name
    for block in m.info:
        text = "".join(block)
        if text[0] == "1":
            if text[1:4] == "001" and not name:
                name = collapse(text[4:74])
        elif not structured:
            extra = collapse(text[1:])
            if extra:
                communication = f"{communication} {extra}" if communication else extra
    account, bic = m.account, m.bic
    if parent is not None:
        if not (name or account):
            name, account, bic = parent[0], parent[1], parent[2]
        if not communication:
            communication, structured = parent[3], parent[4]
    return name, account, bic, communication, structured
