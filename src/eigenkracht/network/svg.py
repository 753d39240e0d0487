"""Draw a laid-out network map as SVG. Pure: no Django; the words come in as `Texts`.

Styles are presentation attributes, not a <style> element: the site's Content-Security-Policy
forbids inline style elements, and fpdf2 (the PDF) reads attributes only. For print there is no
white halo behind the labels (fpdf2 does not know paint-order) and no <title>/<desc>.
"""

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from eigenkracht.network.layout import (
    DOT_RADIUS,
    FONT_SIZE,
    LABEL_HEIGHT,
    MARGIN,
    SECTORS,
    Layout,
    Placed,
    short_label,
)

SECTOR_COLOURS = {
    "family": "#6b2c91",
    "friends": "#1f7a4d",
    "school_work": "#b35c00",
    "professionals": "#2557a7",
}
LEGEND_HEIGHT = 110.0
SCREEN_FONT = "Arial, Helvetica, sans-serif"
PRINT_FONT = "dejavu"  # the name the PDF registers DejaVu Sans under
TIE = 'fill="none" stroke="#55565b" stroke-width="1.5"'
LINE = 'fill="none" stroke="#c9c1d3" stroke-width="1.5"'
HALO = 'paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round"'


@dataclass(frozen=True)
class Texts:
    title: str
    description: str
    centre: str
    sectors: dict[str, str]  # sector code -> its name
    ties: dict[str, str]  # tie code -> its name
    attended: str
    rings: str  # one line explaining the three rings


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


def _tie(layout: Layout, placed: Placed) -> str:
    c = layout.centre
    dx, dy = placed.x - c, placed.y - c
    distance = math.hypot(dx, dy) or 1.0
    start = layout.ring_radii[0]
    x1, y1 = c + dx / distance * start, c + dy / distance * start
    x2, y2 = placed.x - dx / distance * DOT_RADIUS, placed.y - dy / distance * DOT_RADIUS
    tie = placed.member.tie
    if tie == "stressful":
        return f'<path class="tie stressful" d="{_zigzag(x1, y1, x2, y2)}"/>'
    dash = ' stroke-dasharray="6 5"' if tie == "weak" else ""
    return (
        f'<line class="tie {tie}" x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}"{dash}/>'
    )


def _member(placed: Placed, *, for_print: bool) -> str:
    m = placed.member
    colour = SECTOR_COLOURS[m.sector]
    parts = [f'<g class="member" data-member="{m.id}">']
    if not for_print:
        parts.append(f"<title>{escape(m.label)}</title>")
    if m.attended:
        parts.append(
            f'<circle cx="{_f(placed.x)}" cy="{_f(placed.y)}" r="{_f(DOT_RADIUS + 3)}" '
            f'fill="none" stroke="#1d1d1f" stroke-width="2"/>'
        )
    parts.append(
        f'<circle cx="{_f(placed.x)}" cy="{_f(placed.y)}" r="{_f(DOT_RADIUS)}" fill="{colour}"/>'
    )
    baseline = placed.y + DOT_RADIUS + 2 + LABEL_HEIGHT - 4
    parts.append(
        f'<text x="{_f(placed.x)}" y="{_f(baseline)}" text-anchor="middle" fill="#1d1d1f"'
        f"{'' if for_print else ' ' + HALO}>{escape(placed.label)}</text>"
    )
    parts.append("</g>")
    return "".join(parts)


def _legend(layout: Layout, texts: Texts) -> str:
    top = layout.size + 10
    parts = [f'<g class="legend" transform="translate({_f(MARGIN)},{_f(top)})">']
    x = 0.0
    for code in SECTORS:
        parts.append(f'<circle cx="{_f(x + 6)}" cy="6" r="6" fill="{SECTOR_COLOURS[code]}"/>')
        parts.append(f'<text x="{_f(x + 16)}" y="10">{escape(texts.sectors[code])}</text>')
        x += 16 + len(texts.sectors[code]) * 7 + 24
    x = 0.0
    for code in ("strong", "weak", "stressful"):
        if code == "stressful":
            parts.append(f'<path class="tie stressful" {TIE} d="{_zigzag(x, 36, x + 40, 36)}"/>')
        else:
            dash = ' stroke-dasharray="6 5"' if code == "weak" else ""
            parts.append(
                f'<line class="tie {code}" {TIE} x1="{_f(x)}" y1="36" x2="{_f(x + 40)}" '
                f'y2="36"{dash}/>'
            )
        parts.append(f'<text x="{_f(x + 48)}" y="40">{escape(texts.ties[code])}</text>')
        x += 48 + len(texts.ties[code]) * 7 + 24
    parts.append('<circle cx="6" cy="66" r="6" fill="#8a8a8f"/>')
    parts.append('<circle cx="6" cy="66" r="9" fill="none" stroke="#1d1d1f" stroke-width="2"/>')
    parts.append(f'<text x="22" y="70">{escape(texts.attended)}</text>')
    parts.append(f'<text x="0" y="96">{escape(texts.rings)}</text>')
    parts.append("</g>")
    return "".join(parts)


def render_svg(
    layout: Layout, texts: Texts, *, id_prefix: str = "map", for_print: bool = False
) -> str:
    """The map as an SVG document. `id_prefix` keeps ids unique when two maps share a page."""
    size = layout.size
    height = size + LEGEND_HEIGHT
    c = layout.centre
    r0, r1, r2, r3 = layout.ring_radii
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(size)} {_f(height)}" '
        f'width="{_f(size)}" height="{_f(height)}" class="network-map" '
        f'font-family="{PRINT_FONT if for_print else SCREEN_FONT}" font-size="{_f(FONT_SIZE)}"'
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
    corners = {
        "family": (MARGIN / 2, MARGIN, "start"),
        "friends": (size - MARGIN / 2, MARGIN, "end"),
        "professionals": (MARGIN / 2, size - MARGIN / 2, "start"),
        "school_work": (size - MARGIN / 2, size - MARGIN / 2, "end"),
    }
    for code, (x, y, anchor) in corners.items():
        out.append(
            f'<text class="sector-title" x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}" '
            f'font-weight="bold" font-size="15" fill="{SECTOR_COLOURS[code]}">'
            f"{escape(texts.sectors[code])}</text>"
        )
    out.extend(_tie(layout, placed) for placed in layout.placed)
    out.append(f'<circle cx="{_f(c)}" cy="{_f(c)}" r="{_f(r0)}" fill="#f3ecf8" stroke="#6b2c91"/>')
    out.append(
        f'<text x="{_f(c)}" y="{_f(c + 5)}" text-anchor="middle" font-weight="bold">'
        f"{escape(short_label(texts.centre))}</text>"
    )
    out.extend(_member(placed, for_print=for_print) for placed in layout.placed)
    out.append(_legend(layout, texts))
    out.append("</svg>")
    return "\n".join(out)
