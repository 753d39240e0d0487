"""The coordinator keeps the list of people for the conference: add, change, remove, and the
invitation status of everyone at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenkracht.trajectories.models import Participant, TrajectoryEvent
from tests.trajectories.factories import AgreementFactory, ParticipantFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _url(trajectory, name="participants", *args):
    return reverse(f"trajectories:{name}", args=[trajectory.pk, *args])


def _add(**overrides):
    data = {
        "form": "add",
        "add-name": "Els Peeters",
        "add-role": "family",
        "add-relation": "tante langs moederskant",
        "add-birth_date": "",
        "add-birth_year": "1970",
        "add-address": "Kerkstraat 1, 9000 Gent",
        "add-phone": "0470 00 00 01",
        "add-email": "els@example.be",
        "add-languages": ["nl", "fr"],
        "add-needs": "Komt met de trein; heeft vervoer nodig vanaf het station.",
        "add-suggested_by": "Sarah",
        "add-invitation": "to_invite",
    }
    data.update(overrides)
    return data


def test_a_participant_is_added_and_listed_with_all_details(coordinator_client, trajectory):
    response = coordinator_client.post(_url(trajectory), _add())
    assert response.status_code == 302
    els = trajectory.participants.get(name="Els Peeters")
    assert els.languages == ["nl", "fr"]
    assert els.birth_year == 1970
    assert TrajectoryEvent.objects.filter(trajectory=trajectory, action="participant.add").exists()

    page = coordinator_client.get(_url(trajectory)).content.decode()
    for text in (
        "Els Peeters",
        "tante langs moederskant",
        "els@example.be",
        "Nederlands, Frans",
        "heeft vervoer nodig",
        "Sarah",
        "Uit te nodigen",
    ):
        assert text in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("add-birth_date", "2999-01-01", "Een geboortedatum kan niet in de toekomst liggen."),
        ("add-birth_year", "2999", "Een geboortejaar kan niet in de toekomst liggen."),
        ("add-birth_year", "1850", "Een geboortejaar voor 1900 klopt niet."),
        ("add-name", "", "Vul de naam in."),
        ("add-phone", "abc", "Vul een geldig telefoonnummer in, zoals 0470 12 34 56"),
    ],
)
def test_impossible_participant_data_is_refused(
    coordinator_client, trajectory, field, value, message
):
    response = coordinator_client.post(_url(trajectory), _add(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not trajectory.participants.filter(name="Els Peeters").exists()


def test_a_phone_number_is_kept_as_the_coordinator_wrote_it(coordinator_client, trajectory):
    coordinator_client.post(_url(trajectory), _add(**{"add-phone": " 0470  12 34 56 "}))

    assert trajectory.participants.get(name="Els Peeters").phone == "0470 12 34 56"


def test_a_birth_date_fills_in_the_birth_year(coordinator_client, trajectory):
    coordinator_client.post(
        _url(trajectory), _add(**{"add-birth_date": "2014-05-01", "add-birth_year": ""})
    )
    assert trajectory.participants.get(name="Els Peeters").birth_year == 2014


def test_a_participant_is_changed(coordinator_client, trajectory):
    els = ParticipantFactory(trajectory=trajectory, name="Els")
    data = {k.removeprefix("add-"): v for k, v in _add().items() if k != "form"}
    data.update(name="Els Peeters", invitation="coming")
    response = coordinator_client.post(_url(trajectory, "participant_edit", els.pk), data)
    assert response.status_code == 302
    els.refresh_from_db()
    assert (els.name, els.invitation) == ("Els Peeters", "coming")


def test_a_participant_is_deleted_after_confirmation(coordinator_client, trajectory):
    els = ParticipantFactory(trajectory=trajectory, name="Els Peeters")
    url = _url(trajectory, "participant_delete", els.pk)
    page = coordinator_client.get(url)
    assert "Ja, verwijderen" in page.content.decode()
    assert Participant.objects.filter(pk=els.pk).exists()  # GET only asks
    response = coordinator_client.post(url, follow=True)
    assert not Participant.objects.filter(pk=els.pk).exists()
    assert "Els Peeters is verwijderd" in response.content.decode()


def test_someone_in_an_agreement_cannot_be_deleted(coordinator_client, trajectory):
    rita = ParticipantFactory(trajectory=trajectory, name="Oma Rita")
    AgreementFactory(plan=PlanFactory(trajectory=trajectory), responsible=[rita])
    url = _url(trajectory, "participant_delete", rita.pk)
    assert "Pas eerst het plan aan" in coordinator_client.get(url).content.decode()
    response = coordinator_client.post(url, follow=True)
    assert Participant.objects.filter(pk=rita.pk).exists()
    assert "staat in een afspraak van het plan" in response.content.decode()


def test_invitation_statuses_change_for_many_people_at_once(coordinator_client, trajectory):
    people = [ParticipantFactory(trajectory=trajectory) for _ in range(3)]
    main = trajectory.participants.get(role="main_person")
    data = {"form": "invitations", f"inv-invitation_{main.pk}": "coming"}
    for person, status in zip(people, ["invited", "coming", "to_invite"], strict=True):
        data[f"inv-invitation_{person.pk}"] = status
    response = coordinator_client.post(_url(trajectory), data, follow=True)
    assert "3 gewijzigd" in response.content.decode()
    assert [p.invitation for p in Participant.objects.filter(pk__in=[x.pk for x in people])] == [
        "invited",
        "coming",
        "to_invite",
    ]
    assert trajectory.participants.get(pk=main.pk).invitation == "coming"


def test_a_participant_of_another_trajectory_is_not_found(coordinator_client, trajectory):
    elsewhere = ParticipantFactory()
    for name in ("participant_edit", "participant_delete"):
        assert coordinator_client.get(_url(trajectory, name, elsewhere.pk)).status_code == 404
    assert (
        coordinator_client.post(_url(trajectory, "participant_delete", elsewhere.pk)).status_code
        == 404
    )
    assert Participant.objects.filter(pk=elsewhere.pk).exists()


def test_the_participants_page_costs_the_same_for_5_and_30_people(coordinator_client, coordinator):
    from tests.trajectories.factories import TrajectoryFactory

    def trajectory_with(count):
        t = TrajectoryFactory(status="preparation", coordinator=coordinator)
        for n in range(count):
            ParticipantFactory(trajectory=t, languages=["nl", "ar"], email=f"p{n}@example.be")
        return t

    small, large = trajectory_with(5), trajectory_with(30)

    def queries(t):
        with CaptureQueriesContext(connection) as context:
            response = coordinator_client.get(_url(t))
        assert response.status_code == 200
        return len(context.captured_queries)

    queries(small)  # warm up: the organisation, the session
    assert queries(small) == queries(large)
