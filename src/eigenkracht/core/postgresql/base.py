"""Django's PostgreSQL backend, reading timestamps with psycopg's C loader.

Django 5.2 registers a timestamptz loader of its own on every connection, derived from psycopg's
pure-Python loader (Django ticket #36960; psycopg's C loader cannot be subclassed). So with
psycopg-binary installed every timestamp is still parsed in Python: for a row such as a
registration's, with five timestamps, that was half the time of loading it.

Django's loader reads the time in the session's time zone and labels it with `self.timezone`.
With USE_TZ on and no TIME_ZONE for the database, Django sets the session's time zone to UTC on
every connection, and psycopg's own loader then gives the same value: the time in UTC, labelled
`datetime.timezone.utc`. Only in that case is it put back, per cursor, as Django puts its own
on a cursor whose connection's time zone differs. Registering psycopg's loader class gives the
optimised one where psycopg-binary (or psycopg-c) is installed.
"""

import datetime as dt
from typing import Any

from django.db.backends.postgresql import base
from psycopg.types.datetime import TimestamptzLoader


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name: str | None = None) -> Any:
        cursor = super().create_cursor(name)
        if self.timezone is dt.UTC:
            cursor.adapters.register_loader(base.TIMESTAMPTZ_OID, TimestamptzLoader)
        return cursor
