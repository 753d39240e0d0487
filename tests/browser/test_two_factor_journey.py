"""In a real browser, without JavaScript tricks: a first login sets up the app, a later one uses
a recovery code."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from eigenkracht.core.models import OutboxMessage
from tests.browser.menu import log_out
from tests.factories import UserFactory
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def test_first_login_sets_up_the_app_through_the_mailed_link(page, live_server):
    UserFactory(email="kantoor@example.org", role="office", password=PASSWORD)
    page.goto(f"{live_server.url}/beheer/outbox/")
    page.get_by_label("E-mailadres").fill("kantoor@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()

    # The password alone never shows the QR code: the link in the mail does.
    expect(
        page.get_by_role("heading", name="Je account heeft nog geen authenticator-app")
    ).to_be_visible()
    mail = OutboxMessage.objects.get(kind="second_factor_link")
    link = re.search(r"http://\S+(/account/app-instellen/\S+/)", mail.body_text)[1]
    page.goto(f"{live_server.url}{link}")

    expect(page.get_by_role("heading", name="Stel je authenticator-app in")).to_be_visible()
    qr_code = page.get_by_role("img", name="QR-code om in je authenticator-app te scannen")
    expect(qr_code).to_be_visible()
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    # As an authenticator app would, from the secret typed over by hand.
    code = f"{TOTP(b32decode(secret)).token():06d}"
    page.get_by_label("Code uit je authenticator-app").fill(code)
    page.get_by_role("button", name="Bevestigen").click()

    expect(page.get_by_role("heading", name="Je herstelcodes")).to_be_visible()
    codes = page.locator(".recovery-codes li").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{4}-[a-z2-7]{4}", c) for c in codes)
    page.get_by_role("link", name="Ik heb mijn herstelcodes bewaard").click()
    page.wait_for_url("**/beheer/outbox/")


def test_a_recovery_code_when_the_phone_is_not_at_hand(page, live_server):
    user = UserFactory(email="kantoor@example.org", role="office", password=PASSWORD)
    totp_device(user)
    device = user.staticdevice_set.create(name="Herstelcodes", confirmed=True)
    device.token_set.create(token="abcd2efg")
    page.goto(f"{live_server.url}/account/aanmelden/")
    page.get_by_label("E-mailadres").fill("kantoor@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()

    page.get_by_text("Je telefoon niet bij de hand? Gebruik een herstelcode").click()
    page.get_by_label("Herstelcode").fill("abcd-2efg")
    page.get_by_role("button", name="Inloggen met herstelcode").click()

    page.wait_for_url("**/beheer/")
    expect(page.get_by_text("Je hebt nog 0 herstelcodes")).to_be_visible()


def test_the_helper_logs_in_twice_within_one_time_step(page, live_server):
    device = totp_device(UserFactory(email="kantoor@example.org", role="office", password=PASSWORD))
    for _ in range(2):
        page.goto(f"{live_server.url}/account/aanmelden/")
        browser_log_in(page, email="kantoor@example.org", password=PASSWORD, device=device)
        page.wait_for_url("**/beheer/")
        log_out(page)
