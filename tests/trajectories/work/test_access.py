"""Need-to-know: only the trajectory's own coordinator (and the office) reach the work pages; a
coordinator of another trajectory, or the referrer, is told the page does not exist."""

import pytest
from django.urls import reverse

from eigenkracht.core.models import AuditEntry
from eigenkracht.trajectories.models import Plan
from tests.trajectories.factories import (
    AgreementFactory,
    ConferenceFactory,
    ParticipantFactory,
    PlanFactory,
)

pytestmark = pytest.mark.django_db


def _pages(trajectory):
    """Every page of the work package, with the method that reaches it."""
    conference = ConferenceFactory(trajectory=trajectory)
    participant = ParticipantFactory(trajectory=trajectory)
    plan = PlanFactory(trajectory=trajectory, status=Plan.Status.ACCEPTED)
    AgreementFactory(plan=plan, responsible=[participant])
    pk = trajectory.pk
    return [
        ("get", reverse("trajectories:participants", args=[pk])),
        ("post", reverse("trajectories:participants", args=[pk])),
        ("get", reverse("trajectories:participant_edit", args=[pk, participant.pk])),
        ("get", reverse("trajectories:participant_delete", args=[pk, participant.pk])),
        ("post", reverse("trajectories:participant_delete", args=[pk, participant.pk])),
        ("get", reverse("trajectories:conference", args=[pk])),
        ("post", reverse("trajectories:conference", args=[pk])),
        ("get", reverse("trajectories:follow_up_conference", args=[pk])),
        ("get", reverse("trajectories:attendance", args=[pk, conference.pk])),
        ("post", reverse("trajectories:attendance", args=[pk, conference.pk])),
        (
            "get",
            reverse("trajectories:invitation_letter", args=[pk, conference.pk, participant.pk]),
        ),
        ("get", reverse("trajectories:plan", args=[pk])),
        ("post", reverse("trajectories:plan", args=[pk])),
        ("post", reverse("trajectories:plan_present", args=[pk])),
        ("post", reverse("trajectories:plan_decide", args=[pk])),
        ("get", reverse("trajectories:plan_pdf", args=[pk])),
        ("get", reverse("trajectories:follow_up", args=[pk])),
        ("post", reverse("trajectories:follow_up", args=[pk])),
        ("post", reverse("trajectories:note_add", args=[pk])),
    ]


def test_a_coordinator_of_another_trajectory_gets_404_everywhere(stranger_client, trajectory):
    for method, url in _pages(trajectory):
        response = getattr(stranger_client, method)(url)
        assert response.status_code == 404, (method, url)


def test_the_referrer_gets_404_on_the_workers_pages(referrer_client, trajectory):
    pages = _pages(trajectory)
    allowed = {
        reverse("trajectories:plan", args=[trajectory.pk]),
        reverse("trajectories:plan_pdf", args=[trajectory.pk]),
        reverse("trajectories:plan_decide", args=[trajectory.pk]),
    }
    for method, url in pages:
        if url in allowed:
            continue
        response = getattr(referrer_client, method)(url)
        assert response.status_code == 404, (method, url)
    assert (
        referrer_client.get(reverse("trajectories:plan", args=[trajectory.pk])).status_code == 200
    )
    assert (
        referrer_client.post(reverse("trajectories:plan", args=[trajectory.pk])).status_code == 404
    )


def test_anonymous_visitors_go_to_the_login_page(client, trajectory):
    for method, url in _pages(trajectory):
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        assert "/account/" in response["Location"]


def test_the_office_works_on_every_trajectory(office_client, trajectory):
    for name in ("participants", "conference", "plan", "follow_up"):
        response = office_client.get(reverse(f"trajectories:{name}", args=[trajectory.pk]))
        assert response.status_code == 200, name


def test_every_look_is_audited(coordinator_client, trajectory):
    coordinator_client.get(reverse("trajectories:participants", args=[trajectory.pk]))
    entry = AuditEntry.objects.filter(action="trajectory.view").latest("id")
    assert entry.data["page"] == "participants"
