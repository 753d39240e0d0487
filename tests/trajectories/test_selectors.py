import datetime as dt

from eigenkracht.trajectories.selectors import working_days_before


def test_working_days_skip_weekends_and_belgian_holidays():
    assert working_days_before(dt.date(2026, 11, 16), 5) == dt.date(
        2026, 11, 6
    )  # Armistice Day, 11 November
    assert working_days_before(dt.date(2026, 11, 30), 5) == dt.date(2026, 11, 23)
    assert working_days_before(dt.date(2027, 1, 4), 1) == dt.date(2026, 12, 31)  # 1 Jan closed
