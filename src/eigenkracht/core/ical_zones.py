"""The VTIMEZONE components of an iCalendar file, for the years its events fall in."""

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from icalendar import Calendar


def timezones_add(calendar: "Calendar") -> None:
    """RFC 5545: every TZID an event uses needs its VTIMEZONE (Outlook refuses the file without
    one). Described from the year before the first event to the year after the last: icalendar's
    default span, 1970 to 2038, walks every transition in between, about 5 ms a file, and the
    confirmation mails of one large statement make hundreds of files (bench/reconcile.py)."""
    years = [
        moment.year
        for event in calendar.walk("VEVENT")
        for name in ("dtstart", "dtend")
        if name in event
        for moment in (event.decoded(name),)
        if isinstance(moment, dt.date)
    ]
    if not years:
        return
    calendar.add_missing_timezones(
        first_date=dt.date(min(years) - 1, 1, 1), last_date=dt.date(max(years) + 2, 1, 1)
    )
