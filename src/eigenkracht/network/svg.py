"""Draw a laid-out network map as SVG. Pure: no Django; the words come in as `Texts`.

Styles are presentation attributes, not a <style> element: the site's Content-Security-Policy
forbids inline style elements, fpdf2 (the PDF) reads attributes only, and a downloaded file looks
the same anywhere. Every text on the map is a `Label`: the SVG writes it as <text>; for print the
SVG has no text and the PDF writes the labels itself, with its fonts for every script and text
shaping (fpdf2 draws SVG text with one font and no shaping). For print there is no white halo
behind the labels and no <title>/<desc>.
"""

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from eigenkracht.network.kinds import SECTORS, TIES
from eigenkracht.network.layout import (
    DOT_RADIUS,
    FONT_SIZE,
    LABEL_HEIGHT,
    MARGIN,
    Layout,
    Placed,
    centre_line_width,
    label_width,
)

SECTOR_COLOURS = {
    "family": "#6b2c91",
    "friends": "#1f7a4d",
    "school_work": "#b35c00",
    "professionals": "#2557a7",
}
LEGEND_HEIGHT = 110.0
SCREEN_FONT = "Arial, Helvetica, sans-serif"
INK = "#1d1d1f"
TIE = 'fill="none" stroke="#55565b" stroke-width="1.5"'
DASH = "6 5"  # a weak tie
LINE = 'fill="none" stroke="#c9c1d3" stroke-width="1.5"'
HALO = 'paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round"'
TITLE_SIZE = 15.0
LEGEND_CHAR = 7.0  # the legend's estimate of a character's width


@dataclass(frozen=True)
class Texts:
    title: str
    description: str
    centre: str
    sectors: dict[str, str]  # sector code -> its name
    ties: dict[str, str]  # tie code -> its name
    attended: str
    rings: str  # one line explaining the three rings


@dataclass(frozen=True)
class Label:
    """A text on the map, in the map's units; `y` is its baseline."""

    x: float
    y: float
    text: str
    width: float  # the room the drawing keeps for it: the PDF makes wider text smaller
    anchor: str = "start"  # start, middle or end
    size: float = FONT_SIZE
    bold: bool = False
    colour: str = INK
    halo: bool = False  # on screen, a white edge keeps it legible over a line


def _f(value: float) -> str:
    return f"{value:.1f}"


