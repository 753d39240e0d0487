"""The periodic run's own housekeeping."""

import datetime as dt
import io

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_periodic_run_removes_sessions_past_their_end_and_keeps_the_others():
    for key in ("ended", "alive"):
        session = SessionStore()
        session["who"] = key
        session.create()
        if key == "ended":
            Session.objects.filter(pk=session.session_key).update(
                expire_date=timezone.now() - dt.timedelta(minutes=1)
            )

    call_command("run_periodic", stdout=io.StringIO())

    left = [SessionStore(session_key=s.pk).load()["who"] for s in Session.objects.all()]
    assert left == ["alive"]
