"""On a phone, the registrant copies the payment details with buttons and hears that it worked."""

import pytest
from playwright.sync_api import expect

from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_copy_the_iban_and_the_communication_on_a_phone(page, live_server):
    registration = RegistrationFactory(training=TrainingFactory(fee_cents=2500))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}/inschrijving/{registration.token}/")

    iban_button = page.get_by_role("button", name="Kopiëren rekeningnummer")
    assert iban_button.is_visible()
    iban_button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#copy-status")).to_have_text("Rekeningnummer gekopieerd")
    assert page.evaluate("navigator.clipboard.readText()") == "BE68539007547034"

    page.get_by_role("button", name="Kopiëren mededeling").click()
    ogm = registration.structured_communication
    expect(page.locator("#copy-status")).to_have_text("Mededeling gekopieerd")
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"+++{ogm[:3]}/{ogm[3:7]}/{ogm[7:]}+++"
    )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_without_javascript_no_copy_button_shows_and_the_amount_stays_on_one_line(
    browser, live_server
):
    registration = RegistrationFactory(training=TrainingFactory(fee_cents=4000), seats=2)
    context = browser.new_context(viewport={"width": 390, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/inschrijving/{registration.token}/")

    # A button that does nothing is not shown: the values are text to select.
    assert page.locator("button.copy").count() == 3
    assert not page.locator("button.copy").first.is_visible()
    fee = page.locator("dd .muted .nowrap")
    assert fee.inner_text() == "€ 40,00"
    box = fee.bounding_box()
    assert box is not None and box["height"] < 30
    context.close()
