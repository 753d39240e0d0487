"""Benchmark: how fast the management commands start (`run_periodic` runs every few minutes).

    .venv/bin/python bench/startup.py [POSTGRES_URL] [--runs 7] [--top 12] [--sqlite-only]

Against SQLite (a fresh file in a temporary folder) and PostgreSQL (the URL argument, else
BENCH_DATABASE_URL, else a throw-away server started here; a fresh database is created and
dropped), both migrated, with production settings (DEBUG off) and the byte-code a first start
writes (in a temporary folder, PYTHONPYCACHEPREFIX), it runs in turns:
- `manage.py run_periodic --help` and `manage.py import_statement --help`: start-up alone;
- `manage.py run_periodic` on the empty database: its whole run with nothing to do;
- `manage.py import_statement --dry-run` of a statement with one transfer: the smallest import;
- for reference, a bare Django (two of its own apps, the same database) that sets up and
  connects, and the same Django starting one of its own commands (`check --help`, through the
  management package as `manage.py` does): what any command of any project on this machine
  costs before its own work.
It prints the wall time of each (min and median of the runs), and for the two real runs what
`python -X importtime` reports: the import time per package (self time summed over the package's
modules), the modules the start-up imported first-hand that cost most (cumulative), and whether
the spreadsheet, PDF and calendar libraries were loaded at all. It measures; it asserts nothing.
"""

import argparse
import contextlib
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
# bench/ holds calendar.py: keep this folder off the import path, or it would stand in for the
# standard library's `calendar` for everything imported below (it made the import 1 s slower).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import environ  # noqa: E402

from bench.pgserver import fresh_database, log, throwaway_postgres  # noqa: E402

ACCOUNT = "BE68539007547034"  # the organisation's IBAN by default: the statement is ours
# Libraries that only some pages and mails need: a command that does not use them should not
# load them. rapidfuzz is the matcher's: `import_statement` loads it, `run_periodic` should not.
HEAVY = (
    "openpyxl",
    "fpdf",
    "uharfbuzz",
    "fontTools",
    "numpy",
    "PIL",
    "icalendar",
    "markdown",
    "segno",
    "rapidfuzz",
    "holidays",
)


def command_env(database_url: str, pycache: Path) -> dict[str, str]:
    """Production settings. A server keeps the byte-code its first start wrote; a shell with
    PYTHONDONTWRITEBYTECODE would compile every module on every start (about 0.1 s of it), so
    the byte-code goes to a folder of its own, written by the warm-up run."""
    inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {
        **inherited,
        "PYTHONPYCACHEPREFIX": str(pycache),
        "DJANGO_SETTINGS_MODULE": "eigenkracht.settings",
        "DATABASE_URL": database_url,
        "BARE_DJANGO_DATABASE": json.dumps(environ.Env.db_url_config(database_url)),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "WARNING",
    }


# Django with nothing of ours: configured with two contrib apps and the database of the run
# (handed over as JSON, so that it does not import the URL parser our settings use).
BARE_SETTINGS = """
import json, os, django
from django.conf import settings
settings.configure(
    DATABASES={"default": json.loads(os.environ["BARE_DJANGO_DATABASE"])},
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
)
"""
BARE_DJANGO = f"""{BARE_SETTINGS}django.setup()
from django.db import connection
connection.ensure_connection()
"""
# The same Django starting one of its own commands as `manage.py` does: through the management
# package (which the set-up above does not import), the set-up and the command's class. `check
# --help` connects to nothing; ours pay all of this before their own work.
BARE_DJANGO_COMMAND = f"""{BARE_SETTINGS}import django.core.management as management
management.execute_from_command_line(["manage.py", "check", "--help"])
"""


