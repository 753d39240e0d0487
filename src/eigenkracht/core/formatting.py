"""Belgian (nl-BE) notation for money and dates, shared by pages, mails and exports.

Amounts are `eigenkracht.banking.money`'s, kept importable here with the dates.
"""

import datetime as dt

from babel.dates import format_date

from eigenkracht.banking.money import euro

__all__ = ["LOCALE", "clock", "date_long", "day", "euro", "session_line"]

LOCALE = "nl_BE"


def day(value: dt.date) -> str:
    """2027-02-02 -> 'di 2 februari 2027'."""
    return format_date(value, "EEE d MMMM y", locale=LOCALE).replace(".", "")


def date_long(value: dt.date) -> str:
    """2026-12-18 -> '18 december 2026' (in a sentence, where a weekday's abbreviation reads
    oddly: 'vóór 18 december 2026')."""
    return format_date(value, "d MMMM y", locale=LOCALE)


def clock(value: dt.time) -> str:
    """9:30 -> '9.30' (the Flemish way of writing hours)."""
    return f"{value.hour}.{value.minute:02d}"


def session_line(date: dt.date, start: dt.time, end: dt.time) -> str:
    """'di 2 februari 2027, 9.30-16.30'."""
    return f"{day(date)}, {clock(start)}-{clock(end)}"
