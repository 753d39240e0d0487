"""The commands cron starts (`run_periodic` every few minutes, `import_statement`) load only what
they use: no spreadsheet, PDF or calendar library at start-up, no Markdown nor QR code library
(only pages and some mails need them), and the statement matcher only when a statement is
imported (bench/startup.py times it)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
HEAVY = ("openpyxl", "fpdf", "fontTools", "uharfbuzz", "PIL", "numpy", "icalendar")
# Loaded when a text is rendered, a payment request is mailed, a trajectory's deadline is
# counted in working days, a phone number is checked or shown, or a payee's IBAN is checked.
WHEN_USED = ("markdown", "segno", "holidays", "phonenumbers", "schwifty", "pycountry")
# Modules of ours loaded when an office text is checked or rendered, or a network map drawn.
OURS_WHEN_USED = ("eigenkracht.trainings.mail_templates.rendering", "eigenkracht.network.layout")
MATCHER = ("rapidfuzz", "eigenkracht.payments.matching.matcher")

# A fresh interpreter runs manage.py's start-up for real (settings, apps, argument parsing and
# the system checks the command asks for), with the command's work replaced by nothing, so that
# no database is needed; then it prints which heavy libraries were loaded.
START_UP = """
import importlib, json, sys
import django
from django.core.management import execute_from_command_line, get_commands

django.setup()
name = sys.argv[1]
if name != "check":  # `check` has no other work than its checks
    module = importlib.import_module(f"{get_commands()[name]}.management.commands.{name}")
    module.Command.handle = lambda self, *args, **options: None
execute_from_command_line(["manage.py", *sys.argv[1:]])
print(json.dumps(sorted(lib for lib in HEAVY if lib in sys.modules)))
"""


# A fresh interpreter reverses a URL, as a mail's link does in the task worker and in
# run_periodic: the URL tables import every view.
REVERSING = """
import json, sys
import django
from django.urls import reverse

django.setup()
reverse("trainings:calendar")
print(json.dumps(sorted(lib for lib in HEAVY if lib in sys.modules)))
"""
VIEWS_THAT_MAKE_FILES = (
    "eigenkracht.network.views",
    "eigenkracht.payments.exports.views",
    "eigenkracht.payments.receipts.views",
    "eigenkracht.privacy.views",
    "eigenkracht.trainings.attendance.views",
    "eigenkracht.trajectories.work.views",
)


def loaded_at_start_up(
    *argv: str, watched: tuple[str, ...] = HEAVY, script: str = START_UP
) -> list[str]:
    result = subprocess.run(  # noqa: S603 (our own interpreter and fixed arguments)
        [sys.executable, "-c", f"HEAVY = {watched!r}\n{script}", *argv],
        cwd=PROJECT_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "eigenkracht.settings",
            "PYTHONPATH": str(PROJECT_DIR / "src"),
            "LOG_LEVEL": "WARNING",
        },
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "argv",
    [("run_periodic",), ("import_statement", "--dry-run", "statement.coda")],
    ids=["run_periodic", "import_statement"],
)
def test_command_loads_no_spreadsheet_pdf_calendar_or_office_text_module(argv):
    assert loaded_at_start_up(*argv, watched=HEAVY + WHEN_USED + OURS_WHEN_USED) == []


@pytest.mark.parametrize(
    "argv",
    [("run_periodic",), ("import_statement", "--dry-run", "statement.coda")],
    ids=["run_periodic", "import_statement"],
)
def test_the_matcher_loads_only_for_an_import(argv):
    """Reasons are worded from `payments.matching.reasons` alone; the matcher and rapidfuzz load
    when a statement is imported."""
    assert loaded_at_start_up(*argv, watched=MATCHER) == []


@pytest.mark.parametrize(
    "argv",
    [("run_periodic",), ("import_statement", "--dry-run", "statement.coda")],
    ids=["run_periodic", "import_statement"],
)
def test_a_command_loads_neither_the_postgres_app_nor_the_migration_writer(argv):
    """Only the migrations' trigram indexes use `django.contrib.postgres` (core/pg_indexes.py):
    it is not an installed app."""
    watched = ("django.contrib.postgres.lookups", "django.db.migrations.writer")
    assert loaded_at_start_up(*argv, watched=watched) == []


def test_the_periodic_run_loads_no_statement_reader_and_no_reason_sentences():
    """They load when a statement is imported or a transaction's reason shown."""
    watched = ("eigenkracht.payments.statements.base", "eigenkracht.payments.reasons")
    assert loaded_at_start_up("run_periodic", watched=watched) == []


def test_the_system_checks_still_see_every_view():
    """The two commands skip the system checks; `manage.py check` (run at deployment) still
    imports every view."""
    assert loaded_at_start_up("check", watched=VIEWS_THAT_MAKE_FILES) == sorted(
        VIEWS_THAT_MAKE_FILES
    )


def test_reversing_a_url_loads_every_view_but_no_spreadsheet_or_pdf_library():
    """The views that make a PDF or a spreadsheet load fpdf2 and openpyxl when they make one
    (they cost the mail task's first batch half a second)."""
    views = loaded_at_start_up(watched=VIEWS_THAT_MAKE_FILES, script=REVERSING)
    assert views == sorted(VIEWS_THAT_MAKE_FILES)
    assert loaded_at_start_up(watched=HEAVY, script=REVERSING) == []


def _manage(*argv: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_DIR / "src"), **env}
    environment.pop("SITE_URL", None)
    environment.update(env)
    return subprocess.run(  # noqa: S603 (our own interpreter and fixed arguments)
        [sys.executable, "manage.py", *argv],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )


def test_a_command_starts_without_the_axes_banner():
    result = _manage("check", LOG_LEVEL="INFO")
    assert "AXES" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("env", "site_url"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"PORT": "8123", "SITE_URL": "https://ek.example.org/"}, "https://ek.example.org"),
    ],
)
def test_links_in_mails_follow_the_port_make_run_serves_on(env, site_url):
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = _manage("shell", "-c", code, **env)
    assert result.stdout.strip().splitlines()[-1] == site_url


def test_a_command_sets_what_its_set_up_made_aside_from_the_collector():
    """manage.py sets up without the cyclic collector, then freezes what it made: the collector
    runs again for the command's own work, without walking Django's objects each time."""
    code = "import gc; print(gc.isenabled(), gc.get_freeze_count())"
    enabled, frozen = _manage("shell", "-c", code).stdout.split()[-2:]
    assert enabled == "True"
    assert int(frozen) > 50_000


def test_settings_named_on_the_command_line_are_the_ones_set_up(tmp_path):
    (tmp_path / "other_settings.py").write_text(
        "from eigenkracht.settings import *  # noqa: F403\nTIME_ZONE = 'UTC'\n"
    )
    code = "from django.conf import settings; print(settings.TIME_ZONE)"
    result = _manage("shell", "-c", code, "--settings=other_settings", f"--pythonpath={tmp_path}")
    assert result.stdout.strip().splitlines()[-1] == "UTC"
