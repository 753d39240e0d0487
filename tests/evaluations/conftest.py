import datetime as dt

import pytest
from django.utils import timezone

from eigenkracht.trajectories import services
from eigenkracht.trajectories.models import Trajectory
from tests.trajectories.factories import (
    ConferenceFactory,
    CoordinatorFactory,
    ParticipantFactory,
    TrajectoryFactory,
)
from tests.two_factor import login_verified


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory()


@pytest.fixture
def trajectory(coordinator):
    """A conference planned for today; the main person (Sarah, born 1988) has an address."""
    trajectory = TrajectoryFactory(
        status=Trajectory.Status.CONFERENCE_PLANNED, coordinator=coordinator
    )
    trajectory.participants.update(email="sarah@example.be")
    return trajectory


@pytest.fixture
def conference(trajectory):
    return ConferenceFactory(trajectory=trajectory, date=timezone.localdate())


@pytest.fixture
def coordinator_client(client, coordinator):
    login_verified(client, coordinator.user)
    return client


def hold(conference, *, actor=None, absent=()):
    """Record everyone but `absent` as present: the conference is held."""
    presence = {
        p.pk: services.Presence(True, False, False)
        for p in conference.trajectory.participants.all()
        if p not in absent
    }
    return services.attendance_record(
        conference=conference,
        presence=presence,
        private_time_minutes=None,
        actor=actor or conference.trajectory.coordinator.user,
    )


def person(trajectory, name, **fields):
    return ParticipantFactory(trajectory=trajectory, name=name, **fields)


def years_ago(years: int) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years)
