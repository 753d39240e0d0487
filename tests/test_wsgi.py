"""A server worker loads the whole application, views included, and freezes what it loaded, so
that the collector's full passes during requests no longer walk it (core/collector.py)."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
LOAD = (
    "import gc, sys; import eigenkracht.wsgi; "
    "print(gc.get_freeze_count() > 10000, 'eigenkracht.trainings.views' in sys.modules)"
)


def test_the_worker_loads_every_view_and_freezes_it():
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR / "src")}
    result = subprocess.run(  # noqa: S603 - our own interpreter and a constant program
        [sys.executable, "-c", LOAD], cwd=PROJECT_DIR, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["True", "True"], result.stderr
