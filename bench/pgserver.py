"""A throw-away PostgreSQL server and fresh databases for the benchmarks (loopback only)."""

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PG_BIN = Path("/usr/lib/postgresql/15/bin")
HOST = "127.0.0.1"


def log(message: str) -> None:
    print(f"== {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# PostgreSQL -----------------------------------------------------------------------------------


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Start a PostgreSQL server in a temporary folder; yield its URL; stop and remove it."""
    if not (PG_BIN / "initdb").exists():
        raise SystemExit(
            f"No PostgreSQL server binaries in {PG_BIN}. Install them (apt-get install "
            "postgresql-15) or pass the URL of a server whose role may create databases: "
            "bench/<script>.py postgres://user:password@127.0.0.1:5432/postgres"
        )
    as_root = os.geteuid() == 0
    # PostgreSQL refuses to run as root: then it runs as the package's `postgres` user.
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    folder = Path(tempfile.mkdtemp(prefix="eigenkracht-bench-pg."))
    if as_root:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    port = free_port()
    password = secrets.token_hex(12)

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, stdout=subprocess.DEVNULL)

    started = False
    try:
        run(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-E", "UTF8",
            "--no-locale", "--auth-local=trust", "--auth-host=scram-sha-256")  # fmt: skip
        options = f"-p {port} -k {folder} -c listen_addresses={HOST} -c fsync=off"
        run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"),
            "-w", "-t", "60", "-o", options, "start")  # fmt: skip
        started = True
        run(str(PG_BIN / "psql"), "-h", str(folder), "-p", str(port), "-U", "postgres",
            "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q",
            "-c", f"CREATE ROLE bench LOGIN CREATEDB PASSWORD '{password}'")  # fmt: skip
        log(f"throw-away PostgreSQL on {HOST}:{port}")
        yield f"postgres://bench:{password}@{HOST}:{port}/postgres"
    finally:
        if started:
            subprocess.run(
                [*prefix, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                check=False,
                stdout=subprocess.DEVNULL,
            )
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """Create an empty database on the server of `server_url`; yield its URL; drop it."""
    import psycopg

    parts = urlsplit(server_url)
    name = f"eigenkracht_bench_{secrets.token_hex(4)}"
    admin_url = urlunsplit(parts._replace(scheme="postgresql"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
