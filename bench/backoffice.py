"""Benchmark: every staff list and detail page at ten times the demo data, on PostgreSQL.

    .venv/bin/python bench/backoffice.py [POSTGRES_URL] [--times 10] [--requests 20]

PostgreSQL: the URL argument, else BENCH_DATABASE_URL. On that server a fresh database
`eigenkracht_bench_<random>` is created and dropped again afterwards, so the role needs CREATEDB.
Without a URL the script starts its own throw-away PostgreSQL 15 server on loopback.

It migrates and loads `manage.py demo_data` once, then the demo trainings (with their
registrations) and the demo trajectories (every phase, through the services: timelines, audit
entries and mails as after real use) nine times more, and one bank statement per round that pays
some registrations by their structured communication and leaves others for the review queue.
Then, logged in as the demo office worker (second factor verified, as after a real login), it
requests every back-office page (lists, and details of the first and the last row) N times in
this process with Django's test client, settings as in production (DEBUG off), and prints p50
and p95 in milliseconds and the number of queries per page. It measures; it asserts nothing.
"""

import sys
from pathlib import Path

# Keep this folder off the import path: its calendar.py would shadow the standard library's
# `calendar` module for everything imported below.
BENCH_DIR = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR]

import argparse  # noqa: E402
import contextlib  # noqa: E402
import dataclasses  # noqa: E402
import datetime as dt  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import secrets  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from unittest import mock  # noqa: E402

PROJECT_DIR = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "src"))

from bench.pgserver import fresh_database, log, throwaway_postgres  # noqa: E402

OFFICE_EMAIL = "kantoor@example.org"
MANAGER_EMAIL = "beheer@example.org"


