"""A trainer on a phone: logs in with the second factor, lands on "Mijn vormingen", ticks who is
present and saves; the back office stays closed."""

import re

import pytest
from playwright.sync_api import expect

from eigenkracht.trainings.models import Attendance, Registration, Trainer
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def fits(page) -> None:
    scroll, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width, f"{page.url} is {scroll} px wide on a {width} px screen"


def test_a_trainer_records_attendance_on_a_phone(page, live_server):
    training = TrainingFactory(title="Basisvorming in Gent", sessions=2)
    noor = RegistrationFactory(
        training=training, status=Registration.Status.CONFIRMED, first_name="Noor"
    )
    RegistrationFactory(training=training, status=Registration.Status.CONFIRMED, first_name="Tom")
    user = UserFactory(email="an@example.org", role="trainer", password=PASSWORD)
    Trainer.objects.create(name="An Peeters", user=user).trainings.add(training)
    device = totp_device(user)

    page.goto(f"{live_server.url}/account/aanmelden/")
    browser_log_in(page, email="an@example.org", password=PASSWORD, device=device)

    page.wait_for_url(re.compile(r"/lesgever/$"))
    expect(page.get_by_role("heading", name="Mijn vormingen")).to_be_visible()
    fits(page)
    page.get_by_role("link", name=re.compile(r"^Aanwezigheden")).first.click()
    page.get_by_label(re.compile(r"Noor")).check()
    page.get_by_role("button", name="Aanwezigheden opslaan").click()
    expect(page.get_by_text("Aanwezigheden opgeslagen: 1 aanwezig, 1 afwezig.")).to_be_visible()
    fits(page)
    assert Attendance.objects.get(present=True).participant.registration == noor

    page.get_by_role("link", name="Basisvorming in Gent").click()
    expect(page.get_by_role("cell", name="aanwezig", exact=True)).to_be_visible()
    fits(page)

    response = page.goto(f"{live_server.url}/beheer/")
    assert response.status == 403
