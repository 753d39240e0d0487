import re

import pytest
from django.urls import reverse

from eigenkracht.core.models import OutboxMessage
from tests.factories import UserFactory
from tests.two_factor import login_verified, totp_code, totp_device

pytestmark = pytest.mark.django_db

PASSWORD = "een-sterk-wachtwoord-42"


def login(client, email, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_office_staff_log_in_with_password_and_code_and_land_in_the_back_office(client):
    device = totp_device(UserFactory(email="kantoor@example.org", role="office"))

    response = login(client, "kantoor@example.org")
    assert response["Location"] == reverse("accounts:login_code")
    response = client.post(reverse("accounts:login_code"), {"code": totp_code(device)})

    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:home")
    assert client.get(reverse("backoffice:home")).status_code == 200


def test_a_wrong_password_gets_a_dutch_message(client):
    UserFactory(email="kantoor@example.org")

    response = login(client, "kantoor@example.org", "fout")

    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar." in response.content.decode()


def test_repeated_failures_lock_the_account_for_this_address(client, settings):
    UserFactory(email="kantoor@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "kantoor@example.org", "fout")

    response = login(client, "kantoor@example.org")  # even the right password is refused now

    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post_and_ends_the_session(client):
    user = UserFactory()
    login_verified(client, user)

    client.post(reverse("accounts:logout"))

    assert client.get(reverse("backoffice:home")).status_code == 302


def test_password_reset_goes_through_the_outbox_and_its_link_works(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    UserFactory(email="kantoor@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "kantoor@example.org"})

    stored = OutboxMessage.objects.get(kind="password_reset")
    assert stored.confidential
    (mail,) = mailoutbox
    link = re.search(r"http://testserver(/account/wachtwoord-herstellen/\S+/)", mail.body)[1]
    form = client.get(link, follow=True)
    assert "Kies een nieuw wachtwoord" in form.content.decode()
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "nieuw-en-lang-genoeg-77", "new_password2": "nieuw-en-lang-genoeg-77"},
    )
    # The new password passes the first step; the second factor still follows.
    response = login(client, "kantoor@example.org", "nieuw-en-lang-genoeg-77")
    assert response["Location"] == reverse("accounts:login_enrol")
    assert "_auth_user_id" not in client.session


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "niemand@example.org"}, follow=True
    )

    assert "Kijk in je mailbox" in response.content.decode()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("referrer", 403), ("coordinator", 403)])
def test_only_office_and_managers_enter_the_back_office(client, role, status):
    login_verified(client, UserFactory(role=role))
    assert client.get(reverse("backoffice:home")).status_code == status


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("backoffice:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
