"""The office overview shows how much the networks grew, on average, between the intake and the
closure of the closed trajectories."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenkracht.network.models import NetworkSnapshot
from eigenkracht.network.selectors import average_growth
from eigenkracht.trajectories.models import Trajectory
from tests.trajectories.factories import TrajectoryFactory

pytestmark = pytest.mark.django_db


def _trajectory(status, **counts):
    trajectory = TrajectoryFactory(status=status)
    for reason, count in counts.items():
        NetworkSnapshot.objects.create(
            trajectory=trajectory,
            reason=reason,
            taken_at=trajectory.referred_at,
            member_count=count,
            data=[],
        )
    return trajectory


def test_the_average_growth_over_closed_trajectories(office_client):
    _trajectory("closed", intake=2, closed=10)  # +8
    _trajectory("closed", intake=4, closed=8)  # +4
    _trajectory("closed", intake=3)  # no closed snapshot: left out
    _trajectory("stopped", intake=1, closed=1)  # stopped, not closed: left out
    _trajectory("follow_up", intake=1, conference=20)
    growth = average_growth()
    assert (growth.trajectories, growth.at_intake, growth.at_close, growth.average) == (
        2,
        3.0,
        9.0,
        6.0,
    )
    page = office_client.get(reverse("trajectories:list")).content.decode()
    assert "Over 2 afgesloten trajecten: gemiddeld van 3,0 personen" in page
    assert "naar 9,0 bij de afsluiting, een groei van <strong>6,0</strong>" in page


def test_without_figures_the_overview_says_so(office_client):
    _trajectory("closed", intake=2)
    assert average_growth() is None
    page = office_client.get(reverse("trajectories:list")).content.decode()
    assert "Nog geen afgesloten trajecten met een netwerkkaart" in page


def test_the_growth_figure_costs_one_query_whatever_the_number_of_trajectories():
    def queries():
        with CaptureQueriesContext(connection) as context:
            average_growth()
        return len(context.captured_queries)

    _trajectory("closed", intake=1, closed=2)
    few = queries()
    for n in range(20):
        _trajectory("closed", intake=n, closed=n + 3, manual=4)
    assert queries() == few == 1


def test_coordinators_do_not_see_the_figure(client, coordinator):
    from tests.two_factor import login_verified

    _trajectory("closed", intake=2, closed=10)
    login_verified(client, coordinator.user)
    page = client.get(reverse("trajectories:list")).content.decode()
    assert "Groei van het netwerk" not in page
    assert Trajectory.objects.count() == 1
