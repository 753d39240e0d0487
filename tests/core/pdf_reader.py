"""Read back the text a PDF shows, the way a PDF reader does: for tests.

fpdf2 writes text in an embedded font subset as glyph codes, not as letters; each font carries a
ToUnicode map from its codes to the letters they stand for (what a reader uses to copy and search
text). This reader inflates the streams, reads each font's map, and walks every page's content
stream: `Tf` chooses a font, `q` and `Q` save and restore it (as in a reader: a font chosen
inside q ... Q is gone after Q), and each text operator's codes are mapped back to letters.

What it proves: the letters are in the file, drawn with a font that has glyphs for them (a code
is only in a subset's map when the font had that letter), and every text is drawn with a font in
force (`TextWithoutFont` otherwise: a reader would show nothing). It cannot tell whether the
glyphs look right. Text is read in drawing order, which for right-to-left scripts is the visual
order: compare such text with `visual()`.
"""

import re
import unicodedata
import zlib
from dataclasses import dataclass, field

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*)\r?\nendstream", re.S)
_REF = rb"(\d+) 0 R"
_TOKEN = re.compile(
    rb"\s*(?:(?P<string>\()|(?P<hex><[0-9A-Fa-f\s]*>)|(?P<name>/[^\s/\[\]()<>]+)"
    rb"|(?P<array>\[)|(?P<end_array>\])|(?P<number>[-+]?(?:\d+\.?\d*|\.\d+))"
    rb"|(?P<operator>[A-Za-z'\"*]+))"
)


class TextWithoutFont(AssertionError):
    """A text operator with no font in force: a PDF reader shows nothing."""


@dataclass
class Text:
    """One text object (BT ... ET): in our PDFs, one line of one cell."""

    page: int
    x: float
    y: float  # from the bottom of the page, in points
    text: str = ""
    fonts: set[str] = field(default_factory=set)


@dataclass
class _Font:
    name: str
    to_unicode: dict[bytes, str]
    width: int  # bytes per code


