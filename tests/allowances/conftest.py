import datetime as dt
from decimal import Decimal

import pytest

from eigenkracht.allowances import services
from eigenkracht.allowances.models import KmRate, YearCaps
from eigenkracht.trajectories.models import Trajectory
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory
from tests.two_factor import login_verified

YEAR = 2025
DAY = dt.date(2025, 3, 10)
# Trajectories of the tests began before the days they declare.
EARLY = dt.datetime(YEAR - 1, 12, 1, 10, tzinfo=dt.UTC)


@pytest.fixture
def caps(db):
    caps, _created = YearCaps.objects.update_or_create(
        year=YEAR,
        defaults={"day_cap_cents": 4231, "year_cap_cents": 169251, "day_amount_cents": 4231},
    )
    KmRate.objects.update_or_create(year=YEAR, quarter=1, defaults={"rate": Decimal("0.4265")})
    return caps


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory()


@pytest.fixture
def trajectory(coordinator):
    # Assigned before the days the tests declare (a day before the assignment is refused).
    return TrajectoryFactory(
        coordinator=coordinator,
        status=Trajectory.Status.PREPARATION,
        referred_at=EARLY,
    )


@pytest.fixture
def flat(coordinator, caps, office_user):
    return services.year_system_choose(
        coordinator=coordinator, year=YEAR, system="flat", actor=office_user
    )


@pytest.fixture
def real(coordinator, caps, office_user):
    return services.year_system_choose(
        coordinator=coordinator, year=YEAR, system="real", actor=office_user
    )


@pytest.fixture
def coordinator_client(client, coordinator):
    login_verified(client, coordinator.user)
    return client
