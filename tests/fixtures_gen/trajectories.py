"""Many trajectories at once, for query-count tests and bench/trajectories.py: bulk inserts, one
main person each, spread over the statuses and over the given coordinators."""

import datetime as dt
import itertools
import random

from django.utils import timezone

from eigenkracht.trajectories.models import Coordinator, Participant, Trajectory

FIRST = ["Sarah", "Mohamed", "Lotte", "Emre", "Ines", "Kevin", "Aylin", "Jonas", "Nadia", "Wout"]
LAST = ["Janssens", "Peeters", "El Amrani", "Yilmaz", "Maes", "Claes", "Wouters", "Dubois"]


def make_trajectories(
    count: int,
    *,
    referrer,
    coordinators: list[Coordinator] = (),
    statuses: list[str] | None = None,
    seed: int = 7,
) -> list[Trajectory]:
    rng = random.Random(seed)
    now = timezone.now()
    statuses = statuses or list(Trajectory.Status.values)
    coordinator_cycle = itertools.cycle(coordinators or [None])
    start = Trajectory.objects.count()
    rows = []
    for n in range(count):
        status = statuses[n % len(statuses)]
        referred_at = now - dt.timedelta(days=rng.randint(0, 200), minutes=n)
        coordinator = (
            None if status in {"referred", "intake", "declined"} else next(coordinator_cycle)
        )
        rows.append(
            Trajectory(
                reference=f"EK-GEN-{start + n:06d}",
                status=status,
                referred_at=referred_at,
                status_changed_at=referred_at,
                referrer=referrer,
                referrer_type="professional",
                referrer_name=referrer.get_full_name() or referrer.email,
                referrer_email=referrer.email,
                postcode=rng.choice(["9000", "2000", "3000", "8000", "3500"]),
                domains=[rng.choice(["parenting", "school", "health", "loneliness"])],
                central_question="Hoe krijgt het gezin weer grip op de week?",
                concerns="Zorgen over de kinderen.",
                limits="De kinderen zijn nooit alleen thuis.",
                consent_given=True,
                consent_on=timezone.localdate(referred_at),
                consent_method="written",
                coordinator=coordinator,
                follow_up_due_on=(
                    timezone.localdate() - dt.timedelta(days=rng.randint(-20, 20))
                    if status == "follow_up"
                    else None
                ),
            )
        )
    created = Trajectory.objects.bulk_create(rows, batch_size=2000)
    if not all(t.pk for t in created):  # SQLite before 3.35 returns no keys
        created = list(Trajectory.objects.filter(reference__startswith="EK-GEN-").order_by("pk"))[
            -count:
        ]
    Participant.objects.bulk_create(
        [
            Participant(
                trajectory=t,
                role=Participant.Role.MAIN_PERSON,
                name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                birth_year=rng.randint(1960, 2000),
            )
            for t in created
        ],
        batch_size=2000,
    )
    return created
