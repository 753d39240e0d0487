"""Benchmark: import a CODA file of 10,000 incoming transfers against 20,000 open registrations.

    .venv/bin/python bench/reconcile.py [POSTGRES_URL] [--transfers 10000] [--registrations 20000]
                                        [--no-mails]

PostgreSQL: the URL argument, else BENCH_DATABASE_URL, else a throw-away server started here
(needs Debian's postgresql-15). A fresh database is created and dropped afterwards.

The file (made with the project's own CODA generator) holds about 70% transfers with the right
structured communication, 15% with it typed in the free text, 10% with only the name and the
training's city, and 5% unrelated transfers. The script prints transactions per second for
parsing alone (best of three) and for the whole import (parse, match, write; the mails are
queued for the worker, as in production; the median of three, each after undoing the one before
and a VACUUM ANALYZE), the number of queries of the whole import at two file sizes, what
the matcher decided, the worker's mail task (composing the queued mails in a process of its
own, started as `db_worker` starts, then delivering them to a stand-in server: seconds, CPU
seconds, queries per batch), and the import's peak memory per transfer (Python's allocations
traced with tracemalloc in a second import of the same file: tracing slows it, so it is not
timed).
It measures; it asserts nothing. The memory target is for 100,000 transfers:

    .venv/bin/python bench/reconcile.py URL --transfers 100000 --registrations 200000
"""

import argparse
import contextlib
import datetime as dt
import os
import random
import secrets
import subprocess
import sys
import time
import tracemalloc
import unicodedata
from collections import Counter
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "src"))
# bench/ holds calendar.py: keep this folder off the import path, or it would stand in for the
# standard library's `calendar` for everything imported below (it made the import 1 s slower).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from bench.pgserver import fresh_database, log, throwaway_postgres  # noqa: E402

ACCOUNT = "BE68539007547034"
CITIES = ["Gent", "Antwerpen", "Leuven", "Brugge", "Hasselt", "Kortrijk", "Mechelen", "Aalst"]


def setup_django(database_url: str) -> None:
    os.environ.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        # Mails are queued for the worker, as in production, not rendered during the import.
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="eigenkracht.settings",
    )
    import django

    from eigenkracht.core.collector import set_up_frozen

    # As the commands set up (manage.py: import_statement, the task worker composing the mails).
    set_up_frozen(django.setup)()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def load_registrations(count: int, rng: random.Random) -> list[tuple[int, str, str, int, str]]:
    """`count` pending registrations over 200 trainings; returns (id, ogm, name, due, city)."""
    from django.db import transaction
    from django.utils import timezone

    from bench.labelled_transfers import _Generator
    from eigenkracht.banking.ogm import ogm_generate
    from eigenkracht.trainings.models import Participant, Registration, Session, Training, Venue

    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        venues = Venue.objects.bulk_create(
            Venue(name=f"Zaal {city}", street="Kerkstraat 1", postcode="9000", city=city)
            for city in CITIES
        )
        trainings = Training.objects.bulk_create(
            Training(
                title=f"Basisvorming {n + 1}",
                description="-",
                venue=venues[n % len(venues)],
                capacity=200,
                fee_cents=2000,
                status=Training.Status.PUBLISHED,
                starts_on=today + dt.timedelta(days=20 + n % 90),
                ends_on=today + dt.timedelta(days=20 + n % 90),
            )
            for n in range(200)
        )
        Session.objects.bulk_create(
            Session(
                training=t, date=t.starts_on, start_time=dt.time(9, 30), end_time=dt.time(16, 30)
            )
            for t in trainings
        )
        ogms = set()
        while len(ogms) < count:
            ogms.add(ogm_generate())
        registrations = []
        people = _Generator(rng.randrange(10**6), 0, 0)  # realistic Flemish names
        for n, ogm in enumerate(sorted(ogms)):
            training = trainings[n % len(trainings)]
            person = people.person()
            first, last = person.first, person.last
            registrations.append(
                Registration(
                    training=training,
                    code=f"EK{n:06d}",
                    token=secrets.token_urlsafe(24),
                    structured_communication=ogm,
                    status=Registration.Status.PENDING,
                    first_name=first,
                    last_name=last,
                    email=f"p{n}@example.be",
                    seats=1,
                    amount_due_cents=2000,
                    payment_deadline=today + dt.timedelta(days=14),
                    consent_at=now,
                )
            )
        registrations = Registration.objects.bulk_create(registrations, batch_size=2000)
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
    city_of = {t.pk: t.venue.city for t in trainings}
    return [
        (
            r.pk,
            r.structured_communication,
            f"{r.first_name} {r.last_name}",
            2000,
            city_of[r.training_id],
        )
        for r in registrations
    ]


