"""Benchmark: laying out and drawing a network map (the pure `layout` and `svg` modules).

    .venv/bin/python bench/network_map.py [--repeats 30] [--sizes 10 50 200] [--pdf]

For each size it builds a network with realistic Flemish names and descriptions ("Buurvrouw
Fatima", "Juf Annelies", double surnames that get shortened) and a realistic spread: about 40 %
family, 20 % friends and neighbours, 15 % school, work and leisure, 25 % professionals; rings
30/40/30 % close/middle/far; ties 60/30/10 % strong/weak/stressful; a third attended. The seed is
fixed, so every run draws the same maps.

It prints, per size, the time to lay out, to render the SVG, and both together (p50 and the
minimum over the repeats, after one warm-up), plus the drawing's scale and size and the SVG's
length. Target: layout + render under 50 ms for 200 members. With --pdf it also times the PDF of
the map (fpdf2 drawing the SVG on an A4 page; needs Django's settings for the words). It measures;
it asserts nothing.
"""

import sys
from pathlib import Path

# bench/ holds calendar.py: keep this folder off the import path, or that file would shadow the
# standard library's `calendar` module for everything imported below.
BENCH_DIR = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR]
PROJECT_DIR = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_DIR / "src"))

import argparse  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import TypeVar  # noqa: E402

from eigenkracht.network.layout import Member, layout  # noqa: E402
from eigenkracht.network.svg import LEGEND_HEIGHT, Texts, render_svg  # noqa: E402

FIRST = (
    *("Rita", "Els", "Marc", "Jonas", "Fatima", "Annelies", "Kevin", "Mohamed", "Sofie"),
    *("Lotte", "Yusuf", "Jan", "Griet", "Karim", "Nora", "Pieter", "Ilse", "Tom", "Emma"),
    *("Lucas", "Amira", "Wout", "Hanne", "Bilal", "Fien", "Ruben", "Leen", "Dirk", "Ayşe"),
)
LAST = (
    *("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens"),
    *("Wouters", "De Smet", "El Amrani", "Yilmaz", "Van den Broeck", "Vandenberghe-De Smedt"),
    *("Dubois", "Lambrechts", "Vermeulen", "Benali"),
)
ROLES = {
    "family": ("Oma", "Opa", "Tante", "Nonkel", "Neef", "Nicht", "Zus", "Broer", "Meter", "Peter"),
    "friends": ("Buurvrouw", "Buurman", "Vriendin", "Vriend", "Collega van mama"),
    "school_work": ("Juf", "Meester", "Voetbaltrainer", "Werkgever", "Scoutsleider"),
    "professionals": ("Huisarts", "CLB-medewerker", "Jeugdhulp", "OCMW", "CAW", "Thuisbegeleider"),
}
SPREAD = {
    "sectors": (("family", 40), ("friends", 20), ("school_work", 15), ("professionals", 25)),
    "rings": (("close", 30), ("middle", 40), ("far", 30)),
    "ties": (("strong", 60), ("weak", 30), ("stressful", 10)),
}
TEXTS = Texts(
    title="Netwerkkaart van Sarah Janssens",
    description="Een benchmark.",
    centre="Sarah Janssens",
    sectors={
        "family": "Familie",
        "friends": "Vrienden en buren",
        "school_work": "School, werk en vrije tijd",
        "professionals": "Professionals en diensten",
    },
    ties={"strong": "Sterke band", "weak": "Zwakke band", "stressful": "Belastende band"},
    attended="Was op de conferentie",
    rings="De ringen, van binnen naar buiten: dichtbij, tussenin, veraf.",
)


def _pick(rnd: random.Random, spread: tuple[tuple[str, int], ...]) -> str:
    values, weights = zip(*spread, strict=True)
    return rnd.choices(values, weights=weights)[0]


def network(size: int, seed: int = 2026) -> list[Member]:
    rnd = random.Random(seed + size)
    members = []
    for n in range(size):
        sector = _pick(rnd, SPREAD["sectors"])
        style = rnd.random()
        if style < 0.45:
            label = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        elif style < 0.85:
            label = f"{rnd.choice(ROLES[sector])} {rnd.choice(FIRST)}"
        else:
            label = rnd.choice(FIRST)
        members.append(
            Member(
                id=n + 1,
                label=label,
                sector=sector,
                ring=_pick(rnd, SPREAD["rings"]),
                tie=_pick(rnd, SPREAD["ties"]),
                attended=rnd.random() < 0.33,
            )
        )
    return members


T = TypeVar("T")


def timed(function: Callable[[], T], repeats: int) -> tuple[list[float], T]:
    result = function()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return times, result


def _pdf_maker(members: list[Member]) -> Callable[[], bytes]:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigenkracht.settings")
    django.setup()
    from eigenkracht.network.drawing import DrawnMap
    from eigenkracht.network.map_pdf import map_pdf

    drawn = DrawnMap(layout=layout(members), texts=TEXTS, rows=[])
    return lambda: map_pdf(drawn, heading="Eigen Kracht", subheading="Benchmark", footnote="")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--pdf", action="store_true", help="also time the A4 PDF")
    args = parser.parse_args()
    print(f"Network map: layout + SVG, {args.repeats} repeats after a warm-up (ms)")
    header = (
        f"{'members':>7} {'layout p50':>10} {'min':>6} {'svg p50':>8} {'min':>6} "
        f"{'total p50':>9} {'min':>6}  {'scale':>5} {'size (px)':>11} {'SVG':>8}"
    )
    if args.pdf:
        header += f" {'PDF p50':>8}"
    print(header)
    for size in args.sizes:
        members = network(size)
        layout_times, placed = timed(lambda members=members: layout(members), args.repeats)
        svg_times, svg = timed(lambda placed=placed: render_svg(placed, TEXTS), args.repeats)
        total_times, _ = timed(
            lambda members=members: render_svg(layout(members), TEXTS), args.repeats
        )
        assert len(placed.placed) == size
        line = (
            f"{size:>7} {statistics.median(layout_times):>10.2f} {min(layout_times):>6.2f} "
            f"{statistics.median(svg_times):>8.2f} {min(svg_times):>6.2f} "
            f"{statistics.median(total_times):>9.2f} {min(total_times):>6.2f}  "
            f"{placed.scale:>5.2f} "
            f"{placed.size:>5.0f}x{placed.size + LEGEND_HEIGHT:<5.0f} "
            f"{len(svg) / 1024:>6.1f}kB"
        )
        if args.pdf:
            pdf_times, _ = timed(_pdf_maker(members), max(3, args.repeats // 5))
            line += f" {statistics.median(pdf_times):>8.1f}"
        print(line)
    print("Target: total under 50 ms for 200 members.")


if __name__ == "__main__":
    main()
