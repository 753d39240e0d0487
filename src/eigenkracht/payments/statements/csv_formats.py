"""Bank CSV exports: BNP Paribas Fortis, KBC/CBC, Belfius and ING Belgium (Dutch and French), and
any other CSV through a `ColumnMapping` that staff choose once per header.

Everything here is pure Python on bytes; no Django. `parse_bank_csv` returns a `ParsedStatement`
or raises `StatementError` ("regel 7: ..."), never half a file.

Reading
-------
- Encoding: UTF-8 with or without BOM, UTF-16 with BOM (Excel "Unicode text"), else Windows-1252
  (which Belgian banks also export); text with control characters is refused as "not text".
- Delimiter: `;` (all four banks), also `,` and tab (a file re-saved by a spreadsheet).
- The header line is found by content, not position: Belfius writes about a dozen lines of filter
  metadata above it. A line is the header of a layout when it holds all of that layout's
  required columns (compared case-, accent- and spacing-insensitively).
- Amounts: decimal comma with optional `.` thousands ("1.234,56", "-20,00", "+20,00"); a single
  dot with one or two decimals ("35.98", some BNP exports) is read as a decimal point; more than
  two decimals is refused. Exact integer cents via `Decimal`, never float.
- Dates: dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy and yyyy-mm-dd (a trailing time is ignored).

Header sources (public parsers and test fixtures; see each layout's `source`)
-------------------------------------------------------------------------------
- BNP Paribas Fortis nl: docs/product.md; many public parsers/fixtures use exactly this header.
  fr: github.com/Nick-DT/ofxstatement-be-bnp (src/ofxstatement/plugins/bnp.py) lists
  "Nº de séquence;Date d'exécution;Date valeur;Montant;Devise du compte;Numéro de compte;
  Type de transaction;Contrepartie;Nom de la contrepartie;Communication;Détails;Statut;
  Motif du refus"; other public projects write the same. "Numéro de séquence" and "N° de séquence"
  are accepted as well.
- KBC nl: docs/product.md; github.com/angryzor/ofxstatement-be-kbc (18 columns, "Rekeningnummer"
  first). fr: github.com/Nick-DT/ofxstatement-be-cbc (CBC is KBC's Walloon brand; same export in
  French). KBC Brussels' French export is assumed to be the same as CBC's: not verified.
- Belfius nl: docs/product.md and public fixtures (including the metadata lines);
  github.com/renardeau/ofxstatement-be-belfius has the older "Afschriftnummer" instead of
  "Rekeninguittrekselnummer" (both accepted). fr: public parsers and fixtures (no repository
  name available to cite) write "Compte;Date de comptabilisation;Numéro d'extrait;Numéro de
  transaction;Compte contrepartie;Nom contrepartie contient;Rue et numéro;Code postal et
  localité;Transaction;Date valeur;Montant;Devise;BIC;Code pays;Communications".
- ING Belgium nl: docs/product.md and public fixtures. fr: public parsers and fixtures (no
  repository name to cite) write "Numéro de compte;Nom du compte;Compte contrepartie;Numéro de
  mouvement;Date comptable;Date valeur;Montant;Devise;Libellés;Détails du mouvement;Message".

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

import codecs
import csv
import datetime as dt
import functools
import hashlib
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from typing import Any

from eigenkracht.banking.iban import be_account_to_iban
from eigenkracht.banking.ogm import ogm_parse
from eigenkracht.payments.statements.base import (
    AccountSummary,
    ParsedStatement,
    StatementError,
    Transaction,
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

DELIMITERS = (";", ",", "\t")
HEADER_SEARCH_LINES = 60  # metadata lines above the header: Belfius writes about 12

# Roles a column can play.
ACCOUNT = "account"
BOOKING_DATE = "booking_date"
VALUE_DATE = "value_date"
AMOUNT = "amount"
CREDIT = "credit"
DEBIT = "debit"
CURRENCY = "currency"
NAME = "counterparty_name"
IBAN = "counterparty_iban"
BIC = "counterparty_bic"
COMMUNICATION = "communication"
STRUCTURED = "structured_communication"
DESCRIPTION = "description"
DESCRIPTION2 = "description2"
SEQUENCE = "sequence"
STATEMENT_NO = "statement_number"
TRANSACTION_NO = "transaction_number"
STATUS = "status"
REASON = "refusal_reason"


class CsvLayoutUnknown(StatementError):
    """No known bank layout matches the header and no (fitting) mapping was given.

    `columns` are the header columns as found (for the mapping form), `signature` identifies the
    header (to remember the mapping staff choose for it).
    """

    def __init__(self, message: str, *, columns: Sequence[str], signature: str) -> None:
        super().__init__(message)
        self.columns = list(columns)
        self.signature = signature


@dataclass(frozen=True)
class CsvLayout:
    key: str  # "bnp", "kbc", "belfius", "ing": ParsedStatement.format is "csv:<key>"
    bank: str
    language: str  # "nl" or "fr"
    header: tuple[str, ...]  # the columns as the bank writes them, in order
    columns: Mapping[str, tuple[str, ...]]  # role -> accepted names; the first is in `header`
    required: frozenset[str]  # roles the header must have to be recognised as this layout
    source: str  # where the header was seen


def _layout(
    key: str,
    bank: str,
    language: str,
    header: str,
    columns: dict[str, str | tuple[str, ...]],
    required: Sequence[str],
    source: str,
) -> CsvLayout:
    cols = {role: (names,) if isinstance(names, str) else names for role, names in columns.items()}
    head = tuple(header.split(";"))
    for role, names in cols.items():
        assert names[0] in head, (key, language, role)
    return CsvLayout(key, bank, language, head, cols, frozenset(required), source)


BNP, KBC, BELFIUS, ING, MAPPING = "bnp", "kbc", "belfius", "ing", "mapping"

LAYOUTS: tuple[CsvLayout, ...] = (
    _layout(
        BNP,
        "BNP Paribas Fortis",
        "nl",
        "Volgnummer;Uitvoeringsdatum;Valutadatum;Bedrag;Valuta rekening;Rekeningnummer;"
        "Type verrichting;Tegenpartij;Naam van de tegenpartij;Mededeling;Details;Status;"
        "Reden van weigering",
        {
            SEQUENCE: "Volgnummer",
            BOOKING_DATE: "Uitvoeringsdatum",
            VALUE_DATE: "Valutadatum",
            AMOUNT: "Bedrag",
            CURRENCY: "Valuta rekening",
            ACCOUNT: "Rekeningnummer",
            IBAN: "Tegenpartij",
            NAME: "Naam van de tegenpartij",
            COMMUNICATION: "Mededeling",
            DESCRIPTION: "Details",
            STATUS: "Status",
            REASON: "Reden van weigering",
        },
        (SEQUENCE, BOOKING_DATE, AMOUNT),
        "docs/product.md; public parsers",
    ),
    _layout(
        BNP,
        "BNP Paribas Fortis",
        "fr",
        "Nº de séquence;Date d'exécution;Date valeur;Montant;Devise du compte;Numéro de compte;"
        "Type de transaction;Contrepartie;Nom de la contrepartie;Communication;Détails;Statut;"
        "Motif du refus",
        {
            SEQUENCE: ("Nº de séquence", "Numéro de séquence", "N° de séquence"),
            BOOKING_DATE: "Date d'exécution",
            VALUE_DATE: "Date valeur",
            AMOUNT: "Montant",
            CURRENCY: "Devise du compte",
            ACCOUNT: "Numéro de compte",
            IBAN: "Contrepartie",
            NAME: "Nom de la contrepartie",
            COMMUNICATION: "Communication",
            DESCRIPTION: "Détails",
            STATUS: "Statut",
            REASON: "Motif du refus",
        },
        (SEQUENCE, BOOKING_DATE, AMOUNT),
        "github.com/Nick-DT/ofxstatement-be-bnp src/ofxstatement/plugins/bnp.py",
    ),
    _layout(
        KBC,
        "KBC",
        "nl",
        "Rekeningnummer;Rubrieknaam;Naam;Munt;Afschriftnummer;Datum;Omschrijving;Valuta;Bedrag;"
        "Saldo;credit;debet;rekeningnummer tegenpartij;BIC tegenpartij;Naam tegenpartij;"
        "Adres tegenpartij;gestructureerde mededeling;Vrije mededeling",
        {
            ACCOUNT: "Rekeningnummer",
            CURRENCY: "Munt",
            STATEMENT_NO: "Afschriftnummer",
            BOOKING_DATE: "Datum",
            DESCRIPTION: "Omschrijving",
            VALUE_DATE: "Valuta",
            AMOUNT: "Bedrag",
            CREDIT: "credit",
            DEBIT: "debet",
            IBAN: "rekeningnummer tegenpartij",
            BIC: "BIC tegenpartij",
            NAME: "Naam tegenpartij",
            STRUCTURED: "gestructureerde mededeling",
            COMMUNICATION: "Vrije mededeling",
        },
        (ACCOUNT, STATEMENT_NO, BOOKING_DATE, AMOUNT),
        "docs/product.md; github.com/angryzor/ofxstatement-be-kbc",
    ),
    _layout(
        KBC,
        "KBC",
        "fr",
        "Numéro de compte;Nom de la rubrique;Nom;Devise;Numéro de l'extrait;Date;Description;"
        "Valeur;Montant;Solde;crédit;débit;numéro de compte contrepartie;BIC contrepartie;"
        "Nom contrepartie;Adresse contrepartie;communication structurée;Communication libre",
        {
            ACCOUNT: "Numéro de compte",
            CURRENCY: "Devise",
            STATEMENT_NO: "Numéro de l'extrait",
            BOOKING_DATE: "Date",
            DESCRIPTION: "Description",
            VALUE_DATE: "Valeur",
            AMOUNT: "Montant",
            CREDIT: "crédit",
            DEBIT: "débit",
            IBAN: "numéro de compte contrepartie",
            BIC: "BIC contrepartie",
            NAME: "Nom contrepartie",
            STRUCTURED: "communication structurée",
            COMMUNICATION: "Communication libre",
        },
        (ACCOUNT, STATEMENT_NO, BOOKING_DATE, AMOUNT),
        "github.com/Nick-DT/ofxstatement-be-cbc src/ofxstatement/plugins/cbcbe.py (CBC = KBC)",
    ),
    _layout(
        BELFIUS,
        "Belfius",
        "nl",
        "Rekening;Boekingsdatum;Rekeninguittrekselnummer;Transactienummer;Rekening tegenpartij;"
        "Naam tegenpartij bevat;Straat en nummer;Postcode en plaats;Transactie;Valutadatum;"
        "Bedrag;Devies;BIC;Landcode;Mededelingen",
        {
            ACCOUNT: "Rekening",
            BOOKING_DATE: "Boekingsdatum",
            STATEMENT_NO: ("Rekeninguittrekselnummer", "Afschriftnummer"),
            TRANSACTION_NO: "Transactienummer",
            IBAN: "Rekening tegenpartij",
            NAME: "Naam tegenpartij bevat",
            DESCRIPTION: "Transactie",
            VALUE_DATE: "Valutadatum",
            AMOUNT: "Bedrag",
            CURRENCY: "Devies",
            BIC: "BIC",
            COMMUNICATION: "Mededelingen",
        },
        (ACCOUNT, BOOKING_DATE, NAME, AMOUNT),
        "docs/product.md; github.com/renardeau/ofxstatement-be-belfius",
    ),
    _layout(
        BELFIUS,
        "Belfius",
        "fr",
        "Compte;Date de comptabilisation;Numéro d'extrait;Numéro de transaction;"
        "Compte contrepartie;Nom contrepartie contient;Rue et numéro;Code postal et localité;"
        "Transaction;Date valeur;Montant;Devise;BIC;Code pays;Communications",
        {
            ACCOUNT: "Compte",
            BOOKING_DATE: "Date de comptabilisation",
            STATEMENT_NO: "Numéro d'extrait",
            TRANSACTION_NO: "Numéro de transaction",
            IBAN: ("Compte contrepartie", "Compte de la contrepartie"),
            NAME: "Nom contrepartie contient",
            DESCRIPTION: "Transaction",
            VALUE_DATE: "Date valeur",
            AMOUNT: "Montant",
            CURRENCY: "Devise",
            BIC: "BIC",
            COMMUNICATION: "Communications",
        },
        (ACCOUNT, BOOKING_DATE, NAME, AMOUNT),
        "public parsers and fixtures (unattributed search excerpts)",
    ),
    _layout(
        ING,
        "ING België",
        "nl",
        "Rekeningnummer;Naam van de rekening;Rekening tegenpartij;Omzetnummer;Boekingsdatum;"
        "Valutadatum;Bedrag;Munteenheid;Omschrijving;Detail van de omzet;Bericht",
        {
            ACCOUNT: "Rekeningnummer",
            IBAN: "Rekening tegenpartij",
            SEQUENCE: "Omzetnummer",
            BOOKING_DATE: "Boekingsdatum",
            VALUE_DATE: "Valutadatum",
            AMOUNT: "Bedrag",
            CURRENCY: "Munteenheid",
            DESCRIPTION: "Omschrijving",
            DESCRIPTION2: "Detail van de omzet",
            COMMUNICATION: "Bericht",
        },
        (ACCOUNT, SEQUENCE, BOOKING_DATE, AMOUNT),
        "docs/product.md; public parsers",
    ),
    _layout(
        ING,
        "ING België",
        "fr",
        "Numéro de compte;Nom du compte;Compte contrepartie;Numéro de mouvement;Date comptable;"
        "Date valeur;Montant;Devise;Libellés;Détails du mouvement;Message",
        {
            ACCOUNT: "Numéro de compte",
            IBAN: "Compte contrepartie",
            SEQUENCE: "Numéro de mouvement",
            BOOKING_DATE: "Date comptable",
            VALUE_DATE: "Date valeur",
            AMOUNT: "Montant",
            CURRENCY: "Devise",
            DESCRIPTION: "Libellés",
            DESCRIPTION2: "Détails du mouvement",
            COMMUNICATION: "Message",
        },
        (ACCOUNT, SEQUENCE, BOOKING_DATE, AMOUNT),
        "public parsers and fixtures (unattributed search excerpts)",
    ),
)

LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Frans"}

DATE_FORMATS = ("dd/mm/yyyy", "mm/dd/yyyy", "yyyy-mm-dd", "yyyymmdd")


@dataclass(frozen=True)
class ColumnMapping:
    """Which column holds what, for a CSV no built-in layout knows; chosen once per header.

    Column names are compared like headers (case, accents and spacing ignored). Either `amount`
    (signed) or `credit` and/or `debit` must be given; a debit is booked as negative whatever
    sign it is written with. `date_format` is one of DATE_FORMATS ("dd/mm/yyyy" also accepts
    dd-mm-yyyy, dd.mm.yyyy and yyyy-mm-dd); `decimal_separator` is "," or ".".
    `fixed_account` is our IBAN when the file has no account column.
    """

    date: str
    amount: str = ""
    credit: str = ""
    debit: str = ""
    value_date: str = ""
    counterparty_name: str = ""
    counterparty_iban: str = ""
    counterparty_bic: str = ""
    communication: str = ""
    structured_communication: str = ""
    bank_id: str = ""
    account: str = ""
    currency: str = ""
    date_format: str = "dd/mm/yyyy"
    decimal_separator: str = ","
    fixed_account: str = ""

    def __post_init__(self) -> None:
        if not self.date.strip():
            raise ValueError("Kies de kolom met de datum.")
        if not (self.amount.strip() or self.credit.strip() or self.debit.strip()):
            raise ValueError("Kies de kolom met het bedrag, of de kolommen credit en debet.")
        if self.date_format not in DATE_FORMATS:
            raise ValueError(f"Onbekend datumformaat {self.date_format!r}.")
        if self.decimal_separator not in (",", "."):
            raise ValueError("Het decimaalteken is een komma of een punt.")

    def as_dict(self) -> dict[str, str]:
        """Plain data to remember the mapping (e.g. in a JSON field)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> "ColumnMapping":
        names = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in data.items() if k in names and v is not None})

    def role_columns(self) -> dict[str, str]:
        pairs = {
            BOOKING_DATE: self.date,
            AMOUNT: self.amount,
            CREDIT: self.credit,
            DEBIT: self.debit,
            VALUE_DATE: self.value_date,
            NAME: self.counterparty_name,
            IBAN: self.counterparty_iban,
            BIC: self.counterparty_bic,
            COMMUNICATION: self.communication,
            STRUCTURED: self.structured_communication,
            SEQUENCE: self.bank_id,
            ACCOUNT: self.account,
            CURRENCY: self.currency,
        }
        return {role: name for role, name in pairs.items() if name.strip()}


