"""The office registers a request, sees its deadline, extends it once and answers it; overdue
requests show on the back office's home page. Every step is audited without personal data."""

import datetime as dt

import pytest
from django.utils import timezone

from eigenkracht.core.models import AuditEntry
from eigenkracht.privacy.models import PrivacyRequest
from tests.factories import UserFactory
from tests.privacy.conftest import EMAIL, NAME
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db

LIST = "/beheer/privacy/verzoeken/"


def _register(client, **changes):
    data = {
        "kind": "access",
        "received_on": "2026-01-31",
        "requested_by": "Marie zelf, per brief",
        "subject_name": NAME,
        "subject_email": EMAIL,
        "subject_birth_date": "",
        "details": "Ze wil weten wat we over haar bijhouden.",
        **changes,
    }
    return client.post(f"{LIST}nieuw/", data)


def test_a_request_received_on_31_january_is_due_at_the_end_of_february(office_client):
    response = _register(office_client)

    privacy_request = PrivacyRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{privacy_request.pk}/"
    assert privacy_request.deadline == dt.date(2026, 2, 28)
    page = office_client.get(response["Location"]).content.decode()
    assert "te beantwoorden vóór 28/02/2026" in page
    entry = AuditEntry.objects.get(action="privacy_request.created")
    assert entry.data == {"kind": "access"}
    assert NAME not in str(entry.data) and EMAIL not in entry.object_repr


def test_a_request_to_restrict_the_use_as_the_privacy_page_offers_is_registered(office_client):
    response = _register(office_client, kind="restriction")

    assert response.status_code == 302
    assert PrivacyRequest.objects.get().get_kind_display() == "Beperking"
    page = office_client.get(response["Location"]).content.decode()
    assert "Het systeem zelf houdt geen mails of wijzigingen tegen" in page


def test_a_request_without_a_name_or_address_or_with_a_future_date_is_not_registered(
    office_client,
):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    nobody = _register(office_client, subject_name="", subject_email="")
    future = _register(office_client, received_on=tomorrow.isoformat())
    nonsense = _register(office_client, received_on="31/02/2026", subject_birth_date="gisteren")

    assert nobody.status_code == future.status_code == nonsense.status_code == 200
    assert "Geef de naam of het e-mailadres" in nobody.content.decode()
    assert 'href="#id_subject_name"' in nobody.content.decode()  # the summary leads to it
    assert "De datum van ontvangst ligt in de toekomst." in future.content.decode()
    assert "Fout:" in nonsense.content.decode()
    assert not PrivacyRequest.objects.exists()


def test_the_deadline_is_extended_once_with_a_reason_by_at_most_two_months(
    office_client, access_request
):
    url = f"{LIST}{access_request.pk}/verlengen/"
    too_far = access_request.received_on + dt.timedelta(days=100)
    refused = office_client.post(url, {"extended_to": too_far.isoformat(), "reason": "Veel"})
    assert refused.status_code == 200
    assert "ten laatste" in refused.content.decode()

    later = access_request.deadline + dt.timedelta(days=30)
    office_client.post(url, {"extended_to": later.isoformat(), "reason": "Veel dossiers"})
    access_request.refresh_from_db()
    assert access_request.extended_to == later
    assert access_request.due_on == later
    assert access_request.extension_reason == "Veel dossiers"

    again = office_client.post(
        url, {"extended_to": (later + dt.timedelta(days=1)).isoformat(), "reason": "Nog meer"}
    )
    assert "maar één keer" in again.content.decode()
    access_request.refresh_from_db()
    assert access_request.extended_to == later
    assert AuditEntry.objects.filter(action="privacy_request.extended").count() == 1


def test_a_request_past_its_deadline_cannot_be_extended_and_stays_late(
    office_client, access_request
):
    access_request.received_on -= dt.timedelta(days=40)
    access_request.deadline -= dt.timedelta(days=40)
    access_request.save()
    later = timezone.localdate() + dt.timedelta(days=10)

    refused = office_client.post(
        f"{LIST}{access_request.pk}/verlengen/",
        {"extended_to": later.isoformat(), "reason": "Veel dossiers"},
    )

    assert "binnen die termijn" in refused.content.decode()
    access_request.refresh_from_db()
    assert access_request.extended_to is None
    page = office_client.get(f"{LIST}{access_request.pk}/").content.decode()
    assert "Verlengen kan niet meer" in page and "/verlengen/" not in page


