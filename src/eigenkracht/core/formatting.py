"""Belgian (nl-BE) notation for money and dates, shared by pages, mails and exports."""

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_currency

LOCALE = "nl_BE"


def euro(cents: int) -> str:
    """2000 -> '€ 20,00'."""
    return format_currency(cents / 100, "EUR", locale=LOCALE).replace("\xa0", " ")


def day(value: dt.date) -> str:
    """2027-02-02 -> 'di 2 februari 2027'."""
    return format_date(value, "EEE d MMMM y", locale=LOCALE).replace(".", "")


def clock(value: dt.time) -> str:
    """9:30 -> '9.30' (the Flemish way of writing hours)."""
    return f"{value.hour}.{value.minute:02d}"


def session_line(date: dt.date, start: dt.time, end: dt.time) -> str:
    """'di 2 februari 2027, 9.30-16.30'."""
    return f"{day(date)}, {clock(start)}-{clock(end)}"
