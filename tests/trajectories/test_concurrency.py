"""Two people act on the same trajectory at the same moment: one wins, the other is refused."""

import threading

import pytest
from django.db import connection, connections

from eigenkracht.trajectories import services
from eigenkracht.trajectories.models import Trajectory
from tests.factories import UserFactory
from tests.trajectories.factories import TrajectoryFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write, so there is no race to prove",
    ),
]


def test_accept_and_decline_at_the_same_time_leave_one_decision():
    trajectory = TrajectoryFactory()
    office = UserFactory(role="office")
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def act(n: int) -> None:
        try:
            start.wait()
            copy = Trajectory.objects.get(pk=trajectory.pk)
            if n % 2:
                services.referral_accept(trajectory=copy, actor=office)
            else:
                services.referral_decline(trajectory=copy, actor=office, reason="Nee.")
            outcomes.append("done")
        except services.TransitionNotAllowed:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done"] + ["refused"] * 7
    trajectory.refresh_from_db()
    assert trajectory.events.exclude(action="referred").count() == 1
