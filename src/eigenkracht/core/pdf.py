"""The base of every PDF we print: A4 in millimetres, fonts that print names in any script, and
text shaping (HarfBuzz through fpdf2 and uharfbuzz), so that Arabic letters join and run from
right to left and Indic letters form their clusters.

Fonts, looked up by file name in the directories of the `PDF_FONT_DIRS` setting (Debian's by
default):
- DejaVu Sans, regular and bold (Debian package fonts-dejavu-core): Latin with every accent,
  Greek, Cyrillic, Hebrew, Armenian, Georgian. Required.
- Noto Sans Arabic (fonts-noto-core) for all Arabic-script text. DejaVu draws Arabic too but lacks
  letters of Urdu and Pashto, and a word drawn from two fonts loses its joins, so DejaVu's Arabic
  is left out. Required.
- Further Noto Sans fonts for other scripts (fonts-noto-core), and Noto Sans CJK (fonts-noto-cjk)
  for Chinese, Japanese and Korean: used when installed. A letter no font has is left out, with
  a warning in the log that names it.
A script font is loaded into a document only when a text needs it: loading and embedding a font
costs tens of milliseconds.

There is no italic: DejaVu's is not in fonts-dejavu-core.
"""

import datetime as dt
import logging
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont
from fpdf import FPDF

logger = logging.getLogger(__name__)
# fpdf2 embeds a subset of each font with fontTools, which reports every step at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT = "sans"
PURPLE = (107, 44, 145)
GREY = (90, 90, 90)
DEFAULT_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/opentype/noto",
)
PACKAGES = "fonts-dejavu-core fonts-noto-core"
# The Arabic blocks: Arabic, Supplement, Extended-A, Presentation Forms-A and -B.
ARABIC = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFE))


@dataclass(frozen=True)
class Face:
    file: str
    index: int = 0  # the face within a font collection (.ttc)


@dataclass(frozen=True)
class Script:
    """A font family for the letters the base font does not have, in the order they are tried."""

    family: str
    regular: Face
    bold: Face | None = None
    required: bool = False


BASE = {"": Face("DejaVuSans.ttf"), "B": Face("DejaVuSans-Bold.ttf")}


def _noto(name: str, *, bold: bool = True, required: bool = False) -> Script:
    return Script(
        family=name.lower(),
        regular=Face(f"NotoSans{name}-Regular.ttf"),
        bold=Face(f"NotoSans{name}-Bold.ttf") if bold else None,
        required=required,
    )


SCRIPTS = (
    _noto("Arabic", required=True),
    *(
        _noto(name)
        for name in (
            "Devanagari",
            "Bengali",
            "Gurmukhi",
            "Gujarati",
            "Oriya",
            "Tamil",
            "Telugu",
            "Kannada",
            "Malayalam",
            "Sinhala",
            "Thai",
            "Lao",
            "Khmer",
            "Myanmar",
            "Ethiopic",
            "Thaana",
        )
    ),
    _noto("Tifinagh", bold=False),
    _noto("Syriac", bold=False),
    # Simplified Chinese first in the collection order JP, KR, SC, TC, HK: its glyphs are the
    # ones most names here will be written in.
    Script("cjk", Face("NotoSansCJK-Regular.ttc", 2), Face("NotoSansCJK-Bold.ttc", 2)),
    # Noto Sans itself last: Latin, Greek and Cyrillic letters DejaVu lacks.
    Script("noto", Face("NotoSans-Regular.ttf"), Face("NotoSans-Bold.ttf")),
)


class PdfFontsMissing(Exception):
    """The fonts a PDF needs are not on this server."""

    def __init__(self, missing: Sequence[str], searched: Sequence[str]) -> None:
        self.missing = tuple(missing)
        self.searched = tuple(searched)
        super().__init__(
            f"PDF fonts not found: {', '.join(self.missing)} (searched "
            f"{', '.join(self.searched) or 'no directory'}); install the Debian packages "
            f"{PACKAGES} or point the PDF_FONT_DIRS setting at the directories that hold them"
        )

    @property
    def user_message(self) -> str:
        return _(
            "Dit document kan nu niet gemaakt worden: de lettertypen ervoor ontbreken op de "
            "server. De beheerder kan dit oplossen; probeer het daarna opnieuw."
        )


@dataclass(frozen=True)
class Found:
    base: dict[str, Path]  # style -> file
    scripts: tuple[tuple[Script, Path, Path | None], ...]  # with its regular and bold file


def font_dirs() -> tuple[str, ...]:
    return tuple(getattr(settings, "PDF_FONT_DIRS", None) or DEFAULT_FONT_DIRS)


