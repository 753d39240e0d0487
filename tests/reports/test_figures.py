"""The figures funders ask for: counted over the referrals of a period, without names."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eigenkracht.reports.figures import trajectory_figures
from eigenkracht.trajectories.models import ConferenceAttendance, Plan, Trajectory
from tests.trajectories.factories import (
    AgreementFactory,
    ConferenceFactory,
    ParticipantFactory,
    PlanFactory,
    TrajectoryFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("reports:figures")


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=timezone.get_current_timezone())


def closed_with_conference(
    referred: dt.date, *, held_after_days: int, attendees: int, agreements: int
):
    trajectory = TrajectoryFactory(
        referred_at=at(referred),
        status="closed",
        outcome="plan_with_conference",
        domains=["parenting", "school"],
    )
    conference = ConferenceFactory(
        trajectory=trajectory, held=True, date=referred + dt.timedelta(days=held_after_days)
    )
    for n in range(attendees):
        person = ParticipantFactory(trajectory=trajectory, name=f"Persoon {n}")
        ConferenceAttendance.objects.create(
            conference=conference, participant=person, family_time=True
        )
    plan = PlanFactory(trajectory=trajectory, conference=conference, status=Plan.Status.ACCEPTED)
    for _ in range(agreements):
        AgreementFactory(plan=plan)
    return trajectory


def test_the_figures_of_a_year():
    year = dt.date(2026, 1, 1)
    closed_with_conference(dt.date(2026, 2, 1), held_after_days=50, attendees=12, agreements=17)
    closed_with_conference(dt.date(2026, 3, 1), held_after_days=70, attendees=8, agreements=13)
    TrajectoryFactory(referred_at=at(dt.date(2026, 4, 1)), status="declined", domains=["health"])
    TrajectoryFactory(
        referred_at=at(dt.date(2026, 5, 1)),
        status="stopped",
        stop_reason="no_network",
        referrer_type="citizen",
        domains=["loneliness"],
    )
    TrajectoryFactory(referred_at=at(dt.date(2025, 12, 31)), status="closed")  # another year

    figures = trajectory_figures(start=year, end=dt.date(2026, 12, 31))

    assert (figures.referrals, figures.declined, figures.accepted) == (4, 1, 3)
    assert (figures.reached_conference, figures.reached_plan) == (2, 2)
    assert figures.conference_share == 66.7
    assert figures.days_to_conference_median == 60
    assert figures.attendees_mean == 10
    assert figures.agreements_mean == 15
    assert dict(figures.by_domain)["Opvoeding"] == 2
    assert dict(figures.by_domain)["Eenzaamheid"] == 1
    assert dict(figures.by_referrer_type) == {
        "Professional": 3,
        "Burger (de persoon zelf of iemand uit het netwerk)": 1,
    }
    assert dict(figures.stopped)["Geen netwerk bereid"] == 1
    assert dict(figures.outcomes)["Plan gemaakt op een conferentie"] == 2


def test_satisfaction_is_averaged_per_group_over_the_follow_ups():
    from eigenkracht.trajectories.models import FollowUp

    for score in (7, 9):
        trajectory = closed_with_conference(
            dt.date(2026, 2, 1), held_after_days=30, attendees=1, agreements=1
        )
        FollowUp.objects.create(
            trajectory=trajectory,
            held_on=dt.date(2026, 5, 1),
            note="Loopt goed.",
            satisfaction_main_person=score,
            satisfaction_family=8,
        )
    figures = trajectory_figures(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert figures.satisfaction["satisfaction_main_person"] == 8
    assert figures.satisfaction["satisfaction_family"] == 8
    assert figures.satisfaction["satisfaction_professionals"] is None


def test_the_page_and_its_csv_show_the_figures_without_names(office_client):
    closed_with_conference(timezone.localdate(), held_after_days=0, attendees=3, agreements=2)
    page = office_client.get(URL).content.decode()
    assert "Aanwezigen per conferentie (gemiddeld)" in page
    assert "Inschatting van de coördinator" in page
    assert "Sarah" not in page
    csv = office_client.get(URL, {"formaat": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    content = csv.content.decode("utf-8-sig")
    # One plan: its mean is computed from fewer than 5, so it leaves the office as "<5".
    assert "Afspraken per plan (gemiddeld);<5;<5" in content
    assert "Inschatting van de coördinator (1-10, gemiddeld)" in content
    assert "Sarah" not in content and "EK-20" not in content


def test_a_period_that_ends_before_it_starts_is_refused(office_client):
    response = office_client.get(URL, {"start": "2026-05-01", "end": "2026-01-01"})
    assert "De einddatum ligt voor de begindatum." in response.content.decode()


def test_only_the_office_sees_the_figures(client):
    from tests.factories import UserFactory
    from tests.two_factor import login_verified

    login_verified(client, UserFactory(role="coordinator"))
    assert client.get(URL).status_code == 403


def test_the_figures_take_the_same_queries_for_few_and_many_trajectories(office_client):
    counts = []
    for total in (2, 12):
        while Trajectory.objects.count() < total:
            closed_with_conference(
                timezone.localdate(), held_after_days=0, attendees=2, agreements=1
            )
        with CaptureQueriesContext(connection) as queries:
            office_client.get(URL)
        counts.append(len(queries))
    assert counts[0] == counts[1]
