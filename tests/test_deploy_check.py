"""The settings as production gets them: DEBUG off, everything from the environment.

Settings are read once at import, so each check runs in a fresh Python process.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "SESSION_", "CSRF_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="eigenkracht.settings",
        PYTHONPATH=str(PROJECT_DIR / "src"),
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48),  # 64 characters
        ALLOWED_HOSTS="example.org",
        SITE_URL="https://example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own interpreter and fixed arguments)
        [sys.executable, *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_finds_nothing_to_warn_about(production_env):
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in result.stdout, output
    assert "WARNING" not in output
    assert "security." not in output  # the ids of Django's deployment checks


RESPONSES_SCRIPT = """
import json
import django
from django.conf import settings
from django.core.management import call_command

django.setup()
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
from django.test import Client
from django.urls import reverse

client = Client(HTTP_HOST="example.org")
login = reverse("accounts:login")
plain = client.get(login)
secure = client.get(login, secure=True)
csrf = secure.cookies.get(settings.CSRF_COOKIE_NAME)
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
    "secure_status": secure.status_code,
    "hsts": secure.get("Strict-Transport-Security", ""),
    "csrf_cookie_secure": bool(csrf and csrf["secure"]),
    "csrf_cookie_httponly": bool(csrf and csrf["httponly"]),
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SECURE_PROXY_SSL_HEADER": settings.SECURE_PROXY_SSL_HEADER,
}))
"""


def test_without_debug_cookies_are_secure_and_hsts_is_sent(production_env):
    result = _run(["-c", RESPONSES_SCRIPT], production_env)

    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    # Plain http is sent to https, and over https the browser is told to stay there.
    assert facts["plain_status"] == 301
    assert facts["plain_location"].startswith("https://example.org/")
    assert facts["secure_status"] == 200
    assert "max-age=31536000" in facts["hsts"]
    assert "includeSubDomains" in facts["hsts"]
    # The cookies only travel over https.
    assert facts["csrf_cookie_secure"] is True
    assert facts["csrf_cookie_httponly"] is True
    assert facts["SESSION_COOKIE_SECURE"] is True
    assert facts["CSRF_COOKIE_SECURE"] is True
    # nginx terminates TLS and says so in X-Forwarded-Proto.
    assert facts["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
