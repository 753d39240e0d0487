"""Benchmark: the trajectory overview (/trajecten/) with 10,000 trajectories, under gunicorn.

    .venv/bin/python bench/trajectories.py [POSTGRES_URL] [--trajectories 10000]
                                           [--clients 1] [--requests 50] [--workers 3]

PostgreSQL: the URL argument, else BENCH_DATABASE_URL. On that server a fresh database
`eigenkracht_bench_<random>` is created and dropped again afterwards, so the role needs CREATEDB.
Without a URL the script starts its own throw-away PostgreSQL 15 server on loopback (as .ci/run
does; needs Debian's postgresql-15 package).

It migrates and loads the trajectories with the project's bulk generator
(tests/fixtures_gen/trajectories.py): 40 referrers, 30 coordinators, a spread over the statuses
like that of an organisation that has been at work for a while (most trajectories closed or
stopped, a few hundred in each active phase), one main person each and 4 to 12 more network
members for the trajectories past intake. Then it runs ANALYZE, as autovacuum would have done on
a server in use.

Logging in takes two factors. The script does not type a code: it makes an office user and a
coordinator each a confirmed TOTP device and a session marked as verified by that device (what
django-otp stores after a correct code; the same as tests/two_factor.py `login_verified`), and
sends that session's cookie with every request.

It starts `gunicorn eigenkracht.wsgi` on 127.0.0.1 (3 workers, as in docs/deployment.md) with
production settings (DEBUG off, plain http) and lets N concurrent clients (default 1: the office
overview is a staff page, not a public one) make a fixed number of requests each to: the office
overview, a page deep in it (?page=100), the overview filtered by a warning
(?warning=late_conference) and by a search term (?q=yilmaz, the family name of about one main
person in eight), and the list of the coordinator with the most trajectories (about 300, as every
coordinator's finished trajectories stay on it). Each worker is warmed up first. It prints p50/p95
latency and requests per second per address. The SQL queries per request (and their summed
database time) are counted in this process, with django.test.Client and the same session (5
requests per address after a warm-up; the median of their summed SQL time is printed): gunicorn's
workers do not report them. It measures; it asserts nothing.
"""

import sys
from pathlib import Path

# bench/ holds calendar.py: keep this folder off the import path, or that file would shadow the
# standard library's `calendar` module for everything imported below.
BENCH_DIR = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR]

import argparse  # noqa: E402
import contextlib  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

PROJECT_DIR = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_DIR))

from bench.pgserver import HOST, free_port, fresh_database, log, throwaway_postgres  # noqa: E402
from bench.webserver import Round, gunicorn, load, production_env  # noqa: E402

REFERRERS = 40
COORDINATORS = 30
IN_PROCESS_REPEATS = 5  # requests per address in this process, to count queries and SQL time

# Out of every 100 trajectories: an organisation some years at work has most of them finished.
STATUS_SHARE = {
    "referred": 2,
    "intake": 2,
    "assigned": 2,
    "preparation": 8,
    "conference_planned": 4,
    "plan_made": 2,
    "follow_up": 8,
    "closed": 52,
    "stopped": 15,
    "declined": 5,
}
EARLY = {"referred", "intake", "declined"}
NETWORK_ROLES = ["family", "family", "family", "friend", "friend", "professional", "child"]
NETWORK_NAMES = ["Rita", "Luc", "Hilde", "Ahmed", "Fatma", "Jan", "Els", "Mehmet", "Kaat", "Ward"]


@dataclass(frozen=True)
class Target:
    label: str
    who: str  # "office" or "coordinator": whose session cookie goes with the request
    path: str


TARGETS = (
    Target("office overview", "office", "/trajecten/"),
    Target("overview page 100", "office", "/trajecten/?page=100"),
    Target("warning filter", "office", "/trajecten/?warning=late_conference"),
    Target("search 'yilmaz'", "office", "/trajecten/?q=yilmaz"),
    Target("coordinator list", "coordinator", "/trajecten/"),
)


# Django: schema, data, sessions, query counts ---------------------------------------------------


@dataclass
class Site:
    cookies: dict[str, str] = field(default_factory=dict)  # who -> "sessionid=..."
    # per address: queries per request, median summed SQL time (ms), HTTP status
    queries: dict[Target, tuple[str, float, int]] = field(default_factory=dict)
    coordinator_rows: int = 0


