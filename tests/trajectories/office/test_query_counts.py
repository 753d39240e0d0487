"""The office's intake inbox and the assignment page cost the same queries whatever their size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenkracht.trajectories.models import Trajectory
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_inbox_costs_the_same_with_2_or_12_referrals(office_client, django_assert_num_queries):
    url = reverse("trajectories:inbox")
    TrajectoryFactory.create_batch(2)
    office_client.get(url)
    with_two = _count_queries(office_client, url)

    TrajectoryFactory.create_batch(10, main_person="Jan Peeters")

    with django_assert_num_queries(with_two):
        response = office_client.get(url)
    assert len(response.context["page_obj"].object_list) == 12


def test_the_assignment_page_costs_the_same_with_2_or_12_coordinators(
    office_client, django_assert_num_queries
):
    trajectory = TrajectoryFactory(status=Trajectory.Status.INTAKE)
    url = reverse("trajectories:assign", args=[trajectory.pk])
    busy = CoordinatorFactory()
    TrajectoryFactory(status=Trajectory.Status.PREPARATION, coordinator=busy)
    CoordinatorFactory()
    office_client.get(url)
    with_two = _count_queries(office_client, url)

    for coordinator in CoordinatorFactory.create_batch(10):
        TrajectoryFactory(status=Trajectory.Status.PREPARATION, coordinator=coordinator)

    with django_assert_num_queries(with_two):
        response = office_client.get(url)
    assert response.content.decode().count('name="coordinator"') == 12
