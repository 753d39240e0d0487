"""Timestamps come back from PostgreSQL as they went in, read by psycopg's C loader."""

import datetime as dt

import psycopg
import pytest
from django.db import connection
from django.db.backends.postgresql.base import TIMESTAMPTZ_OID
from psycopg.pq import Format

from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend"),
]


def test_a_registrations_timestamps_come_back_in_utc_to_the_microsecond():
    summer = dt.datetime(2026, 7, 1, 22, 30, 15, 123456, tzinfo=dt.UTC)
    winter_in_brussels = dt.datetime(2026, 12, 24, 23, 59, 59, 999999).astimezone(
        dt.timezone(dt.timedelta(hours=1))
    )
    registration = RegistrationFactory(confirmation_sent_at=summer)
    Registration.objects.filter(pk=registration.pk).update(created_at=winter_in_brussels)

    read = Registration.objects.get(pk=registration.pk)

    assert read.confirmation_sent_at == summer
    assert read.created_at == winter_in_brussels
    assert read.created_at.tzinfo is dt.UTC
    assert read.created_at.hour == 22


def test_cursors_read_timestamps_with_psycopgs_own_loader():
    with connection.cursor() as cursor:
        loader = cursor.cursor.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)

    # The class psycopg registers itself: its C version where psycopg-binary is installed.
    assert loader is psycopg.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
    assert loader.__module__.startswith("psycopg_binary")
