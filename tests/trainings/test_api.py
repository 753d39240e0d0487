"""The JSON API at /api/v1/: the public calendar and, with a staff key, the registrations."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eigenkracht.accounts.models import Role
from eigenkracht.accounts.tokens import api_token_create, api_token_revoke
from eigenkracht.core.models import AuditEntry
from eigenkracht.trainings.models import Registration, Training
from tests.factories import RegistrationFactory, TrainingFactory, VenueFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


def brussels(date: dt.date, time: dt.time) -> str:
    return dt.datetime.combine(date, time, tzinfo=BRUSSELS).isoformat()


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def office_key(office_user):
    _token, key = api_token_create(user=office_user, name="Boekhouding", actor=office_user)
    return key


# Public calendar -------------------------------------------------------------------------------


def test_the_calendar_shows_an_upcoming_published_training_with_everything_a_website_needs(client):
    venue = VenueFactory(name="De Centrale", street="Kraankinderstraat 2", city="Gent")
    training = TrainingFactory(
        title="Basisvorming", venue=venue, capacity=12, fee_cents=4500, sessions=2
    )

    response = client.get("/api/v1/trainings")

    assert response.status_code == 200
    [item] = response.json()
    first_day = training.starts_on
    assert item == {
        "id": training.pk,
        "title": "Basisvorming",
        "description": "Hoe stel je een **Eigen Kracht-conferentie** voor aan een gezin?",
        "url": f"http://testserver/vormingen/{training.pk}/",
        "status": "published",
        "venue": {
            "name": "De Centrale",
            "street": "Kraankinderstraat 2",
            "postcode": "9000",
            "city": "Gent",
        },
        "sessions": [
            {
                "date": day.isoformat(),
                "start": brussels(day, dt.time(9, 30)),
                "end": brussels(day, dt.time(16, 30)),
            }
            for day in (first_day, first_day + dt.timedelta(days=7))
        ],
        "capacity": 12,
        "seats_left": 12,
        "fee_cents": 4500,
        "currency": "EUR",
        "registration_open": True,
        "registration_url": f"http://testserver/vormingen/{training.pk}/inschrijven/",
    }


def test_drafts_cancelled_and_past_trainings_stay_off_the_calendar(client):
    upcoming = TrainingFactory(title="Komt eraan")
    TrainingFactory(title="Ontwerp", status=Training.Status.DRAFT)
    TrainingFactory(title="Afgelast", status=Training.Status.CANCELLED)
    TrainingFactory(
        title="Voorbij", sessions__first_date=timezone.localdate() - dt.timedelta(days=3)
    )

    response = client.get("/api/v1/trainings")

    assert [item["id"] for item in response.json()] == [upcoming.pk]


def test_seats_left_counts_the_seats_of_pending_and_confirmed_registrations(client):
    training = TrainingFactory(capacity=10)
    RegistrationFactory(training=training, seats=2, status=Registration.Status.PENDING)
    RegistrationFactory(training=training, seats=3, status=Registration.Status.CONFIRMED)
    RegistrationFactory(training=training, seats=1, status=Registration.Status.WAITING)
    RegistrationFactory(training=training, seats=2, status=Registration.Status.CANCELLED)

    [item] = client.get("/api/v1/trainings").json()

    assert item["seats_left"] == 5


def test_registration_is_shown_closed_once_the_closing_date_has_passed(client):
    TrainingFactory(registration_closes_at=timezone.now() - dt.timedelta(hours=1))

    [item] = client.get("/api/v1/trainings").json()

    assert item["registration_open"] is False


def test_the_calendar_filters_by_city_and_month(client):
    in_month = timezone.localdate().replace(day=1) + dt.timedelta(days=62)
    gent = TrainingFactory(venue=VenueFactory(city="Gent"), sessions__first_date=in_month)
    TrainingFactory(venue=VenueFactory(city="Brugge"), sessions__first_date=in_month)
    TrainingFactory(
        venue=VenueFactory(city="Gent"), sessions__first_date=in_month + dt.timedelta(days=40)
    )

    response = client.get("/api/v1/trainings", {"city": "gent", "month": f"{in_month:%Y-%m}"})

    assert [item["id"] for item in response.json()] == [gent.pk]


def test_a_month_in_the_wrong_format_gets_a_clear_message(client):
    response = client.get("/api/v1/trainings", {"month": "februari"})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", "month"]
    assert "JJJJ-MM" in error["msg"]


def test_one_training_can_be_fetched_by_its_id_but_a_draft_cannot(client):
    training = TrainingFactory(title="Verdiepingsdag")
    draft = TrainingFactory(status=Training.Status.DRAFT)

    found = client.get(f"/api/v1/trainings/{training.pk}")
    hidden = client.get(f"/api/v1/trainings/{draft.pk}")

    assert found.status_code == 200
    assert found.json()["title"] == "Verdiepingsdag"
    assert hidden.status_code == 404


def test_the_calendar_takes_the_same_number_of_queries_for_5_or_50_trainings(
    client, django_assert_num_queries
):
    for _ in range(5):
        training = TrainingFactory(sessions=2)
        RegistrationFactory(training=training)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/api/v1/trainings").json()) == 5
    for _ in range(45):
        training = TrainingFactory(sessions=3)
        RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)

    with django_assert_num_queries(len(few)):
        response = client.get("/api/v1/trainings")

    assert len(response.json()) == 50
    assert len(few) == 2  # the trainings with their seats, then all their sessions


# Registrations (staff key) ---------------------------------------------------------------------


def test_a_staff_key_lists_registrations_with_their_participants(client, office_key):
    registration = RegistrationFactory(
        seats=2,
        participants=[
            ("An", "Claes", "an@example.be"),
            ("Bert", "Claes", "bert@example.be"),
        ],
    )

    response = client.get("/api/v1/registrations", headers=bearer(office_key))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["code"] == registration.code
    assert item["training"] == registration.training_id
    assert len(item["structured_communication"]) == 12
    assert item["structured_communication"].isdigit()
    assert item["status"] == "pending"
    assert item["amount_due_cents"] == 4000
    assert item["amount_paid_cents"] == 0
    created = dt.datetime.fromisoformat(item["created_at"])
    assert abs(created - registration.created_at) < dt.timedelta(milliseconds=1)
    assert created.utcoffset() == registration.created_at.astimezone(BRUSSELS).utcoffset()
    assert item["participants"] == [
        {"first_name": "An", "last_name": "Claes", "email": "an@example.be"},
        {"first_name": "Bert", "last_name": "Claes", "email": "bert@example.be"},
    ]


def test_using_a_key_records_when_it_was_last_used(client, office_user):
    token, key = api_token_create(user=office_user, name="Rekenblad", actor=office_user)
    assert token.last_used_at is None

    client.get("/api/v1/registrations", headers=bearer(key))

    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer dit-is-geen-sleutel"},
        {"Authorization": "Bearer "},
        {"Authorization": "Token iets"},
    ],
    ids=["no header", "unknown key", "empty key", "other scheme"],
)
def test_without_a_valid_key_the_registrations_stay_closed(client, headers):
    RegistrationFactory()

    response = client.get("/api/v1/registrations", headers=headers)

    assert response.status_code == 401
    assert "items" not in response.json()


def test_a_revoked_key_no_longer_works(client, office_user):
    token, key = api_token_create(user=office_user, name="Oud script", actor=office_user)
    assert client.get("/api/v1/registrations", headers=bearer(key)).status_code == 200

    api_token_revoke(token=token, actor=office_user)

    assert client.get("/api/v1/registrations", headers=bearer(key)).status_code == 401


def test_the_key_of_someone_who_left_no_longer_works(client, office_user, office_key):
    office_user.is_active = False
    office_user.save()

    response = client.get("/api/v1/registrations", headers=bearer(office_key))

    assert response.status_code == 401


def test_the_key_of_someone_who_is_no_longer_staff_no_longer_works(client, office_user, office_key):
    office_user.role = Role.COORDINATOR
    office_user.save()

    response = client.get("/api/v1/registrations", headers=bearer(office_key))

    assert response.status_code == 401


def test_a_manager_key_works_too(client, manager_user):
    _token, key = api_token_create(user=manager_user, name="Rapporten", actor=manager_user)

    assert client.get("/api/v1/registrations", headers=bearer(key)).status_code == 200


def test_registrations_can_be_filtered_by_training_and_status(client, office_key):
    training = TrainingFactory()
    confirmed = RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)
    RegistrationFactory(training=training, status=Registration.Status.PENDING)
    RegistrationFactory(status=Registration.Status.CONFIRMED)  # another training

    response = client.get(
        "/api/v1/registrations",
        {"training": training.pk, "status": "confirmed"},
        headers=bearer(office_key),
    )

    assert [item["code"] for item in response.json()["items"]] == [confirmed.code]


def test_an_unknown_status_gets_a_clear_message(client, office_key):
    response = client.get(
        "/api/v1/registrations", {"status": "betaald"}, headers=bearer(office_key)
    )

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", "status"]
    assert "betaald" in error["msg"]
    assert "confirmed" in error["msg"]


def test_registrations_come_in_pages(client, office_key):
    training = TrainingFactory()
    RegistrationFactory.create_batch(5, training=training)

    response = client.get(
        "/api/v1/registrations", {"limit": 2, "offset": 4}, headers=bearer(office_key)
    )

    body = response.json()
    assert body["count"] == 5
    assert len(body["items"]) == 1


def test_the_registrations_take_the_same_number_of_queries_for_5_or_50(
    client, office_key, django_assert_num_queries
):
    training = TrainingFactory(capacity=200)
    RegistrationFactory.create_batch(5, training=training, seats=2)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/api/v1/registrations", headers=bearer(office_key)).json()["count"] == 5
    RegistrationFactory.create_batch(45, training=training, seats=3)

    with django_assert_num_queries(len(few)):
        response = client.get("/api/v1/registrations", headers=bearer(office_key))

    assert len(response.json()["items"]) == 50
    # key lookup, last-used update, count, page, participants, the audit entry of the page
    assert len(few) == 6


# The schema ------------------------------------------------------------------------------------


def test_the_openapi_schema_documents_both_endpoints_and_the_bearer_key(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert {"/api/v1/trainings", "/api/v1/trainings/{training_id}", "/api/v1/registrations"} <= set(
        schema["paths"]
    )
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"} in schemes.values()
    registrations = schema["paths"]["/api/v1/registrations"]["get"]
    assert registrations["security"] == [{name: []} for name in schemes]
    assert "security" not in schema["paths"]["/api/v1/trainings"]["get"]
    assert {"TrainingOut", "RegistrationOut", "PagedRegistrationOut"} <= set(
        schema["components"]["schemas"]
    )


def test_the_interactive_docs_page_is_off_because_it_needs_inline_scripts(client):
    assert client.get("/api/v1/docs").status_code == 404


def test_staff_without_a_key_cannot_use_their_login_session_instead(client, office_user):
    login_verified(client, office_user)

    assert client.get("/api/v1/registrations").status_code == 401


# Errors ----------------------------------------------------------------------------------------


def test_errors_answer_json_in_dutch(client):
    without_key = client.get("/api/v1/registrations")
    unknown = client.get("/api/v1/trainings/999999")

    assert without_key.status_code == 401
    assert "API-sleutel" in without_key.json()["detail"]
    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "Niet gevonden."}


def test_a_limit_below_one_gets_a_dutch_message(client, office_key):
    response = client.get("/api/v1/registrations", {"limit": 0}, headers=bearer(office_key))

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", "limit"]
    assert error["msg"] == "Geef een getal vanaf 1."


def test_the_schema_names_one_error_body_and_documents_every_answer(client):
    schema = client.get("/api/v1/openapi.json").json()

    error_bodies = [name for name in schema["components"]["schemas"] if "Error" in name]
    assert sorted(error_bodies) == ["ErrorOut", "ValidationErrorOut"]
    for path, operations in schema["paths"].items():
        answers = set(operations["get"]["responses"])
        assert {"200", "400", "414", "422"} <= answers, path
        if "{" in path:
            assert "404" in answers, path
        if operations["get"].get("security"):
            assert "401" in answers, path


def test_every_page_of_registrations_read_with_a_key_is_in_the_audit_log(
    client, office_key, office_user
):
    training = TrainingFactory()
    registrations = RegistrationFactory.create_batch(3, training=training)

    body = client.get(
        "/api/v1/registrations",
        {"limit": 2},
        headers=bearer(office_key),
        REMOTE_ADDR="198.51.100.4",
    ).json()

    entry = AuditEntry.objects.get(action="registration.list")
    assert entry.actor == office_user
    assert entry.ip_address == "198.51.100.4"
    codes = {str(r.pk): r.code for r in registrations}
    assert [codes[pk] for pk in entry.data["ids"]] == [item["code"] for item in body["items"]]
    assert len(entry.data["ids"]) == 2
    assert office_key[:8] in entry.data["page"]
