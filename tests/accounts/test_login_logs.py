"""The login log (every login and failed try, with address, IP and browser) is kept for
LOGIN_LOG_DAYS, as the privacy page and the processing register say, then deleted."""

import datetime as dt

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _logged(days_ago: int) -> None:
    at = timezone.now() - dt.timedelta(days=days_ago)
    entry = AccessLog.objects.create(username="an@example.be", ip_address="192.0.2.1")
    failure = AccessFailureLog.objects.create(username="an@example.be", ip_address="192.0.2.1")
    AccessLog.objects.filter(pk=entry.pk).update(attempt_time=at)
    AccessFailureLog.objects.filter(pk=failure.pk).update(attempt_time=at)


def test_run_periodic_deletes_login_log_lines_older_than_the_term(settings, capsys):
    settings.LOGIN_LOG_DAYS = 90
    _logged(days_ago=91)
    _logged(days_ago=89)

    call_command("run_periodic")

    assert AccessLog.objects.count() == AccessFailureLog.objects.count() == 1
    assert "oude regels van het inloglogboek gewist: 2" in capsys.readouterr().out


def test_the_privacy_page_gives_the_term(client, settings):
    settings.LOGIN_LOG_DAYS = 90
    page = client.get("/privacy/").content.decode()
    assert "Het logboek van het inloggen" in page and "90 dagen" in page
