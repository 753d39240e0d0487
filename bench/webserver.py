"""The application under gunicorn with production settings, for the benchmarks (loopback only)."""

import contextlib
import http.client
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bench.pgserver import HOST, log

PROJECT_DIR = Path(__file__).resolve().parent.parent


def production_env(*, database_url: str, static_root: str) -> dict[str, str]:
    """Settings as on a server (DEBUG off), but plain http on loopback."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "eigenkracht.settings",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"http://{HOST}",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
    }


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    finally:
        connection.close()


@contextlib.contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int) -> Iterator[None]:
    """`gunicorn eigenkracht.wsgi` until the block ends; waits until /healthz answers."""
    command = [
        sys.executable, "-m", "gunicorn", "eigenkracht.wsgi",
        "--pythonpath", str(PROJECT_DIR / "src"),
        "-w", str(workers), "-b", f"{HOST}:{port}", "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn stopped with exit code {process.returncode}")
            with contextlib.suppress(OSError):
                if _answers(port):
                    break
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not answer within 30 seconds")
            time.sleep(0.2)
        log(f"gunicorn ({workers} workers) on http://{HOST}:{port}")
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
