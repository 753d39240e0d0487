"""A coordinator sends the same day twice at once (two tabs, a double tap): one passes the day
cap, the other is refused."""

import threading

import pytest
from django.db import connection, connections

from eigenkracht.allowances import services
from eigenkracht.allowances.models import Declaration, YearCaps
from eigenkracht.trajectories.models import Trajectory
from tests.allowances.conftest import DAY, EARLY, YEAR
from tests.factories import UserFactory
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write, so there is no race to prove",
    ),
]


def test_two_declarations_of_one_day_at_once_leave_one():
    YearCaps.objects.update_or_create(
        year=YEAR,
        defaults={"day_cap_cents": 4231, "year_cap_cents": 169251, "day_amount_cents": 4231},
    )
    coordinator = CoordinatorFactory()
    trajectory = TrajectoryFactory(
        coordinator=coordinator, status=Trajectory.Status.PREPARATION, referred_at=EARLY
    )
    services.year_system_choose(
        coordinator=coordinator, year=YEAR, system="flat", actor=UserFactory(role="office")
    )
    start = threading.Barrier(6)
    outcomes: list[str] = []

    def act() -> None:
        try:
            start.wait()
            services.declaration_create(
                coordinator=coordinator,
                trajectory=trajectory,
                kind="day",
                on=DAY,
                actor=coordinator.user,
            )
            outcomes.append("done")
        except services.AllowanceRefused:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done"] + ["refused"] * 5
    assert Declaration.objects.count() == 1
