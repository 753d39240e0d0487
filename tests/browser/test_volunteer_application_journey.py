"""Becoming a coordinator, on a phone: someone reads the page and applies; the office invites
them for an intake talk."""

import pytest
from playwright.sync_api import expect

from eigenkracht.volunteers.models import Application
from tests.factories import UserFactory
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def fits(page) -> None:
    scroll, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width, f"{page.url} is {scroll} px wide on a {width} px screen"


def test_apply_on_a_phone_and_the_office_moves_the_application_to_intake(
    page, live_server, browser
):
    phone = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 844})
    nora = phone.new_page()
    nora.goto(f"{live_server.url}/coordinator-worden/")
    fits(nora)
    nora.get_by_label("Voor- en achternaam").fill("Nora Vermeulen")
    nora.get_by_label("E-mailadres").fill("nora@example.be")
    nora.get_by_label("Telefoon").fill("0470 12 34 56")
    nora.get_by_label("Nederlands").check()
    nora.get_by_label("Postcode waar je woont").fill("9000")
    nora.get_by_label("Wanneer ben je beschikbaar?").fill("Woensdagnamiddag")
    nora.get_by_label("Waarom wil je EK-coördinator worden?").fill("Ik wil gezinnen helpen.")
    # Without consent the form says why and keeps what she typed.
    nora.get_by_role("button", name="Kandidatuur versturen").click()
    expect(
        nora.get_by_role(
            "link", name="Zonder je toestemming kunnen we je kandidatuur niet bewaren."
        )
    ).to_be_visible()
    fits(nora)
    nora.get_by_label("Ik ga akkoord dat Eigen Kracht").check()
    nora.get_by_role("button", name="Kandidatuur versturen").click()
    nora.wait_for_url("**/coordinator-worden/ontvangen/")
    expect(nora.get_by_role("heading", name="Bedankt, je kandidatuur is ontvangen")).to_be_visible()
    application = Application.objects.get()

    device = totp_device(UserFactory(email="kantoor@example.org", role="office", password=PASSWORD))
    page.goto(f"{live_server.url}/trajecten/vrijwilligers/kandidaten/")
    browser_log_in(page, email="kantoor@example.org", password=PASSWORD, device=device)
    page.goto(f"{live_server.url}/trajecten/vrijwilligers/kandidaten/")
    page.get_by_role("link", name="Nora Vermeulen").click()
    page.get_by_label("Naar").select_option("intake")
    page.get_by_label("Notitie").fill("Gesprek volgende dinsdag")
    page.get_by_role("button", name="Stap bewaren").click()
    expect(page.get_by_text("De stap is bewaard.")).to_be_visible()
    expect(page.get_by_text("Gesprek volgende dinsdag")).to_be_visible()
    application.refresh_from_db()
    assert application.step == Application.Step.INTAKE
