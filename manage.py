#!/usr/bin/env python
import os
import sys
from pathlib import Path


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigenkracht.settings")
    import django
    from django.core.management import execute_from_command_line

    from eigenkracht.core.collector import collector_paused, startup_frozen

    setup = django.setup

    def setup_frozen(*args, **kwargs) -> None:
        # Setting up makes about 100,000 objects that live as long as the process: the collector
        # walked them again and again while they were made, a tenth of a command's start (cron
        # starts run_periodic every few minutes).
        with collector_paused():
            setup(*args, **kwargs)
        startup_frozen()

    # Django still sets up where it did: after reading --settings and --pythonpath, and inside
    # the dev server's reloader, which keeps watching the files when the code is broken.
    django.setup = setup_frozen
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