def setup_django(database_url: str, static_root: str) -> None:
    """Settings as in production (DEBUG off, hashed static files), schema migrated."""
    os.environ.update(
        DATABASE_URL=database_url,
        STATIC_ROOT=static_root,
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        # The demo's mails are delivered to memory, as `demo_data` does itself.
        EMAIL_URL="memorymail://",
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="eigenkracht.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


# Data -------------------------------------------------------------------------------------------


def load_data(times: int) -> None:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("demo_data", force=True, stdout=io.StringIO())
    for round_number in range(2, times + 1):
        more_trainings(round_number)
        more_trajectories()
    for round_number in range(1, times + 1):
        statement(round_number)
    log(f"data: {counts()} in {time.perf_counter() - started:.0f} s")


def more_trainings(round_number: int) -> None:
    """The demo trainings once more, under other titles (the command knows them by title)."""
    from django.db import transaction

    from eigenkracht.accounts.models import User
    from eigenkracht.backoffice.management.commands import demo_data
    from eigenkracht.trainings.models import Venue

    trainings = tuple(
        dataclasses.replace(demo, title=f"{demo.title} ({round_number})")
        for demo in demo_data.DEMO_TRAININGS
    )
    titles = {demo.title for demo in trainings}
    venues = {venue.city: venue for venue in Venue.objects.all()}
    command = demo_data.Command(stdout=io.StringIO())
    with (
        mock.patch.object(demo_data, "DEMO_TRAININGS", trainings),
        mock.patch.object(demo_data, "DEMO_TITLES", titles),
        transaction.atomic(),
    ):
        command._trainings(actor=User.objects.get(email=OFFICE_EMAIL), venues=venues)


def more_trajectories() -> None:
    """The demo families' stories once more (`demo_trajectories` runs them only once)."""
    from django.db import transaction

    from eigenkracht.accounts.models import User
    from eigenkracht.trajectories.demo import stories

    demo = stories._Demo(office=User.objects.get(email=OFFICE_EMAIL), stdout=io.StringIO())
    with transaction.atomic():
        demo.make_coordinators()
        demo.refer_all()
        demo.referred()
        demo.intake()
        demo.preparation()
        demo.plan_made()
        demo.follow_ups()
        demo.closed()
        demo.stopped()


def statement(number: int) -> None:
    """A statement paying a few pending registrations by OGM, a few by name (for the review
    queue), and a transfer that is not for a registration."""
    from eigenkracht.core.models import Organisation
    from eigenkracht.payments.services import statement_import
    from eigenkracht.trainings.models import Registration
    from tests.fixtures_gen.coda import CodaMovement, make_coda, statements_for

    pending = list(
        Registration.objects.filter(status=Registration.Status.PENDING, amount_due_cents__gt=0)
        .order_by("pk")
        .values_list("structured_communication", "first_name", "last_name", "amount_due_cents")[:8]
    )
    movements = []
    for index, (ogm, first, last, due) in enumerate(pending):
        payer = f"{first} {last}".upper()
        if index % 2 == 0:
            movements.append(CodaMovement(amount_cents=due, ogm=ogm, counterparty_name=payer))
        else:
            movements.append(
                CodaMovement(amount_cents=due - 500, text="vorming", counterparty_name=payer)
            )
    movements.append(
        CodaMovement(amount_cents=45000, text="huur zaal", counterparty_name="VZW DE ZAAL")
    )
    iban = Organisation.current().iban
    data = make_coda(statements_for(iban, movements, first_number=number))
    statement_import(data=data, filename=f"uittreksel-{number}.cod", actor=None)


def counts() -> str:
    from eigenkracht.core.models import AuditEntry, OutboxMessage
    from eigenkracht.payments.models import BankTransaction
    from eigenkracht.trainings.models import Registration, Training
    from eigenkracht.trajectories.models import Trajectory

    return ", ".join(
        f"{model.objects.count()} {name}"
        for name, model in (
            ("trainings", Training),
            ("registrations", Registration),
            ("trajectories", Trajectory),
            ("transactions", BankTransaction),
            ("mails", OutboxMessage),
            ("audit entries", AuditEntry),
        )
    )


# Pages ------------------------------------------------------------------------------------------


def pages() -> list[str]:
    """Every back-office page: lists, and details of the first and the last row. The pages
    only a manager may open (the organisation's settings, the users) come last."""
    from django.urls import reverse

    from eigenkracht.core.models import OutboxMessage
    from eigenkracht.payments.models import BankTransaction, StatementImport
    from eigenkracht.trainings.models import Registration, Session, Training
    from eigenkracht.trajectories.models import Coordinator, Trajectory

    def ends(queryset) -> list[int]:
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        return sorted({ids[0], ids[-1]}) if ids else []

    urls = [
        reverse("backoffice:home"),
        reverse("trainings_dashboard:dashboard"),
        reverse("trainings_backoffice:training_list"),
        reverse("trainings_backoffice:venue_list"),
        reverse("trainings_mail_templates:list"),
        reverse("payments_backoffice:import_list"),
        reverse("payments_backoffice:review_queue"),
        reverse("payments_backoffice:own_account_list"),
        reverse("trainings_exports:export_form"),
        reverse("backoffice:outbox"),
        reverse("backoffice:audit"),
        reverse("pages_backoffice:page_list"),
        reverse("accounts_backoffice:token_list"),
        reverse("trajectories:list"),
        reverse("trajectories:inbox"),
        reverse("trajectories:coordinator_list"),
        reverse("reports:figures"),
    ]
    for pk in ends(Training.objects.all()):
        urls.append(reverse("trainings_backoffice:training_detail", args=[pk]))
    for pk in ends(Registration.objects.all()):
        urls.append(reverse("trainings_backoffice:registration_detail", args=[pk]))
    for pk in ends(Session.objects.filter(date__lte=dt.date.today())):
        urls.append(reverse("trainings_attendance:session_attendance", args=[pk]))
    for pk in ends(StatementImport.objects.all()):
        urls.append(reverse("payments_backoffice:import_detail", args=[pk]))
    for pk in ends(BankTransaction.objects.all()):
        urls.append(reverse("payments_backoffice:transaction_detail", args=[pk]))
    for pk in ends(OutboxMessage.objects.all()):
        urls.append(reverse("backoffice:outbox_detail", args=[pk]))
    for pk in ends(Coordinator.objects.all()):
        urls.append(reverse("trajectories:coordinator_edit", args=[pk]))
    # The trajectory furthest along (closed, with a conference, a plan and a network) and the
    # newest referral.
    furthest = Trajectory.objects.filter(plans__isnull=False).order_by("pk").first()
    newest = Trajectory.objects.order_by("pk").last()
    for trajectory in (furthest, newest):
        if trajectory is None:
            continue
        for name in ("detail", "intake", "assign", "participants", "conference", "plan"):
            urls.append(reverse(f"trajectories:{name}", args=[trajectory.pk]))
        for name in ("follow_up",):
            urls.append(reverse(f"trajectories:{name}", args=[trajectory.pk]))
        for name in ("map", "snapshots"):
            urls.append(reverse(f"trajectories:network:{name}", args=[trajectory.pk]))
    return [*urls, reverse("backoffice:organisation"), reverse("accounts:user_list")]


MANAGER_PAGES = ("/beheer/instellingen/", "/account/gebruikers/")


@dataclasses.dataclass
class Measured:
    url: str
    status: int
    queries: int
    times: list[float]

    def percentile(self, p: int) -> float:
        if len(self.times) < 2:
            return self.times[0]
        return statistics.quantiles(self.times, n=100, method="inclusive")[p - 1]


def staff_client(email: str):
    """A test client logged in as this demo user, second factor verified."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from eigenkracht.accounts.models import User

    user = User.objects.get(email=email)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


def measure(client, url: str, requests: int) -> Measured:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm up: templates compiled, caches filled
        client.get(url)
    # Each request empties the query log when it starts: empty it before counting too.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    count = len(queries)  # read now: the log is read when asked, and the next request empties it
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    return Measured(url, status, count, times)


def report(results: list[Measured], *, times: int, requests: int) -> None:
    print()
    print(f"demo data x{times}, {requests} requests per page, Django test client, PostgreSQL")
    print(f"{'page':<58}{'status':>7}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
    for r in results:
        flag = "  > 100 ms" if r.percentile(95) > 0.1 else ""
        print(
            f"{r.url:<58}{r.status:>7}{r.percentile(50) * 1000:>9.1f}"
            f"{r.percentile(95) * 1000:>9.1f}{r.queries:>9}{flag}"
        )
    slow = [r for r in results if r.percentile(95) > 0.1]
    print(f"{len(results)} pages, {len(slow)} with p95 over 100 ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--times", type=int, default=10, choices=range(1, 51), metavar="1-50")
    parser.add_argument("--requests", type=int, default=20, choices=range(1, 501), metavar="N")
    parser.add_argument(
        "--only", default="", help="only the pages whose address contains this text"
    )
    parser.add_argument(
        "--prepared",
        default="",
        metavar="DATABASE_URL",
        help="use this database as it is, loading the data only when it holds no trainings yet, "
        "and keep it (to measure again after a change without loading again)",
    )
    args = parser.parse_args()

    with contextlib.ExitStack() as stack:
        static_root = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-static."))
        if args.prepared:
            setup_django(args.prepared, static_root)
        else:
            server_url = args.url or stack.enter_context(throwaway_postgres())
            setup_django(stack.enter_context(fresh_database(server_url)), static_root)
        from eigenkracht.trainings.models import Training

        if not Training.objects.exists():
            load_data(args.times)
        office, manager = staff_client(OFFICE_EMAIL), staff_client(MANAGER_EMAIL)
        results = [
            measure(manager if url in MANAGER_PAGES else office, url, args.requests)
            for url in pages()
            if args.only in url
        ]
        report(results, times=args.times, requests=args.requests)
        from django.db import connections

        connections.close_all()


if __name__ == "__main__":
    main()
