"""Small cells never leave the office, and cannot be recovered from the totals."""

import datetime as dt
import itertools
from types import SimpleNamespace

from eigenkracht.reports.figures import TrainingFigures
from eigenkracht.reports.report import training_tables
from eigenkracht.reports.suppression import (
    PRIMARY,
    SECONDARY,
    suppress_counts,
    suppress_measure,
    with_totals,
)
from eigenkracht.reports.tables import Table, grid


def hidden_per_line(shown, *, rows: bool, columns: bool) -> list[int]:
    """How many hidden cells each line (parts and its total) holds."""
    lines = []
    if rows:
        lines += [shown[i] for i in range(len(shown))]
    if columns:
        lines += [[shown[i][j] for i in range(len(shown))] for j in range(len(shown[0]))]
    return [sum(1 for cell in line if cell in (PRIMARY, SECONDARY)) for line in lines]


def test_a_count_under_5_shows_as_less_than_5_and_larger_counts_stay():
    assert suppress_counts([[12], [3], [0], [5]]) == [[12], ["<5"], ["<5"], [5]]


def test_one_small_cell_in_a_column_hides_the_next_smallest_so_the_total_stays():
    shown = suppress_counts([[20], [3], [9], [7]], column_totals=True)
    # 3 alone could be recovered as 39 - 20 - 9 - 7: the 7 is hidden too, the total stays.
    assert shown == [[20], ["<5"], [9], ["x"], [39]]


def test_a_hidden_cell_is_never_alone_in_a_row_or_a_column_of_a_cross_table():
    cells = [[12, 3, 40], [8, 15, 22], [30, 6, 2]]
    shown = suppress_counts(cells, row_totals=True, column_totals=True)
    assert shown[-1][-1] == sum(map(sum, cells))  # the grand total stays visible
    assert all(n != 1 for n in hidden_per_line(shown, rows=True, columns=True))


def test_no_hidden_cell_can_be_recomputed_from_what_is_shown():
    """Every table of 3x2 counts from a small range: for each hidden cell, subtracting the
    visible cells of its row or column from the visible total never gives it alone."""
    for values in itertools.product((0, 2, 6, 11), repeat=6):
        cells = [list(values[0:2]), list(values[2:4]), list(values[4:6])]
        shown = suppress_counts(cells, row_totals=True, column_totals=True)
        assert all(n != 1 for n in hidden_per_line(shown, rows=True, columns=True)), cells
        full = with_totals(cells, row_totals=True, column_totals=True)
        for i, j in itertools.product(range(4), range(3)):
            if shown[i][j] not in (PRIMARY, SECONDARY):
                assert shown[i][j] == full[i][j]  # what is shown is true


def test_a_mean_from_fewer_than_5_is_hidden():
    assert suppress_measure(7.5, 4) == "<5"
    assert suppress_measure(7.5, 5) == 7.5
    assert suppress_measure(None, 0) is None


def test_a_total_that_would_give_back_its_small_cells_is_hidden_too():
    # 5 + 6 shown of 11: the two "<5" would be 0 and 0.
    assert suppress_counts([[5], [0], [0], [6]], column_totals=True) == [
        [5], ["<5"], ["<5"], [6], ["x"]
    ]  # fmt: skip
    # 4 + 4 = 8 is just as readable: each "<5" is at most 4.
    assert suppress_counts([[4], [4], [9]], column_totals=True)[-1] == ["x"]
    # 1 + 3 could be 0 + 4, 2 + 2, ...: the total stays.
    assert suppress_counts([[1], [3], [9]], column_totals=True)[-1] == [13]


def test_no_line_of_small_cells_can_be_read_back_from_its_total():
    for values in itertools.product((0, 2, 4, 6, 11), repeat=6):
        cells = [list(values[0:2]), list(values[2:4]), list(values[4:6])]
        shown = suppress_counts(cells, row_totals=True, column_totals=True)
        full = with_totals(cells, row_totals=True, column_totals=True)
        lines = [[(i, j) for j in range(3)] for i in range(4)]
        lines += [[(i, j) for i in range(4)] for j in range(3)]
        for line in lines:
            *parts, total = line
            small = [(i, j) for i, j in parts if shown[i][j] == PRIMARY]
            if shown[total[0]][total[1]] in (PRIMARY, SECONDARY) or not small:
                continue
            if any(shown[i][j] == SECONDARY for i, j in parts):
                continue
            known = sum(full[i][j] for i, j in small)
            assert known not in (0, 4 * len(small)), (cells, line)


def test_the_funnel_share_is_hidden_with_the_organisations_that_referred():
    """3 of 11 organisations referred: "<5", and 27.3% of 11 would give the 3 back."""

    def funnel(referred: int, others: int):
        organisations = {f"@{i}.be": i < referred for i in range(referred + others)}
        trainings = TrainingFigures(dt.date(2026, 1, 1), dt.date(2026, 12, 31), [], organisations)
        c = SimpleNamespace(
            trainings=trainings, sectors={}, current=SimpleNamespace(start=trainings.start)
        )
        (table,) = [t for t in training_tables(c) if t.key == "funnel"]
        return [cells for _label, cells in grid(table, suppressed=True, total_label="T").rows]

    assert funnel(3, 8) == [(11, 11), ("<5", 11), ("<5", 11)]
    assert funnel(8, 3) == [(11, 11), (8, 11), ("<5", 11)]
    assert funnel(6, 5) == [(11, 11), (6, 11), (54.5, 11)]


def test_a_share_is_hidden_with_its_n_when_another_table_hides_that_n():
    """5 agreements done of n=11 is 45.5%: with n hidden elsewhere, 45.5% would give it back."""
    table = Table(
        key="measures",
        title="Verloop",
        stub="Wat",
        columns=("2026", "n", "2025", "n"),
        labels=("Afspraken uitgevoerd (%)",),
        values=((45.5, 11, 60.0, 20),),
        sizes=((5, 11, 8, 20),),
        kind="measures",
        n_after_value=True,
    )

    (row,) = grid(table, suppressed=True, total_label="T", forced=frozenset({(0, 1)})).rows

    assert row[1] == (SECONDARY, SECONDARY, 60.0, 20)
