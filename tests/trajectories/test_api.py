"""The trajectories API: staff keys, no personal details, the same 404 as the pages, audited."""

import pytest

from eigenkracht.accounts.tokens import api_token_create
from eigenkracht.core.models import AuditEntry
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_key(office_user):
    _token, key = api_token_create(user=office_user, name="rapportage", actor=office_user)
    return {"Authorization": f"Bearer {key}"}


def test_a_staff_key_lists_trajectories_without_names(client, office_key):
    trajectory = TrajectoryFactory(
        main_person="Sarah Janssens", status="preparation", coordinator=CoordinatorFactory()
    )
    response = client.get("/api/v1/trajectories", headers=office_key)
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["reference"] == trajectory.reference and item["status"] == "preparation"
    assert "Sarah" not in response.content.decode()
    assert "Inge" not in response.content.decode()  # the referrer's name stays out too
    assert AuditEntry.objects.filter(action="trajectory.api_list").exists()


def test_one_trajectory_is_audited_and_an_unknown_one_is_not_found(client, office_key):
    trajectory = TrajectoryFactory()
    assert (
        client.get(f"/api/v1/trajectories/{trajectory.pk}", headers=office_key).status_code == 200
    )
    assert AuditEntry.objects.filter(
        action="trajectory.view", object_id=str(trajectory.pk), data__page="api"
    ).exists()
    assert client.get("/api/v1/trajectories/999999", headers=office_key).status_code == 404


def test_without_a_key_the_api_answers_401(client):
    trajectory = TrajectoryFactory()
    assert client.get("/api/v1/trajectories").status_code == 401
    assert client.get(f"/api/v1/trajectories/{trajectory.pk}").status_code == 401
