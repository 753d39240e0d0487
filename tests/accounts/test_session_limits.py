"""A logged-in session ends after 30 minutes without a request and 12 hours after the login; the
user is told why on the login page, and logging in again leads back to the page they asked for."""

import pytest
from django.urls import reverse

from eigenkracht.accounts.models import Role
from eigenkracht.accounts.session_limits import SEEN_KEY, STARTED_KEY
from tests.factories import UserFactory
from tests.two_factor import login_verified, totp_code, totp_device

pytestmark = pytest.mark.django_db

PASSWORD = "een-sterk-wachtwoord-42"
LOGIN_URL = reverse("accounts:login")
OVERVIEW_URL = reverse("accounts:overview")
OUTBOX_URL = reverse("backoffice:outbox")


def age(client, key: str, seconds: float) -> None:
    session = client.session
    session[key] -= seconds
    session.save()


@pytest.mark.parametrize("role", Role.values)
def test_half_an_hour_without_a_request_ends_every_session(client, role):
    login_verified(client, UserFactory(role=role))
    age(client, SEEN_KEY, 31 * 60)

    response = client.get(OVERVIEW_URL)

    assert response["Location"] == f"{LOGIN_URL}?next={OVERVIEW_URL}"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Je was 30 minuten niet actief en bent daarom uitgelogd." in page


def test_logging_in_again_leads_back_to_the_page_asked_for(client, office_user):
    device = login_verified(client, office_user)
    age(client, SEEN_KEY, 31 * 60)
    login_page = client.get(OUTBOX_URL, follow=True)
    assert 'name="next" value="/beheer/outbox/"' in login_page.content.decode()

    client.post(
        f"{LOGIN_URL}?next={OUTBOX_URL}",
        {"username": office_user.email, "password": PASSWORD, "next": OUTBOX_URL},
    )
    response = client.post(reverse("accounts:login_code"), {"code": totp_code(device)})

    assert response["Location"] == OUTBOX_URL
    assert client.get(OUTBOX_URL).status_code == 200


def test_activity_keeps_a_session_but_not_past_twelve_hours(client, office_user):
    login_verified(client, office_user)
    age(client, STARTED_KEY, 11 * 3600)
    assert client.get(OVERVIEW_URL).status_code == 200

    age(client, STARTED_KEY, 3600 + 1)  # still active a minute ago
    response = client.get(OVERVIEW_URL, follow=True)

    assert response.redirect_chain[-1][0] == f"{LOGIN_URL}?next={OVERVIEW_URL}"
    assert "Je was langer dan 12 uur ingelogd" in response.content.decode()


def test_the_limits_are_settings(client, office_user, settings):
    settings.SESSION_IDLE_MINUTES = 5
    settings.SESSION_MAX_HOURS = 1.5
    login_verified(client, office_user)
    age(client, SEEN_KEY, 4 * 60)
    assert client.get(OVERVIEW_URL).status_code == 200
    age(client, SEEN_KEY, 6 * 60)

    response = client.get(OVERVIEW_URL, follow=True)

    assert "Je was 5 minuten niet actief" in response.content.decode()
    login_verified(client, office_user)
    age(client, STARTED_KEY, 1.5 * 3600 + 1)
    assert "langer dan 1,5 uur" in client.get(OVERVIEW_URL, follow=True).content.decode()


def test_the_last_request_is_written_at_most_once_a_minute(client, office_user):
    login_verified(client, office_user)
    seen = client.session[SEEN_KEY]

    client.get(OVERVIEW_URL)
    assert client.session[SEEN_KEY] == seen  # a few seconds later: no write

    age(client, SEEN_KEY, 61)
    client.get(OVERVIEW_URL)
    assert client.session[SEEN_KEY] >= seen


def test_the_session_cookie_ends_at_the_absolute_limit(client, office_user):
    device = totp_device(office_user)
    client.post(LOGIN_URL, {"username": office_user.email, "password": PASSWORD})

    response = client.post(reverse("accounts:login_code"), {"code": totp_code(device)})

    assert 11.9 * 3600 < response.cookies["sessionid"]["max-age"] <= 12 * 3600
    assert 11.9 * 3600 < client.session.get_expiry_age() <= 12 * 3600


def test_a_session_from_before_the_limits_ends(client, office_user):
    login_verified(client, office_user)
    session = client.session
    del session[STARTED_KEY]
    session.save()

    response = client.get(OVERVIEW_URL, follow=True)

    assert response.redirect_chain[-1][0] == f"{LOGIN_URL}?next={OVERVIEW_URL}"
    assert "Je sessie is verlopen." in response.content.decode()


def test_an_expired_session_on_the_login_page_just_shows_the_form(client, office_user):
    login_verified(client, office_user)
    age(client, SEEN_KEY, 31 * 60)

    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    assert "niet actief en bent daarom uitgelogd" in response.content.decode()