def find_fonts() -> Found:
    """Where each font is, or `PdfFontsMissing` (logged) when a required one is nowhere."""
    dirs = [Path(d) for d in font_dirs()]

    def where(face: Face | None) -> Path | None:
        if face is None:
            return None
        return next((d / face.file for d in dirs if (d / face.file).is_file()), None)

    base = {style: where(face) for style, face in BASE.items()}
    missing = [face.file for style, face in BASE.items() if base[style] is None]
    scripts = []
    for script in SCRIPTS:
        regular, bold = where(script.regular), where(script.bold)
        if script.required:
            wanted = ((script.regular, regular), (script.bold, bold))
            missing += [face.file for face, path in wanted if face is not None and path is None]
        if regular is not None:
            scripts.append((script, regular, bold))
    if missing:
        error = PdfFontsMissing(missing, [str(d) for d in dirs])
        logger.error("%s", error)
        raise error
    return Found(
        base={style: path for style, path in base.items() if path is not None},
        scripts=tuple(scripts),
    )


@lru_cache(maxsize=64)
def _coverage(path: Path, index: int) -> frozenset[int]:
    """The characters a font has a glyph for; read once per process."""
    with TTFont(path, fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap())


@lru_cache(maxsize=8)
def _base_range(path: Path) -> tuple[int, ...]:
    """The base font's characters without Arabic, which a script font draws."""
    return tuple(
        sorted(
            code
            for code in _coverage(path, 0)
            if not any(start <= code <= end for start, end in ARABIC)
        )
    )


def _as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(dt.datetime.combine(value, dt.time()))


class Document(FPDF):
    """An A4 page in millimetres with the fonts above and text shaping.

    `created` is the date the document carries (the day of payment on a receipt, ...): it is
    written as the file's creation date, so the same data always gives the same file.
    """

    def __init__(
        self,
        *,
        orientation: str = "P",
        created: dt.date | dt.datetime | None = None,
        compress: bool = True,
    ) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        found = find_fonts()
        for style, path in found.base.items():
            self.add_font(FONT, style, path, unicode_range=_base_range(path))
        self._scripts = found.scripts
        self._script_families: list[str] = []
        self._unprintable: set[str] = set()
        self.set_text_shaping(True)
        self.set_compression(compress)
        if created is not None:
            self.set_creation_date(_as_datetime(created))
        self.set_font(FONT, "", 11)

    def get_fallback_font(self, char: str, style: str = "") -> str | None:
        """The script font for a letter the base font lacks, loaded on first use."""
        code = ord(char)
        for script, regular, bold in self._scripts:
            face, path, font_style = script.regular, regular, ""
            if "B" in style and bold is not None and script.bold is not None:
                face, path, font_style = script.bold, bold, "B"
            if code not in _coverage(path, face.index):
                continue
            key = f"{script.family}{font_style}"
            if key not in self.fonts:
                self.add_font(script.family, font_style, path, collection_font_number=face.index)
                if script.family not in self._script_families:
                    self._script_families.append(script.family)
                self.set_fallback_fonts(self._script_families, exact_match=False)
            return key
        self._unprintable.add(char)
        return None

    def set_font(self, family: str | None = None, style: Any = "", size: float = 0) -> None:
        super().set_font(family, style, size)
        # fpdf2 (2.8.9) sets the font for a line that begins with a script font's letter inside
        # that line's q ... Q, which readers undo at Q: the lines after it then have no font
        # and do not show (fpdf2 issue 1772, fixed only for lines that end in the base font).
        # Setting each font on the page as soon as it is chosen keeps the page's font right.
        if self.page and self.current_font is not None and not self.current_font_is_set_on_page:
            self._out(self._set_font_for_page(self.current_font, self.font_size_pt))

    def pdf_bytes(self) -> bytes:
        content = bytes(self.output())
        if self._unprintable:
            logger.warning(
                "A PDF left out letters no font has: %s (fonts-noto-cjk adds Chinese, Japanese "
                "and Korean)",
                ", ".join(
                    f"U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip()
                    for c in sorted(self._unprintable)
                ),
            )
        return content


class PdfFontsMissingMiddleware:
    """Turns a PDF that cannot be made for want of fonts into a Dutch message instead of a
    server error: back on the page the download link was on, or a 503 page on its own."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, PdfFontsMissing):
            return None
        referer = request.META.get("HTTP_REFERER", "")
        if referer and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            messages.error(request, exception.user_message)
            return HttpResponseRedirect(referer)
        return HttpResponse(
            exception.user_message, content_type="text/plain; charset=utf-8", status=503
        )
