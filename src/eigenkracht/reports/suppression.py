"""Small-cell suppression for every figure that leaves the office. Pure: no Django.

The rule (docs/decisions.md, "Small cells in the figures"):

1. Primary: a count under 5 (0 included) is shown as "<5".
2. Secondary: a suppressed cell must not be recoverable by subtraction. A table with totals is a
   set of lines (each row with its row total, each column with its column total, and the totals
   row and column with the grand total); each line is "parts + total". While some line holds
   exactly one hidden value, the smallest visible part of that line is hidden too (the line's
   total only when no part is left), shown as "x". This repeats until no line holds exactly
   one hidden value. Totals therefore stay visible whenever possible: funders ask for them.
   A total is hidden too when the "<5" cells of its line could be read back from it: when their
   sum (the total minus what is shown) is 0 (all of them 0) or 4 for each (all of them 4).
3. A mean, median or share computed from fewer than 5 people or trajectories is shown as "<5";
   so is the n beside it. A share is also "<5" when its part or the rest is under 5.
4. Tables that show the same number (the accepted referrals are a row of one table and the total
   of two others) are linked: a number hidden in one is hidden ("x") in all, and rule 2 runs
   again on each, until nothing changes; so one table cannot give back what another hides. A
   share whose n is hidden that way is hidden with it (`Table.n_after_value`).

A secondarily hidden cell is at least 5 (every smaller one is already "<5"), hence its own mark.
"""

from collections.abc import Collection, Sequence

SMALL = 5
PRIMARY = "<5"
SECONDARY = "x"

Shown = int | float | str | None


def _lines(height: int, width: int, *, row_totals: bool, column_totals: bool):
    """Each line as positions in the full grid (totals included), the total last. The inner
    cells are rows 0..height-1 and columns 0..width-1; totals sit after them."""
    lines: list[list[tuple[int, int]]] = []
    total_row, total_col = height, width
    if row_totals:
        for i in range(height):
            lines.append([(i, j) for j in range(width)] + [(i, total_col)])
        if column_totals:
            lines.append([(total_row, j) for j in range(width)] + [(total_row, total_col)])
    if column_totals:
        for j in range(width):
            lines.append([(i, j) for i in range(height)] + [(total_row, j)])
        if row_totals:
            lines.append([(i, total_col) for i in range(height)] + [(total_row, total_col)])
    return lines


def with_totals(
    cells: Sequence[Sequence[int]], *, row_totals: bool, column_totals: bool
) -> list[list[int]]:
    """The grid with a total column (row_totals) and a total row (column_totals) added."""
    grid = [list(row) for row in cells]
    width = len(grid[0]) if grid else 0
    if row_totals:
        for row in grid:
            row.append(sum(row))
    if column_totals:
        grid.append([sum(row[j] for row in grid) for j in range(width + (1 if row_totals else 0))])
    return grid


def suppress_counts(
    cells: Sequence[Sequence[int]],
    *,
    row_totals: bool = False,
    column_totals: bool = False,
    forced: Collection[tuple[int, int]] = (),
) -> list[list[Shown]]:
    """The grid of counts with its totals added and suppressed by the rule above. `forced`:
    places hidden because another table hides the same number (rule 4)."""
    grid = with_totals(cells, row_totals=row_totals, column_totals=column_totals)
    if not grid:
        return []
    height, width = len(cells), len(cells[0]) if cells else 0
    hidden: dict[tuple[int, int], str] = {
        (i, j): PRIMARY
        for i, row in enumerate(grid)
        for j, value in enumerate(row)
        if value < SMALL
    }
    for place in forced:
        hidden.setdefault(place, SECONDARY)
    lines = _lines(height, width, row_totals=row_totals, column_totals=column_totals)
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden_here = [place for place in line if place in hidden]
            if len(hidden_here) == 1:
                parts = [place for place in line[:-1] if place not in hidden]
                candidates = parts or [line[-1]]
                place = min(candidates, key=lambda p: grid[p[0]][p[1]])
                hidden[place] = SECONDARY
                changed = True
            elif _pinned(grid, hidden, hidden_here, total=line[-1]):
                hidden[line[-1]] = SECONDARY
                changed = True
    return [
        [hidden.get((i, j), value) for j, value in enumerate(row)] for i, row in enumerate(grid)
    ]


def _pinned(grid, hidden, places, *, total) -> bool:
    """Whether the total gives the line's hidden cells back although there are several: when
    all are "<5" (each 0 to 4) and their sum, total minus what is shown, is 0 or 4 for each."""
    if not places or total in hidden or any(hidden[place] != PRIMARY for place in places):
        return False
    known = sum(grid[i][j] for i, j in places)
    return known in (0, (SMALL - 1) * len(places))


def suppress_measure(value: float | None, n: int) -> Shown:
    """A mean, median or share computed from n people or trajectories."""
    if value is None:
        return None
    return PRIMARY if n < SMALL else value


def suppress_count(value: int) -> Shown:
    """A count on its own (no total to recover it from)."""
    return PRIMARY if value < SMALL else value
