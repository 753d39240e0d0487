"""The figures as tables: one shape for the page, the CSV, the JSON, the XLSX and the PDF.
Pure: no Django. Words come in already translated.

A table holds either counts (people, trajectories: suppressed as a grid with its totals) or
measures (means, medians, shares: each value with the n it was computed from)."""

from dataclasses import dataclass, field
from typing import Literal

from eigenkracht.reports.suppression import (
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


def grid(table: Table, *, suppressed: bool, total_label: str) -> Grid:
    """The table with its totals, suppressed for anything that leaves the office."""
    suppressed = suppressed or table.suppressed_on_page
    header = (table.stub, *table.columns) + ((total_label,) if table.row_totals else ())
    labels = list(table.labels) + ([total_label] if table.column_totals else [])
    if table.kind == "counts":
        counts = [[int(v or 0) for v in row] for row in table.values]
        if suppressed:
            cells = suppress_counts(
                counts, row_totals=table.row_totals, column_totals=table.column_totals
            )
        else:
            cells = with_totals(
                counts, row_totals=table.row_totals, column_totals=table.column_totals
            )
    else:
        cells = [
            [
                suppress_measure(value, n) if suppressed else value
                for value, n in zip(row, sizes, strict=True)
            ]
            for row, sizes in zip(table.values, table.sizes, strict=True)
        ]
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
