"""Benchmark: the matcher alone, without a database, on bench/reconcile.py's generated data.

    .venv/bin/python bench/decide.py [--transfers 10000] [--registrations 20000] [--runs 3]
                                     [--profile] [--dump FILE]

Builds the candidates `matching_candidates` would load for bench/reconcile.py's registrations
(the same generator: 200 trainings in 8 cities, realistic Flemish names, fixed seed) and parses
its CODA file of transfers, then times what `_decide` does: build the matcher and decide every
transfer in order. Best of --runs; --profile prints the top functions of one run (cProfile);
--dump writes the repr of every decision, one a line, to compare two versions of the matcher
(also over bench/matching_quality.py's labelled set and its speed mix). It asserts nothing.
"""

import argparse
import cProfile
import datetime as dt
import gc
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
# bench/ holds calendar.py: keep this folder off the import path, or it would stand in for the
# standard library's `calendar` for everything imported below (it made the import 1 s slower).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from bench.reconcile import CITIES, make_file  # noqa: E402
from eigenkracht.payments.matching import Candidate, Matcher  # noqa: E402

TODAY = dt.date(2026, 11, 26)


def candidates_and_transactions(registrations: int, transfers: int) -> tuple[list, list]:
    from bench.labelled_transfers import _Generator
    from eigenkracht.banking import ogm as ogm_module
    from eigenkracht.payments.statements.coda import parse_coda

    rng = random.Random(20261126)
    people = _Generator(rng.randrange(10**6), 0, 0)
    ogms: set[str] = set()
    while len(ogms) < registrations:
        base = f"{rng.randrange(10**10):010d}"
        ogms.add(base + ogm_module.ogm_vcs.calc_check_digits(base))
    candidates = []
    rows = []
    for n, ogm in enumerate(sorted(ogms)):
        training = n % 200
        city = CITIES[training % len(CITIES)]
        person = people.person()
        name = f"{person.first} {person.last}"
        candidates.append(
            Candidate(
                registration_id=n + 1,
                code=f"EK{n:06d}",
                ogm=ogm,
                status="pending",
                amount_due_cents=2000,
                amount_paid_cents=0,
                registrant_name=name,
                participant_names=(),  # as matching_candidates: the registrant alone
                organisation="",
                training_title=f"Basisvorming {training + 1}",
                training_city=city,
                venue_name=f"Zaal {city}",
                session_dates=(TODAY + dt.timedelta(days=20 + training % 90),),
            )
        )
        rows.append((n + 1, ogm, name, 2000, city))
    make_file(rows, transfers // 10, rng)  # the small file: keeps the generator in step
    transactions = parse_coda(make_file(rows, transfers, rng)).transactions
    return candidates, transactions


def decide_all(candidates: list, transactions: list) -> list:
    """As `_decide` runs in the import: with the cyclic garbage collector paused."""
    gc.disable()
    try:
        matcher = Matcher(candidates)
        return [matcher.decide(tx) for tx in transactions]
    finally:
        gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transfers", type=int, default=10_000)
    parser.add_argument("--registrations", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dump", default="")
    args = parser.parse_args()
    candidates, transactions = candidates_and_transactions(args.registrations, args.transfers)
    times = []
    for _ in range(args.runs):
        gc.collect()
        started, cpu = time.perf_counter(), time.process_time()
        decisions = decide_all(candidates, transactions)
        times.append((time.perf_counter() - started, time.process_time() - cpu))
    print(
        f"decide: {len(candidates)} candidates, {len(transactions)} transfers: "
        + ", ".join(f"{wall:.3f} s ({cpu:.3f} s CPU)" for wall, cpu in times)
        + f" (best {min(wall for wall, _cpu in times):.3f} s)"
    )
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(decide_all, candidates, transactions)
        pstats.Stats(profile).sort_stats("tottime").print_stats(20)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    if args.dump:
        with open(args.dump, "w") as out:
            for decision in decisions:
                out.write(repr(decision) + "\n")
            for decision in _quality_sets():
                out.write(repr(decision) + "\n")
        print(f"decisions written to {args.dump}")


def _quality_sets() -> list:
    """Decisions over bench/matching_quality.py's labelled sets (several seeds) and its speed
    mix: the noisy transfers that exercise every rule."""
    from bench.labelled_transfers import build

    decisions = []
    for seed in (20250214, 1, 2, 3):
        labelled = build(seed, 5000, 2630)
        decisions.extend(
            decide_all(labelled.candidates, [i.transaction for i in labelled.transfers])
        )
    free_text = build(20250214, 20000, 1500)
    decisions.extend(decide_all(free_text.candidates, [i.transaction for i in free_text.transfers]))
    return decisions


if __name__ == "__main__":
    main()
