"""The office's pages per coordinator: training, availability, intervision."""

import datetime as dt

import pytest
from django.urls import reverse

from eigenkracht.volunteers.models import AwayPeriod, IntervisionSession, TrainingModule, Volunteer
from tests.trajectories.factories import CoordinatorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["duties", "training", "availability", "agenda"])
def test_each_tab_of_a_coordinator_opens(office_client, name):
    coordinator = CoordinatorFactory()
    assert (
        office_client.get(reverse(f"volunteers:{name}", args=[coordinator.pk])).status_code == 200
    )


@pytest.mark.parametrize("name", ["modules", "intervisions", "intervision_create", "applications"])
def test_each_list_opens(office_client, name):
    assert office_client.get(reverse(f"volunteers:{name}")).status_code == 200


def test_the_office_notes_the_modules_and_the_basic_training_is_finished(office_client):
    coordinator = CoordinatorFactory()
    session = IntervisionSession.objects.create(date=dt.date(2025, 1, 1), theme="Tolken")
    url = reverse("volunteers:training", args=[coordinator.pk])
    data = {f"module_{m.pk}": "2025-01-10" for m in TrainingModule.objects.filter(active=True)}
    office_client.post(url, {**data, "intervisions": [session.pk]})
    assert "basisopleiding afgerond" in office_client.get(url).content.decode()
    assert list(session.attendees.all()) == [coordinator]


def test_availability_with_two_periods_away_and_a_bad_one(office_client):
    coordinator = CoordinatorFactory()
    url = reverse("volunteers:availability", args=[coordinator.pk])
    base = {
        "preferred_days": ["2", "5"],
        "preferred_parts": ["evening"],
        "max_trajectories": "3",
        "away-TOTAL_FORMS": "2",
        "away-INITIAL_FORMS": "0",
        "away-MIN_NUM_FORMS": "0",
        "away-MAX_NUM_FORMS": "20",
        "away-0-starts_on": "2026-07-01",
        "away-0-ends_on": "2026-07-20",
    }
    bad = office_client.post(
        url, {**base, "away-1-starts_on": "2026-08-10", "away-1-ends_on": "2026-08-01"}
    )
    assert bad.status_code == 200
    assert "Het einde ligt voor het begin." in bad.content.decode()
    assert not AwayPeriod.objects.exists()
    office_client.post(
        url, {**base, "away-1-starts_on": "2026-08-01", "away-1-ends_on": "2026-08-10"}
    )
    assert AwayPeriod.objects.filter(coordinator=coordinator).count() == 2
    volunteer = Volunteer.objects.get(pk=coordinator.pk)
    assert (volunteer.preferred_days, volunteer.preferred_parts) == ([2, 5], ["evening"])
    coordinator.refresh_from_db()
    assert coordinator.max_trajectories == 3

    # As the page says: both dates of a saved period cleared, and it is gone.
    cleared = {**base, "away-INITIAL_FORMS": "2", "away-0-starts_on": "", "away-0-ends_on": ""}
    office_client.post(
        url, {**cleared, "away-1-starts_on": "2026-08-01", "away-1-ends_on": "2026-08-10"}
    )
    assert list(AwayPeriod.objects.values_list("starts_on", flat=True)) == [dt.date(2026, 8, 1)]
    half = office_client.post(url, {**cleared, "away-1-starts_on": "2026-08-01"}).content.decode()
    assert "<title>Fout:" in half
    assert 'href="#id_away-1-ends_on">Vul beide datums in' in half  # the summary leads to it
