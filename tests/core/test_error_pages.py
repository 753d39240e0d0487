"""Error pages speak Dutch, wear the site's layout and offer a way back; the API keeps answering
JSON; a refused request is one line in the log."""

import logging

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory

from eigenkracht.accounts.models import Role
from eigenkracht.core.errors import server_error
from tests.factories import TrainingFactory, UserFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db

HOME_LINK = 'href="/"'


@pytest.fixture(autouse=True)
def _as_in_production(settings):
    settings.DEBUG = False


def assert_dutch_page_with_a_way_home(response, status: int, text: str) -> None:
    page = response.content.decode()
    assert response.status_code == status
    assert '<html lang="nl-BE">' in page
    assert text in page
    assert HOME_LINK in page
    assert 'href="/vormingen/"' in page  # the calendar
    assert "/static/core/site.css" in page


def test_an_unknown_address_gets_the_dutch_not_found_page(client):
    response = client.get("/bestaat-niet/")

    assert_dutch_page_with_a_way_home(response, 404, "Deze pagina bestaat niet")


def test_the_not_found_page_offers_the_page_the_visitor_came_from(client):
    response = client.get("/bestaat-niet/", headers={"Referer": "http://testserver/vormingen/"})

    assert 'href="http://testserver/vormingen/">Terug naar de vorige pagina' in (
        response.content.decode()
    )


def test_a_referer_from_another_site_is_not_offered_as_the_way_back(client):
    response = client.get("/bestaat-niet/", headers={"Referer": "https://elders.example/"})

    assert "elders.example" not in response.content.decode()
    assert "Terug naar de vorige pagina" not in response.content.decode()


def test_a_coordinator_in_the_back_office_gets_the_dutch_no_access_page(client):
    login_verified(client, UserFactory(email="coordinator@example.org", role=Role.COORDINATOR))

    response = client.get("/beheer/")

    assert_dutch_page_with_a_way_home(response, 403, "Geen toegang")
    page = response.content.decode()
    assert "Je bent ingelogd als coordinator@example.org" in page
    assert "Log dan in met je eigen account" not in page


def test_a_refused_request_is_logged_as_one_line_without_a_traceback(client, caplog):
    login_verified(client, UserFactory(email="coordinator@example.org", role=Role.COORDINATOR))

    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/beheer/")

    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.WARNING
    assert record.exc_info is None
    assert caplog.handler.format(record).endswith("Forbidden (Permission denied): /beheer/")
    assert "\n" not in caplog.handler.format(record)


def test_an_address_with_a_nul_character_gets_the_dutch_bad_request_page(client):
    response = client.get("/inschrijving/%00/")

    assert_dutch_page_with_a_way_home(response, 400, "Dit verzoek kunnen we niet verwerken")


def test_a_form_sent_after_its_page_was_open_too_long_says_to_send_it_again():
    training = TrainingFactory()
    form_page = f"http://testserver/vormingen/{training.pk}/inschrijven/"
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        f"/vormingen/{training.pk}/inschrijven/",
        {"email": "an@example.be"},
        headers={"Referer": form_page},
    )

    assert_dutch_page_with_a_way_home(response, 403, "Het formulier is verlopen")
    page = response.content.decode()
    assert "De pagina stond te lang open" in page
    assert "verstuur het nog eens" in page
    assert f'href="{form_page}">Terug naar de vorige pagina' in page


def test_when_the_database_is_down_the_server_error_page_still_shows(client, monkeypatch):
    def database_down(*args, **kwargs):
        raise OperationalError("the database is not reachable")

    monkeypatch.setattr("eigenkracht.core.models.Organisation.current", database_down)
    client.raise_request_exception = False

    response = client.get("/")

    assert_dutch_page_with_a_way_home(response, 500, "Er ging iets mis aan onze kant")


def test_the_server_error_page_needs_no_database_at_all(django_db_blocker):
    request = RequestFactory().get("/vormingen/")

    with django_db_blocker.block():
        response = server_error(request)

    assert_dutch_page_with_a_way_home(response, 500, "Er ging iets mis")


# The API keeps answering JSON ------------------------------------------------------------------


def test_an_unknown_api_address_answers_json(client):
    response = client.get("/api/v1/bestaat-niet")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Niet gevonden."}


def test_a_server_error_in_the_api_answers_json(client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("eigenkracht.trainings.api.public_trainings", broken)
    client.raise_request_exception = False

    response = client.get("/api/v1/trainings")

    assert response.status_code == 500
    assert "Er ging iets mis" in response.json()["detail"]


def test_a_form_too_large_to_read_says_so_instead_of_blaming_a_strange_character(client):
    response = client.post("/aanmelden/", {"concerns": "é" * 1_400_000})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Wat je verstuurde is te groot" in page
    assert "vreemd teken" not in page
