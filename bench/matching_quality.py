"""Benchmark: precision and recall of the automatic matches on a labelled set of transfers.

    .venv/bin/python bench/matching_quality.py [--seed N] [--registrations 5000] [--transfers 2630]
                                               [--show-errors] [--show-misses 20]

Builds a labelled set with `bench/labelled_transfers.py` (fixed seed: the same set every run),
runs the matcher over it in order, as an import would, and prints:

- precision: of the transfers booked automatically, the share booked on exactly the right
  registration(s), with the right amounts (every other booking is a wrong automatic match);
- recall: of the transfers for which a correct automatic booking exists (the amount is what is
  open, the registration is waiting for payment), the share booked automatically; once over all
  of them and once over those whose text tells the registration apart from its namesakes (a
  transfer saying only "Jan Peeters" when two Jan Peeters are registered cannot be booked);
- counts per kind of noise.

With --speed it also times the matcher the way the statement import uses it: build it over
20,000 registrations (the generator's names) and decide 10,000 transfers in the mix of
bench/reconcile.py (70% structured communication, 15% typed in the text, 15% free text from the
labelled set: names, cities, unrelated transfers); best of three runs.

It measures; it asserts nothing. Targets: precision 100%, recall at least 90%.
"""

import argparse
import datetime as dt
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
# bench/ holds calendar.py: keep this folder off the import path, or it would stand in for the
# standard library's `calendar` for everything imported below (it made the import 1 s slower).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from bench.labelled_transfers import Labelled, build  # noqa: E402
from eigenkracht.payments.matching import Candidate, Decision, Matcher  # noqa: E402
from eigenkracht.payments.statements.base import Transaction  # noqa: E402


def _correct(item: Labelled, decision: Decision, open_before: dict[int, int]) -> bool:
    booked = {b.registration_id: b.amount_cents for b in decision.bookings}
    if set(booked) != set(item.targets):
        return False
    if decision.rule in ("ogm", "ogm_in_text", "code"):
        return True  # identity certain; the amount decides matched/partial/overpaid
    return all(booked[r] == open_before[r] for r in item.targets) and item.bookable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20250214)
    parser.add_argument("--registrations", type=int, default=5000)
    parser.add_argument("--transfers", type=int, default=2630)
    parser.add_argument("--show-errors", action="store_true", help="print wrong bookings")
    parser.add_argument("--show-misses", type=int, default=0, help="print N missed transfers")
    parser.add_argument("--speed", action="store_true", help="also time 20,000 x 10,000")
    args = parser.parse_args()
    if args.speed:
        speed(args.seed)

    labelled = build(args.seed, args.registrations, args.transfers)
    candidates: dict[int, Candidate] = {c.registration_id: c for c in labelled.candidates}
    started = time.perf_counter()
    matcher = Matcher(labelled.candidates)
    built = time.perf_counter()
    open_now = {
        c.registration_id: max(c.amount_due_cents - c.amount_paid_cents, 0)
        for c in labelled.candidates
    }
    rows: list[tuple[Labelled, Decision, bool]] = []
    for item in labelled.transfers:
        open_before = {r: open_now[r] for r in item.targets}
        decision = matcher.decide(item.transaction)
        for booking in decision.bookings:
            open_now[booking.registration_id] -= booking.amount_cents
        rows.append(
            (item, decision, bool(decision.bookings) and _correct(item, decision, open_before))
        )
    finished = time.perf_counter()

    per_kind: dict[str, Counter] = defaultdict(Counter)
    for item, decision, correct in rows:
        counts = per_kind[item.kind]
        counts["transfers"] += 1
        counts["bookable"] += item.bookable
        counts["identifiable"] += item.identifiable
        if decision.bookings:
            counts["booked"] += 1
            counts["right" if correct else "WRONG"] += 1
            if item.bookable and correct:
                counts["recalled"] += 1
                counts["recalled_identifiable"] += item.identifiable
        else:
            counts[decision.result] += 1

    booked = sum(c["booked"] for c in per_kind.values())
    right = sum(c["right"] for c in per_kind.values())
    bookable = sum(c["bookable"] for c in per_kind.values())
    identifiable = sum(c["identifiable"] for c in per_kind.values())
    recalled = sum(c["recalled"] for c in per_kind.values())
    recalled_identifiable = sum(c["recalled_identifiable"] for c in per_kind.values())

    print(
        f"labelled set: {len(labelled.transfers)} transfers against {len(candidates)} "
        f"registrations (seed {args.seed})"
    )
    print(
        f"matcher: built in {(built - started) * 1000:.0f} ms, "
        f"{len(rows)} decisions in {(finished - built) * 1000:.0f} ms"
    )
    print()
    header = (
        f"{'kind':<24}{'n':>6}{'bookable':>10}{'identif.':>10}{'booked':>8}{'right':>7}"
        f"{'wrong':>7}{'review':>8}{'recall':>9}"
    )
    print(header)
    print("-" * len(header))
    for kind in sorted(per_kind):
        c = per_kind[kind]
        recall = f"{100 * c['recalled'] / c['bookable']:.1f}%" if c["bookable"] else "-"
        print(
            f"{kind:<24}{c['transfers']:>6}{c['bookable']:>10}{c['identifiable']:>10}"
            f"{c['booked']:>8}{c['right']:>7}{c['WRONG']:>7}{c['review']:>8}{recall:>9}"
        )
    print()
    precision = 100 * right / booked if booked else 100.0
    print(f"precision (automatic bookings that are right): {precision:.2f}% ({right}/{booked})")
    print(
        f"recall (bookable transfers booked automatically): "
        f"{100 * recalled / bookable:.2f}% ({recalled}/{bookable})"
    )
    print(
        "recall over transfers that tell their registration apart: "
        f"{100 * recalled_identifiable / identifiable:.2f}%"
        f" ({recalled_identifiable}/{identifiable})"
    )

    if args.show_errors:
        for item, decision, correct in rows:
            if decision.bookings and not correct:
                _show("WRONG", item, decision, candidates)
    if args.show_misses:
        shown = 0
        for item, decision, _ in rows:
            if item.identifiable and not decision.bookings and shown < args.show_misses:
                _show("MISSED", item, decision, candidates)
                shown += 1


