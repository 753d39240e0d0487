"""On her phone, a registrant hands a colleague's seat to someone else and later picks another
date; the page fits a 390 px screen at every step."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Basisvorming Eigen Kracht-conferenties"


def fits(page) -> None:
    scroll, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width, f"{page.url} is {scroll} px wide on a {width} px screen"


def test_a_registrant_transfers_a_seat_and_moves_to_another_date_on_a_phone(page, live_server):
    today = timezone.localdate()
    training = TrainingFactory(
        title=TITLE, fee_cents=6500, sessions__first_date=today + dt.timedelta(days=30)
    )
    later = TrainingFactory(
        title=TITLE, fee_cents=6500, sessions__first_date=today + dt.timedelta(days=60)
    )
    registration = RegistrationFactory(
        training=training,
        email="marie@example.be",
        seats=2,
        participants=[
            ("Marie", "Claes", "marie@example.be"),
            ("Jonas", "Claes", "jonas@example.be"),
        ],
    )
    assert page.viewport_size["width"] == 390

    page.goto(f"{live_server.url}/inschrijving/{registration.token}/")
    fits(page)
    page.get_by_role("link", name="Geef een plaats door aan een collega").click()
    fits(page)
    page.get_by_label("Jonas Claes (jonas@example.be)").check()
    page.get_by_label("Voornaam van je collega").fill("Sofie")
    page.get_by_label("Familienaam van je collega").fill("Peeters")
    page.get_by_label("E-mailadres van je collega").fill("sofie@example.be")
    page.get_by_role("button", name="Plaats doorgeven").click()

    expect(page.get_by_text("De plaats is doorgegeven aan Sofie Peeters")).to_be_visible()
    expect(page.get_by_text("Sofie Peeters (sofie@example.be)")).to_be_visible()
    expect(page.get_by_text("Jonas Claes")).to_have_count(0)
    fits(page)
    assert OutboxMessage.objects.get(kind="seat_transferred").recipient == "sofie@example.be"
    assert OutboxMessage.objects.get(kind="seat_transferred_away").recipient == "jonas@example.be"

    page.get_by_role("link", name="Kies een andere datum").click()
    fits(page)
    page.get_by_label("20 plaatsen vrij, zelfde prijs", exact=False).check()
    page.get_by_role("button", name="Verplaats mijn inschrijving").click()

    expect(page.get_by_text("De inschrijving staat nu op")).to_be_visible()
    fits(page)
    registration.refresh_from_db()
    assert registration.training == later
    assert registration.status == Registration.Status.PENDING
