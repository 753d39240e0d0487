"""Bad input gets a 4xx with a clear answer, never a server error: a NUL character anywhere in a
request (PostgreSQL refuses it in text), and numbers past what the database can hold."""

import pytest

from eigenkracht.accounts.tokens import api_token_create
from tests.factories import RegistrationFactory, TrainingFactory
from tests.trajectories.factories import TrajectoryFactory

pytestmark = pytest.mark.django_db

PAST_64_BITS = 2**64
LARGEST_OFFSET = 2**63 - 1


@pytest.fixture
def staff_key(office_user):
    _token, key = api_token_create(user=office_user, name="Rapportage", actor=office_user)
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize(
    "url",
    [
        "/inschrijving/%00/",
        "/inschrijving/%00/annuleren/",
        "/vormingen/?city=%00",
        "/vormingen/?%00=Gent",
        "/beheer/vormingen/?q=An%00",
        "/aanmelden/?x=%00",
    ],
)
def test_a_nul_character_in_the_address_gets_the_bad_request_page(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "Dit verzoek kunnen we niet verwerken" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/trainings?city=%00",
        "/api/v1/trajectories?status=%00",
        "/api/v1/registrations?status=confirmed%00",
        "/api/v1/trainings/%00",
    ],
)
def test_a_nul_character_in_an_api_address_gets_a_json_bad_request(client, staff_key, url):
    response = client.get(url, headers=staff_key)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "ongeldig" in response.json()["detail"]


def test_a_nul_character_in_a_form_field_is_refused_before_anything_is_stored(client):
    training = TrainingFactory()

    response = client.post(
        f"/vormingen/{training.pk}/inschrijven/",
        {"first_name": "An\x00", "last_name": "Claes", "email": "an@example.be"},
    )

    assert response.status_code == 400
    assert not training.registrations.exists()


def test_a_nul_character_in_a_header_or_cookie_is_refused(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert client.get("/vormingen/").status_code == 400

    client.cookies.clear()
    assert client.get("/vormingen/", headers={"User-Agent": "Mozilla\x00"}).status_code == 400


@pytest.mark.parametrize("path", ["/api/v1/registrations", "/api/v1/trajectories"])
def test_an_offset_past_what_the_database_holds_gets_a_clear_message(client, staff_key, path):
    response = client.get(path, {"offset": PAST_64_BITS}, headers=staff_key)

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", "offset"]
    assert error["msg"] == f"Geef een getal tot en met {LARGEST_OFFSET}."


@pytest.mark.parametrize(
    ("url", "where"),
    [
        (f"/api/v1/registrations?training=-{PAST_64_BITS}", ["query", "training"]),
        (f"/api/v1/registrations?training={PAST_64_BITS}", ["query", "training"]),
        (f"/api/v1/trainings/{PAST_64_BITS}", ["path", "training_id"]),
        (f"/api/v1/trajectories/{PAST_64_BITS}", ["path", "trajectory_id"]),
    ],
)
def test_an_id_past_what_the_database_holds_gets_a_clear_message(client, staff_key, url, where):
    response = client.get(url, headers=staff_key)

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == where


@pytest.mark.parametrize("path", ["/api/v1/registrations", "/api/v1/trajectories"])
def test_the_largest_offset_the_database_holds_gives_an_empty_page(client, staff_key, path):
    RegistrationFactory()
    TrajectoryFactory()

    response = client.get(path, {"offset": LARGEST_OFFSET}, headers=staff_key)

    assert response.status_code == 200
    assert response.json()["items"] == []
    assert response.json()["count"] == 1


def test_an_unknown_trajectory_status_gets_a_clear_message(client, staff_key):
    response = client.get("/api/v1/trajectories", {"status": "lopend"}, headers=staff_key)

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", "status"]
    assert "lopend" in error["msg"]
    assert "preparation" in error["msg"]


def test_a_word_where_a_number_belongs_gets_a_dutch_message(client):
    response = client.get("/api/v1/trainings/vijf")

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["msg"] == "Geef een geheel getal."