def _objects(content: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    objects = {}
    for number, body in _OBJECT.findall(content):
        match = _STREAM.search(body)
        stream = None
        if match:
            stream = match.group(1)
            if b"/FlateDecode" in body[: match.start()]:
                stream = zlib.decompressobj().decompress(stream)
        objects[int(number)] = (body[: match.start()] if match else body, stream)
    return objects


def _to_unicode(cmap: bytes) -> dict[bytes, str]:
    assert b"beginbfrange" not in cmap, "bfrange is not read"
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, letters in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[bytes.fromhex(code.decode())] = bytes.fromhex(letters.decode()).decode(
                "utf-16-be"
            )
    return mapping


def _fonts(objects: dict[int, tuple[bytes, bytes | None]], resources: bytes) -> dict[str, _Font]:
    fonts = {}
    match = re.search(rb"/Font\s*<<(.*?)>>", resources, re.S)
    if match:
        for name, number in re.findall(rb"/(\w+)\s+" + _REF, match.group(1)):
            body, _stream = objects[int(number)]
            base = re.search(rb"/BaseFont\s*/([^\s/]+)", body).group(1).decode()
            unicode_ref = re.search(rb"/ToUnicode\s+" + _REF, body)
            if unicode_ref:  # an embedded font: two-byte codes
                cmap = objects[int(unicode_ref.group(1))][1]
                fonts[name.decode()] = _Font(base, _to_unicode(cmap), 2)
            else:  # one of the 14 standard fonts
                fonts[name.decode()] = _Font(base, {bytes([b]): chr(b) for b in range(256)}, 1)
    return fonts


def _literal(data: bytes, start: int) -> tuple[bytes, int]:
    """A (string) from just after its opening parenthesis: its bytes and where it ends."""
    out, depth, i = bytearray(), 1, start
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
    while True:
        char = data[i : i + 1]
        if char == b"\\":
            following = data[i + 1 : i + 2]
            octal = re.match(rb"[0-7]{1,3}", data[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(), 8) & 0xFF)
                i += 1 + len(octal.group())
                continue
            if following in b"\r\n":  # a line continuation
                i += 2
                continue
            out += escapes.get(following, following)
            i += 2
            continue
        if char == b"(":
            depth += 1
        elif char == b")":
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out += char
        i += 1


def _tokens(data: bytes):
    position = 0
    while True:
        match = _TOKEN.match(data, position)
        if not match:
            if data[position:].strip():
                raise ValueError(f"cannot read the content stream at {data[position:][:40]!r}")
            return
        position = match.end()
        if match.group("string"):
            value, position = _literal(data, position)
            yield "string", value
        elif match.group("hex"):
            yield "string", bytes.fromhex(re.sub(rb"\s", b"", match.group("hex")[1:-1]).decode())
        elif match.group("name"):
            yield "name", match.group("name")[1:].decode()
        elif match.group("array"):
            yield "array", None
        elif match.group("end_array"):
            yield "end_array", None
        elif match.group("number"):
            yield "number", float(match.group("number"))
        else:
            yield "operator", match.group("operator").decode()


def _decode(font: _Font, data: bytes) -> str:
    # A glyph with no letters of its own (the second glyph of a shaped cluster) maps to none.
    return "".join(
        font.to_unicode.get(data[i : i + font.width], "") for i in range(0, len(data), font.width)
    )


def texts(content: bytes) -> list[Text]:
    """Every text object of every page, in drawing order."""
    objects = _objects(content)
    result = []
    pages = [
        (number, body)
        for number, (body, _stream) in sorted(objects.items())
        if re.search(rb"/Type\s*/Page\b(?!s)", body)
    ]
    for page_number, (_number, body) in enumerate(pages, start=1):
        resources = re.search(rb"/Resources\s+" + _REF, body)
        fonts = _fonts(objects, objects[int(resources.group(1))][0] if resources else body)
        contents = re.search(rb"/Contents\s+" + _REF, body)
        stream = objects[int(contents.group(1))][1]
        font: _Font | None = None
        saved: list[_Font | None] = []
        operands: list = []
        current: Text | None = None
        line = (0.0, 0.0)
        in_array = False
        array: list = []
        for kind, value in _tokens(stream):
            if kind == "array":
                in_array, array = True, []
            elif kind == "end_array":
                in_array = False
                operands.append(array)
            elif kind != "operator":
                (array if in_array else operands).append(value)
            else:
                if value == "q":
                    saved.append(font)
                elif value == "Q":
                    font = saved.pop()
                elif value == "Tf":
                    font = fonts[operands[-2]]
                elif value == "BT":
                    line = (0.0, 0.0)
                    current = Text(page_number, 0.0, 0.0)
                elif value == "ET":
                    if current is not None and current.text:
                        result.append(current)
                    current = None
                elif value == "Td":
                    line = (line[0] + operands[-2], line[1] + operands[-1])
                    if current is not None and not current.text:
                        current.x, current.y = line
                elif value == "Tm":
                    line = (operands[-2], operands[-1])
                    if current is not None and not current.text:
                        current.x, current.y = line
                elif value in ("Tj", "TJ", "'", '"'):
                    shown = operands[-1]
                    strings = (
                        [s for s in shown if isinstance(s, bytes)] if value == "TJ" else [shown]
                    )
                    if any(strings):
                        if font is None:
                            raise TextWithoutFont(f"page {page_number}: {strings!r}")
                        current.text += "".join(_decode(font, s) for s in strings)
                        current.fonts.add(font.name.split("+")[-1])
                operands = []
    return result


def pdf_text(content: bytes) -> str:
    """All text of the PDF, one text object per line."""
    return "\n".join(t.text for t in texts(content))


def shown(content: bytes) -> list[str]:
    """The texts, one per text object (a cell's line), without surrounding spaces."""
    return [t.text.strip() for t in texts(content)]


def visual(text: str) -> str:
    """Right-to-left text as a PDF draws it: its letters from left to right on the page (for
    text that is right-to-left throughout, without ligatures)."""
    assert all(unicodedata.bidirectional(c) in ("R", "AL", "WS") for c in text), text
    return text[::-1]


# A name in each script the PDFs must print (what `core.pdf` has fonts for in every set-up).
NAMES_IN_SCRIPTS = {
    "Arabic": ("فاطمة", "الزهراء"),
    "Cyrillic": ("Олена", "Шевченко"),
    "Greek": ("Γιώργος", "Παπαδόπουλος"),
    "Polish": ("Łukasz", "Żółkiewski"),
    "Turkish": ("İlkay", "Yıldırım-Çağlayan"),  # noqa: RUF001 (a dotless i, on purpose)
    "Vietnamese": ("Nguyễn", "Thị Hương"),
    "Devanagari": ("अनीता", "शर्मा"),
}


def drawn(text: str) -> str:
    """Text as the PDF draws it: right-to-left text (a name in Arabic) in visual order."""
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return visual(text)
    return text
