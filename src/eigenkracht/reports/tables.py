"""The figures as tables: one shape for the page, the CSV, the JSON, the XLSX and the PDF.
Pure: no Django. Words come in already translated.

A table holds either counts (people, trajectories: suppressed as a grid with its totals) or
measures (means, medians, shares: each value with the n it was computed from)."""

from dataclasses import dataclass, field
from typing import Literal

from eigenkracht.reports.suppression import (
    PRIMARY,
    SECONDARY,
    Shown,
    suppress_counts,
    suppress_measure,
    with_totals,
)


@dataclass(frozen=True)
class Table:
    key: str  # stable, for the JSON and the tests
    title: str
    stub: str  # heading of the row labels
    columns: tuple[str, ...]
    labels: tuple[str, ...]
    # counts: ints; measures: floats or None (nothing to compute)
    values: tuple[tuple[int | float | None, ...], ...]
    kind: Literal["counts", "measures"] = "counts"
    # measures only: the n behind each value, same shape as values
    sizes: tuple[tuple[int, ...], ...] = ()
    row_totals: bool = False
    column_totals: bool = False
    note: str = ""
    # Draw the first column as a bar chart.
    chart: bool = False
    # Measures the page shows suppressed too: the participants' own answers are shown only
    # from 5 responses, to staff as well (docs/decisions.md, evaluations).
    suppressed_on_page: bool = False
    # Cells that show a number another table shows too, by a shared name: (row, column, name),
    # the row counted with the totals row, the column without the stub (suppression rule 4).
    links: tuple[tuple[int, int, str], ...] = ()
    # measures only: each value's n is the column right after it. A share with its n hidden
    # would give the n back (5 of n shown as 45.5%: n is 11), so it is hidden with it.
    n_after_value: bool = False


@dataclass(frozen=True)
class Grid:
    """A table as it is shown: header, rows of (label, cells), totals included."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Shown, ...]], ...]
    note: str = ""
    chart: bool = False
    suppressed: bool = False
    total_rows: int = field(default=0)  # how many of the last rows are totals


def grid(
    table: Table,
    *,
    suppressed: bool,
    total_label: str,
    forced: frozenset[tuple[int, int]] = frozenset(),
) -> Grid:
    """The table with its totals, suppressed for anything that leaves the office; `forced`:
    cells another table hides (see linked_grids)."""
    suppressed = suppressed or table.suppressed_on_page
    header = (table.stub, *table.columns) + ((total_label,) if table.row_totals else ())
    labels = list(table.labels) + ([total_label] if table.column_totals else [])
    if table.kind == "counts":
        counts = [[int(v or 0) for v in row] for row in table.values]
        if suppressed:
            cells = suppress_counts(
                counts,
                row_totals=table.row_totals,
                column_totals=table.column_totals,
                forced=forced,
            )
        else:
            cells = with_totals(
                counts, row_totals=table.row_totals, column_totals=table.column_totals
            )
    else:
        cells = [
            [
                (SECONDARY if (i, j) in forced else suppress_measure(value, n))
                if suppressed
                else value
                for j, (value, n) in enumerate(zip(row, sizes, strict=True))
            ]
            for i, (row, sizes) in enumerate(zip(table.values, table.sizes, strict=True))
        ]
        if suppressed and table.n_after_value:
            for i, j in forced:
                if j > 0 and cells[i][j - 1] not in (PRIMARY, None):
                    cells[i][j - 1] = SECONDARY
    return Grid(
        key=table.key,
        title=table.title,
        header=header,
        rows=tuple((label, tuple(row)) for label, row in zip(labels, cells, strict=True)),
        note=table.note,
        chart=table.chart,
        suppressed=suppressed,
        total_rows=1 if table.column_totals else 0,
    )


_ABSENT = object()


def _cell(shown: Grid, row: int, column: int) -> object:
    """A cell of a shown grid; an empty table has no totals row to link."""
    if row < len(shown.rows) and column < len(shown.rows[row][1]):
        return shown.rows[row][1][column]
    return _ABSENT


def linked_grids(tables: list[Table], *, total_label: str) -> list[Grid]:
    """Every table suppressed, with rule 4: a linked number hidden in one table is hidden in
    every table that shows it, and the tables are suppressed again until nothing changes."""
    forced: dict[str, set[tuple[int, int]]] = {table.key: set() for table in tables}
    while True:
        grids = [
            grid(t, suppressed=True, total_label=total_label, forced=frozenset(forced[t.key]))
            for t in tables
        ]
        hidden_names = {
            name
            for table, shown in zip(tables, grids, strict=True)
            for i, j, name in table.links
            if _cell(shown, i, j) in (PRIMARY, SECONDARY)
        }
        more = False
        for table, shown in zip(tables, grids, strict=True):
            for i, j, name in table.links:
                cell = _cell(shown, i, j)
                if (
                    name in hidden_names
                    and cell is not _ABSENT
                    and cell not in (PRIMARY, SECONDARY)
                ):
                    forced[table.key].add((i, j))
                    more = True
        if not more:
            return grids
