"""The application under gunicorn with production settings, for the benchmarks (loopback only)."""

import contextlib
import http.client
import os
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.pgserver import HOST, log

PROJECT_DIR = Path(__file__).resolve().parent.parent
REQUEST_TIMEOUT = 30.0
ROUND_TIME_LIMIT = 180.0  # seconds per address; the clients stop when it is reached


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
                if request(port, "/healthz")[0] == 200:
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


# Load -------------------------------------------------------------------------------------------


def request(port: int, path: str, *, cookie: str = "") -> tuple[int, int]:
    """One GET on a new connection (gunicorn's sync workers close it anyway): status, bytes."""
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        headers = {"Accept-Language": "nl-BE"}
        if cookie:
            headers["Cookie"] = cookie
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


@dataclass
class Round:
    """What N clients measured on one address."""

    path: str
    latencies: list[float]
    statuses: Counter
    errors: int
    elapsed: float
    size: int

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1]


def _in_threads(count: int, work, timeout: float) -> float:
    threads = [threading.Thread(target=work, daemon=True) for _ in range(count)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return time.perf_counter() - began


def load(
    port: int, path: str, *, clients: int, requests: int, workers: int, cookie: str = ""
) -> Round:
    """Warm every worker up on `path`, then let `clients` threads make `requests` GETs each."""

    def warm_up() -> None:
        # A worker's first requests import, compile templates and connect (about a second);
        # concurrent requests reach every worker: a sync worker takes one at a time.
        for _ in range(3):
            with contextlib.suppress(OSError):
                request(port, path, cookie=cookie)

    _in_threads(2 * workers, warm_up, ROUND_TIME_LIMIT)

    latencies: list[float] = []
    statuses: Counter = Counter()
    errors = 0
    size = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + ROUND_TIME_LIMIT

    def client() -> None:
        nonlocal errors, size
        for _ in range(requests):
            if time.monotonic() > stop_at:
                return
            started = time.perf_counter()
            try:
                status, length = request(port, path, cookie=cookie)
            except OSError:
                with lock:
                    errors += 1
                continue
            took = time.perf_counter() - started
            with lock:
                latencies.append(took)
                statuses[status] += 1
                size = length

    elapsed = _in_threads(clients, client, ROUND_TIME_LIMIT + REQUEST_TIMEOUT)
    return Round(path, latencies, statuses, errors, elapsed, size)
