"""Only office staff and managers reach the trainings back office."""

import pytest
from django.urls import reverse

from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("training_list", None),
    ("training_create", None),
    ("training_detail", "training"),
    ("training_edit", "training"),
    ("training_publish", "training"),
    ("training_cancel", "training"),
    ("training_export", "training"),
    ("registration_detail", "registration"),
    ("registration_cancel", "registration"),
    ("venue_list", None),
    ("venue_create", None),
    ("venue_edit", "venue"),
]


@pytest.fixture
def objects():
    registration = RegistrationFactory()
    return {
        "training": registration.training.pk,
        "registration": registration.pk,
        "venue": registration.training.venue.pk,
    }


def _url(name, arg, objects):
    args = [objects[arg]] if arg else []
    return reverse(f"trainings_backoffice:{name}", args=args)


@pytest.mark.parametrize(("name", "arg"), PAGES)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, objects, name, arg):
    url = _url(name, arg, objects)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "next=" in response.url


@pytest.mark.parametrize("role", ["referrer", "coordinator"])
@pytest.mark.parametrize(("name", "arg"), PAGES)
def test_a_referrer_or_coordinator_is_refused(login_as, objects, role, name, arg):
    client = login_as(role)

    response = client.get(_url(name, arg, objects))

    assert response.status_code == 403


@pytest.mark.parametrize("role", ["referrer", "coordinator"])
def test_a_referrer_cannot_mark_a_registration_paid(login_as, objects, role):
    client = login_as(role)
    url = reverse("payments_backoffice:registration_mark_paid", args=[objects["registration"]])

    response = client.post(url, {"amount_cents": "20", "paid_on": "2020-01-01"})

    assert response.status_code == 403


@pytest.mark.parametrize("role", ["office", "manager"])
@pytest.mark.parametrize(("name", "arg"), PAGES)
def test_office_staff_and_managers_see_every_page(login_as, objects, role, name, arg):
    client = login_as(role)

    response = client.get(_url(name, arg, objects))

    assert response.status_code == 200
