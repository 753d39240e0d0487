"""A full training: one registrant cancels on their own page, the first on the waiting list
accepts the seat, the office records attendance, and the certificate lands in the outbox."""

import datetime as dt

import pytest
from django.utils import timezone

from eigenkracht.core.models import OutboxMessage
from eigenkracht.payments.services import registration_mark_paid
from eigenkracht.trainings.attendance.services import certificates_send
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.waiting_list import waiting_list_offer_seats
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def test_cancel_offer_accept_attend_and_receive_the_certificate(page, live_server):
    training = TrainingFactory(title="Basisvorming Gent", capacity=1)
    leaving = RegistrationFactory(
        training=training, status=Registration.Status.CONFIRMED, first_name="Lotte"
    )
    waiting = RegistrationFactory(
        training=training,
        status=Registration.Status.WAITING,
        payment_deadline=None,
        first_name="Bram",
        last_name="Wouters",
    )

    # Lotte cancels on her own page.
    page.goto(f"{live_server.url}/inschrijving/{leaving.token}/")
    page.get_by_role("link", name="Annuleer je inschrijving").click()
    page.get_by_role("button", name="Ja, annuleer mijn inschrijving").click()
    assert page.get_by_text("Deze inschrijving is geannuleerd.").is_visible()

    # The periodic run offers the freed seat to Bram, who accepts it on his page.
    assert waiting_list_offer_seats() == 1
    offer = OutboxMessage.objects.get(kind="waiting_list_offer", recipient=waiting.email)
    assert "plaats-aanvaarden" in offer.body_text
    page.goto(f"{live_server.url}/inschrijving/{waiting.token}/")
    page.get_by_role("link", name="Plaats aanvaarden").click()
    page.get_by_role("button", name="Ja, ik neem de plaats").click()
    assert page.get_by_role("heading", name="Zo betaal je").is_visible()

    # He pays; on the day the office ticks him present on a tablet.
    registration_mark_paid(
        registration=waiting, amount_cents=2000, paid_on=timezone.localdate(), actor=None
    )
    device = totp_device(UserFactory(email="kantoor@example.org", role="office", password=PASSWORD))
    session = training.sessions.get()
    page.goto(f"{live_server.url}/beheer/vormingen/aanwezigheden/{session.pk}/")
    browser_log_in(page, email="kantoor@example.org", password=PASSWORD, device=device)
    page.get_by_label("Bram Wouters").check()
    page.get_by_role("button", name="Aanwezigheden opslaan").click()

    # The day after the training the certificate goes out, once.
    assert certificates_send(today=session.date + dt.timedelta(days=1)) == 1
    certificate = OutboxMessage.objects.get(kind="certificate")
    assert certificate.recipient == waiting.email
    assert [a.filename.endswith(".pdf") for a in certificate.attachments.all()] == [True]
    assert certificates_send(today=session.date + dt.timedelta(days=1)) == 0
