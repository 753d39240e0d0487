"""Benchmark: the public calendar and a training page, cached and uncached, against /healthz.

    .venv/bin/python bench/calendar.py [POSTGRES_URL] [--clients 8] [--requests 50]

PostgreSQL: the URL argument, else BENCH_DATABASE_URL. On that server a fresh database
`eigenkracht_bench_<random>` is created and dropped again afterwards, so the role needs CREATEDB.
Without a URL the script starts its own throw-away PostgreSQL 15 server on loopback (as .ci/run
does; needs Debian's postgresql-15 package).

It migrates, loads demo-like data (40 published trainings with registrations), collects the static
files into a temporary folder, starts `gunicorn eigenkracht.wsgi` on 127.0.0.1 (3 workers, as in
docs/deployment.md) with production settings (DEBUG off, plain http), and, after warming up
every worker, lets N concurrent clients make a fixed number of requests each: to the calendar
(/vormingen/) and a training page, first as visitors (the page cache answers) and then with a
session cookie (as staff, or a registrant after a form, get them: no page cache, only the cached
training cards), and to /healthz. It prints requests per second and p50/p95 latency for each, and
each page's ratio to /healthz. It measures; it asserts nothing.
"""

import sys
from pathlib import Path

# This file is called calendar.py: keep its folder off the import path, or it would shadow the
# standard library's `calendar` module for everything imported below.
BENCH_DIR = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR]

import argparse  # noqa: E402
import contextlib  # noqa: E402
import datetime as dt  # noqa: E402
import os  # noqa: E402
import secrets  # noqa: E402
import tempfile  # noqa: E402

PROJECT_DIR = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_DIR))

from bench.pgserver import free_port, fresh_database, log, throwaway_postgres  # noqa: E402
from bench.webserver import Round, gunicorn, load, production_env  # noqa: E402

# A session cookie of a session that does not exist: the page is built for this visitor, as for
# anyone with a session (the session is looked up, found empty, and nothing is cached whole).
SESSION_COOKIE = "sessionid=bench0000000000000000000000000000"
TRAININGS = 40
REGISTRATIONS_PER_TRAINING = 12


# Django: schema, data, static files -----------------------------------------------------------


