"""Values as bank files write them: text decoding, whitespace, dates, amounts and account numbers.

Shared by the CSV reader and, where they read the same things, the CODA and CAMT readers. Pure
Python; structured communications, IBAN checks and amounts as words are in `eigenkracht.banking`.

- Encoding: UTF-8 with or without BOM, UTF-16 with BOM (Excel "Unicode text"), else Windows-1252
  (which Belgian banks also export); text with control characters is refused as "not text".
- Amounts: decimal comma with optional `.` thousands ("1.234,56", "-20,00", "+20,00"); a single
  dot with one or two decimals ("35.98", some BNP exports) is read as a decimal point; more than
  two decimals is refused. Exact integer cents via `Decimal`, never float.
- Dates: dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy and yyyy-mm-dd (a trailing time is ignored).
"""

import codecs
import datetime as dt
import re
from decimal import Decimal
from typing import Any

from eigenkracht.banking.iban import be_account_to_iban
from eigenkracht.payments.statements.base import StatementError
from eigenkracht.payments.statements.messages import render

# Values that cannot be read ------------------------------------------------------------------


class ValueProblem(ValueError):
    """A value that cannot be read, as a code of `messages` with its parameters; `str()` is the
    Dutch words, which a CSV error quotes after the column's name."""

    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(code, params or {})
        self.code = code
        self.params = params or {}

    def __str__(self) -> str:
        return render(self.code, self.params)

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


# Decoding ------------------------------------------------------------------------------------


_BINARY_SIGNATURES = (
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0", "ole"),
    (b"%PDF", "pdf"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
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
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise StatementError("binary_file", {"file": kind})
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start + 3) + 1
            raise StatementError("bad_utf8", line=line) from exc
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise StatementError("bad_utf16") from exc
    else:
        try:
            encoding, text = "utf-8", data.decode("utf-8")
        except UnicodeDecodeError:
            text, encoding = decode_windows(data)  # the five bytes it leaves out: caught below
    if not text.strip():
        raise StatementError("empty")
    bad = _CONTROL.search(text)
    if bad:
        raise StatementError(
            "not_text", {"char": ord(bad.group())}, line=_line_of(text, bad.start())
        )
    return text, encoding


def decode_windows(data: bytes) -> tuple[str, str]:
    """Windows-1252, as Belgian banks export, and the encoding used: Latin-1 for the five bytes
    Windows-1252 leaves undefined (they become control characters: the caller decides)."""
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


# Text ---------------------------------------------------------------------------------------


def collapse(text: str | None) -> str:
    """Whitespace (line breaks and no-break spaces included) collapsed to single spaces."""
    return " ".join(text.split()) if text else ""


# Dates --------------------------------------------------------------------------------------


DATE_FORMATS = ("dd/mm/yyyy", "mm/dd/yyyy", "yyyy-mm-dd", "yyyymmdd")
_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_TIME_SUFFIX = re.compile(r"(?:\s+|T)\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?$")


def parse_date(raw: str, date_format: str = "dd/mm/yyyy") -> dt.date:
    """A date as Belgian exports write it; raises ValueProblem (a ValueError)."""
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
        raise ValueProblem("date_not_in_format", {"value": raw.strip(), "format": date_format})
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ValueProblem("date_invalid", {"value": raw.strip()}) from None


# Amounts ------------------------------------------------------------------------------------


_DIGITS = re.compile(r"[0-9]+")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def _grouped(int_part: str, thousands: str) -> str | None:
    """'1.234.567' -> '1234567' when the groups are real thousands groups; else None."""
    if re.fullmatch(r"[0-9]{1,3}(?:" + re.escape(thousands) + r"[0-9]{3})+", int_part):
        return int_part.replace(thousands, "")
    return None


def parse_amount_cents(raw: str, decimal_separator: str = ",") -> int:
    """'1.234,56' -> 123456, '-0,01' -> -1, '+20,00' -> 2000; raises ValueProblem (a ValueError)."""
    shown = raw.strip()
    s = _SPACES.sub("", shown).replace("€", "")
    s = s.removeprefix("EUR").removesuffix("EUR")
    sign = 1
    if s[:1] in "+-" and s:
        sign, s = (-1 if s[0] == "-" else 1), s[1:]
    elif s.endswith("-"):
        sign, s = -1, s[:-1]
    if not s:
        raise ValueProblem("amount_invalid", {"value": shown})
    other = "." if decimal_separator == "," else ","
    if "," in s and "." in s:
        # Both present: the last one is the decimal separator, the other groups thousands.
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        int_part, _, frac = s.rpartition(decimal)
        grouped = _grouped(int_part, thousands)
        if grouped is None:
            raise ValueProblem("amount_invalid", {"value": shown})
        int_part = grouped
    elif decimal_separator in s:
        int_part, _, frac = s.rpartition(decimal_separator)
        if decimal_separator in int_part:
            raise ValueProblem("amount_invalid", {"value": shown})
    elif other in s:
        grouped = _grouped(s, other)
        if grouped is not None:  # "1.234": thousands, never 1.234 euro
            int_part, frac = grouped, ""
        elif s.count(other) == 1:  # "35.98": a decimal point after all
            int_part, _, frac = s.partition(other)
        else:
            raise ValueProblem("amount_invalid", {"value": shown})
    else:
        int_part, frac = s, ""
    if not _DIGITS.fullmatch(int_part or "0") or (frac and not _DIGITS.fullmatch(frac)):
        raise ValueProblem("amount_invalid", {"value": shown})
    if len(frac) > 2:
        raise ValueProblem("amount_decimals", {"value": shown})
    value = Decimal(f"{int_part or '0'}.{frac or '0'}") * 100
    return sign * int(value)


# Accounts -----------------------------------------------------------------------------------


_NOT_IN_ACCOUNT = re.compile(r"[\s\-./]+")
_IBAN_SHAPE = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}")


def account_number(raw: str) -> str:
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


def compact_account(text: str) -> str:
    """An account as written, without its spaces, in capitals ("BE68 5390 ..." -> "BE685390...")."""
    return "".join(text.split()).upper()
