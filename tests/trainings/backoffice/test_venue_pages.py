"""The office keeps a list of venues to choose from."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from eigenkracht.trainings.models import Venue
from tests.factories import TrainingFactory, VenueFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("trainings_backoffice:venue_list")


def test_the_office_adds_a_venue_and_sees_it_in_the_list(office_client):
    response = office_client.post(
        reverse("trainings_backoffice:venue_create"),
        {
            "name": "Huis van het Kind",
            "street": "Stationsstraat 3",
            "postcode": "2800",
            "city": "Mechelen",
            "directions": "Vlak bij het station.",
        },
        follow=True,
    )

    assert Venue.objects.get().city == "Mechelen"
    assertContains(response, "De locatie is toegevoegd.")
    assertContains(response, "Huis van het Kind")
    assertContains(response, "2800 Mechelen")


def test_a_venue_without_a_name_is_refused_in_dutch(office_client):
    response = office_client.post(
        reverse("trainings_backoffice:venue_create"),
        {"name": "", "street": "Kerkstraat 1", "postcode": "9000", "city": "Gent"},
    )

    assertContains(response, "Vul de naam van de locatie in.")
    assert not Venue.objects.exists()


def test_the_office_edits_a_venue(office_client):
    venue = VenueFactory(name="Oude naam")
    TrainingFactory(venue=venue)

    listing = office_client.get(LIST_URL)
    response = office_client.post(
        reverse("trainings_backoffice:venue_edit", args=[venue.pk]),
        {"name": "Nieuwe naam", "street": venue.street, "postcode": "9000", "city": "Gent"},
        follow=True,
    )

    venue.refresh_from_db()
    assert venue.name == "Nieuwe naam"
    assertContains(listing, "Oude naam")
    assertContains(response, "De locatie is bewaard.")
    assertContains(response, "Nieuwe naam")


def test_an_empty_venue_list_invites_to_add_one(office_client):
    response = office_client.get(LIST_URL)

    assertContains(response, "Er zijn nog geen locaties.")
