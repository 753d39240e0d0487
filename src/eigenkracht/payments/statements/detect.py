"""Which statement format an upload is, by its content (never by its name), and one entry point
that reads any of them.

- CODA: the first record is a "0000" header record of 128 characters.
- CAMT.053: XML whose root element's local name is `Document` with a `BkToCstmrStmt` child (any
  namespace prefix; BOM, whitespace, `<?xml ...?>`, comments and a doctype before it are skipped).
- CSV: text (UTF-8, UTF-16 with BOM or Windows-1252) with a `;`, `,` or tab delimiter.
The parsers themselves are imported only when needed.
"""

import codecs
import re
from typing import TYPE_CHECKING

from eigenkracht.payments.statements.base import ParsedStatement, StatementError
from eigenkracht.payments.statements.values import decode_bytes

if TYPE_CHECKING:
    from eigenkracht.payments.statements.csv_formats import ColumnMapping

__all__ = ["FORMATS", "detect_format", "parse_statement"]

FORMATS = ("coda", "camt053", "csv")
CODA_RECORD_LENGTH = 128
SNIFF_BYTES = 64 * 1024

_NAME = r"[A-Za-z_][\w.\-]*"
_TAG = re.compile(rf"<(?:{_NAME}:)?({_NAME})(?=[\s/>])")


def _xml_text(head: bytes) -> str | None:
    """The start of the file as text when it looks like XML, else None."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            text = head[len(bom) :].decode(encoding, errors="ignore")
            break
    else:
        # ASCII-compatible is enough to see the markup; the parser reads the real encoding.
        text = head.decode("latin-1")
    text = text.lstrip()
    return text if text.startswith("<") else None


def _skip_prolog(text: str) -> str:
    """Drop the XML declaration, processing instructions, comments and a doctype."""
    while True:
        text = text.lstrip()
        if text.startswith("<?"):
            end = text.find("?>")
            end = end + 2 if end >= 0 else -1
        elif text.startswith("<!--"):
            end = text.find("-->")
            end = end + 3 if end >= 0 else -1
        elif text.startswith("<!"):
            bracket, close = text.find("["), text.find(">")
            if -1 < bracket < close:
                end = text.find("]>")
                end = end + 2 if end >= 0 else -1
            else:
                end = close + 1 if close >= 0 else -1
        else:
            return text
        if end < 0:
            return ""
        text = text[end:]


def _is_camt053(xml: str) -> bool:
    body = _skip_prolog(xml)
    root = _TAG.match(body)
    if not root or root.group(1) != "Document":
        return False
    child = _TAG.match(_skip_prolog(body[body.find(">") + 1 :]))
    return bool(child) and child.group(1) == "BkToCstmrStmt"


def _is_coda(data: bytes) -> bool:
    if not data.startswith(b"0000"):
        return False
    first = data.split(b"\n", 1)[0].rstrip(b"\r")
    return len(first) == CODA_RECORD_LENGTH


def detect_format(data: bytes, filename: str = "") -> str:
    """ "coda", "camt053" or "csv"; raises StatementError for anything else.

    `filename` is accepted for the caller's convenience and deliberately not used: a file is
    what its content says.
    """
    del filename
    if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise StatementError("empty")
    head = data[:SNIFF_BYTES]
    xml = _xml_text(head)
    if xml is not None:
        if _is_camt053(xml):
            return "camt053"
        raise StatementError("not_camt_xml")
    if _is_coda(data):
        return "coda"
    try:
        text, _encoding = decode_bytes(head)
    except StatementError as exc:
        try:
            if len(data) <= SNIFF_BYTES:
                raise
            # The sniffed part may end inside a multi-byte character: try the whole file.
            text, _encoding = decode_bytes(data)
        except StatementError:
            raise StatementError("unknown_format_because", {"cause": exc.as_json()}) from None
    if any(d in text for d in (";", ",", "\t")):
        return "csv"
    raise StatementError("unknown_format")


def parse_statement(
    data: bytes,
    *,
    format: str = "auto",
    filename: str = "",
    mapping: "ColumnMapping | None" = None,
) -> ParsedStatement:
    """Read a statement in any supported format; `format` overrides detection ("coda",
    "camt053", "csv"); `mapping` is used for CSV files only."""
    chosen = detect_format(data, filename) if format == "auto" else format
    # Each reader is loaded when a file of its format is read, not by everything importing this.
    if chosen == "coda":
        from eigenkracht.payments.statements.coda import parse_coda

        return parse_coda(data)
    if chosen == "camt053":
        # Loaded when needed, as above.
        from eigenkracht.payments.statements.camt import parse_camt053

        return parse_camt053(data)
    if chosen == "csv":
        # Loaded when needed, as above.
        from eigenkracht.payments.statements.csv_formats import parse_bank_csv

        return parse_bank_csv(data, mapping=mapping)
    raise StatementError("format_unknown", {"format": format, "formats": list(FORMATS)})
