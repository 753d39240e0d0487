"""Looking at a trajectory is recorded: who, which page, when, from where."""

import pytest
from django.urls import reverse

from eigenkracht.core.models import AuditEntry
from tests.trajectories.factories import TrajectoryFactory

pytestmark = pytest.mark.django_db


def test_viewing_a_trajectory_writes_who_what_and_the_address(office_client, office_user):
    trajectory = TrajectoryFactory()
    office_client.get(
        reverse("trajectories:detail", args=[trajectory.pk]), REMOTE_ADDR="203.0.113.9"
    )
    entry = AuditEntry.objects.get(action="trajectory.view")
    assert entry.actor == office_user
    assert entry.object_type == "trajectories.trajectory"
    assert entry.object_id == str(trajectory.pk)
    assert entry.data == {"page": "detail"}
    assert entry.ip_address == "203.0.113.9"


def test_a_refused_look_writes_nothing(client):
    from tests.factories import UserFactory
    from tests.two_factor import login_verified

    trajectory = TrajectoryFactory()
    login_verified(client, UserFactory(role="coordinator"))
    assert client.get(reverse("trajectories:detail", args=[trajectory.pk])).status_code == 404
    assert not AuditEntry.objects.filter(action="trajectory.view").exists()


def test_the_detail_page_makes_the_same_queries_with_a_long_history(office_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from eigenkracht.trajectories.models import Note, TrajectoryEvent

    trajectory = TrajectoryFactory()
    url = reverse("trajectories:detail", args=[trajectory.pk])
    counts = []
    for total in (2, 40):
        while trajectory.events.count() < total:
            TrajectoryEvent.objects.create(
                trajectory=trajectory, at=trajectory.referred_at, action="x", description="Iets"
            )
            Note.objects.create(trajectory=trajectory, text="Notitie")
        with CaptureQueriesContext(connection) as queries:
            office_client.get(url)
        counts.append(len(queries))
    assert counts[0] == counts[1]
