"""The office's list of registrations waiting for payment, across trainings: all of them, or only
those that got their payment reminder and still did not pay (the home page links there)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

LIST = reverse("trainings_backoffice:registration_list")


def test_the_list_shows_pending_registrations_of_every_training_and_filters_the_reminded(
    office_client,
):
    reminded = RegistrationFactory(
        training=TrainingFactory(title="Basisvorming"), reminder_sent_at=timezone.now()
    )
    not_yet = RegistrationFactory(training=TrainingFactory(title="Intervisie"))
    RegistrationFactory(status="confirmed", reminder_sent_at=timezone.now())
    RegistrationFactory(  # nobody is asked to pay for a training that does not take place
        training=TrainingFactory(status="cancelled"), reminder_sent_at=timezone.now()
    )

    everyone = office_client.get(LIST)
    after_reminder = office_client.get(LIST + "?toon=na-herinnering")

    assert set(everyone.context["page_obj"]) == {reminded, not_yet}
    assert list(after_reminder.context["page_obj"]) == [reminded]
    html = after_reminder.content.decode()
    assert "Basisvorming" in html and "Intervisie" not in html
    assert 'href="?toon=na-herinnering" aria-current="page"' in html


def test_an_unknown_filter_shows_every_pending_registration(office_client):
    RegistrationFactory()

    response = office_client.get(LIST + "?toon=iets")

    assert response.status_code == 200
    assert response.context["show"] == "open"
    assert response.context["page_obj"].paginator.count == 1
    assert "Onbekende keuze: we tonen alle inschrijvingen" in response.content.decode()
    assert "Onbekende keuze" not in office_client.get(LIST + "?toon=open").content.decode()


def test_the_list_reads_a_constant_number_of_queries(office_client):
    RegistrationFactory(reminder_sent_at=timezone.now())
    with CaptureQueriesContext(connection) as few:
        office_client.get(LIST)
    for _ in range(10):
        RegistrationFactory(reminder_sent_at=timezone.now())
    with CaptureQueriesContext(connection) as many:
        office_client.get(LIST)

    assert len(many) == len(few) <= 10


def test_a_coordinator_cannot_open_it(client):
    from tests.factories import UserFactory
    from tests.two_factor import login_verified

    login_verified(client, UserFactory(role="coordinator"))

    assert client.get(LIST).status_code == 403