def prepare_site(env: dict[str, str]) -> None:
    """Migrate, load the benchmark data and collect the static files, in this process."""
    os.environ.update(env)
    sys.path.insert(0, str(PROJECT_DIR / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", interactive=False, verbosity=0)
    load_data()
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()


def load_data() -> None:
    """40 published trainings in six cities over the coming months, each with registrations."""
    from django.db import transaction
    from django.utils import timezone
    from stdnum.be import ogm_vcs

    from eigenkracht.core.models import Organisation
    from eigenkracht.trainings.models import Participant, Registration, Session, Training, Venue

    cities = ["Gent", "Antwerpen", "Leuven", "Brugge", "Hasselt", "Kortrijk"]
    statuses = [
        Registration.Status.CONFIRMED,
        Registration.Status.CONFIRMED,
        Registration.Status.PENDING,
        Registration.Status.CANCELLED,
    ]
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        Organisation.current()
        venues = Venue.objects.bulk_create(
            Venue(
                name=f"Vergaderzaal {city}", street="Stationsstraat 1", postcode="1000", city=city
            )
            for city in cities
        )
        trainings = []
        for number in range(TRAININGS):
            first = today + dt.timedelta(days=3 + 4 * number)
            days = 2 if number % 5 == 0 else 1
            trainings.append(
                Training(
                    title=f"Basisvorming Eigen Kracht-conferenties ({number + 1})",
                    description="Hoe stel je een **Eigen Kracht-conferentie** voor aan een gezin?",
                    venue=venues[number % len(venues)],
                    capacity=20,
                    fee_cents=0 if number % 7 == 0 else 2000,
                    status=Training.Status.PUBLISHED,
                    starts_on=first,
                    ends_on=first + dt.timedelta(days=7 * (days - 1)),
                )
            )
        trainings = Training.objects.bulk_create(trainings)
        sessions, registrations = [], []
        for training in trainings:
            for day in range(1 + (training.ends_on != training.starts_on)):
                sessions.append(
                    Session(
                        training=training,
                        date=training.starts_on + dt.timedelta(days=7 * day),
                        start_time=dt.time(9, 30),
                        end_time=dt.time(16, 30),
                    )
                )
            for index in range(REGISTRATIONS_PER_TRAINING):
                serial = len(registrations) + 1
                base = f"{serial:010d}"
                status = statuses[index % len(statuses)]
                registrations.append(
                    Registration(
                        training=training,
                        code=f"EKB{serial:05d}",
                        token=secrets.token_urlsafe(32),
                        structured_communication=base + ogm_vcs.calc_check_digits(base),
                        status=status,
                        first_name="Deelnemer",
                        last_name=f"Nummer {serial}",
                        email=f"deelnemer{serial}@example.be",
                        seats=1,
                        amount_due_cents=training.fee_cents,
                        amount_paid_cents=(
                            training.fee_cents if status == Registration.Status.CONFIRMED else 0
                        ),
                        payment_deadline=today + dt.timedelta(days=14),
                        consent_at=now,
                    )
                )
        Session.objects.bulk_create(sessions)
        registrations = Registration.objects.bulk_create(registrations)
        Participant.objects.bulk_create(
            Participant(
                registration=r,
                training=r.training,
                first_name=r.first_name,
                last_name=r.last_name,
                email=r.email,
                is_active=r.status in Registration.ACTIVE_STATUSES,
            )
            for r in registrations
        )
    log(f"loaded {len(trainings)} trainings, {len(registrations)} registrations")


def first_training_path() -> str:
    """The page of the first training in the calendar (Django is set up by `prepare_site`)."""
    from django.db import connections

    from eigenkracht.trainings.models import Training

    first = Training.objects.order_by("starts_on", "pk").values_list("pk", flat=True)[0]
    connections.close_all()
    return f"/vormingen/{first}/"


# Load -------------------------------------------------------------------------------------------


def report(results: list[tuple[str, Round]], *, clients: int, requests: int, workers: int) -> None:
    print()
    print(f"{clients} concurrent clients x {requests} requests, gunicorn -w {workers}, PostgreSQL")
    print(
        f"{'address':<22}{'as':<10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'bytes':>9}"
        f"{'vs /healthz':>13}  statuses"
    )
    trivial = results[-1][1]
    for label, r in results:
        codes = ", ".join(f"{code}: {count}" for code, count in sorted(r.statuses.items()))
        if r.errors:
            codes += f", connection errors: {r.errors}"
        ratio = f"{r.rps / trivial.rps:.2f}x" if trivial.rps else "-"
        print(
            f"{r.path:<22}{label:<10}{r.rps:>9.1f}{r.percentile(50) * 1000:>9.1f}"
            f"{r.percentile(95) * 1000:>9.1f}{r.size:>9}{ratio:>13}  {codes}"
        )
    for _label, r in results:
        if set(r.statuses) != {200}:
            print(f"note: {r.path} did not always answer 200; its figures are not comparable.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--clients", type=int, default=8, choices=range(1, 65), metavar="1-64")
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
        prepare_site(env)
        port = free_port()
        stack.enter_context(gunicorn(env, port, args.workers))
        training = first_training_path()
        rounds = [
            ("/vormingen/", "visitor", ""),
            ("/vormingen/", "session", SESSION_COOKIE),
            (training, "visitor", ""),
            (training, "session", SESSION_COOKIE),
            ("/healthz", "", ""),
        ]
        results = [
            (
                label,
                load(
                    port,
                    path,
                    clients=args.clients,
                    requests=args.requests,
                    workers=args.workers,
                    cookie=cookie,
                ),
            )
            for path, label, cookie in rounds
        ]
        report(results, clients=args.clients, requests=args.requests, workers=args.workers)


if __name__ == "__main__":
    main()
