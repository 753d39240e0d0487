"""One reminder after the office's number of days, to whom has not filled in; never a second."""

import datetime as dt

import pytest
from django.utils import timezone

from eigenkracht.core.models import OutboxMessage
from eigenkracht.evaluations.models import ConferenceInvite, EvaluationSettings
from eigenkracht.evaluations.periodic import evaluation_reminders_send
from eigenkracht.trajectories.models import Participant
from tests.evaluations.conftest import hold, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def invites(trajectory, conference):
    person(trajectory, "Tante Els", email="els@example.be")
    person(trajectory, "Buurman Jef", role="friend", phone="0470 11 22 33")
    person(trajectory, "Nonkel Jan", email="jan@example.be")
    hold(conference)
    ConferenceInvite.objects.filter(participant__name="Nonkel Jan").update(used=True)
    return ConferenceInvite.objects.all()


def _reminders() -> list[str]:
    return sorted(
        OutboxMessage.objects.filter(kind="evaluation_conference_reminder").values_list(
            "recipient", flat=True
        )
    )


def test_one_reminder_after_the_set_days_and_no_more(invites):
    EvaluationSettings.objects.create(pk=1, reminder_after_days=5)
    now = timezone.now()

    assert evaluation_reminders_send(now=now + dt.timedelta(days=4)) == 0
    assert evaluation_reminders_send(now=now + dt.timedelta(days=5, minutes=1)) == 2
    assert evaluation_reminders_send(now=now + dt.timedelta(days=6)) == 0
    assert evaluation_reminders_send(now=now + dt.timedelta(days=30)) == 0

    # Not Jan (he filled in), not Jef (no address: nothing pretends a text went out).
    assert _reminders() == ["els@example.be", "sarah@example.be"]
    jef = invites.get(participant__name="Buurman Jef")
    assert jef.reminded_at is None


def test_no_reminder_once_consent_is_withdrawn_and_the_link_no_longer_opens(
    client, invites, trajectory
):
    EvaluationSettings.objects.create(pk=1, reminder_after_days=5)
    token = invites.get(participant__name="Tante Els").token
    trajectory.consent_withdrawn_on = timezone.localdate()
    trajectory.save(update_fields=["consent_withdrawn_on"])

    assert evaluation_reminders_send(now=timezone.now() + dt.timedelta(days=6)) == 0
    assert client.get(f"/evaluatie/{token}/").status_code == 404


def test_no_reminder_to_someone_whose_address_was_wiped(invites):
    EvaluationSettings.objects.create(pk=1, reminder_after_days=5)
    Participant.objects.filter(name="Tante Els").update(email="")  # as an erasure leaves it

    evaluation_reminders_send(now=timezone.now() + dt.timedelta(days=6))

    assert "" not in _reminders()
    assert "els@example.be" not in _reminders()


def test_no_reminder_when_the_office_set_none(invites):
    EvaluationSettings.objects.create(pk=1, reminder_after_days=0)
    assert evaluation_reminders_send(now=timezone.now() + dt.timedelta(days=60)) == 0
    assert _reminders() == []


def test_the_office_sets_the_days_on_its_page(office_client):
    response = office_client.post("/beheer/vormingen/evaluaties/", {"reminder_after_days": "10"})
    assert response.status_code == 302
    assert EvaluationSettings.current().reminder_after_days == 10
    page = office_client.post("/beheer/vormingen/evaluaties/", {"reminder_after_days": "-1"})
    assert page.status_code == 200
    assert EvaluationSettings.current().reminder_after_days == 10