# --------------------------------------------------------------------------------------------
# Decoding


_BINARY_SIGNATURES = (
    (b"PK\x03\x04", "een Excel- of ZIP-bestand"),
    (b"\xd0\xcf\x11\xe0", "een (oud) Excel-bestand"),
    (b"%PDF", "een PDF-bestand"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_of(text: str, pos: int) -> int:
    return len(_LINE_BREAK.findall(text, 0, pos)) + 1


def decode_bytes(data: bytes) -> tuple[str, str]:
    """The text of a CSV upload and the encoding it was read with.

    UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; raises StatementError for an
    empty file, a binary file or text in another encoding.
    """
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise StatementError(
                f"Dit is {what}, geen CSV. Exporteer het rekeninguittreksel als CSV, CODA of "
                "CAMT.053."
            )
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start + 3) + 1
            raise StatementError(
                "Het bestand begint als UTF-8 maar bevat tekens die geen UTF-8 zijn.",
                where=f"regel {line}",
            ) from exc
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise StatementError("Het bestand begint als UTF-16 maar is onleesbaar.") from exc
    else:
        try:
            encoding, text = "utf-8", data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                encoding, text = "cp1252", data.decode("cp1252")
            except UnicodeDecodeError:
                # The five bytes cp1252 leaves undefined: not text (caught just below).
                encoding, text = "latin-1", data.decode("latin-1")
    if not text.strip():
        raise StatementError("Het bestand is leeg.")
    bad = _CONTROL.search(text)
    if bad:
        raise StatementError(
            "Dit bestand is geen leesbare tekst in UTF-8 of Windows-1252 (ongeldig teken "
            f"U+{ord(bad.group()):04X}).",
            where=f"regel {_line_of(text, bad.start())}",
        )
    return text, encoding


# --------------------------------------------------------------------------------------------
# Values


def normalize_header(name: str) -> str:
    """Header comparison key: no BOM, quotes, accents, case or extra spacing; "Nº"/"N°" = "No"."""
    s = name.replace("\ufeff", "").strip().strip('"').strip().replace("°", "o")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = s.replace("\u2019", "'").replace("`", "'")
    return re.sub(r"\s+", " ", s).strip().rstrip(":").strip()


_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def _clean(value: str) -> str:
    return " ".join(value.split())  # str.split() also splits on no-break spaces


@functools.lru_cache(maxsize=256)
def _status(value: str) -> str:
    return normalize_header(value)


_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_TIME_SUFFIX = re.compile(r"(?:\s+|T)\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?$")


def parse_date(raw: str, date_format: str = "dd/mm/yyyy") -> dt.date:
    """A date as Belgian exports write it; raises ValueError with a Dutch message."""
    s = _TIME_SUFFIX.sub("", raw.strip())
    parts: tuple[str, str, str] | None = None  # year, month, day
    iso = _ISO.fullmatch(s) if date_format != "yyyymmdd" else None
    if iso:
        parts = (iso.group(1), iso.group(2), iso.group(3))
    elif date_format in ("dd/mm/yyyy", "mm/dd/yyyy") and (m := _DAY_FIRST.fullmatch(s)):
        first, second = m.group(1), m.group(3)
        day, month = (first, second) if date_format == "dd/mm/yyyy" else (second, first)
        parts = (m.group(4), month, day)
    elif date_format == "yyyymmdd" and (m := _COMPACT.fullmatch(s)):
        parts = (m.group(1), m.group(2), m.group(3))
    if parts is None:
        raise ValueError(f"ongeldige datum {raw.strip()!r} (verwacht: {date_format})")
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ValueError(f"ongeldige datum {raw.strip()!r}") from None


_DIGITS = re.compile(r"[0-9]+")


def _grouped(int_part: str, thousands: str) -> str | None:
    """'1.234.567' -> '1234567' when the groups are real thousands groups; else None."""
    if re.fullmatch(r"[0-9]{1,3}(?:" + re.escape(thousands) + r"[0-9]{3})+", int_part):
        return int_part.replace(thousands, "")
    return None


def parse_amount_cents(raw: str, decimal_separator: str = ",") -> int:
    """'1.234,56' -> 123456, '-0,01' -> -1, '+20,00' -> 2000; raises ValueError (Dutch)."""
    shown = raw.strip()
    s = _SPACES.sub("", shown).replace("€", "")
    s = s.removeprefix("EUR").removesuffix("EUR")
    sign = 1
    if s[:1] in "+-" and s:
        sign, s = (-1 if s[0] == "-" else 1), s[1:]
    elif s.endswith("-"):
        sign, s = -1, s[:-1]
    if not s:
        raise ValueError(f"ongeldig bedrag {shown!r}")
    other = "." if decimal_separator == "," else ","
    if "," in s and "." in s:
        # Both present: the last one is the decimal separator, the other groups thousands.
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        int_part, _, frac = s.rpartition(decimal)
        grouped = _grouped(int_part, thousands)
        if grouped is None:
            raise ValueError(f"ongeldig bedrag {shown!r}")
        int_part = grouped
    elif decimal_separator in s:
        int_part, _, frac = s.rpartition(decimal_separator)
        if decimal_separator in int_part:
            raise ValueError(f"ongeldig bedrag {shown!r}")
    elif other in s:
        grouped = _grouped(s, other)
        if grouped is not None:  # "1.234": thousands, never 1.234 euro
            int_part, frac = grouped, ""
        elif s.count(other) == 1:  # "35.98": a decimal point after all
            int_part, _, frac = s.partition(other)
        else:
            raise ValueError(f"ongeldig bedrag {shown!r}")
    else:
        int_part, frac = s, ""
    if not _DIGITS.fullmatch(int_part or "0") or (frac and not _DIGITS.fullmatch(frac)):
        raise ValueError(f"ongeldig bedrag {shown!r}")
    if len(frac) > 2:
        raise ValueError(f"bedrag {shown!r} heeft meer dan 2 decimalen")
    value = Decimal(f"{int_part or '0'}.{frac or '0'}") * 100
    return sign * int(value)


_NOT_IN_ACCOUNT = re.compile(r"[\s\-./]+")
_IBAN_SHAPE = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}")


