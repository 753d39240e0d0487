"""Benchmark: the UPDATE that confirms ~9,500 registrations when a statement is booked.

    .venv/bin/python bench/registration_update.py [POSTGRES_URL] [--registrations 20000]
        [--booked 9500] [--rounds 3] [--compare-with trainings.0010_free_text_limits]

PostgreSQL: the URL argument, else BENCH_DATABASE_URL, else a throw-away server started here
(needs Debian's postgresql-15). A fresh database is created and dropped afterwards.

Every index of `trainings_registration` is written for each row the booking changes, so this
is where an index no query reads costs most. The script loads open registrations over 200
trainings and times the booking's statement (the same shape as `payments.booking`: one UPDATE
joined to unnest() arrays of new amounts and statuses), rolled back and vacuumed after each run
so every run starts from the same table. With --compare-with it migrates the trainings app back
to that migration and forth again between rounds, so both schemas are timed alternately on the
same rows. It prints the table's indexes (count and size), min/median seconds per schema and each
run's time.
"""

import argparse
import contextlib
import datetime as dt
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "src"))
# bench/ holds calendar.py: keep this folder off the import path, or it would stand in for the
# standard library's `calendar` for everything imported below (it made the import 1 s slower).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from bench.pgserver import fresh_database, log, throwaway_postgres  # noqa: E402

TABLE = "trainings_registration"


def setup_django(database_url: str) -> None:
    os.environ.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="eigenkracht.settings",
    )
    import django

    django.setup()
    migrate()


def migrate(*target: str) -> None:
    from django.core.management import call_command

    call_command("migrate", *target, interactive=False, verbosity=0)


def load_registrations(count: int) -> list[int]:
    """`count` pending registrations over 200 trainings, with one participant each."""
    from django.db import transaction
    from django.utils import timezone

    from eigenkracht.banking.ogm import ogm_generate
    from eigenkracht.trainings.models import Participant, Registration, Training, Venue

    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        venue = Venue.objects.create(
            name="Zaal Gent", street="Kerkstraat 1", postcode="9000", city="Gent"
        )
        trainings = Training.objects.bulk_create(
            Training(
                title=f"Basisvorming {n + 1}",
                description="-",
                venue=venue,
                capacity=200,
                fee_cents=2000,
                status=Training.Status.PUBLISHED,
                starts_on=today + dt.timedelta(days=20 + n % 90),
                ends_on=today + dt.timedelta(days=20 + n % 90),
            )
            for n in range(200)
        )
        ogms: set[str] = set()
        while len(ogms) < count:
            ogms.add(ogm_generate())
        registrations = Registration.objects.bulk_create(
            (
                Registration(
                    training=trainings[n % len(trainings)],
                    code=f"EK{n:06d}",
                    token=secrets.token_urlsafe(24),
                    structured_communication=ogm,
                    status=Registration.Status.PENDING,
                    first_name="Voornaam",
                    last_name=f"Familienaam {n}",
                    email=f"p{n}@example.be",
                    seats=1,
                    amount_due_cents=2000,
                    payment_deadline=today + dt.timedelta(days=14),
                    consent_at=now,
                )
                for n, ogm in enumerate(sorted(ogms))
            ),
            batch_size=2000,
        )
        Participant.objects.bulk_create(
            (
                Participant(
                    registration=r,
                    training_id=r.training_id,
                    first_name=r.first_name,
                    last_name=r.last_name,
                    email=r.email,
                )
                for r in registrations
            ),
            batch_size=2000,
        )
    return [r.pk for r in registrations]


def vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {TABLE}")


def indexes() -> tuple[int, int]:
    """How many indexes the table has, and their size in bytes."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), pg_indexes_size(%s::regclass) FROM pg_indexes "
            "WHERE schemaname = current_schema() AND tablename = %s",
            [TABLE, TABLE],
        )
        return cursor.fetchone()


def time_update(ids: list[int]) -> float:
    """The booking's statement for `ids` (all paid in full), rolled back; seconds."""
    from django.db import connection, transaction
    from django.utils import timezone

    now = timezone.now()
    columns = (
        [*ids],
        [2000] * len(ids),
        ["confirmed"] * len(ids),
        [now] * len(ids),
        [now] * len(ids),
    )
    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(
            f"UPDATE {TABLE} SET amount_paid_cents = v.paid, status = v.status, "  # noqa: S608
            "confirmed_at = v.confirmed_at, confirmation_sent_at = v.sent_at, updated_at = %s "
            "FROM unnest(%s::bigint[], %s::integer[], %s::varchar[], %s::timestamptz[], "
            "%s::timestamptz[]) AS v(id, paid, status, confirmed_at, sent_at) "
            f"WHERE {TABLE}.id = v.id",
            [now, *columns],
        )
        seconds = time.perf_counter() - started
        assert cursor.rowcount == len(ids)
        transaction.set_rollback(True)
    vacuum()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--registrations", type=int, default=20_000)
    parser.add_argument("--booked", type=int, default=9_500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3, help="UPDATEs per schema and round")
    parser.add_argument(
        "--compare-with",
        default="",
        metavar="APP.MIGRATION",
        help="also time the schema at this earlier migration, alternately",
    )
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        server_url = args.url or stack.enter_context(throwaway_postgres())
        setup_django(stack.enter_context(fresh_database(server_url)))
        ids = load_registrations(args.registrations)
        booked = ids[:: max(1, len(ids) // args.booked)][: args.booked]
        log(f"{len(ids)} pending registrations; the UPDATE confirms {len(booked)}")

        schemas: dict[str, tuple[str, ...]] = {"current": ()}  # () migrates every app forward
        if args.compare_with:
            app, _, name = args.compare_with.partition(".")
            schemas[args.compare_with] = (app, name)
        times: dict[str, list[float]] = {label: [] for label in schemas}
        sizes: dict[str, tuple[int, int]] = {}
        for _ in range(args.rounds):
            for label, target in schemas.items():
                migrate(*target)
                vacuum()
                sizes[label] = indexes()
                times[label].extend(time_update(booked) for _ in range(args.runs))
        migrate()

        print()
        print(f"UPDATE of {len(booked)} of {len(ids)} registrations, {args.rounds} rounds")
        print(f"{'schema':34} {'indexes':>7} {'size':>8} {'min':>8} {'median':>8}")
        for label, values in times.items():
            count, size = sizes[label]
            print(
                f"{label:34} {count:7d} {size / 2**20:6.1f}MB "
                f"{min(values):7.3f}s {statistics.median(values):7.3f}s"
            )
        print("each run, in order (s):")
        for label, values in times.items():
            print(f"  {label:32} " + " ".join(f"{v:.3f}" for v in values))


if __name__ == "__main__":
    main()