def speed(seed: int) -> None:
    """Build + 10,000 decisions against 20,000 registrations, in the import's mix."""
    free_text = build(seed, 20000, 1500)
    candidates = free_text.candidates
    rng = random.Random(seed)
    transactions = [item.transaction for item in free_text.transfers]
    named = {target for item in free_text.transfers for target in item.targets}
    open_ones = [c for c in candidates if c.status == "pending" and c.registration_id not in named]
    for n, candidate in enumerate(rng.sample(open_ones, 10000 - len(transactions))):
        digits = candidate.ogm
        typed = n % 100 >= 82  # 15 of the 85 with a reference: typed in the text
        transactions.append(
            Transaction(
                bank_id=f"speed/{n}",
                account="BE68539007547034",
                booking_date=dt.date(2025, 10, 1),
                amount_cents=candidate.amount_due_cents,
                counterparty_name=candidate.registrant_name.upper(),
                communication=f"+++{digits[:3]}/{digits[3:7]}/{digits[7:]}+++" if typed else digits,
                structured=not typed,
            )
        )
    rng.shuffle(transactions)
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        matcher = Matcher(candidates)
        built = time.perf_counter()
        decisions = [matcher.decide(tx) for tx in transactions]
        runs.append((built - started, time.perf_counter() - built))
    build_s, decide_s = min(runs, key=sum)
    counts = Counter(d.result for d in decisions)
    print(
        f"speed: {len(candidates)} registrations, {len(transactions)} transfers: build"
        f" {build_s * 1000:.0f} ms + decisions {decide_s * 1000:.0f} ms ="
        f" {(build_s + decide_s) * 1000:.0f} ms (best of 3); {dict(sorted(counts.items()))}"
    )
    print()


def _show(what: str, item: Labelled, decision: Decision, candidates: dict[int, Candidate]) -> None:
    tx = item.transaction
    print(f"\n{what} [{item.kind}] {tx.amount_cents / 100:.2f} payer={tx.counterparty_name!r}")
    print(f"  text={tx.communication!r}")
    for target in item.targets:
        c = candidates[target]
        print(f"  truth: {c.code} {c.participant_names} {c.training_city} {c.status}")
    for booking in decision.bookings:
        c = candidates[booking.registration_id]
        print(f"  booked: {c.code} {c.participant_names} {c.training_city} {booking.amount_cents}")
    print(f"  {decision.result}/{decision.rule}: {decision.reason}")
    for s in decision.suggestions[:3]:
        print(f"    {s.score:.2f} {s.reason}")


if __name__ == "__main__":
    main()
