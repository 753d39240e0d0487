"""A one-time invitation link: a new user chooses a password, then logs in with a second factor."""

import pytest
from django.urls import reverse

from eigenkracht.accounts.invitations import invitation_url
from eigenkracht.accounts.models import Role, User
from eigenkracht.core.models import AuditEntry

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "mijn-eigen-wachtwoord-81"


@pytest.fixture
def referrer(db):
    # As the referral form makes them: no usable password yet.
    return User.objects.create_user("aanmelder@example.org", None, role=Role.REFERRER)


def _path(url: str) -> str:
    assert url.startswith("http://testserver/")
    return url.removeprefix("http://testserver")


def test_the_link_is_absolute_on_the_public_address(referrer, settings):
    settings.SITE_URL = "https://eigenkracht.example"

    url = invitation_url(referrer)

    assert url.startswith("https://eigenkracht.example/account/uitnodiging/")


def test_the_invitation_lets_the_user_choose_a_password_once(client, referrer):
    link = _path(invitation_url(referrer))

    form = client.get(link, follow=True)
    assert "Kies je wachtwoord" in form.content.decode()
    assert 'autocomplete="new-password"' in form.content.decode()
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert "Je wachtwoord is ingesteld" in response.content.decode()
    referrer.refresh_from_db()
    assert referrer.check_password(NEW_PASSWORD)
    assert "_auth_user_id" not in client.session  # logging in still takes the second factor
    assert AuditEntry.objects.filter(action="user.invitation_accepted").exists()
    login = client.post(
        reverse("accounts:login"), {"username": referrer.email, "password": NEW_PASSWORD}
    )
    assert login["Location"] == reverse("accounts:login_enrol")

    again = client.get(link, follow=True).content.decode()
    assert "Deze uitnodiging is niet (meer) geldig" in again


def test_an_expired_invitation_does_not_work(client, referrer, settings):
    link = _path(invitation_url(referrer))
    settings.PASSWORD_RESET_TIMEOUT = -1

    response = client.get(link, follow=True)

    assert "Deze uitnodiging is niet (meer) geldig" in response.content.decode()


def test_a_password_reset_token_is_no_invitation(client, referrer):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(referrer.pk))
    token = default_token_generator.make_token(referrer)

    response = client.get(reverse("accounts:invitation", args=[uid, token]), follow=True)

    assert "Deze uitnodiging is niet (meer) geldig" in response.content.decode()