def prepare_site(env: dict[str, str], *, count: int) -> Site:
    """Migrate, load the data, make the two sessions and count each address's queries, in this
    process."""
    os.environ.update(env)
    sys.path.insert(0, str(PROJECT_DIR / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    office, coordinator = load_data(count)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    site = sessions_and_queries(office, coordinator)
    connections.close_all()
    return site


def load_data(count: int):
    """`count` trajectories from the bulk generator; returns the office user and a coordinator."""
    from django.db import transaction

    from eigenkracht.accounts.models import Role, User
    from eigenkracht.core.models import Organisation
    from eigenkracht.trajectories.models import Coordinator, Participant, Trajectory
    from tests.fixtures_gen.trajectories import FIRST, LAST, make_trajectories

    rng = random.Random(2026)
    # Exactly the shares, in random order; each referrer's batch takes the next slice (the
    # generator gives its n-th trajectory the n-th status of the list it gets).
    total = sum(STATUS_SHARE.values())
    statuses = [
        status
        for status, share in STATUS_SHARE.items()
        for _ in range(round(count * share / total))
    ]
    statuses += ["closed"] * (count - len(statuses))
    rng.shuffle(statuses)
    began = time.perf_counter()
    with transaction.atomic():
        Organisation.current()
        office = User.objects.create_user(
            "kantoor@bench.example", None, role=Role.OFFICE, first_name="Sofie", last_name="Peeters"
        )
        coordinators = []
        for n in range(COORDINATORS):
            user = User.objects.create_user(
                f"coordinator{n}@bench.example",
                None,
                role=Role.COORDINATOR,
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST),
            )
            coordinators.append(
                Coordinator.objects.create(
                    user=user,
                    languages=[
                        "nl",
                        *rng.sample(["fr", "ar", "tr", "en", "pl"], rng.randint(0, 2)),
                    ],
                    gender=rng.choice(["female", "male"]),
                    provinces=[rng.choice(["OVL", "ANT", "VBR", "WVL", "LIM"])],
                    max_trajectories=rng.randint(1, 4),
                )
            )
        referrers = [
            User.objects.create_user(
                f"aanmelder{n}@bench.example",
                None,
                role=Role.REFERRER,
                first_name="Aanmelder",
                last_name=str(n),
            )
            for n in range(REFERRERS)
        ]
        created = []
        per_referrer = -(-count // REFERRERS)
        for n, referrer in enumerate(referrers):
            size = min(per_referrer, count - len(created))
            if size <= 0:
                break
            rng.shuffle(coordinators)
            batch = statuses[len(created) : len(created) + size]
            created += make_trajectories(
                size, referrer=referrer, coordinators=coordinators, statuses=batch, seed=n
            )
        network = [
            Participant(
                trajectory=t,
                role=rng.choice(NETWORK_ROLES),
                name=f"{rng.choice(NETWORK_NAMES)} {rng.choice(LAST)}",
                relation="netwerk",
            )
            for t in created
            if t.status not in EARLY
            for _ in range(rng.randint(4, 12))
        ]
        Participant.objects.bulk_create(network, batch_size=5000)
    counts = Counter(Trajectory.objects.values_list("status", flat=True))
    log(
        f"loaded {len(created)} trajectories, {len(created) + len(network)} participants, "
        f"{COORDINATORS} coordinators, {REFERRERS} referrers in {time.perf_counter() - began:.1f} s"
    )
    log("per status: " + ", ".join(f"{s} {counts[s]}" for s in STATUS_SHARE))
    busiest = max(coordinators, key=lambda c: c.trajectories.count())
    return office, busiest


def sessions_and_queries(office, coordinator) -> Site:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from eigenkracht.trajectories.models import Trajectory
    from tests.two_factor import login_verified

    site = Site()
    clients = {}
    for who, user in (("office", office), ("coordinator", coordinator.user)):
        client = Client(HTTP_HOST=HOST)
        login_verified(client, user)
        clients[who] = client
        session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
        site.cookies[who] = f"{settings.SESSION_COOKIE_NAME}={session_id}"
    for target in TARGETS:
        client = clients[target.who]
        client.get(target.path)  # warm-up: templates, translations, the organisation
        counts, times = set(), []
        for _ in range(IN_PROCESS_REPEATS):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(target.path)
            counts.add(len(captured))
            times.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
        queries = "/".join(str(n) for n in sorted(counts))  # one figure unless it varies
        site.queries[target] = (queries, statistics.median(times), response.status_code)
    site.coordinator_rows = Trajectory.objects.filter(coordinator=coordinator).count()
    return site


# Load ---------------------------------------------------------------------------------------------


def report(
    results: list[tuple[Target, Round]], site: Site, *, count: int, args: argparse.Namespace
) -> None:
    print()
    print(
        f"{count} trajectories, {args.clients} concurrent client(s) x {args.requests} requests, "
        f"gunicorn -w {args.workers}, PostgreSQL; the coordinator has {site.coordinator_rows} "
        "trajectories"
    )
    print(
        f"{'address':<20}{'path':<38}{'req/s':>7}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'queries':>8}{'sql ms':>8}{'bytes':>8}  statuses"
    )
    for target, r in results:
        queries, sql_ms, in_process_status = site.queries[target]
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(r.statuses.items()))
        if r.errors:
            codes += f", connection errors: {r.errors}"
        print(
            f"{target.label:<20}{target.path:<38}{r.rps:>7.1f}"
            f"{r.percentile(50) * 1000:>8.1f}{r.percentile(95) * 1000:>8.1f}"
            f"{queries:>8}{sql_ms:>8.1f}{r.size:>8}  {codes}"
        )
        if set(r.statuses) != {200} or in_process_status != 200:
            print(f"note: {target.path} did not always answer 200; its figures are not comparable.")
    print(
        f"queries and sql ms (median): {IN_PROCESS_REPEATS} requests in this process "
        "(django.test.Client, same session) after a warm-up; latencies: through gunicorn"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--trajectories", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=1, choices=range(1, 65), metavar="1-64")
    parser.add_argument("--requests", type=int, default=50, choices=range(1, 1001), metavar="N")
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
        site = prepare_site(env, count=args.trajectories)
        port = free_port()
        stack.enter_context(gunicorn(env, port, args.workers))
        results = [
            (
                target,
                load(
                    port,
                    target.path,
                    cookie=site.cookies[target.who],
                    clients=args.clients,
                    requests=args.requests,
                    workers=args.workers,
                ),
            )
            for target in TARGETS
        ]
        report(results, site, count=args.trajectories, args=args)


if __name__ == "__main__":
    main()
