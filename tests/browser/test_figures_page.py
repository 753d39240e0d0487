"""The figures page on a phone: filters that work without JavaScript, charts with their tables,
nothing that scrolls sideways except a wide table inside its own box."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from tests.trajectories.factories import TrajectoryFactory
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def test_the_office_cuts_the_figures_by_province_on_a_phone(page, live_server):
    office = UserFactory(email="kantoor@example.org", role="office", password=PASSWORD)
    device = totp_device(office)
    today = timezone.localdate()
    noon = dt.datetime.combine(today, dt.time(12), tzinfo=timezone.get_current_timezone())
    for postcode in ("9000", "9000", "2000"):
        TrajectoryFactory(referred_at=noon, postcode=postcode)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/trajecten/cijfers/")
    browser_log_in(page, email="kantoor@example.org", password=PASSWORD, device=device)
    page.goto(f"{live_server.url}/trajecten/cijfers/")

    chart = page.locator(
        "svg[role=img][aria-labelledby='chart-by_province-title chart-by_province-desc']"
    )
    assert chart.count() == 1
    scroll, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width, f"the figures page is {scroll} px wide on a {width} px screen"

    page.get_by_label("Provincie", exact=True).select_option(label="Antwerpen")
    page.get_by_role("button", name="Tonen").click()
    table = page.locator("section.figure", has=page.locator("#figure-referrals")).locator("table")
    assert table.locator("tr.total td").first.inner_text() == "1"
