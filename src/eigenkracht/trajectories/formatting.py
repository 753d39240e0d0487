"""Dates and hours as a letter or a mail to a participant writes them."""

import datetime as dt

from babel.dates import format_date
from django.utils.translation import gettext as _

from eigenkracht.core.formatting import LOCALE, clock


def long_day(value: dt.date) -> str:
    """2026-03-04 -> 'woensdag 4 maart 2026'."""
    return format_date(value, "EEEE d MMMM y", locale=LOCALE)


def hour(value: dt.time) -> str:
    """18:30 -> '18.30 uur'."""
    return _("%(time)s uur") % {"time": clock(value)}
