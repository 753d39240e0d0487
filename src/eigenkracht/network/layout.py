"""Where each member of a network map goes. Pure: no Django, no randomness.

The main person is in the centre, with three rings (close, middle, far) and four sectors (family;
friends and neighbours; school, work and leisure; professionals and services). Each member is
placed in their own sector and ring; their dot and label form one box, and no two boxes overlap:
a member goes to the first free spot in their cell, tried in a fixed order (an even spread first,
then every spot of a fine grid over the cell). When a cell is full the whole map is drawn again
with that ring wider (labels keep their size, the other rings stay as they are), so any number of
members fits and a crowded close ring does not blow up the whole map.

The main people's names are written in full in the centre disc, over as many lines as it takes;
the disc grows when they do not fit, and the rings move out with it.
"""

import math
import unicodedata
from dataclasses import dataclass, field

from eigenkracht.network.kinds import RINGS, SECTORS, TIES

# Math angles (degrees, counter-clockwise from the right) spanned by each sector.
SECTOR_SPANS = {
    "family": (90.0, 180.0),
    "friends": (0.0, 90.0),
    "school_work": (270.0, 360.0),
    "professionals": (180.0, 270.0),
}
CENTRE_RADIUS = 70.0
BAND = 120.0  # the width of a ring at scale 1
MARGIN = 24.0  # room around the map for the sector titles
FONT_SIZE = 12.0
CHAR_WIDTH = 6.6  # an average character at FONT_SIZE, generously (a Chinese one takes two)
LABEL_HEIGHT = 15.0
DOT_RADIUS = 6.0
MAX_LABEL = 20
GAP = 2.0
GROWTH = 1.1
ROOM = 1.6  # a cell needs this much more area than its labels to pack them
STEP = 16.0  # the grid of candidate spots
BAND_ROW = 24.0  # spots this far apart from the ring's middle count as one row
CENTRE_BOLD = 1.15  # the centre is written in bold: wider letters
CENTRE_PAD = 6.0  # between the centre text and the edge of its disc


@dataclass(frozen=True)
class Member:
    id: int
    label: str
    sector: str
    ring: str
    tie: str = "strong"
    attended: bool = False


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: "Box") -> bool:
        return not (
            self.right + GAP <= other.left
            or other.right + GAP <= self.left
            or self.bottom + GAP <= other.top
            or other.bottom + GAP <= self.top
        )


@dataclass(frozen=True)
class Placed:
    member: Member
    x: float
    y: float
    label: str
    box: Box  # dot and label together


@dataclass(frozen=True)
class Layout:
    size: float  # the map is a square of this side
    centre: float
    ring_radii: tuple[float, float, float, float]  # centre disc, close, middle, far
    scale: float  # the outer radius against that of an uncrowded map
    placed: tuple[Placed, ...] = field(default=())
    centre_lines: tuple[str, ...] = ()  # the main people's names, in full

    @property
    def centre_box(self) -> Box:
        """Where the centre text is written: inside the centre disc."""
        width = max((centre_line_width(line) for line in self.centre_lines), default=0.0)
        height = len(self.centre_lines) * LABEL_HEIGHT
        c = self.centre
        return Box(c - width / 2, c - height / 2, c + width / 2, c + height / 2)


def short_label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def text_units(text: str) -> int:
    """How many average characters wide a text is: a wide (Chinese, Japanese, Korean) letter
    counts twice, a combining mark not at all."""
    return sum(
        2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
        for c in text
    )


def label_width(text: str) -> float:
    return max(text_units(text) * CHAR_WIDTH, 2 * DOT_RADIUS)


def centre_line_width(text: str) -> float:
    return text_units(text) * CHAR_WIDTH * CENTRE_BOLD


