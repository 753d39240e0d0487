"""The browser tests that visit every page: the demo data in the live server's database and one
browser context per role (logged in by its session cookie, both factors, no login form)."""

import io

from django.core.management import call_command
from django.test import Client

from eigenkracht.accounts.models import User
from tests.browser.page_list import ROLE_EMAILS, public_pages, staff_pages
from tests.two_factor import login_verified


def demo_pages() -> dict[str, list[str]]:
    """Load the demo data; the pages per role ("public" for a visitor)."""
    call_command("demo_data", force=True, stdout=io.StringIO())
    return {"public": public_pages(), **staff_pages()}


def role_context(browser, live_server, role: str, *, width: int):
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    if role in ROLE_EMAILS:
        client = Client()
        login_verified(client, User.objects.get(email=ROLE_EMAILS[role]))
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
    return context
