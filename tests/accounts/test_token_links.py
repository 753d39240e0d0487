"""A link with a secret token is exchanged on its first request for the session: every later
address of that flow (and so every later access-log line) is without the token."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from eigenkracht.accounts.enrolment import enrolment_url
from eigenkracht.accounts.invitations import invitation_url
from eigenkracht.accounts.models import Role, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "nieuw-en-lang-genoeg-77"


def token_of(path: str) -> str:
    return re.fullmatch(r"/account/[a-z-]+/[^/]+/([^/]+)/", path)[1]


def later_paths(client, link: str, form_data: dict | None = None) -> list[str]:
    """Follow the link, then post the form found there; every address after the first one."""
    first = client.get(link, follow=True)
    paths = [url.split("?")[0] for url, _status in first.redirect_chain]
    if form_data is not None:
        done = client.post(paths[-1], form_data, follow=True)
        paths += [paths[-1]] + [url.split("?")[0] for url, _status in done.redirect_chain]
    return paths


def test_the_password_reset_link(client):
    user = UserFactory(email="kantoor@example.org")
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = reverse("accounts:password_reset_confirm", args=[uidb64, token])

    paths = later_paths(client, link, {"new_password1": PASSWORD, "new_password2": PASSWORD})

    assert paths[-1] == reverse("accounts:password_reset_complete")
    assert paths and not any(token in path for path in paths)


def test_the_invitation_link(client):
    user = User.objects.create_user("aanmelder@example.org", None, role=Role.REFERRER)
    link = invitation_url(user).removeprefix("http://testserver")

    paths = later_paths(client, link, {"new_password1": PASSWORD, "new_password2": PASSWORD})

    assert paths[-1] == reverse("accounts:login")
    assert not any(token_of(link) in path for path in paths)


def test_the_link_to_set_up_the_app(client):
    link = enrolment_url(UserFactory(email="kantoor@example.org")).removeprefix("http://testserver")

    paths = later_paths(client, link)

    assert paths == [reverse("accounts:login")]
    assert token_of(link) not in paths[0]
