"""Finding the header of a CSV export: its delimiter, its line (below any metadata) and the layout
whose columns it holds.

- Delimiter: `;` (all four banks), also `,` and tab (a file re-saved by a spreadsheet).
- The header line is found by content, not position: Belfius writes about a dozen lines of filter
  metadata above it. A line is the header of a layout when it holds all of that layout's
  required columns (compared case-, accent- and spacing-insensitively).
"""

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from eigenkracht.payments.statements.base import StatementError
from eigenkracht.payments.statements.csv_layouts import LAYOUTS, ColumnMapping, CsvLayout
from eigenkracht.payments.statements.values import decode_bytes

DELIMITERS = (";", ",", "\t")
HEADER_SEARCH_LINES = 60  # metadata lines above the header: Belfius writes about 12


class CsvLayoutUnknown(StatementError):
    """No known bank layout matches the header and no (fitting) mapping was given.

    `columns` are the header columns as found (for the mapping form), `signature` identifies the
    header (to remember the mapping staff choose for it).
    """

    def __init__(
        self, code: str, params: dict[str, Any], *, columns: Sequence[str], signature: str
    ) -> None:
        super().__init__(code, params)
        self.columns = list(columns)
        self.signature = signature


def normalize_header(name: str) -> str:
    """Header comparison key: no BOM, quotes, accents, case or extra spacing; "Nº"/"N°" = "No"."""
    s = name.replace("\ufeff", "").strip().strip('"').strip().replace("°", "o")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = s.replace("\u2019", "'").replace("`", "'")
    return re.sub(r"\s+", " ", s).strip().rstrip(":").strip()


def read_records(
    text: str, delimiter: str, limit: int | None = None
) -> list[tuple[int, list[str]]]:
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
            "csv_unreadable_line", {"detail": str(exc)}, line=consumed + 1
        ) from exc
    return out


def trimmed(cells: Sequence[str]) -> list[str]:
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
class Header:
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


def find_known_header(text: str) -> Header | None:
    for delimiter in DELIMITERS:
        if delimiter != ";" and delimiter not in text[:20000]:
            continue
        for position, (_line, cells) in enumerate(
            read_records(text, delimiter, HEADER_SEARCH_LINES)
        ):
            if len(cells) < 3:
                continue
            if match := _match_layout(cells):
                return Header(delimiter, position, trimmed(cells), match[0], match[1])
    return None


def find_mapped_header(text: str, mapping: ColumnMapping) -> Header | None:
    wanted = {role: (name,) for role, name in mapping.role_columns().items()}
    for delimiter in DELIMITERS:
        for position, (_line, cells) in enumerate(
            read_records(text, delimiter, HEADER_SEARCH_LINES)
        ):
            roles = _resolve(wanted, _index(cells))
            if roles.keys() == wanted.keys():
                return Header(delimiter, position, trimmed(cells), None, roles)
    return None


def _guess_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:HEADER_SEARCH_LINES] if line.strip()]
    widths = {
        d: max((len(c) for _n, c in read_records("\n".join(lines), d)), default=0)
        for d in DELIMITERS
    }
    if widths[";"] >= 2 and widths[";"] >= max(widths.values()):
        return ";"
    try:
        return csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=",\t").delimiter
    except csv.Error:
        return max(DELIMITERS, key=lambda d: widths[d])


def guess_header(text: str) -> Header:
    """For an unknown layout: the first line with the most columns (data lines come later)."""
    delimiter = _guess_delimiter(text)
    records = read_records(text, delimiter, HEADER_SEARCH_LINES)
    best_position, best_width = 0, -1
    for position, (_line, cells) in enumerate(records):
        width = len(trimmed(cells))
        if width > best_width:
            best_position, best_width = position, width
    cells = records[best_position][1] if records else []
    return Header(delimiter, best_position, trimmed(cells))


def cells_signature(cells: Sequence[str]) -> str:
    joined = "\x1f".join(normalize_header(c) for c in trimmed(cells))
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=8).hexdigest()


def find_header(text: str) -> Header:
    return find_known_header(text) or guess_header(text)


def header_columns(data: bytes) -> list[str]:
    """The header columns of a CSV upload as written (for the mapping form)."""
    text, _encoding = decode_bytes(data)
    return find_header(text).cells


def header_signature(data: bytes) -> str:
    """A short stable id of the header's columns (ignores encoding, delimiter, quoting, case and
    accents), to remember the mapping chosen for files with this header."""
    text, _encoding = decode_bytes(data)
    return cells_signature(find_header(text).cells)
