"""The back office's front page: where to go, and what needs attention."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db


def test_only_a_manager_sees_the_link_to_the_settings(office_client, client):
    settings_url = reverse("backoffice:organisation")
    assert f'href="{settings_url}">Instellingen van de organisatie' not in (
        office_client.get(reverse("backoffice:home")).content.decode()
    )

    login_verified(client, UserFactory(email="baas@example.org", role="manager"))
    assert f'href="{settings_url}">Instellingen van de organisatie' in (
        client.get(reverse("backoffice:home")).content.decode()
    )


def test_a_referrer_cannot_open_the_back_office(client):
    login_verified(client, UserFactory(role="referrer"))

    assert client.get(reverse("backoffice:home")).status_code == 403
