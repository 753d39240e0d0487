"""On a phone the public and the staff menu fold behind one "Menu" button: it opens with the
keyboard and works without JavaScript; on a laptop the links are in view without a button."""

import pytest

from tests.browser.staff_sessions import role_context
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_menu_with_the_keyboard(page) -> None:
    summary = page.locator("details.nav-fold > summary")
    summary.focus()
    page.keyboard.press("Enter")


@pytest.mark.parametrize("javascript", [True, False])
def test_the_public_menu_folds_on_a_phone_and_opens_with_the_keyboard(
    browser, live_server, javascript
):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(live_server.url + "/vormingen/")
    link = page.get_by_role("link", name="Een gezin aanmelden", exact=True)
    header = page.locator("header.site-header").bounding_box()

    assert not link.is_visible()
    assert header["height"] < 120  # one line: the name and the button, not a third of the screen
    _open_menu_with_the_keyboard(page)
    assert link.is_visible()
    context.close()


def test_the_public_menu_is_a_row_of_links_on_a_laptop(browser, live_server):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/vormingen/")

    assert page.get_by_role("link", name="Een gezin aanmelden", exact=True).is_visible()
    assert not page.locator("details.nav-fold > summary").is_visible()
    context.close()


def test_the_staff_menu_folds_on_a_phone_and_marks_the_current_page(browser, live_server):
    UserFactory(email="kantoor@example.org", role="office")
    context = role_context(browser, live_server, "office", width=390)
    page = context.new_page()
    page.goto(live_server.url + "/beheer/outbox/")
    mails = page.locator("header").get_by_role("link", name="Verzonden mails")

    assert not mails.is_visible()
    _open_menu_with_the_keyboard(page)
    assert mails.is_visible()
    assert mails.get_attribute("aria-current") == "page"
    assert page.get_by_role("button", name="Uitloggen").is_visible()
    context.close()


def test_the_staff_menu_on_a_laptop_is_one_band_with_the_account_beside_the_name(
    browser, live_server
):
    UserFactory(email="kantoor@example.org", role="office")
    context = role_context(browser, live_server, "office", width=1366)
    page = context.new_page()
    page.goto(live_server.url + "/trajecten/")
    band = page.locator("nav.staff-nav .nav-wide").bounding_box()

    assert page.locator("nav.staff-nav").get_by_role("link", name="Trajecten").is_visible()
    assert band["height"] < 60  # one line of links
    assert page.locator(".staff-account").get_by_role("link", name="Mijn account").is_visible()
    context.close()
