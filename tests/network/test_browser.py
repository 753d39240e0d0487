"""With JavaScript the map changes in place: the page is not reloaded, the new map and table
come in, and the focus goes to the message about what happened."""

import os
import shutil
import threading

import pytest
from django.test import Client

from eigenkracht.network.models import NetworkMember
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory
from tests.two_factor import login_verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM") or shutil.which("chromium") or ""


def _in_a_browser(live_server, session_cookie, steps):
    """Run `steps(page)` in a thread of its own, logged in with `session_cookie`: Playwright's
    Sync API allows one session per thread, and tests/browser keeps its own open in this one."""
    from playwright.sync_api import sync_playwright

    failure = []

    def run():
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
                )
                context = browser.new_context(
                    locale="nl-BE", viewport={"width": 390, "height": 844}
                )
                context.add_cookies(
                    [{"name": "sessionid", "value": session_cookie, "url": live_server.url}]
                )
                page = context.new_page()
                page.set_default_timeout(10_000)
                try:
                    steps(page)
                finally:
                    browser.close()
        except BaseException as exc:  # handed to the test's thread
            failure.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    if failure:
        raise failure[0]
    assert not thread.is_alive(), "the browser did not finish in time"


def test_adding_and_moving_someone_updates_the_map_in_place(live_server):
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    coordinator = CoordinatorFactory()
    trajectory = TrajectoryFactory(status="preparation", coordinator=coordinator)
    client = Client()
    login_verified(client, coordinator.user)
    url = f"{live_server.url}/trajecten/{trajectory.pk}/netwerk/"

    def steps(page):
        page.goto(url)
        page.evaluate("window.stayedOnThePage = true")
        page.get_by_label("Naam", exact=True).fill("Tante Els")
        page.get_by_label("Sector", exact=True).select_option("family")
        page.get_by_label("Nabijheid", exact=True).select_option("close")
        page.get_by_role("button", name="Toevoegen", exact=True).click()
        notice = page.locator("[data-network-notice]")
        notice.wait_for()
        assert notice.text_content() == "Tante Els staat op de kaart."
        assert page.evaluate("document.activeElement.hasAttribute('data-network-notice')")
        titles = page.locator("svg.network-map g.member title").all_text_contents()
        assert titles == ["Tante Els"]
        assert page.evaluate("window.stayedOnThePage") is True

        page.get_by_text("Verplaatsen").click()
        page.locator("form.move-form select[name=sector]").select_option("professionals")
        page.locator("form.move-form select[name=tie]").select_option("stressful")
        page.get_by_role("button", name="Bewaren").click()
        page.get_by_text("Tante Els staat nu bij Professionals en diensten, dichtbij").wait_for()
        # Her tie, and the sample in the legend.
        assert page.locator("svg.network-map path.tie.stressful").count() == 2
        assert page.evaluate("window.stayedOnThePage") is True

    _in_a_browser(live_server, client.cookies["sessionid"].value, steps)
    els = NetworkMember.objects.get(trajectory=trajectory)
    assert (els.name, els.sector, els.ring, els.tie) == (
        "Tante Els",
        "professionals",
        "close",
        "stressful",
    )
