"""The coordinator pool, and choosing a coordinator for a trajectory by fit."""

import pytest
from django.urls import reverse

from eigenkracht.accounts.models import User
from eigenkracht.core.models import OutboxMessage
from eigenkracht.trajectories.models import Coordinator, Trajectory
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db


def coordinator_form(**overrides):
    data = {
        "first_name": "Fatima",
        "last_name": "Benali",
        "email": "fatima@example.be",
        "phone": "0470 11 22 33",
        "languages": ["nl", "ar"],
        "gender": "female",
        "background": "Marokkaanse roots",
        "provinces": ["OVL"],
        "postcodes_text": "9000, 9050",
        "available": "on",
        "max_trajectories": "2",
        "trained_on": "2025-03-01",
        "remarks": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_a_new_coordinator_gets_an_account_and_a_mail_to_choose_a_password(
    office_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            reverse("trajectories:coordinator_create"), coordinator_form()
        )
    assert response.status_code == 302
    coordinator = Coordinator.objects.get()
    assert coordinator.user.role == "coordinator" and coordinator.postcodes == ["9000", "9050"]
    assert not coordinator.user.has_usable_password()
    assert OutboxMessage.objects.get(kind="coordinator_welcome").recipient == "fatima@example.be"
    listing = office_client.get(reverse("trajectories:coordinator_list")).content.decode()
    assert "Fatima Benali" in listing and "Arabisch" in listing and "Oost-Vlaanderen" in listing


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"postcodes_text": "9000, 123"}, "Dit zijn geen Belgische postcodes: 123."),
        ({"provinces": [], "postcodes_text": ""}, "Kies minstens één provincie"),
        ({"max_trajectories": "0"}, "Kies een aantal tussen 1 en 10."),
        ({"trained_on": "2099-01-01"}, "De opleidingsdatum kan niet in de toekomst liggen."),
        ({"email": "kantoor@example.org"}, "Er bestaat al een account met dit e-mailadres."),
    ],
)
def test_bad_coordinator_data_is_refused(office_client, overrides, message):
    response = office_client.post(
        reverse("trajectories:coordinator_create"), coordinator_form(**overrides)
    )
    assert message in response.content.decode()
    assert not Coordinator.objects.exists()
    assert not User.objects.filter(email="fatima@example.be").exists()


def test_the_assignment_page_ranks_by_fit_with_the_reasons(office_client):
    trajectory = TrajectoryFactory(
        status=Trajectory.Status.INTAKE, wish_language="ar", wish_gender="female", postcode="9000"
    )
    CoordinatorFactory(user__first_name="Jan", user__last_name="Claes", languages=["nl"])
    CoordinatorFactory(
        user__first_name="Fatima", user__last_name="Benali", languages=["nl", "ar"], gender="female"
    )
    content = office_client.get(
        reverse("trajectories:assign", args=[trajectory.pk])
    ).content.decode()
    assert content.index("Fatima Benali") < content.index("Jan Claes")
    assert "spreekt arabisch, zoals gevraagd" in content
    assert "werkt in Oost-Vlaanderen" in content
    assert "spreekt geen arabisch" in content


def test_assigning_moves_the_trajectory_and_mails_a_link_only(
    office_client, django_capture_on_commit_callbacks
):
    trajectory = TrajectoryFactory(status=Trajectory.Status.INTAKE, main_person="Sarah Janssens")
    coordinator = CoordinatorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            reverse("trajectories:assign", args=[trajectory.pk]),
            {"coordinator": coordinator.pk, "reason": "Spreekt de taal."},
        )
    assert response["Location"] == reverse("trajectories:detail", args=[trajectory.pk])
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.ASSIGNED and trajectory.coordinator == coordinator
    mail = OutboxMessage.objects.get(kind="coordinator_assigned")
    assert f"/trajecten/{trajectory.pk}/" in mail.body_text
    assert "Sarah" not in mail.body_text + mail.body_html


def test_assigning_without_choosing_says_so(office_client):
    trajectory = TrajectoryFactory(status=Trajectory.Status.INTAKE)
    CoordinatorFactory()
    response = office_client.post(reverse("trajectories:assign", args=[trajectory.pk]), {})
    assert "Kies een coördinator." in response.content.decode()


def test_the_pool_page_makes_the_same_number_of_queries_for_3_and_30(
    office_client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for total in (3, 30):
        while Coordinator.objects.count() < total:
            CoordinatorFactory()
        with CaptureQueriesContext(connection) as queries:
            office_client.get(reverse("trajectories:coordinator_list"))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_coordinator_away_until_a_later_date_is_not_proposed(office_client):
    import datetime as dt

    from django.utils import timezone

    trajectory = TrajectoryFactory(status=Trajectory.Status.INTAKE)
    CoordinatorFactory(
        user__first_name="Op",
        user__last_name="Reis",
        unavailable_until=timezone.localdate() + dt.timedelta(days=10),
    )
    content = office_client.get(reverse("trajectories:assign", args=[trajectory.pk])).content
    assert "niet beschikbaar" in content.decode()


def test_bad_postcodes_like_superscripts_are_refused_not_crashing(office_client):
    response = office_client.post(
        reverse("trajectories:coordinator_create"), coordinator_form(postcodes_text="9000, ²²²²")
    )
    assert "Dit zijn geen Belgische postcodes" in response.content.decode()
