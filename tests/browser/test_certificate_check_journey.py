"""A fund checks a certificate on a phone: types the code as printed, sees name, training, date."""

import pytest
from django.utils import timezone

from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_fund_checks_a_certificate_by_its_code(page, live_server):
    training = TrainingFactory(title="Basisvorming Eigen Kracht-conferenties")
    registration = RegistrationFactory(
        training=training,
        status=Registration.Status.CONFIRMED,
        first_name="Noor",
        last_name="Janssens",
    )
    participant = registration.participants.get()
    participant.certificate_code = "K7M2QX9PAB"
    participant.certificate_sent_at = timezone.now()
    participant.save()

    page.goto(f"{live_server.url}/attest/")
    page.get_by_label("Verificatiecode").fill("k7m2q-x9pab")
    page.get_by_role("button", name="Nakijken").click()

    page.get_by_role("heading", name="Attest van deelname: echt").wait_for()
    body = page.locator("main").inner_text()
    assert "Noor Janssens" in body
    assert "Basisvorming Eigen Kracht-conferenties" in body
    assert registration.email not in body
    scroll, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width