def make_file(registrations: list, transfers: int, rng: random.Random) -> bytes:
    from tests.fixtures_gen.coda import CodaMovement, make_coda, statements_for

    chosen = rng.sample(registrations, transfers)
    movements = []
    for n, (_pk, ogm, name, due, city) in enumerate(chosen):
        # Banks write CODA in Windows-1252 and drop the letters it cannot hold.
        name = unicodedata.normalize("NFKD", name).encode("cp1252", "ignore").decode("cp1252")
        kind = n % 20  # 14/20 structured, 3/20 typed in the text, 2/20 name and city, 1/20 other
        payer = name.upper()[:35]  # the width of CODA's name field
        if kind < 14:
            movement = CodaMovement(amount_cents=due, ogm=ogm, counterparty_name=payer)
        elif kind < 17:
            typed = f"+++{ogm[:3]}/{ogm[3:7]}/{ogm[7:]}+++"
            movement = CodaMovement(
                amount_cents=due, text=f"vorming {typed}", counterparty_name=payer
            )
        elif kind < 19:
            movement = CodaMovement(
                amount_cents=due, text=f"{name} vorming {city}", counterparty_name=payer
            )
        else:
            movement = CodaMovement(
                amount_cents=rng.randint(1000, 90000),
                text="huur zaal maart",
                counterparty_name="VZW DE ZAAL",
            )
        movements.append(movement)
    return make_coda(statements_for(ACCOUNT, movements, per_statement=5000))


def run_import(data: bytes) -> tuple[float, int, Counter]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from eigenkracht.payments.services import statement_import

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        outcome = statement_import(data=data, filename="bench.coda", actor=None)
        elapsed = time.perf_counter() - started
    return elapsed, len(queries), Counter(outcome.summary)


def run_mails() -> tuple[int, float, float, int, float, int]:
    """Compose, then deliver, the mails the last import stored, as the worker's tasks would, in a
    process of its own (the locmem backend stands in for the mail server). Returns the number of
    mails, the seconds and this process's CPU seconds of composing (the wall time on a busy
    machine says little), its queries (one delivery task queued per batch is counted too), and
    the seconds and queries of delivering."""
    from django.db import connection

    from eigenkracht.core.models import OutboxMessage
    from eigenkracht.core.outbox import outbox_compose_many, outbox_deliver_many
    from eigenkracht.payments.models import StatementImport

    Status = OutboxMessage.Status
    since = StatementImport.objects.latest("created_at").created_at
    ids = list(
        OutboxMessage.objects.filter(status=Status.COMPOSING, created_at__gte=since).values_list(
            "pk", flat=True
        )
    )
    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started, cpu = time.perf_counter(), time.process_time()
        outbox_compose_many(message_ids=ids)
        compose_seconds, compose_queries = time.perf_counter() - started, queries[0]
        compose_cpu = time.process_time() - cpu
        queued = OutboxMessage.objects.filter(pk__in=ids, status=Status.QUEUED)
        queued = list(queued.values_list("pk", flat=True))
        queries[0] = 0
        started = time.perf_counter()
        outbox_deliver_many(message_ids=queued)
        deliver_seconds, deliver_queries = time.perf_counter() - started, queries[0]
    return len(ids), compose_seconds, compose_cpu, compose_queries, deliver_seconds, deliver_queries


