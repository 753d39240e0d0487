"""Setting up an authenticator app takes a one-time link from the user's mail, never the password
alone; every change to the second factor is mailed to the user."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from eigenkracht.accounts.invitations import invitation_url
from eigenkracht.accounts.models import Role, User
from eigenkracht.core.models import AuditEntry, OutboxMessage
from tests.factories import UserFactory
from tests.two_factor import login_verified, totp_code, totp_device

pytestmark = pytest.mark.django_db

PASSWORD = "een-sterk-wachtwoord-42"
LOGIN_URL = reverse("accounts:login")
ENROL_URL = reverse("accounts:login_enrol")
HOME_URL = reverse("backoffice:home")
NO_APP_YET = "Je account heeft nog geen authenticator-app"


@pytest.fixture
def office(db):
    return UserFactory(email="kantoor@example.org", role="office", first_name="Sofie")


def password_step(client, email="kantoor@example.org", password=PASSWORD):
    return client.post(LOGIN_URL, {"username": email, "password": password})


def mailed_link(kind: str, recipient: str = "kantoor@example.org") -> str:
    message = OutboxMessage.objects.filter(kind=kind, recipient=recipient).latest("pk")
    assert message.confidential
    return re.search(r"http://testserver(/account/app-instellen/\S+/)", message.body_text)[1]


def shows_qr_code(response) -> bool:
    html = response.content.decode()
    return 'class="qr-code"' in html or 'id="totp-secret"' in html


def test_the_password_alone_never_shows_the_qr_code_but_mails_a_link(client, office):
    response = password_step(client)
    assert response["Location"] == ENROL_URL

    page = client.get(ENROL_URL)

    assert not shows_qr_code(page)
    html = page.content.decode()
    assert NO_APP_YET in html
    assert "een link die we naar kantoor@example.org mailen" in html
    assert "neem dan contact op met het kantoor" in html
    assert not TOTPDevice.objects.filter(user=office).exists()
    assert "_auth_user_id" not in client.session
    assert mailed_link("second_factor_link")
    assert AuditEntry.objects.filter(action="two_factor.enrolment_link_sent").exists()


def test_the_mailed_link_in_the_same_browser_sets_up_the_app_once(client, office):
    password_step(client)
    link = mailed_link("second_factor_link")

    response = client.get(link)

    assert response["Location"] == ENROL_URL  # on to an address without the token
    page = client.get(ENROL_URL)
    assert shows_qr_code(page)
    done = client.post(ENROL_URL, {"code": totp_code(TOTPDevice.objects.get(user=office))})
    assert "Je herstelcodes" in done.content.decode()
    assert client.get(HOME_URL).status_code == 200
    added = OutboxMessage.objects.get(kind="second_factor_added", recipient=office.email)
    assert "werd een authenticator-app ingesteld voor je account" in added.body_text
    # Used once: the link is void now, in this browser and in any other.
    again = Client().get(link)
    assert "Deze link werkt niet (meer)" in again.content.decode()


def test_a_second_login_within_the_hour_mails_no_second_link(client, office):
    password_step(client)
    password_step(Client())

    assert OutboxMessage.objects.filter(kind="second_factor_link").count() == 1


def test_a_link_opened_in_a_fresh_browser_leads_to_the_login_and_then_to_the_app(client, office):
    password_step(Client())
    link = mailed_link("second_factor_link")

    response = client.get(link, follow=True)

    assert response.redirect_chain[-1][0] == LOGIN_URL
    assert "daarna stel je je authenticator-app in" in response.content.decode()
    assert password_step(client)["Location"] == ENROL_URL
    assert shows_qr_code(client.get(ENROL_URL))


def test_a_manager_reset_mails_a_link_and_only_that_link_sets_up_a_new_app(
    client, manager_user, office
):
    totp_device(office)
    manager = Client()
    login_verified(manager, manager_user)
    manager.post(reverse("accounts:user_second_factor_reset", args=[office.pk]))
    mail = OutboxMessage.objects.get(kind="second_factor_reset", recipient=office.email)
    assert "wiste" in mail.body_text and str(manager_user) in mail.body_text
    link = mailed_link("second_factor_reset")

    password_only = Client()
    password_step(password_only)
    assert not shows_qr_code(password_only.get(ENROL_URL))
    assert not OutboxMessage.objects.filter(kind="second_factor_link").exists()  # just mailed

    client.get(link)
    password_step(client)
    assert shows_qr_code(client.get(ENROL_URL))


def test_a_second_reset_voids_the_link_of_the_first(client, manager_user, office):
    totp_device(office)
    login_verified(client, manager_user)
    reset_url = reverse("accounts:user_second_factor_reset", args=[office.pk])
    client.post(reset_url)
    first = mailed_link("second_factor_reset")
    totp_device(office)
    client.post(reset_url)

    response = Client().get(first)

    assert "Deze link werkt niet (meer)" in response.content.decode()


def test_the_link_of_one_user_does_not_let_another_set_up_an_app(client, office):
    other = UserFactory(email="collega@example.org")
    password_step(Client(), email="collega@example.org")
    client.get(mailed_link("second_factor_link", recipient=other.email))

    password_step(client)  # as kantoor@example.org

    assert not shows_qr_code(client.get(ENROL_URL))


@pytest.mark.parametrize(
    "path",
    [
        "/account/app-instellen/MQ/abc-def/",
        "/account/app-instellen/%FF%FF/x/",
        "/account/app-instellen/OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5/abc-def/",
    ],
)
def test_a_broken_link_gets_a_dutch_page(client, office, path):
    response = client.get(path)

    assert response.status_code == 200
    assert "Deze link werkt niet (meer)" in response.content.decode()


def test_an_invited_user_sets_up_the_app_right_after_choosing_a_password(client):
    referrer = User.objects.create_user("aanmelder@example.org", None, role=Role.REFERRER)
    link = invitation_url(referrer).removeprefix("http://testserver")
    form = client.get(link, follow=True)
    password = "mijn-eigen-wachtwoord-81"
    client.post(form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})

    assert password_step(client, "aanmelder@example.org", password)["Location"] == ENROL_URL
    assert shows_qr_code(client.get(ENROL_URL))
    # Elsewhere the new password alone is not enough.
    elsewhere = Client()
    password_step(elsewhere, "aanmelder@example.org", password)
    assert not shows_qr_code(elsewhere.get(ENROL_URL))


def test_new_recovery_codes_are_mailed_about_without_the_codes(client, office):
    login_verified(client, office)

    response = client.post(reverse("accounts:recovery_codes"))

    codes = re.findall(
        r'<code class="ogm">([a-z2-7]{4}-[a-z2-7]{4})</code>', response.content.decode()
    )
    mail = OutboxMessage.objects.get(kind="recovery_codes_new", recipient=office.email)
    assert "De vorige herstelcodes werken niet meer" in mail.body_text
    assert "Dag Sofie," in mail.body_text
    assert not any(
        code in mail.body_text or code.replace("-", "") in mail.body_text for code in codes
    )
