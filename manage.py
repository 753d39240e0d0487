#!/usr/bin/env python
import os
import sys
from pathlib import Path


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigenkracht.settings")
    import django

    from eigenkracht.core.collector import collector_paused, startup_frozen

    # Setting up makes about 100,000 objects that live as long as the process: the collector
    # walked them again and again while they were made, a tenth of a command's start (cron
    # starts run_periodic every few minutes). The dev server sets up itself, to keep watching
    # the files when the code is broken.
    if sys.argv[1:2] != ["runserver"]:
        with collector_paused():
            django.setup()
        startup_frozen()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
