import pytest
from django.test import Client

from eigenkracht.network.models import NetworkMember
from eigenkracht.trajectories.models import Trajectory
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory
from tests.two_factor import login_verified

FAMILY_NAMES = [
    "Oma Rita",
    "Tante Els",
    "Nonkel Marc",
    "Papa Jonas",
    "Buurvrouw Fatima",
    "Juf Annelies",
    "Voetbaltrainer Kevin",
    "Huisarts Dr. Peeters",
]


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory()


@pytest.fixture
def trajectory(coordinator):
    """A trajectory in preparation, with its coordinator and one main person (Sarah Janssens)."""
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


def add_members(trajectory, count, **fields):
    """`count` members spread over the sectors, rings and ties, straight in the database."""
    sectors = ["family", "friends", "school_work", "professionals"]
    rings = ["close", "middle", "far"]
    ties = ["strong", "weak", "stressful"]
    return NetworkMember.objects.bulk_create(
        NetworkMember(
            trajectory=trajectory,
            name=f"Persoon {n + 1}",
            sector=sectors[n % 4],
            ring=rings[(n // 4) % 3],
            tie=ties[n % 3],
            **fields,
        )
        for n in range(count)
    )
