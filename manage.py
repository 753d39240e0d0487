#!/usr/bin/env python
import os
import sys
from pathlib import Path


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigenkracht.settings")
    import django
    from django.core.management import execute_from_command_line

    from eigenkracht.core.collector import set_up_frozen

    # Django still sets up where it did: after reading --settings and --pythonpath, and inside
    # the dev server's reloader, which keeps watching the files when the code is broken.
    django.setup = set_up_frozen(django.setup)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
