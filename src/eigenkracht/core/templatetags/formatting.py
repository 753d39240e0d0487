"""Template filters for Belgian notation: euro amounts, Dutch dates, session lines, OGM."""

import datetime as dt

from django import template

from eigenkracht.banking import money
from eigenkracht.banking.ogm import ogm_display
from eigenkracht.core import formatting
from eigenkracht.core.phone import phone_display

register = template.Library()


@register.filter
def euro(cents: int | None) -> str:
    return "" if cents is None else formatting.euro(cents)


@register.filter
def amount(cents: int | None) -> str:
    """20,00: the amount as a bank app's field takes it (what the copy button copies)."""
    return "" if cents is None else money.amount(cents)


@register.filter
def day(value: dt.date | None) -> str:
    return "" if value is None else formatting.day(value)


@register.filter
def date_long(value: dt.date | None) -> str:
    return "" if value is None else formatting.date_long(value)


@register.filter
def clock(value: dt.time | None) -> str:
    return "" if value is None else formatting.clock(value)


@register.filter
def session_line(session) -> str:
    return formatting.session_line(session.date, session.start_time, session.end_time)


@register.filter
def ogm(digits: str) -> str:
    return ogm_display(digits) if digits else ""


@register.filter
def phone(value: str) -> str:
    return phone_display(value)
