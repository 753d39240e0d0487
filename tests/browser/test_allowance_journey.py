"""A coordinator declares a day and a trip on a phone; the office approves them and downloads
the payout file."""

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree
from playwright.sync_api import expect

from eigenkracht.allowances import services
from eigenkracht.allowances.models import Declaration, KmRate, PayoutLine, YearCaps
from eigenkracht.trajectories.models import Trajectory
from tests.browser.menu import open_menu
from tests.factories import UserFactory
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def fits(page) -> None:
    scroll, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width, f"{page.url} is {scroll} px wide on a {width} px screen"


def test_a_coordinator_declares_on_a_phone_and_the_office_approves_and_pays(
    page, live_server, browser
):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    year = yesterday.year
    YearCaps.objects.update_or_create(
        year=year,
        defaults={"day_cap_cents": 4231, "year_cap_cents": 169251, "day_amount_cents": 4231},
    )
    KmRate.objects.update_or_create(
        year=year, quarter=(yesterday.month - 1) // 3 + 1, defaults={"rate": "0.4265"}
    )
    office = UserFactory(email="kantoor@example.org", role="office", password=PASSWORD)
    coordinator = CoordinatorFactory(
        user__email="karim@example.org", user__password=PASSWORD, user__first_name="Karim"
    )
    trajectory = TrajectoryFactory(coordinator=coordinator, status=Trajectory.Status.PREPARATION)
    services.year_system_choose(coordinator=coordinator, year=year, system="flat", actor=office)

    # Karim, on his phone (the `page` fixture is 390 px wide), goes from his trajectories to
    # his expenses.
    page.goto(f"{live_server.url}/trajecten/")
    browser_log_in(
        page, email="karim@example.org", password=PASSWORD, device=totp_device(coordinator.user)
    )
    page.goto(f"{live_server.url}/trajecten/")
    open_menu(page)
    page.get_by_role("link", name="Onkosten").click()
    expect(page.get_by_text("Forfaitaire vergoeding", exact=True)).to_be_visible()
    fits(page)

    page.get_by_role("link", name="Rekeningnummer invullen").click()
    page.get_by_label("IBAN").fill("BE71 0961 2345 6769")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_text("Je rekeningnummer is bewaard.")).to_be_visible()

    page.get_by_role("link", name="Dag gewerkt").click()
    fits(page)
    page.get_by_label("Traject").select_option(label=trajectory.reference)
    page.get_by_label("Datum").fill(yesterday.isoformat())
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_text("Je aangifte is ingediend.")).to_be_visible()

    # A second day on the same date is over the day cap: the page says so, in Dutch.
    page.get_by_role("link", name="Dag gewerkt").click()
    page.get_by_label("Datum").fill(yesterday.isoformat())
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_text("boven het maximum van € 42,31 per dag")).to_be_visible()
    fits(page)

    page.goto(f"{live_server.url}/trajecten/onkosten/")
    page.get_by_role("link", name="Kilometers").click()
    page.get_by_label("Datum").fill(yesterday.isoformat())
    page.get_by_label("Kilometer").fill("46")
    page.get_by_label("Van").fill("Gent")
    page.get_by_label("Naar").fill("Aalst")
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_text("Je aangifte is ingediend.")).to_be_visible()
    assert Declaration.objects.count() == 2
    fits(page)

    # The office approves both and downloads one SEPA file.
    desk = browser.new_context(locale="nl-BE", viewport={"width": 1366, "height": 900})
    office_page = desk.new_page()
    office_page.goto(f"{live_server.url}/beheer/")
    browser_log_in(
        office_page, email="kantoor@example.org", password=PASSWORD, device=totp_device(office)
    )
    office_page.goto(f"{live_server.url}/trajecten/vrijwilligers/onkosten/")
    for _ in range(2):
        office_page.get_by_role("button", name="Goedkeuren").first.click()
        expect(office_page.get_by_text("De aangifte is goedgekeurd.")).to_be_visible()
    expect(office_page.get_by_text("Niets te beslissen.")).to_be_visible()
    office_page.get_by_role("button", name="SEPA-bestand maken").click()
    with office_page.expect_download() as download:
        office_page.get_by_role("link", name="Downloaden").click()
    xml = Path(download.value.path()).read_bytes()
    line = PayoutLine.objects.get()
    assert [n.text for n in etree.fromstring(xml).iter("{*}EndToEndId")] == [line.end_to_end_id]
    assert line.amount_cents == 4231 + 1962  # a day, and 46 km x 0,4265
    office_page.get_by_role("button", name="Opgeladen bij de bank").click()
    expect(office_page.get_by_text("Gemarkeerd als opgeladen bij de bank.")).to_be_visible()
    desk.close()