def _wrap(words: list[str], limit: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and text_units(lines[-1]) + 1 + text_units(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _centre_radius(lines: list[str]) -> float:
    """The radius of the smallest disc around the lines, centred, with some room to spare."""
    width = max((centre_line_width(line) for line in lines), default=0.0)
    return math.hypot(width / 2, len(lines) * LABEL_HEIGHT / 2) + CENTRE_PAD


def centre_text(text: str) -> tuple[tuple[str, ...], float]:
    """The centre label over lines, wrapped between words (never shortened), and the radius of
    the centre disc. The fewest lines that fit the usual disc; when none do, the wrapping that
    needs the smallest disc (a round block of text), and the disc grows to hold it."""
    words = text.split()
    if not words:
        return (), CENTRE_RADIUS
    wraps = []
    for limit in range(max(map(text_units, words)), text_units(" ".join(words)) + 1):
        lines = _wrap(words, limit)
        wraps.append((_centre_radius(lines), lines))
        if len(lines) == 1:
            break
    fitting = [(len(lines), radius, lines) for radius, lines in wraps if radius <= CENTRE_RADIUS]
    if fitting:
        return tuple(min(fitting)[2]), CENTRE_RADIUS
    radius, lines = min(wraps)
    return tuple(lines), radius


class _Grid:
    """A spatial hash of placed boxes (as tuples, for speed), so that a collision check looks at
    neighbours only."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.buckets: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, left: float, top: float, right: float, bottom: float):
        # Widened by the gap, so that boxes just across a bucket border are compared too.
        c = self.cell
        for i in range(int((left - GAP) // c), int((right + GAP) // c) + 1):
            for j in range(int((top - GAP) // c), int((bottom + GAP) // c) + 1):
                yield i, j

    def free(self, left: float, top: float, right: float, bottom: float) -> bool:
        buckets = self.buckets
        for key in self._keys(left, top, right, bottom):
            for other_left, other_top, other_right, other_bottom in buckets.get(key, ()):
                if (
                    right + GAP > other_left
                    and other_right + GAP > left
                    and bottom + GAP > other_top
                    and other_bottom + GAP > top
                ):
                    return False
        return True

    def add(self, left: float, top: float, right: float, bottom: float) -> None:
        box = (left, top, right, bottom)
        for key in self._keys(*box):
            self.buckets.setdefault(key, []).append(box)


class _CellSpots:
    """Spots about STEP apart where a dot stays inside its ring and sector: row by row from the
    middle of the ring outwards, each row from the middle of the sector outwards. Made as they
    are asked for, since most cells need only the first few. Labels may reach over a border;
    dots never do."""

    def __init__(self, sector: str, ring: int, radii: tuple[float, ...], centre: float) -> None:
        start, end = SECTOR_SPANS[sector]
        inner, outer = radii[ring] + DOT_RADIUS + 2, radii[ring + 1] - DOT_RADIUS - 2
        count = max(1, int((outer - inner) / STEP) + 1)
        rows = [inner + (outer - inner) * k / max(count - 1, 1) for k in range(count)]
        middle = (inner + outer) / 2
        self._rows = iter(sorted(rows, key=lambda r: (abs(r - middle), r)))
        self._span = (start, end)
        self._centre = centre
        self.spots: list[tuple[float, float]] = []

    def _next_row(self) -> bool:
        radius = next(self._rows, None)
        if radius is None:
            return False
        start, end = self._span
        pad = math.degrees(2 * DOT_RADIUS / radius)
        span = end - start - 2 * pad
        steps = max(1, int(math.radians(span) * radius / STEP) + 1)
        middle = (steps - 1) / 2
        for k in sorted(range(steps), key=lambda k: (abs(k - middle), k)):
            angle = math.radians(start + pad + span * k / max(steps - 1, 1))
            self.spots.append(
                (self._centre + radius * math.cos(angle), self._centre - radius * math.sin(angle))
            )
        return True

    def get(self, index: int) -> tuple[float, float] | None:
        while index >= len(self.spots):
            if not self._next_row():
                return None
        return self.spots[index]


def _even_spread(
    sector: str, ring: int, count: int, radii: tuple[float, ...], centre: float
) -> list[tuple[float, float]]:
    """One spot per member, evenly over the middle of the ring: how a sparse map looks best."""
    start, end = SECTOR_SPANS[sector]
    radius = (radii[ring] + radii[ring + 1]) / 2
    spots = []
    for k in range(count):
        angle = math.radians(start + (end - start) * (k + 0.5) / count)
        spots.append((centre + radius * math.cos(angle), centre - radius * math.sin(angle)))
    return spots


class _Full(Exception):
    """A ring has no room left for a member of this cell."""

    def __init__(self, ring: int) -> None:
        self.ring = ring


def _radii(inner: float, bands: list[float]) -> tuple[float, float, float, float]:
    return (
        inner,
        inner + bands[0],
        inner + bands[0] + bands[1],
        inner + bands[0] + bands[1] + bands[2],
    )


def _attempt(
    members: list[Member], inner: float, bands: list[float], centre_lines: tuple[str, ...]
) -> Layout:
    radii = _radii(inner, bands)
    half = radii[-1] + LABEL_HEIGHT + DOT_RADIUS + MARGIN
    centre = half
    size = 2 * half
    grid = _Grid(cell=64.0)
    # The centre disc holds the main people's names: keep it clear.
    low, high = centre - inner, centre + inner
    grid.add(low, low, high, high)
    cells: dict[tuple[str, str], list[Member]] = {}
    for member in members:
        cells.setdefault((member.sector, member.ring), []).append(member)
    placed = []
    below = DOT_RADIUS + 2 + LABEL_HEIGHT
    for (sector, ring_name), group in sorted(
        cells.items(), key=lambda item: (SECTORS.index(item[0][0]), RINGS.index(item[0][1]))
    ):
        ring = RINGS.index(ring_name)
        spread = _even_spread(sector, ring, len(group), radii, centre)
        spots = _CellSpots(sector, ring, radii, centre)
        # The narrowest label that did not fit at each spot: wider ones will not fit either.
        refused: dict[int, float] = {}
        for index, member in enumerate(group):
            label = short_label(member.label)
            half_width = label_width(label) / 2

            def box_at(
                x: float, y: float, half_width: float = half_width
            ) -> tuple[float, float, float, float] | None:
                box = (x - half_width, y - DOT_RADIUS, x + half_width, y + below)
                inside = box[0] >= 0 and box[1] >= 0 and box[2] <= size and box[3] <= size
                return box if inside and grid.free(*box) else None

            position = spread[index]
            box = box_at(*position)
            k = 0
            while box is None:
                if refused.get(k, math.inf) > half_width:
                    position = spots.get(k)
                    if position is None:
                        raise _Full(ring)
                    box = box_at(*position)
                    if box is None:
                        refused[k] = half_width
                k += 1
            grid.add(*box)
            placed.append(Placed(member, position[0], position[1], label, Box(*box)))
    scale = (radii[-1] - inner) / (3 * BAND)
    return Layout(size, centre, radii, scale, tuple(placed), centre_lines)


def _inside(box: Box, size: float) -> bool:
    return box.left >= 0 and box.top >= 0 and box.right <= size and box.bottom <= size


def layout(members: list[Member], centre: str = "") -> Layout:
    """Place every member exactly once around the centre label (the main people); the same
    members always give the same drawing."""
    for member in members:
        if member.sector not in SECTORS or member.ring not in RINGS or member.tie not in TIES:
            raise ValueError(f"unknown sector, ring or tie for member {member.id}")
    ordered = sorted(
        members, key=lambda m: (SECTORS.index(m.sector), RINGS.index(m.ring), m.label.lower(), m.id)
    )
    centre_lines, inner = centre_text(centre)
    bands = _first_bands(ordered, inner)
    while True:
        try:
            return _attempt(ordered, inner, bands, centre_lines)
        except _Full as full:
            bands[full.ring] *= GROWTH


def _first_bands(members: list[Member], inner: float) -> list[float]:
    """For each ring, from the inside out, the narrowest band (BAND times a power of GROWTH) at
    which each of its cells is roomy enough for its labels by area; trying narrower ones would
    fail anyway and costs time."""
    need: dict[tuple[str, int], float] = {}
    for member in members:
        width = label_width(short_label(member.label)) + GAP
        key = (member.sector, RINGS.index(member.ring))
        need[key] = need.get(key, 0.0) + width * (DOT_RADIUS * 2 + 2 + LABEL_HEIGHT + GAP)
    bands = [BAND, BAND, BAND]
    for ring in range(3):
        most = max((area for (_sector, r), area in need.items() if r == ring), default=0.0)
        while True:
            low, high = _radii(inner, bands)[ring : ring + 2]
            if math.pi / 4 * (high**2 - low**2) >= ROOM * most:
                break
            bands[ring] *= GROWTH
    return bands
