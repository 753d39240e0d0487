"""Two moments of a network map side by side: how many people per sector and ring then and now,
who is new, who is gone, who moved and who attended the conference."""

from dataclasses import dataclass

from eigenkracht.network.drawing import MapRow
from eigenkracht.network.kinds import RINGS, SECTORS


@dataclass(frozen=True)
class Line:
    """One sector (or the members still to be sorted): counts per ring, then and now."""

    sector: str  # "" for the members still to be sorted
    before: tuple[int, ...]  # per ring, then the total
    after: tuple[int, ...]

    @property
    def cells(self) -> list[tuple[int, int, int]]:
        return [(b, a, a - b) for b, a in zip(self.before, self.after, strict=True)]


@dataclass(frozen=True)
class Comparison:
    lines: list[Line]
    total_before: int
    total_after: int
    new: list[MapRow]
    gone: list[MapRow]
    moved: list[tuple[MapRow, MapRow]]
    attended: list[MapRow]

    @property
    def growth(self) -> int:
        return self.total_after - self.total_before


def _counts(rows: list[MapRow], sector: str) -> tuple[int, ...]:
    if not sector:
        unsorted = sum(1 for row in rows if not row.is_sorted)
        return (0,) * len(RINGS) + (unsorted,)
    per_ring = tuple(
        sum(1 for row in rows if row.is_sorted and row.sector == sector and row.ring == ring)
        for ring in RINGS
    )
    return (*per_ring, sum(per_ring))


def compare(before: list[MapRow], after: list[MapRow]) -> Comparison:
    """Members are the same person when they have the same id (snapshots keep the member's id)."""
    lines = [Line(sector, _counts(before, sector), _counts(after, sector)) for sector in SECTORS]
    if any(not row.is_sorted for row in [*before, *after]):
        lines.append(Line("", _counts(before, ""), _counts(after, "")))
    earlier = {row.id: row for row in before}
    later = {row.id: row for row in after}
    return Comparison(
        lines=lines,
        total_before=len(before),
        total_after=len(after),
        new=[row for row in after if row.id not in earlier],
        gone=[row for row in before if row.id not in later],
        moved=[
            (earlier[row.id], row)
            for row in after
            if row.id in earlier
            and (earlier[row.id].sector, earlier[row.id].ring, earlier[row.id].tie)
            != (row.sector, row.ring, row.tie)
        ],
        attended=[row for row in after if row.attended],
    )