def _account_number(raw: str) -> str:
    """Compact IBAN ("BE68 5390 0754 7034" -> "BE68539007547034"); an old Belgian account
    number becomes its IBAN; text that is no account number gives ""."""
    value = _NOT_IN_ACCOUNT.sub("", raw).upper()
    if not value or set(value) <= {"0"}:
        return ""
    if _IBAN_SHAPE.fullmatch(value):
        return value
    if re.fullmatch(r"[0-9]{12}", value):
        return be_account_to_iban(value) or value
    return ""


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


# --------------------------------------------------------------------------------------------
# Reading records and finding the header


def _records(text: str, delimiter: str, limit: int | None = None) -> list[tuple[int, list[str]]]:
    """(first physical line number, cells) per CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    out: list[tuple[int, list[str]]] = []
    consumed = 0
    try:
        for cells in reader:
            out.append((consumed + 1, cells))
            consumed = reader.line_num
            if limit is not None and len(out) >= limit:
                break
    except csv.Error as exc:
        raise StatementError(
            f"Deze CSV-regel is onleesbaar ({exc}).", where=f"regel {consumed + 1}"
        ) from exc
    return out


def _trimmed(cells: Sequence[str]) -> list[str]:
    out = [c.replace("\ufeff", "").strip() for c in cells]
    while out and not out[-1]:
        out.pop()
    return out


def _index(cells: Sequence[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, cell in enumerate(cells):
        index.setdefault(normalize_header(cell), i)
    return index


def _resolve(columns: Mapping[str, tuple[str, ...]], index: Mapping[str, int]) -> dict[str, int]:
    found: dict[str, int] = {}
    for role, names in columns.items():
        for name in names:
            position = index.get(normalize_header(name))
            if position is not None:
                found[role] = position
                break
    return found


@dataclass
class _Header:
    delimiter: str
    position: int  # index into the records
    cells: list[str]
    layout: CsvLayout | None = None
    roles: dict[str, int] = field(default_factory=dict)


def _match_layout(cells: Sequence[str]) -> tuple[CsvLayout, dict[str, int]] | None:
    index = _index(cells)
    best: tuple[int, CsvLayout, dict[str, int]] | None = None
    for layout in LAYOUTS:
        roles = _resolve(layout.columns, index)
        if layout.required <= roles.keys() and (best is None or len(roles) > best[0]):
            best = (len(roles), layout, roles)
    return (best[1], best[2]) if best else None


def _find_known_header(text: str) -> _Header | None:
    for delimiter in DELIMITERS:
        if delimiter != ";" and delimiter not in text[:20000]:
            continue
        for position, (_line, cells) in enumerate(_records(text, delimiter, HEADER_SEARCH_LINES)):
            if len(cells) < 3:
                continue
            if match := _match_layout(cells):
                return _Header(delimiter, position, _trimmed(cells), match[0], match[1])
    return None


def _find_mapped_header(text: str, mapping: ColumnMapping) -> _Header | None:
    wanted = {role: (name,) for role, name in mapping.role_columns().items()}
    for delimiter in DELIMITERS:
        for position, (_line, cells) in enumerate(_records(text, delimiter, HEADER_SEARCH_LINES)):
            roles = _resolve(wanted, _index(cells))
            if roles.keys() == wanted.keys():
                return _Header(delimiter, position, _trimmed(cells), None, roles)
    return None


def _guess_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:HEADER_SEARCH_LINES] if line.strip()]
    widths = {
        d: max((len(c) for _n, c in _records("\n".join(lines), d)), default=0) for d in DELIMITERS
    }
    if widths[";"] >= 2 and widths[";"] >= max(widths.values()):
        return ";"
    try:
        return csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=",\t").delimiter
    except csv.Error:
        return max(DELIMITERS, key=lambda d: widths[d])


def _guess_header(text: str) -> _Header:
    """For an unknown layout: the first line with the most columns (data lines come later)."""
    delimiter = _guess_delimiter(text)
    records = _records(text, delimiter, HEADER_SEARCH_LINES)
    best_position, best_width = 0, -1
    for position, (_line, cells) in enumerate(records):
        width = len(_trimmed(cells))
        if width > best_width:
            best_position, best_width = position, width
    cells = records[best_position][1] if records else []
    return _Header(delimiter, best_position, _trimmed(cells))


def _signature(cells: Sequence[str]) -> str:
    joined = "\x1f".join(normalize_header(c) for c in _trimmed(cells))
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=8).hexdigest()


def _header(text: str) -> _Header:
    return _find_known_header(text) or _guess_header(text)


def header_columns(data: bytes) -> list[str]:
    """The header columns of a CSV upload as written (for the mapping form)."""
    text, _encoding = decode_bytes(data)
    return _header(text).cells


def header_signature(data: bytes) -> str:
    """A short stable id of the header's columns (ignores encoding, delimiter, quoting, case and
    accents), to remember the mapping chosen for files with this header."""
    text, _encoding = decode_bytes(data)
    return _signature(_header(text).cells)


# --------------------------------------------------------------------------------------------
# Parsing


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
        free = _clean(f"{structured} {free}")  # not a valid OGM: keep it as text
    if not free:
        # No communication column filled: BNP, ING and KBC repeat it inside the description.
        for text in descriptions:
            if m := _COMMUNICATION_IN_TEXT.search(text):
                free = _clean(m.group(1))
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
    header: _Header,
    *,
    layout_key: str,
    date_format: str,
    decimal_separator: str,
    fixed_account: str,
    notes: list[str],
) -> list[Transaction]:
    records = _records(text, header.delimiter)
    roles = header.roles
    column_names = {role: header.cells[i] for role, i in roles.items() if i < len(header.cells)}
    rows: list[tuple[str, dict[str, Any]]] = []
    refused: list[str] = []

    for line, cells in records[header.position + 1 :]:
        if not any(c.strip() for c in cells):
            continue
        if cells[0].replace("\ufeff", "").strip() == header.cells[0] and (
            _trimmed(cells) == header.cells
        ):
            continue  # the header repeated (two exports pasted together)
        where = f"regel {line}"

        def raw_cell(role: str, cells: list[str] = cells) -> str:
            position = roles.get(role)
            return cells[position] if position is not None and position < len(cells) else ""

        def cell(role: str) -> str:
            return _clean(raw_cell(role))

        def value_error(role: str, exc: ValueError, where: str = where) -> StatementError:
            return StatementError(f'kolom "{column_names.get(role, role)}": {exc}.', where=where)

        if _status(cell(STATUS)) in _REFUSED:
            reason = cell(REASON)
            refused.append(where + (f" ({reason})" if reason else ""))
            continue

        raw_date = cell(BOOKING_DATE)
        if not raw_date:
            raise value_error(BOOKING_DATE, ValueError("de datum ontbreekt"))
        try:
            booking_date = parse_date(raw_date, date_format)
        except ValueError as exc:
            raise value_error(BOOKING_DATE, exc) from None
        value_date = None
        if raw_value_date := cell(VALUE_DATE):
            try:
                value_date = parse_date(raw_value_date, date_format)
            except ValueError as exc:
                raise value_error(VALUE_DATE, exc) from None

        amount_cents: int | None = None
        if raw_amount := cell(AMOUNT):
            try:
                amount_cents = parse_amount_cents(raw_amount, decimal_separator)
            except ValueError as exc:
                raise value_error(AMOUNT, exc) from None
        elif cell(CREDIT) or cell(DEBIT):
            amount_cents = 0
            for role, sign in ((CREDIT, 1), (DEBIT, -1)):
                if raw := cell(role):
                    try:
                        amount_cents += sign * abs(parse_amount_cents(raw, decimal_separator))
                    except ValueError as exc:
                        raise value_error(role, exc) from None
        if amount_cents is None:
            raise StatementError("het bedrag ontbreekt.", where=where)

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
                    name = _clean(m.group(1))
                    break
        tx = {
            "account": _account_number(cell(ACCOUNT)) or fixed_account,
            "booking_date": booking_date,
            "amount_cents": amount_cents,
            "currency": (cell(CURRENCY) or "EUR").upper(),
            "value_date": value_date,
            "counterparty_name": name,
            "counterparty_iban": _account_number(cell(IBAN)),
            "counterparty_bic": bic,
            "communication": communication,
            "structured": structured,
            "line": where,
        }
        rows.append((_identity(layout_key, cell, booking_date), tx))

    if refused:
        notes.append(
            f"{len(refused)} geweigerde verrichting(en) overgeslagen: {', '.join(refused)}."
        )
    return _with_bank_ids(rows, notes)


def _with_bank_ids(
    rows: Sequence[tuple[str, dict[str, Any]]], notes: list[str]
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
        notes.append(
            f"{without_identity} regel(s) zonder eigen referentie van de bank (nog niet op een "
            "uittreksel?): herkend aan datum, bedrag, tegenpartij en mededeling."
        )
    return transactions


def _statement_account(transactions: Sequence[Transaction], notes: list[str]) -> str:
    accounts = sorted({t.account for t in transactions if t.account})
    if len(accounts) > 1:
        notes.append(f"Dit bestand bevat {len(accounts)} rekeningen: {', '.join(accounts)}.")
        return ""
    return accounts[0] if accounts else ""


_ENCODING_NAMES = {
    "utf-8-sig": "UTF-8 met BOM",
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1",
}


def parse_bank_csv(data: bytes, *, mapping: ColumnMapping | None = None) -> ParsedStatement:
    """Read a bank's CSV export (known layout) or any CSV through `mapping`.

    Raises CsvLayoutUnknown when the header is not recognised and no mapping is given (or the
    mapping's columns are not in the file), StatementError for anything else unreadable.
    """
    text, encoding = decode_bytes(data)
    notes = [f"Tekencodering: {_ENCODING_NAMES[encoding]}."]
    if mapping is not None:
        header = _find_mapped_header(text, mapping)
        if header is None:
            guessed = _header(text)
            missing = ", ".join(sorted(set(mapping.role_columns().values())))
            raise CsvLayoutUnknown(
                "De gekozen kolommen staan niet (allemaal) in dit bestand. Gezocht: "
                f"{missing}. Gevonden: {', '.join(guessed.cells) or '(niets)'}.",
                columns=guessed.cells,
                signature=_signature(guessed.cells),
            )
        layout_key, date_format, decimal = MAPPING, mapping.date_format, mapping.decimal_separator
        fixed_account = _account_number(mapping.fixed_account)
        notes.insert(0, "Gelezen met de gekozen kolomindeling.")
    else:
        found = _find_known_header(text)
        if found is None:
            guessed = _guess_header(text)
            raise CsvLayoutUnknown(
                "De kolommen van dit CSV-bestand herkennen we niet als een export van BNP Paribas "
                "Fortis, KBC, Belfius of ING. Gevonden kolommen: "
                f"{', '.join(guessed.cells) or '(geen)'}. Kies welke kolom wat bevat.",
                columns=guessed.cells,
                signature=_signature(guessed.cells),
            )
        header = found
        assert header.layout is not None
        layout_key, date_format, decimal, fixed_account = header.layout.key, "dd/mm/yyyy", ",", ""
        language = LANGUAGE_NAMES[header.layout.language]
        notes.insert(0, f"Herkend als {header.layout.bank}-export in het {language}.")
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
