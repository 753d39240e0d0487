"""The conference, attendance and follow-up tabs cost the same queries for 2 or 12 people or
agreements (the participants and plan tabs have their own tests)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eigenkracht.trajectories.models import Plan, Trajectory
from tests.trajectories.factories import (
    AgreementFactory,
    ConferenceFactory,
    ParticipantFactory,
    PlanFactory,
)

pytestmark = pytest.mark.django_db


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _same_cost(client, url, add_rows) -> None:
    client.get(url)  # warm up: the organisation, the session
    before = _count_queries(client, url)
    add_rows()
    assert _count_queries(client, url) == before


def _people(trajectory, count: int) -> None:
    for n in range(count):
        ParticipantFactory(trajectory=trajectory, languages=["nl", "ar"], email=f"p{n}@example.be")


def test_the_conference_tab_costs_the_same_for_2_or_12_people(office_client, trajectory):
    ConferenceFactory(trajectory=trajectory)
    _people(trajectory, 1)
    _same_cost(
        office_client,
        reverse("trajectories:conference", args=[trajectory.pk]),
        lambda: _people(trajectory, 10),
    )


def test_the_attendance_page_costs_the_same_for_2_or_12_people(office_client, trajectory):
    conference = ConferenceFactory(trajectory=trajectory, date=timezone.localdate())
    _people(trajectory, 1)
    _same_cost(
        office_client,
        reverse("trajectories:attendance", args=[trajectory.pk, conference.pk]),
        lambda: _people(trajectory, 10),
    )


def test_the_follow_up_tab_costs_the_same_for_2_or_12_agreements(office_client, trajectory):
    Trajectory.objects.filter(pk=trajectory.pk).update(
        status=Trajectory.Status.FOLLOW_UP,
        follow_up_due_on=timezone.localdate() + dt.timedelta(days=10),
    )
    plan = PlanFactory(
        trajectory=trajectory,
        status=Plan.Status.ACCEPTED,
        accepted_at=timezone.now() - dt.timedelta(days=30),
    )
    AgreementFactory.create_batch(2, plan=plan)
    _same_cost(
        office_client,
        reverse("trajectories:follow_up", args=[trajectory.pk]),
        lambda: AgreementFactory.create_batch(10, plan=plan),
    )
