import pytest
from django.test import Client

from eigenkracht.trajectories.models import Trajectory
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory
from tests.two_factor import login_verified


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(phone="0470 12 34 56")


@pytest.fixture
def trajectory(coordinator):
    """A trajectory in preparation, with its coordinator and one main person."""
    return TrajectoryFactory(status=Trajectory.Status.PREPARATION, coordinator=coordinator)


@pytest.fixture
def coordinator_client(client, coordinator):
    login_verified(client, coordinator.user)
    return client


@pytest.fixture
def referrer_client(trajectory):
    other = Client()
    login_verified(other, trajectory.referrer)
    return other


@pytest.fixture
def stranger_client(db):
    """The coordinator of another trajectory."""
    other = CoordinatorFactory()
    TrajectoryFactory(status=Trajectory.Status.PREPARATION, coordinator=other)
    stranger = Client()
    login_verified(stranger, other.user)
    return stranger
