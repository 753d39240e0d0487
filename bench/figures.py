"""Benchmark: the figures page (/trajecten/cijfers/) with 10,000 trajectories on PostgreSQL.

    .venv/bin/python bench/figures.py [POSTGRES_URL] [--trajectories 10000] [--requests 60]
                                      [--workers 3] [--slowest N]

PostgreSQL: the URL argument, else BENCH_DATABASE_URL; without one the script starts its own
throw-away PostgreSQL server (bench/pgserver.py). A fresh database is created and dropped.

It loads the trajectories with the project's bulk generator (tests/fixtures_gen/trajectories.py,
referred within the last 200 days, so all in this year's page unless the year just began), gives
them a referring sector, and for those past the plan a held conference, an accepted plan with
three agreements, a follow-up with scores and two network snapshots (intake, conference) of
eight members; then VACUUM ANALYZE, as autovacuum does on a server in use (the loading updates
rows, and their dead versions would otherwise slow every scan).

It logs an office user in with two factors as tests/two_factor.py does and, in this process
(django.test.Client), requests the page with no cut and with a cut by province a few times after
a warm-up: the number of queries, one request's summed query time and the median CPU time of a
request. Then it serves the application with `gunicorn eigenkracht.wsgi` (production settings,
3 workers as in docs/deployment.md, each warmed up) and prints the p50/p95 latency of N requests
through it with that session's cookie: a worker that never held the loaded data, as on a server
(measured in the loading process, the loader's leftovers made the collector's passes slower).
It asserts nothing.

Extension point: LOADERS. Each loader is called with the created trajectories and a seeded
random generator, inside the loading transaction, and returns a line for the log. The
participants' evaluations load 100,000 conference answers spread over the trajectories past the
plan and the five groups, a link per main person, and 12 trainings of this year with 15 links
and 10 answers each (`load_evaluations`).
"""

import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
# bench/ holds calendar.py: keep this folder off the import path (it would shadow `calendar`).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR]

import argparse  # noqa: E402
import contextlib  # noqa: E402
import datetime as dt  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

PROJECT_DIR = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_DIR))

from bench.pgserver import fresh_database, log, throwaway_postgres  # noqa: E402
from bench.webserver import production_env  # noqa: E402

PAST_PLAN = {"follow_up", "closed"}
SNAPSHOT_SECTORS = ["family", "family", "family", "friends", "friends", "professionals", ""]
PATHS = ("/trajecten/cijfers/", "/trajecten/cijfers/?start=2026-01-01&end=2026-12-31&provincie=OVL")

EVALUATION_ANSWERS = 100_000


def load_outcomes(trajectories: list, rng: random.Random) -> str:
    """Conferences, plans, agreements, follow-ups and snapshots for the ones past the plan."""
    from eigenkracht.core.models import Sector
    from eigenkracht.network.models import NetworkSnapshot
    from eigenkracht.trajectories.models import Agreement, Conference, FollowUp, Plan, Trajectory

    sectors = list(Sector.objects.values_list("pk", flat=True))
    for trajectory in trajectories:
        trajectory.referrer_sector_id = rng.choice([*sectors, None])
    Trajectory.objects.bulk_update(trajectories, ["referrer_sector"], batch_size=2000)
    done = [t for t in trajectories if t.status in PAST_PLAN]
    conferences = Conference.objects.bulk_create(
        [
            Conference(
                trajectory=t,
                date=t.referred_at.date() + dt.timedelta(days=rng.randint(20, 90)),
                start_time=dt.time(19),
                place="Buurthuis",
                address="Kerkstraat 1, 9000 Gent",
                languages=["nl"],
                held=True,
            )
            for t in done
        ],
        batch_size=2000,
    )
    plans = Plan.objects.bulk_create(
        [
            Plan(trajectory=c.trajectory, conference=c, status=Plan.Status.ACCEPTED)
            for c in conferences
        ],
        batch_size=2000,
    )
    progress = ["done", "done", "ongoing", "not_done", "open"]
    Agreement.objects.bulk_create(
        [
            Agreement(plan=p, what="Oma haalt de kinderen op", due="elke woensdag",
                      progress=rng.choice(progress), position=n)
            for p in plans
            for n in range(3)
        ],
        batch_size=5000,
    )  # fmt: skip
    FollowUp.objects.bulk_create(
        [
            FollowUp(
                trajectory=t,
                held_on=t.referred_at.date() + dt.timedelta(days=120),
                note="Loopt.",
                satisfaction_family=rng.randint(5, 10),
                satisfaction_network=rng.randint(5, 10),
            )
            for t in done
        ],
        batch_size=2000,
    )
    snapshots = []
    for t in done:
        for reason, days in (("intake", 5), ("conference", 40)):
            members = [
                {"id": n, "name": f"Persoon {n}", "sector": rng.choice(SNAPSHOT_SECTORS)}
                for n in range(8)
            ]
            snapshots.append(
                NetworkSnapshot(
                    trajectory=t,
                    taken_at=t.referred_at + dt.timedelta(days=days),
                    reason=reason,
                    member_count=8,
                    data=members,
                    # bulk_create skips the model's save, which fills the counts.
                    sector_counts=NetworkSnapshot.sector_counts_of(members),
                )
            )
    NetworkSnapshot.objects.bulk_create(snapshots, batch_size=2000)
    return f"{len(done)} trajectories with a conference, plan, follow-up and two snapshots"


