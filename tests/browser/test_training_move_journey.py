"""The office moves a training on a phone: it reads who is told and the mail, then saves and
mails with the keyboard."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def fits(page) -> None:
    scroll, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width, f"{page.url} is {scroll} px wide on a {width} px screen"


def test_moving_a_training_shows_the_mail_then_saves_and_mails(page, live_server):
    training = TrainingFactory()
    RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)
    RegistrationFactory(training=training)
    session = training.sessions.get()
    device = totp_device(UserFactory(email="kantoor@example.org", role="office", password=PASSWORD))
    page.goto(f"{live_server.url}/beheer/")
    browser_log_in(page, email="kantoor@example.org", password=PASSWORD, device=device)

    page.goto(f"{live_server.url}/beheer/vormingen/{training.pk}/bewerken/")
    fits(page)  # the sessions table scrolls inside its fieldset
    moved = session.date + dt.timedelta(days=7)
    page.get_by_label("Datum van sessie 1").fill(f"{moved:%Y-%m-%d}")
    page.get_by_role("button", name="Wijzigingen bewaren").click()

    expect(page.get_by_role("alert")).to_contain_text("2 inschrijvingen krijgen hierover een mail")
    expect(page.get_by_text("Zo ziet de vorming er nu uit")).to_be_visible()
    fits(page)
    assert not OutboxMessage.objects.filter(kind="training_changed").exists()

    page.get_by_role("button", name="Opslaan en mailen").first.focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("De wijzigingen zijn bewaard.")).to_be_visible()
    assert OutboxMessage.objects.filter(kind="training_changed").count() == 2