def test_answering_closes_the_request_and_records_the_outcome(office_client, access_request):
    url = f"{LIST}{access_request.pk}/afhandelen/"
    empty = office_client.post(url, {"result": "answered", "answered_on": "", "outcome": ""})
    assert empty.status_code == 200

    office_client.post(
        url,
        {
            "result": "refused",
            "answered_on": timezone.localdate().isoformat(),
            "outcome": "Niet de persoon zelf; om een bewijs gevraagd.",
        },
    )

    access_request.refresh_from_db()
    assert access_request.status == PrivacyRequest.Status.REFUSED
    assert access_request.outcome.startswith("Niet de persoon zelf")
    entry = AuditEntry.objects.get(action="privacy_request.refused")
    assert entry.data == {"kind": "access", "from": "open", "to": "refused"}
    page = office_client.get(f"{LIST}{access_request.pk}/").content.decode()
    assert "Privacyverzoek geweigerd" in page  # the history


def test_overdue_requests_are_counted_on_the_home_page_and_listed_first(
    office_client, access_request
):
    today = timezone.localdate()
    access_request.deadline = today - dt.timedelta(days=2)
    access_request.save()
    extended = PrivacyRequest.objects.create(
        kind="erasure",
        received_on=today - dt.timedelta(days=40),
        requested_by="Jan",
        subject_name="Jan Claes",
        deadline=today - dt.timedelta(days=10),
        extended_to=today + dt.timedelta(days=20),
    )
    PrivacyRequest.objects.create(
        kind="objection",
        received_on=today - dt.timedelta(days=90),
        requested_by="Els",
        subject_name="Els Maes",
        deadline=today - dt.timedelta(days=60),
        status=PrivacyRequest.Status.ANSWERED,
    )

    home = office_client.get("/beheer/").content.decode()
    assert (
        f'href="{LIST}?toon=te-laat"><strong class="count">1</strong> <span>privacyverzoek te laat'
        in home
    )
    overdue = office_client.get(f"{LIST}?toon=te-laat").content.decode()
    assert NAME in overdue and "Jan Claes" not in overdue and "Els Maes" not in overdue
    everything = office_client.get(LIST).content.decode()
    assert everything.index(NAME) < everything.index("Jan Claes") < everything.index("Els Maes")
    assert extended.due_on > today


def test_an_unknown_request_is_not_found(office_client):
    assert office_client.get(f"{LIST}999/").status_code == 404
    assert office_client.get(f"{LIST}999/zoeken/").status_code == 404
    assert office_client.post(f"{LIST}999/verlengen/", {}).status_code == 404
    assert office_client.get(f"{LIST}abc/").status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "referrer", "trainer"])
def test_other_roles_may_not_see_requests_nor_the_register(client, access_request, role):
    login_verified(client, UserFactory(email=f"{role}@example.org", role=role))

    for url in (
        LIST,
        f"{LIST}nieuw/",
        f"{LIST}{access_request.pk}/",
        f"{LIST}{access_request.pk}/zoeken/",
        f"{LIST}{access_request.pk}/inzage/",
        "/beheer/privacy/register/",
        "/beheer/privacy/register.pdf",
    ):
        assert client.get(url).status_code in (403, 404), url
    assert not AuditEntry.objects.filter(action="privacy.searched").exists()


def test_the_office_may_not_see_the_register(office_client):
    assert office_client.get("/beheer/privacy/register/").status_code == 403


def test_an_unknown_choice_on_the_list_says_what_the_page_shows_instead(office_client):
    page = office_client.get(f"{LIST}?toon=oud").content.decode()

    assert "Onbekende keuze: we tonen alle verzoeken." in page


def test_the_kind_of_request_is_a_named_group_without_an_empty_choice(office_client):
    page = office_client.get(f"{LIST}nieuw/").content.decode()

    assert "<legend>Soort verzoek</legend>" in page
    assert "---------" not in page
    assert 'for=""' not in page
