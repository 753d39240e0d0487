"""The office overview and a coordinator's list: per status, days since referral, warnings."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import Organisation
from tests.factories import UserFactory
from tests.fixtures_gen.trajectories import make_trajectories
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db
URL = reverse("trajectories:list")


def test_the_overview_counts_per_status_and_warns_when_norms_are_passed(office_client):
    now = timezone.now()
    TrajectoryFactory(main_person="Nieuw Gezin", referred_at=now - dt.timedelta(days=1))
    TrajectoryFactory(
        main_person="Wacht Lang", status="intake", referred_at=now - dt.timedelta(days=20)
    )
    TrajectoryFactory(
        main_person="Geen Conferentie",
        status="preparation",
        coordinator=CoordinatorFactory(),
        referred_at=now - dt.timedelta(weeks=11),
    )
    TrajectoryFactory(
        main_person="Opvolging Vergeten",
        status="follow_up",
        follow_up_due_on=timezone.localdate() - dt.timedelta(days=3),
    )
    content = office_client.get(URL).content.decode()
    assert "Aangemeld: <strong>1</strong>" in content
    assert "Voorbereiding: <strong>1</strong>" in content
    assert "1 traject zonder coördinator na 5 werkdagen" in content
    assert "1 traject zonder conferentie na 10 weken" in content
    assert "1 opvolging te laat" in content
    late = office_client.get(URL, {"warning": "late_coordinator"}).content.decode()
    assert "Wacht Lang" in late and "Nieuw Gezin" not in late


def test_the_norms_come_from_the_organisation_settings(office_client):
    organisation = Organisation.current()
    organisation.norm_conference_weeks = 2
    organisation.save()
    TrajectoryFactory(status="preparation", referred_at=timezone.now() - dt.timedelta(weeks=3))
    assert "1 traject zonder conferentie na 2 weken" in office_client.get(URL).content.decode()


def test_search_finds_a_trajectory_by_reference_or_main_person(office_client):
    TrajectoryFactory(main_person="Sarah Janssens", reference="EK-2026-00001")
    TrajectoryFactory(main_person="Mohamed Yilmaz", reference="EK-2026-00002")
    by_name = office_client.get(URL, {"q": "yilmaz"}).content.decode()
    assert "Mohamed Yilmaz" in by_name and "Sarah Janssens" not in by_name
    by_reference = office_client.get(URL, {"q": "00001"}).content.decode()
    assert "Sarah Janssens" in by_reference and "Mohamed Yilmaz" not in by_reference


def test_a_coordinator_sees_only_their_own_trajectories(client):
    mine = CoordinatorFactory()
    TrajectoryFactory(main_person="Mijn Gezin", status="preparation", coordinator=mine)
    TrajectoryFactory(
        main_person="Ander Gezin", status="preparation", coordinator=CoordinatorFactory()
    )
    login_verified(client, mine.user)
    content = client.get(URL).content.decode()
    assert "Mijn trajecten" in content
    assert "Mijn Gezin" in content and "Ander Gezin" not in content
    assert "Signalen" not in content.split("<table")[0]  # the office's figures are not theirs


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_office_overview_makes_the_same_queries_for_10_and_1000_trajectories(office_client):
    referrer = UserFactory(role="referrer", email="aanmelder@example.be")
    coordinators = [CoordinatorFactory() for _ in range(3)]
    make_trajectories(10, referrer=referrer, coordinators=coordinators)
    few = _queries(office_client)
    make_trajectories(990, referrer=referrer, coordinators=coordinators)
    assert _queries(office_client) == few


def test_a_coordinators_list_makes_the_same_queries_for_10_and_1000_trajectories(client):
    referrer = UserFactory(role="referrer", email="aanmelder@example.be")
    coordinator = CoordinatorFactory()
    login_verified(client, coordinator.user)
    active = ["assigned", "preparation", "conference_planned", "plan_made", "follow_up"]
    make_trajectories(10, referrer=referrer, coordinators=[coordinator], statuses=active)
    few = _queries(client)
    make_trajectories(990, referrer=referrer, coordinators=[coordinator], statuses=active)
    assert _queries(client) == few


def test_a_held_conference_ends_the_no_conference_warning(office_client):
    from tests.trajectories.factories import ConferenceFactory

    trajectory = TrajectoryFactory(
        status="conference_planned", referred_at=timezone.now() - dt.timedelta(weeks=12)
    )
    ConferenceFactory(trajectory=trajectory, held=True, date=timezone.localdate())
    assert "0 trajecten zonder conferentie" in office_client.get(URL).content.decode()
