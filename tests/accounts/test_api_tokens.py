"""API keys: made and revoked in the back office, stored only as a hash, every change audited."""

import hashlib

import pytest

from eigenkracht.accounts.models import ApiToken
from eigenkracht.accounts.tokens import api_token_authenticate, api_token_create, api_token_revoke
from eigenkracht.core.models import AuditEntry
from tests.factories import UserFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db

LIST_URL = "/beheer/api-sleutels/"
CREATE_URL = "/beheer/api-sleutels/nieuw/"


def revoke_url(token: ApiToken) -> str:
    return f"/beheer/api-sleutels/{token.pk}/intrekken/"


# Services --------------------------------------------------------------------------------------


def test_the_key_is_never_stored_in_clear(office_user):
    token, key = api_token_create(user=office_user, name="Boekhouding", actor=office_user)

    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert len(key) >= 40
    assert key not in [str(value) for value in stored.values()]
    assert stored["key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert stored["prefix"] == key[:8]
    entry = AuditEntry.objects.get(action="api_token.created")
    assert entry.actor == office_user
    assert key not in str(entry.data)


def test_each_key_is_different(office_user):
    _first, key_one = api_token_create(user=office_user, name="Een", actor=office_user)
    _second, key_two = api_token_create(user=office_user, name="Twee", actor=office_user)

    assert key_one != key_two


def test_a_revoked_key_is_refused_and_the_revocation_is_audited(office_user, manager_user):
    token, key = api_token_create(user=office_user, name="Oud script", actor=office_user)
    assert api_token_authenticate(key) == token

    api_token_revoke(token=token, actor=manager_user)
    api_token_revoke(token=token, actor=manager_user)  # a second click changes nothing

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_token_authenticate(key) is None
    assert AuditEntry.objects.filter(action="api_token.revoked", actor=manager_user).count() == 1


# Back office pages -----------------------------------------------------------------------------


def test_a_staff_member_makes_a_key_and_sees_it_only_once(office_client, office_user):
    response = office_client.post(CREATE_URL, {"name": "Boekhouding"})

    assert response.status_code == 200
    key = response.context["key"]
    content = response.content.decode()
    assert key in content
    assert "Kopieer de sleutel nu." in content
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=office_user)
    assert token.name == "Boekhouding"
    assert api_token_authenticate(key) == token

    listing = office_client.get(LIST_URL).content.decode()
    assert "Boekhouding" in listing
    assert token.prefix in listing
    assert key not in listing


def test_a_key_needs_a_name(office_client):
    response = office_client.post(CREATE_URL, {"name": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert 'aria-invalid="true"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_staff_member_revokes_a_key_after_confirming(office_client, office_user):
    token, key = api_token_create(user=office_user, name="Oud script", actor=office_user)

    confirmation = office_client.get(revoke_url(token))
    assert confirmation.status_code == 200
    assert "Oud script" in confirmation.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None

    response = office_client.post(revoke_url(token), follow=True)

    assert response.redirect_chain[-1][0] == LIST_URL
    assert "is ingetrokken" in response.content.decode()
    assert api_token_authenticate(key) is None


def test_staff_see_only_their_own_keys_and_cannot_revoke_a_colleagues(office_client):
    colleague = UserFactory(email="collega@example.org")
    token, key = api_token_create(user=colleague, name="Sleutel van een collega", actor=colleague)

    listing = office_client.get(LIST_URL).content.decode()
    refused = office_client.post(revoke_url(token))

    assert "Sleutel van een collega" not in listing
    assert refused.status_code == 404
    assert api_token_authenticate(key) == token


def test_a_manager_sees_every_key_and_can_revoke_any(manager_client, office_user):
    token, key = api_token_create(user=office_user, name="Vergeten sleutel", actor=office_user)

    listing = manager_client.get(LIST_URL).content.decode()
    manager_client.post(revoke_url(token))

    assert "Vergeten sleutel" in listing
    assert str(office_user) in listing
    assert api_token_authenticate(key) is None


def test_only_staff_reach_the_key_pages(client):
    coordinator = UserFactory(email="coordinator@example.org", role="coordinator")

    anonymous = client.get(LIST_URL)
    login_verified(client, coordinator)
    refused = client.get(LIST_URL)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/account/aanmelden/")
    assert refused.status_code == 403
