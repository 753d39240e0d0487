#!/usr/bin/env python
import gc
import os
import sys
from pathlib import Path


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigenkracht.settings")
    import django

    # Setting up makes some 300,000 objects that live as long as the process. The cyclic
    # collector walked them again and again while they were made (a tenth of a command's start;
    # run_periodic starts every few minutes): collect nothing until they are all made, then set
    # them aside from every later collection.
    # The dev server sets up itself, to keep watching the files when the code is broken.
    if sys.argv[1:2] != ["runserver"]:
        gc.disable()
        try:
            django.setup()
        finally:
            gc.freeze()
            gc.enable()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
