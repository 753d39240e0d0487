"""A manager finds the retention proposal on the home page, looks into it, and approves it with
the keyboard; the old registrations are anonymous afterwards. On a phone, then on a laptop."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from eigenkracht.privacy.retention import retention_propose
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def fits(page) -> None:
    scroll, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width, f"{page.url} is {scroll} px wide on a {width} px screen"


@pytest.mark.parametrize("width", [390, 1366])
def test_a_manager_reviews_and_approves_the_retention_proposal(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    training = TrainingFactory(sessions__first_date=dt.date(2022, 5, 2))
    for n in range(3):
        RegistrationFactory(training=training, first_name="Oude", last_name=f"Deelnemer{n}")
    retention_propose()
    device = totp_device(UserFactory(email="beheer@example.org", role="manager", password=PASSWORD))
    page.goto(f"{live_server.url}/beheer/")
    browser_log_in(page, email="beheer@example.org", password=PASSWORD, device=device)

    page.get_by_role("link", name="1 voorstel om gegevens anoniem te maken").click()
    expect(page.get_by_role("cell", name="3")).to_be_visible()
    fits(page)
    page.get_by_role("link", name="Inschrijvingen voor vormingen").click()
    expect(page.get_by_text("3 items voorbij de bewaartermijn.")).to_be_visible()
    expect(page.get_by_text("Deelnemer0")).to_have_count(0)
    fits(page)
    page.get_by_role("link", name="Terug naar het voorstel").click()

    page.get_by_role("link", name="Voorstel nakijken en goedkeuren").click()
    page.get_by_role("button", name="Goedkeuren en anoniem maken").click()
    expect(page.get_by_text("Vink aan dat je het voorstel nakeek.").first).to_be_visible()
    assert Registration.objects.filter(first_name="Oude").count() == 3
    checkbox = page.get_by_label("Ik heb het voorstel nagekeken")
    # The page leads to the error: the summary first, its link to the checkbox.
    expect(page.locator(".error-summary")).to_be_focused()
    page.locator(".error-summary").get_by_role("link").first.click()
    expect(checkbox).to_be_focused()
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    page.get_by_role("button", name="Goedkeuren en anoniem maken").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Het voorstel is goedgekeurd.")).to_be_visible()
    fits(page)
    assert Registration.objects.filter(first_name="Oude").count() == 0
    assert Registration.objects.filter(first_name="Anoniem").count() == 3
