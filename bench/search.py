"""Benchmark: the staff search with 100,000 registrations and 10,000 trajectories, on PostgreSQL.

    .venv/bin/python bench/search.py [POSTGRES_URL] [--registrations 100000]
                                     [--trajectories 10000] [--rounds 20]

PostgreSQL: the URL argument, else BENCH_DATABASE_URL. On that server a fresh database
`eigenkracht_bench_<random>` is created and dropped again afterwards, so the role needs CREATEDB.
Without a URL the script starts its own throw-away PostgreSQL 15 server on loopback.

It migrates (with the trigram indexes), loads the registrations as bench/reconcile.py does
(realistic Flemish names, 200 trainings), pays 2,000 of them by bank transfer from an IBAN of
their own, loads the trajectories as bench/trajectories.py does (every phase, a main person and
a network each), and runs ANALYZE. Then it runs a mix of searches through the search service
(backoffice/search.py, as the page calls it) as the office and as the busiest coordinator:
whole and partial names, a first and last name, e-mail addresses, OGMs in two notations, a code,
an IBAN with spaces, a trajectory reference. It prints p50 and p95 per kind and overall, in
milliseconds, and the queries per search. It measures; it asserts nothing.
"""

import sys
from pathlib import Path

# Keep this folder off the import path: its calendar.py would shadow the standard library's
# `calendar` module for everything imported below.
BENCH_DIR = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR]

import argparse  # noqa: E402
import contextlib  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402

PROJECT_DIR = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "src"))

from bench.pgserver import fresh_database, log, throwaway_postgres  # noqa: E402

PAID_BY_TRANSFER = 2_000


def setup_django(database_url: str) -> None:
    from bench.reconcile import setup_django as reconcile_setup

    reconcile_setup(database_url)


def pay_some(registrations: list, rng: random.Random) -> list[str]:
    """Bank transfers from an IBAN of their own for some registrations; returns those IBANs."""
    from django.db import transaction
    from django.utils import timezone
    from stdnum import iban as stdnum_iban

    from eigenkracht.payments.models import BankTransaction, Payment, StatementImport

    today = timezone.localdate()
    chosen = rng.sample(registrations, PAID_BY_TRANSFER)
    ibans = []
    for n in range(len(chosen)):
        account = f"{n:012d}"
        ibans.append("BE" + stdnum_iban.calc_check_digits("BE00" + account) + account)
    with transaction.atomic():
        upload = StatementImport.objects.create(filename="bench.cod", content=b"", sha256="b")
        rows = BankTransaction.objects.bulk_create(
            BankTransaction(
                statement_import=upload,
                account="BE68539007547034",
                bank_id=f"bench-{n}",
                booking_date=today,
                amount_cents=2000,
                counterparty_name=name,
                counterparty_iban=iban,
                result=BankTransaction.Result.MATCHED,
            )
            for n, ((_pk, _o, name, _d, _c), iban) in enumerate(zip(chosen, ibans, strict=True))
        )
        Payment.objects.bulk_create(
            Payment(
                registration_id=pk,
                amount_cents=2000,
                paid_on=today,
                source=Payment.Source.BANK,
                bank_transaction=row,
            )
            for (pk, *_rest), row in zip(chosen, rows, strict=True)
        )
    return ibans


def queries_mix(registrations: list, ibans: list[str], rng: random.Random) -> list[tuple]:
    """(kind, text) pairs: what the office types when someone calls."""
    from eigenkracht.banking.ogm import ogm_display
    from eigenkracht.trainings.models import Registration
    from eigenkracht.trajectories.models import Trajectory
    from tests.fixtures_gen.trajectories import LAST

    sample = rng.sample(registrations, 40)
    codes = list(
        Registration.objects.filter(pk__in=[r[0] for r in sample[:5]]).values_list(
            "code", flat=True
        )
    )
    references = list(Trajectory.objects.order_by("?").values_list("reference", flat=True)[:5])
    mix = []
    for _pk, ogm, name, _due, _city in sample[:5]:
        last = name.partition(" ")[2]
        mix += [
            ("naam", last),
            ("deel van een naam", last[: max(3, len(last) // 2)]),
            ("voor- en familienaam", name),
            ("OGM +++", ogm_display(ogm)),
            ("OGM cijfers", ogm),
        ]
    mix += [("e-mailadres", f"p{rng.randrange(len(registrations))}@example.be") for _ in range(5)]
    mix += [("code", code) for code in codes]
    iban = rng.choice(ibans)
    mix += [("IBAN", " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)).lower())]
    mix += [("referentie traject", reference) for reference in references]
    mix += [("familienaam traject", rng.choice(LAST)) for _ in range(3)]
    return mix


def measure(users: list, mix: list[tuple], rounds: int) -> None:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from eigenkracht.backoffice.search import read_terms, staff_search

    times: dict[str, list[float]] = defaultdict(list)
    query_counts: dict[str, set[int]] = defaultdict(set)
    for user in users:  # warm-up: plans cached, pages in memory
        for _kind, text in mix:
            staff_search(user, read_terms(text))
    for _ in range(rounds):
        for user in users:
            for kind, text in mix:
                reset_queries()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    staff_search(user, read_terms(text))
                    elapsed = (time.perf_counter() - started) * 1000
                times[kind].append(elapsed)
                times["alles"].append(elapsed)
                query_counts[kind].add(len(captured))

    def p(values: list[float], percent: int) -> float:
        return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]

    print()
    print(f"{'soort':24} {'n':>5} {'p50 ms':>8} {'p95 ms':>8}  queries")
    for kind, values in times.items():
        counts = ",".join(str(c) for c in sorted(query_counts.get(kind, {0})))
        print(
            f"{kind:24} {len(values):5d} {p(values, 50):8.1f} {p(values, 95):8.1f}  "
            f"{counts if kind != 'alles' else ''}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--registrations", type=int, default=100_000)
    parser.add_argument("--trajectories", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(20261205)
    with contextlib.ExitStack() as stack:
        server_url = args.url or stack.enter_context(throwaway_postgres())
        database_url = stack.enter_context(fresh_database(server_url))
        setup_django(database_url)

        from django.db import connection

        from bench.reconcile import load_registrations
        from bench.trajectories import load_data

        began = time.perf_counter()
        registrations = load_registrations(args.registrations, rng)
        ibans = pay_some(registrations, rng)
        log(f"{len(registrations)} registrations in {time.perf_counter() - began:.1f} s")
        office, coordinator = load_data(args.trajectories)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        mix = queries_mix(registrations, ibans, rng)
        log(f"{len(mix)} searches x 2 users (office, busiest coordinator) x {args.rounds} rounds")
        measure([office, coordinator.user], mix, args.rounds)


if __name__ == "__main__":
    main()