def load_evaluations(trajectories: list, rng: random.Random) -> str:
    """100,000 conference answers over the trajectories past the plan, the main persons' links
    (half used), and evaluated trainings."""
    from eigenkracht.evaluations.models import (
        Channel,
        ConferenceInvite,
        ConferenceResponse,
        Group,
        Propose,
        TrainingInvite,
        TrainingResponse,
    )
    from eigenkracht.evaluations.tallies import tallies_rebuild
    from eigenkracht.trainings.models import Registration
    from eigenkracht.trajectories.models import Participant
    from tests.factories import RegistrationFactory, TrainingFactory

    done = [t for t in trajectories if t.status in PAST_PLAN]
    groups = [group.value for group in Group]
    agree = [None, 1, 2, 3, 4, 5, 5, 4]
    ConferenceResponse.objects.bulk_create(
        (
            ConferenceResponse(
                trajectory=t,
                group=rng.choice(groups),
                submitted_on=t.referred_at.date() + dt.timedelta(days=60),
                language="nl-be",
                score_meeting=rng.randint(4, 10),
                score_plan=rng.randint(4, 10),
                score_coordinator=rng.randint(4, 10),
                decisions=rng.choice(agree),
                inclusion=rng.choice(agree),
                support=rng.choice(agree),
            )
            for t in (rng.choice(done) for _ in range(EVALUATION_ANSWERS))
        ),
        batch_size=5000,
    )
    tallies_rebuild()  # bulk_create skips the service that adds each answer to its tally
    main_persons = Participant.objects.filter(trajectory__in=[t.pk for t in done])
    ConferenceInvite.objects.bulk_create(
        [
            ConferenceInvite(
                trajectory_id=p.trajectory_id,
                participant=p,
                group=Group.MAIN_ADULT,
                channel=Channel.MAIL,
                used=rng.random() < 0.5,
            )
            for p in main_persons.only("pk", "trajectory_id")
        ],
        batch_size=5000,
    )
    first = dt.date.today() - dt.timedelta(days=90)
    for n in range(12):
        training = TrainingFactory(sessions=1, sessions__first_date=first - dt.timedelta(days=n))
        seats = [
            RegistrationFactory(
                training=training, status=Registration.Status.CONFIRMED
            ).participants.get()
            for _seat in range(15)
        ]
        TrainingInvite.objects.bulk_create(
            [TrainingInvite(training=training, participant=seat) for seat in seats]
        )
        TrainingResponse.objects.bulk_create(
            [
                TrainingResponse(
                    training=training,
                    submitted_on=first,
                    language="nl-be",
                    score_content=rng.randint(5, 10),
                    score_trainer=rng.randint(5, 10),
                    score_organisation=rng.randint(5, 10),
                    would_propose=rng.choice(list(Propose)),
                )
                for _answer in range(10)
            ]
        )
    return (
        f"{EVALUATION_ANSWERS} conference answers over {len(done)} trajectories, "
        f"12 trainings with 10 answers each"
    )


# (trajectories, rng) -> a line for the log.
LOADERS: list[Callable[[list, random.Random], str]] = [load_evaluations]