def _zigzag(x1: float, y1: float, x2: float, y2: float) -> str:
    """A zig-zag path between two points: the classic ecomap mark for a stressful tie."""
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 1:
        return f"M{_f(x1)},{_f(y1)}"
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    px, py = -uy, ux
    teeth = max(2, int(length // 10))
    points = [f"M{_f(x1)},{_f(y1)}"]
    for k in range(1, teeth):
        t = length * k / teeth
        side = 4 if k % 2 else -4
        points.append(f"L{_f(x1 + ux * t + px * side)},{_f(y1 + uy * t + py * side)}")
    points.append(f"L{_f(x2)},{_f(y2)}")
    return " ".join(points)


def _tie_shape(tie: str, x1: float, y1: float, x2: float, y2: float, extra: str = "") -> str:
    """A tie as the legend shows it: solid (strong), dashed (weak) or zig-zag (stressful)."""
    if tie == "stressful":
        return f'<path class="tie stressful"{extra} {TIE} d="{_zigzag(x1, y1, x2, y2)}"/>'
    dash = f' stroke-dasharray="{DASH}"' if tie == "weak" else ""
    return (
        f'<line class="tie {tie}"{extra} {TIE} x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" '
        f'y2="{_f(y2)}"{dash}/>'
    )


def _tie(layout: Layout, placed: Placed) -> str:
    """From the edge of the centre disc to the edge of the member's dot."""
    c = layout.centre
    dx, dy = placed.x - c, placed.y - c
    distance = math.hypot(dx, dy) or 1.0
    start = layout.ring_radii[0]
    x1, y1 = c + dx / distance * start, c + dy / distance * start
    x2, y2 = placed.x - dx / distance * DOT_RADIUS, placed.y - dy / distance * DOT_RADIUS
    return _tie_shape(placed.member.tie, x1, y1, x2, y2, f' data-member="{placed.member.id}"')


def _text(label: Label, css_class: str = "") -> str:
    attributes = [f'class="{css_class}"'] if css_class else []
    attributes += [f'x="{_f(label.x)}"', f'y="{_f(label.y)}"']
    if label.anchor != "start":
        attributes.append(f'text-anchor="{label.anchor}"')
    if label.bold:
        attributes.append('font-weight="bold"')
    if label.size != FONT_SIZE:
        attributes.append(f'font-size="{_f(label.size)}"')
    attributes.append(f'fill="{label.colour}"')
    if label.halo:
        attributes.append(HALO)
    return f"<text {' '.join(attributes)}>{escape(label.text)}</text>"


def member_label(placed: Placed) -> Label:
    """Under the dot, in the box the layout kept free for it."""
    baseline = placed.y + DOT_RADIUS + 2 + LABEL_HEIGHT - 4
    width = label_width(placed.label)
    return Label(placed.x, baseline, placed.label, width, anchor="middle", halo=True)


def centre_labels(layout: Layout) -> list[Label]:
    """The main people's names, line under line, in the middle of the centre disc."""
    lines = layout.centre_lines
    middle = (len(lines) - 1) / 2
    return [
        Label(
            layout.centre,
            layout.centre + 5 + (k - middle) * LABEL_HEIGHT,
            line,
            centre_line_width(line),
            anchor="middle",
            bold=True,
        )
        for k, line in enumerate(lines)
    ]


def sector_titles(layout: Layout, texts: Texts) -> list[Label]:
    """Each sector's name in its corner of the map."""
    size = layout.size
    corners = {
        "family": (MARGIN / 2, MARGIN, "start"),
        "friends": (size - MARGIN / 2, MARGIN, "end"),
        "professionals": (MARGIN / 2, size - MARGIN / 2, "start"),
        "school_work": (size - MARGIN / 2, size - MARGIN / 2, "end"),
    }
    return [
        Label(
            x,
            y,
            texts.sectors[code],
            size / 2 - MARGIN,
            anchor=anchor,
            size=TITLE_SIZE,
            bold=True,
            colour=SECTOR_COLOURS[code],
        )
        for code, (x, y, anchor) in corners.items()
    ]


def _legend_origin(layout: Layout) -> tuple[float, float]:
    return MARGIN, layout.size + 10


def legend_labels(layout: Layout, texts: Texts) -> list[Label]:
    ox, oy = _legend_origin(layout)
    labels = []
    x = ox
    for code in SECTORS:
        name = texts.sectors[code]
        labels.append(Label(x + 16, oy + 10, name, len(name) * LEGEND_CHAR))
        x += 16 + len(name) * LEGEND_CHAR + 24
    x = ox
    for code in TIES:
        name = texts.ties[code]
        labels.append(Label(x + 48, oy + 40, name, len(name) * LEGEND_CHAR))
        x += 48 + len(name) * LEGEND_CHAR + 24
    labels.append(Label(ox + 22, oy + 70, texts.attended, len(texts.attended) * LEGEND_CHAR))
    labels.append(Label(ox, oy + 96, texts.rings, layout.size - 2 * MARGIN))
    return labels


def _legend(layout: Layout, texts: Texts, *, for_print: bool) -> str:
    ox, oy = _legend_origin(layout)
    parts = ['<g class="legend">']
    x = ox
    for code in SECTORS:
        colour = SECTOR_COLOURS[code]
        parts.append(f'<circle cx="{_f(x + 6)}" cy="{_f(oy + 6)}" r="6" fill="{colour}"/>')
        x += 16 + len(texts.sectors[code]) * LEGEND_CHAR + 24
    x = ox
    for code in TIES:
        parts.append(_tie_shape(code, x, oy + 36, x + 40, oy + 36))
        x += 48 + len(texts.ties[code]) * LEGEND_CHAR + 24
    parts.append(f'<circle cx="{_f(ox + 6)}" cy="{_f(oy + 66)}" r="6" fill="#8a8a8f"/>')
    parts.append(
        f'<circle cx="{_f(ox + 6)}" cy="{_f(oy + 66)}" r="9" fill="none" stroke="{INK}" '
        f'stroke-width="2"/>'
    )
    if not for_print:
        parts.extend(_text(label) for label in legend_labels(layout, texts))
    parts.append("</g>")
    return "".join(parts)


def _member(placed: Placed, *, for_print: bool) -> str:
    m = placed.member
    colour = SECTOR_COLOURS[m.sector]
    parts = [f'<g class="member" data-member="{m.id}">']
    if not for_print:
        parts.append(f"<title>{escape(m.label)}</title>")
    if m.attended:
        parts.append(
            f'<circle cx="{_f(placed.x)}" cy="{_f(placed.y)}" r="{_f(DOT_RADIUS + 3)}" '
            f'fill="none" stroke="{INK}" stroke-width="2"/>'
        )
    parts.append(
        f'<circle cx="{_f(placed.x)}" cy="{_f(placed.y)}" r="{_f(DOT_RADIUS)}" fill="{colour}"/>'
    )
    if not for_print:
        parts.append(_text(member_label(placed)))
    parts.append("</g>")
    return "".join(parts)


def labels(layout: Layout, texts: Texts) -> list[Label]:
    """Every text on the map, for a drawing that writes them itself (the PDF)."""
    return [
        *sector_titles(layout, texts),
        *centre_labels(layout),
        *(member_label(placed) for placed in layout.placed),
        *legend_labels(layout, texts),
    ]


def render_svg(
    layout: Layout, texts: Texts, *, id_prefix: str = "map", for_print: bool = False
) -> str:
    """The map as an SVG document. `id_prefix` keeps ids unique when two maps share a page;
    `for_print` leaves out every text (see `labels`)."""
    size = layout.size
    height = size + LEGEND_HEIGHT
    c = layout.centre
    r0, r1, r2, r3 = layout.ring_radii
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(size)} {_f(height)}" '
        f'width="{_f(size)}" height="{_f(height)}" class="network-map" '
        f'font-family="{SCREEN_FONT}" font-size="{_f(FONT_SIZE)}"'
        + (
            ">"
            if for_print
            else f' role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc">'
            f'<title id="{id_prefix}-title">{escape(texts.title)}</title>'
            f'<desc id="{id_prefix}-desc">{escape(texts.description)}</desc>'
        ),
        f'<rect width="{_f(size)}" height="{_f(height)}" fill="#fff"/>',
    ]
    for radius in (r1, r2, r3):
        out.append(f'<circle class="ring" {LINE} cx="{_f(c)}" cy="{_f(c)}" r="{_f(radius)}"/>')
    for x1, y1, x2, y2 in (
        (c - r3, c, c - r0, c),
        (c + r0, c, c + r3, c),
        (c, c - r3, c, c - r0),
        (c, c + r0, c, c + r3),
    ):
        out.append(
            f'<line class="sector-line" {LINE} x1="{_f(x1)}" y1="{_f(y1)}" '
            f'x2="{_f(x2)}" y2="{_f(y2)}"/>'
        )
    if not for_print:
        out.extend(_text(label, "sector-title") for label in sector_titles(layout, texts))
    out.extend(_tie(layout, placed) for placed in layout.placed)
    out.append(f'<circle cx="{_f(c)}" cy="{_f(c)}" r="{_f(r0)}" fill="#f3ecf8" stroke="#6b2c91"/>')
    if not for_print:
        out.extend(_text(label, "centre") for label in centre_labels(layout))
    out.extend(_member(placed, for_print=for_print) for placed in layout.placed)
    out.append(_legend(layout, texts, for_print=for_print))
    out.append("</svg>")
    return "\n".join(out)
