"""The registration form asks (without insisting) the sector and the postcode of the workplace,
for the figures' training reach."""

import pytest
from django.urls import reverse

from eigenkracht.core.models import Sector
from eigenkracht.trainings.models import Registration
from tests.factories import TrainingFactory
from tests.trainings.test_public_pages import form_data

pytestmark = pytest.mark.django_db


def test_a_trainee_gives_a_sector_and_a_workplace_postcode(client):
    training = TrainingFactory()
    url = reverse("trainings:register", args=[training.pk])
    page = client.get(url).content.decode()
    assert "Sector waarin je werkt (niet verplicht)" in page and "Jeugdhulp" in page
    ocmw = Sector.objects.get(name="OCMW")
    client.post(url, form_data(sector=str(ocmw.pk), work_postcode="3500"))
    registration = Registration.objects.get()
    assert (registration.sector, registration.work_postcode) == (ocmw, "3500")


def test_without_a_sector_the_registration_goes_through(client):
    client.post(reverse("trainings:register", args=[TrainingFactory().pk]), form_data())
    assert Registration.objects.get().sector is None


@pytest.mark.parametrize("postcode", ["NL-1011", "0000"])
def test_a_postcode_that_is_not_belgian_is_refused_in_dutch(client, postcode):
    response = client.post(
        reverse("trainings:register", args=[TrainingFactory().pk]),
        form_data(work_postcode=postcode),
    )
    assert "Vul een Belgische postcode in" in response.content.decode()
    assert not Registration.objects.exists()
