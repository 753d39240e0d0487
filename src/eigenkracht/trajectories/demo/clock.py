"""The demo clock: for the duration of one service call `django.utils.timezone.now` answers a
moment in the past (and runs on from there), so that the services' own date rules hold for the
demo as well."""

import contextlib
import datetime as dt
from collections.abc import Iterator
from unittest import mock

from django.utils import timezone


def _moment(days_ago: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """That hour, `days_ago` days before today (Brussels time); never later than an hour ago."""
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
    return min(moment, timezone.now() - dt.timedelta(hours=1))


@contextlib.contextmanager
def _clock(days_ago: int, hour: int = 10, minute: int = 0) -> Iterator[None]:
    """Run the services as if it were that moment; the clock runs on from there."""
    real_now = timezone.now
    offset = _moment(days_ago, hour, minute) - real_now()
    with mock.patch.object(timezone, "now", lambda: real_now() + offset):
        yield


def _day(days_ago: int) -> dt.date:
    """The date `days_ago` days before today; call it outside `_clock`, which moves today."""
    return timezone.localdate() - dt.timedelta(days=days_ago)
