"""The legal deadlines of a person's request (GDPR article 12(3)): an answer within one month of
receipt, extendable once by at most two further months when the request is complex or there are
many. "One month" is the same day of the next month; a day that month does not have becomes its
last day (31 January -> 28 or 29 February), so a deadline never runs into the month after."""

import calendar
import datetime as dt

EXTENSION_MONTHS = 2


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the last day of that month when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def legal_deadline(received_on: dt.date) -> dt.date:
    return add_months(received_on, 1)


def latest_extension(received_on: dt.date) -> dt.date:
    """The furthest an extension may go: the month of the deadline plus two more."""
    return add_months(received_on, 1 + EXTENSION_MONTHS)
