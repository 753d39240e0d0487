"""Demo sessions fall on working days, whichever day the demo is loaded."""

import datetime as dt

import pytest

from eigenkracht.trainings.demo_dates import demo_day

MONDAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize("loaded_on", [MONDAY + dt.timedelta(days=n) for n in range(7)])
@pytest.mark.parametrize("days_ahead", [16, 21, 23, 30, 35, 37, 44, 51, 72])
def test_a_demo_session_never_falls_on_a_weekend(loaded_on, days_ahead):
    day = demo_day(loaded_on, days_ahead)
    assert day.weekday() < 5
    assert dt.timedelta(days=days_ahead) <= day - loaded_on <= dt.timedelta(days=days_ahead + 2)


def test_a_weekday_stays_where_it_is():
    assert demo_day(MONDAY, 3) == dt.date(2026, 3, 5)
    assert demo_day(MONDAY, 5) == dt.date(2026, 3, 9)  # Saturday -> Monday
