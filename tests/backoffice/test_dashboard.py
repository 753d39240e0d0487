"""The back office's front page: where to go, and what needs attention."""

import pytest
from django.urls import reverse

from eigenkracht.core.models import OutboxMessage
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db


def test_the_dashboard_counts_trainings_pending_registrations_and_failed_mails(office_client):
    training = TrainingFactory()
    TrainingFactory(status="draft")
    RegistrationFactory(training=training)
    RegistrationFactory(training=training)
    OutboxMessage.objects.create(
        kind="x", recipient="a@example.be", subject="s", body_text="t", status="failed"
    )

    html = office_client.get(reverse("backoffice:home")).content.decode()

    assert 'Komende vormingen</h3>\n    <p class="lead"><strong>1</strong>' in html
    assert 'wachten op betaling</h3>\n    <p class="lead"><strong>2</strong>' in html
    assert 'Mislukte mails</h3>\n    <p class="lead"><strong>1</strong>' in html
    assert reverse("backoffice:outbox") + "?status=problems" in html


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
