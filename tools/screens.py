"""Screenshots of the pages of issue 15 at a phone's and a laptop's width, so that anyone can look
before and after a change: `make screens` (or `.venv/bin/python tools/screens.py [folder]`).

A temporary SQLite database gets the demo data; a development server serves it; Playwright drives
Debian's chromium (PLAYWRIGHT_CHROMIUM, default /usr/bin/chromium), logged in once per role.
The pictures land in var/screens/<width>/<role>--<page>.png (var/ is ignored by git).
"""

import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (390, 1366)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 (our own local server)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"The development server did not answer at {url}")


def _file_name(role: str, path: str) -> str:
    slug = path.strip("/").replace("/", "-") or "home"
    return f"{role}--{slug}.png"


def main(out: Path) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="screens-"))
    port = _free_port()
    os.environ.update(
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        DEBUG="true",
        DJANGO_SETTINGS_MODULE="eigenkracht.settings",
        SITE_URL=f"http://127.0.0.1:{port}",
        DJANGO_ALLOW_ASYNC_UNSAFE="true",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "--verbosity", "0"], check=True)
    subprocess.run([*manage, "demo_data"], check=True, stdout=subprocess.DEVNULL)

    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    # Logging in each role through the test client would print django-axes' notes.
    logging.getLogger("axes").setLevel(logging.WARNING)
    from django.test import Client
    from playwright.sync_api import sync_playwright

    from eigenkracht.accounts.models import User
    from tests.browser.page_list import ROLE_EMAILS, public_pages, staff_pages
    from tests.two_factor import login_verified

    pages = {"public": public_pages(), **staff_pages()}
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    count = 0
    try:
        _wait_for(f"{base}/healthz")
        chromium = os.environ.get("PLAYWRIGHT_CHROMIUM", "/usr/bin/chromium")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            for role, paths in pages.items():
                cookies = []
                if role in ROLE_EMAILS:
                    client = Client()
                    login_verified(client, User.objects.get(email=ROLE_EMAILS[role]))
                    session = client.cookies["sessionid"].value
                    cookies = [{"name": "sessionid", "value": session, "url": base}]
                for width in WIDTHS:
                    folder = out / str(width)
                    folder.mkdir(parents=True, exist_ok=True)
                    context = browser.new_context(
                        locale="nl-BE", viewport={"width": width, "height": 900}
                    )
                    context.add_cookies(cookies)
                    page = context.new_page()
                    for path in paths:
                        page.goto(base + path)
                        page.screenshot(path=folder / _file_name(role, path), full_page=True)
                        count += 1
                    context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()
    print(f"{count} screenshots in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "var" / "screens")