def manage(env: dict[str, str], *args: str, importtime: bool = False) -> tuple[float, str]:
    """Run manage.py (or, with args ("-c", code), that code); return its wall time and its
    standard error."""
    python = [sys.executable, *(["-X", "importtime"] if importtime else [])]
    script = [] if args[:1] == ("-c",) else [str(PROJECT_DIR / "manage.py")]
    started = time.perf_counter()
    result = subprocess.run(
        [*python, *script, *args],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        errors = "\n".join(
            line for line in result.stderr.splitlines() if not line.startswith("import time:")
        )
        raise SystemExit(f"manage.py {' '.join(args)} failed ({result.returncode}):\n{errors}")
    return elapsed, result.stderr


def small_statement(folder: Path) -> Path:
    """A CODA file with one incoming transfer, made with the project's own generator."""
    from tests.fixtures_gen.coda import CodaMovement, make_coda, statements_for

    movement = CodaMovement(amount_cents=2000, text="vorming", counterparty_name="JAN PEETERS")
    path = folder / "one.coda"
    path.write_bytes(make_coda(statements_for(ACCOUNT, [movement], per_statement=10)))
    return path


def parse_importtime(stderr: str) -> list[tuple[int, int, int, str]]:
    """(depth, self µs, cumulative µs, module) per line of `-X importtime`."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or line.endswith("| imported package"):
            continue
        self_part, cumulative, name = line.removeprefix("import time:").split("|", 2)
        name = name[1:]  # the space after the bar; then two spaces per level
        depth = (len(name) - len(name.lstrip())) // 2
        rows.append((depth, int(self_part), int(cumulative), name.strip()))
    return rows


def summarise(runs: list[list[tuple[int, int, int, str]]]) -> dict:
    """Medians over the runs: total, per package, and the first-hand imports."""
    totals, packages, first_hand = [], defaultdict(list), defaultdict(list)
    loaded = set()
    for rows in runs:
        totals.append(sum(row[1] for row in rows))
        per_package: dict[str, int] = defaultdict(int)
        for depth, self_us, cumulative_us, name in rows:
            top = name.split(".")[0]
            per_package[top] += self_us
            loaded.add(top)
            if depth == 0:
                first_hand[name].append(cumulative_us)
        for top, us in per_package.items():
            packages[top].append(us)
    return {
        "total": statistics.median(totals),
        "packages": {k: statistics.median(v) for k, v in packages.items()},
        "first_hand": {k: statistics.median(v) for k, v in first_hand.items()},
        "loaded": loaded,
    }


def measure(label: str, env: dict[str, str], statement: Path, runs: int, top: int) -> None:
    startups = {
        "run_periodic --help": ("run_periodic", "--help"),
        "import_statement --help": ("import_statement", "--help"),
        "run_periodic (nothing to do)": ("run_periodic",),
        "import_statement --dry-run (1 transfer)": (
            "import_statement",
            "--dry-run",
            "--json",
            str(statement),
        ),
        "bare Django: set-up and connect (reference)": ("-c", BARE_DJANGO),
        "bare Django: check --help (reference)": ("-c", BARE_DJANGO_COMMAND),
    }
    for args in startups.values():  # warm the file cache and the byte-code once
        manage(env, *args)
    times: dict[str, list[float]] = defaultdict(list)
    profiles: dict[str, list] = defaultdict(list)
    for _ in range(runs):  # in turns, so that a noisy moment spreads over all of them
        for name, args in startups.items():
            times[name].append(manage(env, *args)[0])
        for name in ("run_periodic (nothing to do)", "import_statement --dry-run (1 transfer)"):
            stderr = manage(env, *startups[name], importtime=True)[1]
            profiles[name].append(parse_importtime(stderr))

    print(f"\n=== {label}: wall time of {runs} start-ups each (s)")
    print(f"{'':45} {'min':>6} {'median':>7}")
    for name, values in times.items():
        print(f"{name:45} {min(values):6.3f} {statistics.median(values):7.3f}")
    for name, rows in profiles.items():
        summary = summarise(rows)
        print(f"\n--- {label}, {name}: python -X importtime, medians over {runs} runs")
        print(f"all imports: {summary['total'] / 1000:.0f} ms")
        print("by package (self time of its modules):")
        ranked = sorted(summary["packages"].items(), key=lambda item: -item[1])[:top]
        for package, us in ranked:
            print(f"  {us / 1000:7.1f} ms  {package}")
        print("imported first-hand at start-up (cumulative):")
        ranked = sorted(summary["first_hand"].items(), key=lambda item: -item[1])[:top]
        for module, us in ranked:
            print(f"  {us / 1000:7.1f} ms  {module}")
        heavy = [f"{lib} {'LOADED' if lib in summary['loaded'] else 'no'}" for lib in HEAVY]
        print("heavy libraries: " + ", ".join(heavy))


@contextlib.contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="eigenkracht-bench-sqlite.") as folder:
        yield f"sqlite:///{Path(folder) / 'db.sqlite3'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        statement = small_statement(folder)
        databases = [("SQLite", stack.enter_context(sqlite_database()))]
        if not args.sqlite_only:
            server_url = args.url or stack.enter_context(throwaway_postgres())
            databases.append(("PostgreSQL", stack.enter_context(fresh_database(server_url))))
        pycache = folder / "pycache"
        for label, url in databases:
            env = command_env(url, pycache)
            manage(env, "migrate", "--no-input")
            log(f"{label}: migrated")
            measure(label, env, statement, args.runs, args.top)


if __name__ == "__main__":
    main()