def print_mails() -> None:
    mails, compose_seconds, compose_cpu, compose_queries, deliver_seconds, deliver_queries = (
        run_mails()
    )
    from eigenkracht.core.outbox import BATCH_SIZE

    batches = max(1, -(-mails // BATCH_SIZE))
    print(
        f"mail task:      {compose_seconds:6.2f} s ({compose_cpu:.2f} s CPU)  {mails} mails "
        f"composed, {compose_queries} queries ({compose_queries / batches:.1f} per batch of "
        f"{BATCH_SIZE})"
    )
    print(f"mail delivery:  {deliver_seconds:6.2f} s  {deliver_queries} queries")


def peak_memory(data: bytes) -> int:
    """Bytes the import held at its peak beyond what was allocated before it started."""
    from eigenkracht.payments.services import statement_import

    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        statement_import(data=data, filename="bench.coda", actor=None)
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def reset_payments() -> None:
    """Undo the last import, then VACUUM ANALYZE as autovacuum would: resetting rewrites every
    registration, which doubles the table and its eleven indexes until vacuumed (about 0.15 s on
    the next import), a state no import on a server in use meets."""
    from django.db import connection

    from eigenkracht.payments.models import BankTransaction, Payment, StatementImport
    from eigenkracht.trainings.models import Registration

    Payment.objects.all().delete()
    BankTransaction.objects.all().delete()
    StatementImport.objects.all().delete()
    Registration.objects.update(
        status=Registration.Status.PENDING, amount_paid_cents=0, confirmation_sent_at=None
    )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_tasks_database_dbtaskresult")
        cursor.execute("VACUUM ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--transfers", type=int, default=10_000)
    parser.add_argument("--registrations", type=int, default=20_000)
    parser.add_argument("--no-mails", action="store_true", help="skip the mail task")
    parser.add_argument("--mails-of", metavar="DATABASE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mails_of:  # the worker's side: a process of its own, as `db_worker` runs the task
        os.environ["EMAIL_URL"] = "memorymail://"  # Django's locmem backend: no mail server
        setup_django(args.mails_of)
        # `db_worker`, as every command that does not opt out, runs the system checks when it
        # starts; they import the URLconf and every view, which its tasks then find loaded.
        from django.core import checks

        checks.run_checks()
        print_mails()
        return
    rng = random.Random(20261126)
    with contextlib.ExitStack() as stack:
        server_url = args.url or stack.enter_context(throwaway_postgres())
        database_url = stack.enter_context(fresh_database(server_url))
        setup_django(database_url)
        registrations = load_registrations(args.registrations, rng)
        log(f"{len(registrations)} open registrations")

        from eigenkracht.payments.statements.coda import parse_coda

        small = make_file(registrations, args.transfers // 10, rng)
        data = make_file(registrations, args.transfers, rng)
        parse_seconds = float("inf")
        for _ in range(3):  # the best of three: the first also compiles the readers' patterns
            started = time.perf_counter()
            parsed = parse_coda(data)
            parse_seconds = min(parse_seconds, time.perf_counter() - started)

        small_seconds, small_queries, _ = run_import(small)
        runs = []
        for _ in range(3):
            reset_payments()
            runs.append(run_import(data))
        seconds, queries, summary = sorted(runs, key=lambda run: run[0])[1]  # the median
        total = len(parsed.transactions)
        print()
        print(f"CODA file: {total} transfers, {len(data) / 1e6:.1f} MB")
        print(
            f"parsing alone:  {parse_seconds:6.2f} s  {total / parse_seconds:9.0f} transactions/s"
        )
        print(
            f"whole import:   {seconds:6.2f} s  {total / seconds:9.0f} transactions/s  "
            f"({seconds / parse_seconds:.1f}x parsing alone; median of "
            + ", ".join(f"{run[0]:.2f}" for run in runs)
            + " s)"
        )
        print(
            f"queries: {small_queries} for {args.transfers // 10} transfers "
            f"({small_seconds:.2f} s), {queries} for {total}"
        )
        print("results: " + ", ".join(f"{k} {v}" for k, v in summary.items() if v))
        if not args.no_mails:
            # The worker composes the mails in its own process, not in the one that imported.
            sys.stdout.flush()
            subprocess.run(
                [sys.executable, "-m", "bench.reconcile", "--mails-of", database_url],
                cwd=PROJECT_DIR,
                check=True,
            )
        reset_payments()
        peak = peak_memory(data)
        print(f"peak memory:    {peak / 1e6:6.1f} MB  {peak / total / 1e3:9.2f} KB/transfer")


if __name__ == "__main__":
    main()