def load_data(count: int, *, referrers: int = 40):
    from django.db import transaction

    from eigenkracht.accounts.models import Role, User
    from eigenkracht.core.models import Organisation
    from tests.fixtures_gen.trajectories import make_trajectories

    rng = random.Random(2026)
    statuses = ["referred", "preparation", "follow_up", "closed", "closed", "stopped", "declined"]
    began = time.perf_counter()
    with transaction.atomic():
        Organisation.current()
        office = User.objects.create_user(
            "kantoor@bench.example", None, role=Role.OFFICE, first_name="Sofie", last_name="P"
        )
        created = []
        for n in range(referrers):
            size = min(-(-count // referrers), count - len(created))
            if size <= 0:
                break
            referrer = User.objects.create_user(
                f"aanmelder{n}@bench.example", None, role=Role.REFERRER, first_name="A"
            )
            created += make_trajectories(size, referrer=referrer, statuses=statuses, seed=n)
        for loader in (load_outcomes, *LOADERS):
            log(loader(created, rng))
    log(f"loaded {len(created)} trajectories in {time.perf_counter() - began:.1f} s")
    return office


IN_PROCESS_REPEATS = 10


def count_queries(office, *, slowest: int) -> tuple[str, dict[str, tuple[int, float, float, int]]]:
    """In this process: per path the queries, one request's summed SQL time, the median CPU time
    of a request and the status; and the session cookie to send to gunicorn."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.pgserver import HOST
    from tests.two_factor import login_verified

    client = Client(HTTP_HOST=HOST)
    login_verified(client, office)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    counted = {}
    for path in PATHS:
        client.get(path)  # warm-up
        cpu = []
        for _ in range(IN_PROCESS_REPEATS):
            began = time.process_time()
            client.get(path)
            cpu.append((time.process_time() - began) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        counted[path] = (len(queries), sql, statistics.median(cpu), response.status_code)
        by_time = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
        for query in by_time[:slowest]:
            log(f"{path}: {float(query['time']) * 1000:7.1f} ms  {query['sql'][:120]}")
    return cookie, counted


def measure(env: dict[str, str], cookie: str, counted: dict, *, requests: int, workers: int):
    from bench.pgserver import free_port
    from bench.webserver import gunicorn, load

    port = free_port()
    with gunicorn(env, port, workers):
        rounds = [
            load(port, path, clients=1, requests=requests, workers=workers, cookie=cookie)
            for path in PATHS
        ]
    print(f"{'path':<72}{'p50 ms':>8}{'p95 ms':>8}{'cpu ms':>8}{'sql ms':>8}{'queries':>8}  status")
    for path, measured in zip(PATHS, rounds, strict=True):
        queries, sql, cpu, status = counted[path]
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(measured.statuses.items()))
        p50, p95 = (measured.percentile(p) * 1000 for p in (50, 95))
        print(
            f"{path:<72}{p50:>8.1f}{p95:>8.1f}{cpu:>8.1f}{sql:>8.1f}{queries:>8}  {status}; "
            f"through gunicorn {statuses}"
        )
    print(
        f"p50/p95: {requests} requests one after another through gunicorn -w {workers}; cpu ms "
        f"(median), sql ms (one request's summed query time) and queries: {IN_PROCESS_REPEATS} "
        "requests in this process (django.test.Client, same session) after a warm-up"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--trajectories", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=60, choices=range(1, 1001), metavar="N")
    parser.add_argument(
        "--slowest", type=int, default=0, metavar="N", help="log one request's N slowest queries"
    )
    parser.add_argument(
        "--workers", type=int, default=3, choices=range(1, 17), metavar="1-16",
        help="gunicorn workers (default 3, as in docs/deployment.md)",
    )  # fmt: skip
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        server_url = args.url or stack.enter_context(throwaway_postgres())
        database_url = stack.enter_context(fresh_database(server_url))
        static_root = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-static."))
        env = production_env(database_url=database_url, static_root=static_root)
        os.environ.update(env)
        sys.path.insert(0, str(PROJECT_DIR / "src"))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, connections

        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        office = load_data(args.trajectories)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        cookie, counted = count_queries(office, slowest=args.slowest)
        connections.close_all()
        print(f"\n{args.trajectories} trajectories, PostgreSQL")
        measure(env, cookie, counted, requests=args.requests, workers=args.workers)


if __name__ == "__main__":
    main()
