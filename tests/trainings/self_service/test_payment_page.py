"""The registrant's payment details can be copied into a bank app, and a phone user learns why
the QR code on their own screen cannot be scanned."""

import re

import pytest

from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory
from tests.trainings.links import registrant_url

pytestmark = pytest.mark.django_db


def _page(client) -> tuple[Registration, str]:
    registration = RegistrationFactory(training=TrainingFactory(fee_cents=4000))
    response = client.get(registrant_url(client, "registration", registration))
    assert response.status_code == 200
    return registration, response.content.decode()


def test_iban_amount_and_communication_each_have_a_copy_button(client):
    registration, html = _page(client)

    ogm = registration.structured_communication
    copied = re.findall(r'<button type="button" class="copy secondary" data-copy="([^"]+)"', html)
    assert copied == ["40,00", "BE68539007547034", f"+++{ogm[:3]}/{ogm[3:7]}/{ogm[7:]}+++"]
    assert "Rekeningnummer gekopieerd" in html  # what the status region then says
    assert '<p id="copy-status" class="visually-hidden" role="status"></p>' in html
    assert "core/copy.js" in html


def test_without_javascript_no_button_shows_and_the_values_are_text(client):
    _, html = _page(client)

    buttons = re.findall(r"<button[^>]*data-copy[^>]*>", html)
    assert buttons and all(" hidden" in button for button in buttons)  # copy.js shows them
    assert "BE68 5390 0754 7034" in html and "€ 40,00" in html


def test_the_page_says_a_phone_cannot_scan_its_own_screen(client):
    _, html = _page(client)

    assert "kan zijn eigen scherm niet scannen" in html
    assert "open de pagina op een computer" in html


def test_after_a_part_payment_the_amount_says_what_was_paid_not_seats_times_fee(client):
    registration = RegistrationFactory(
        training=TrainingFactory(fee_cents=4000), seats=2, amount_paid_cents=3000
    )

    html = client.get(registrant_url(client, "registration", registration)).content.decode()

    assert "€ 50,00" in html
    assert 'waarvan <span class="nowrap">€ 30,00</span> al betaald' in html
    assert "2 deelnemers \N{MULTIPLICATION SIGN}" not in html
