"""Demo sessions fall on working days, whatever day of the week the demo is loaded on."""

import datetime as dt

SATURDAY = 5


def demo_day(today: dt.date, days_ahead: int) -> dt.date:
    """`days_ahead` days after `today`, moved on to the Monday when that is a weekend day."""
    day = today + dt.timedelta(days=days_ahead)
    if day.weekday() >= SATURDAY:
        day += dt.timedelta(days=7 - day.weekday())
    return day
