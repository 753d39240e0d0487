"""A calendar file describes its time zone for the years of its events only."""

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from eigenkracht.core.ical_zones import timezones_add

BRUSSELS = ZoneInfo("Europe/Brussels")


def calendar_with(*starts) -> Calendar:
    calendar = Calendar()
    for start in starts:
        event = Event()
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(hours=2))
        calendar.add_component(event)
    return calendar


def test_the_time_zone_is_described_around_the_sessions_years():
    calendar = calendar_with(
        dt.datetime(2027, 3, 10, 9, 30, tzinfo=BRUSSELS),
        dt.datetime(2027, 11, 4, 9, 30, tzinfo=BRUSSELS),
    )

    timezones_add(calendar)

    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Brussels"
    changes = [
        part.decoded("dtstart") for part in zone.walk() if part.name in {"STANDARD", "DAYLIGHT"}
    ]
    assert {change.year for change in changes} <= {2025, 2026, 2027, 2028, 2029}
    (summer,) = zone.walk("DAYLIGHT")
    assert summer.decoded("tzoffsetto") == dt.timedelta(hours=2)
    assert b"20270328T030000" in calendar.to_ical()  # summer time of the sessions' year
    assert Calendar.from_ical(calendar.to_ical()).walk("VTIMEZONE")  # reads back


def test_a_calendar_of_whole_days_needs_no_time_zone():
    calendar = calendar_with(dt.date(2027, 3, 10))

    timezones_add(calendar)

    assert calendar.walk("VTIMEZONE") == []
