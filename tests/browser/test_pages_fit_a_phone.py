"""The pages this work added or changed fit a 390 px phone: nothing scrolls sideways except a wide
table inside its own box."""

import pytest

from eigenkracht.core.models import OutboxMessage
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def page_width(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def test_back_office_pages_of_the_trust_work_fit_a_phone(page, live_server):
    manager = UserFactory(email="beheer@example.org", role="manager", password=PASSWORD)
    device = totp_device(manager)
    registration = RegistrationFactory(training=TrainingFactory())
    OutboxMessage.objects.create(
        kind="registration_received",
        recipient=registration.email,
        status=OutboxMessage.Status.RENDER_FAILED,
        error="RuntimeError: " + "een lange foutmelding " * 20,
        object_type="trainings.registration",
        object_id=str(registration.pk),
    )
    message = OutboxMessage.objects.get()
    page.goto(f"{live_server.url}/beheer/")
    browser_log_in(page, email="beheer@example.org", password=PASSWORD, device=device)

    for path in (
        "/beheer/vormingen/mails/",
        "/account/gebruikers/",
        "/beheer/outbox/?status=problems",
        f"/beheer/outbox/{message.pk}/",
        "/beheer/betalingen/rekeningen/",
        f"/beheer/vormingen/inschrijvingen/{registration.pk}/",
    ):
        page.goto(f"{live_server.url}{path}")
        scroll, width = page_width(page)
        assert scroll <= width, f"{path} is {scroll} px wide on a {width} px screen"


def test_the_registrant_pages_fit_a_phone(page, live_server):
    training = TrainingFactory()
    registration = RegistrationFactory(training=training)

    for path in (
        f"/vormingen/{training.pk}/inschrijven/",
        f"/vormingen/{training.pk}/ingeschreven/",
        f"/inschrijving/{registration.token}/",
        f"/mijn-inschrijving/{registration.code}/gegevens/",
        "/mijn-inschrijving/EKNIEMAND/",
    ):
        page.goto(f"{live_server.url}{path}")
        scroll, width = page_width(page)
        assert scroll <= width, f"{path} is {scroll} px wide on a {width} px screen"
