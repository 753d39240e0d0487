"""Answers through a link: once per link, and stored without a link to the person."""

import pytest
from django.db import connection
from django.utils import timezone

from eigenkracht.evaluations.models import ConferenceInvite, ConferenceResponse, Group
from tests.evaluations.conftest import hold, person

pytestmark = pytest.mark.django_db

ANSWERS = {
    "score_meeting": "8",
    "score_plan": "7",
    "score_coordinator": "9",
    "decisions": "4",
    "inclusion": "5",
    "support": "",
    "comment": "Fijn dat iedereen er was.",
}


@pytest.fixture
def invite(trajectory, conference):
    hold(conference)
    return ConferenceInvite.objects.get()


def test_the_answers_are_stored_with_the_group_and_the_date(client, invite, trajectory):
    response = client.post(f"/evaluatie/{invite.token}/", ANSWERS)

    assert response.status_code == 302
    assert response["Location"] == "/evaluatie/bedankt/"
    stored = ConferenceResponse.objects.get()
    assert stored.trajectory == trajectory
    assert stored.group == Group.MAIN_ADULT
    assert stored.submitted_on == timezone.localdate()
    assert (stored.score_meeting, stored.score_plan, stored.score_coordinator) == (8, 7, 9)
    assert (stored.decisions, stored.inclusion, stored.support) == (4, 5, None)
    assert stored.comment == "Fijn dat iedereen er was."
    invite.refresh_from_db()
    assert invite.used
    assert invite.used_on == timezone.localdate()


def test_a_second_submit_through_the_same_link_is_kindly_refused(client, invite):
    client.post(f"/evaluatie/{invite.token}/", ANSWERS)

    again = client.post(f"/evaluatie/{invite.token}/", {**ANSWERS, "score_meeting": "1"})
    page = client.get(f"/evaluatie/{invite.token}/")

    assert again.status_code == 200
    assert "Deze vragenlijst is al ingevuld" in again.content.decode()
    assert "Deze vragenlijst is al ingevuld" in page.content.decode()
    assert ConferenceResponse.objects.count() == 1
    assert ConferenceResponse.objects.get().score_meeting == 8


def test_an_unknown_link_is_not_found(client, invite):
    assert client.get("/evaluatie/niet-bestaand/").status_code == 404


def test_a_missing_score_is_said_in_dutch_and_nothing_is_stored(client, invite):
    response = client.post(f"/evaluatie/{invite.token}/", {**ANSWERS, "score_plan": "11"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Je antwoorden zijn nog niet verstuurd." in page
    assert not ConferenceResponse.objects.exists()
    invite.refresh_from_db()
    assert not invite.used


def test_no_column_of_a_response_points_to_the_invite_or_the_person():
    relations = {
        f.name: f.related_model._meta.label
        for f in ConferenceResponse._meta.concrete_fields
        if f.is_relation
    }
    assert relations == {"trajectory": "trajectories.Trajectory"}
    columns = {f.column for f in ConferenceResponse._meta.concrete_fields}
    assert not any("invite" in c or "participant" in c or "token" in c for c in columns)
    # A random key: the order of the rows says nothing about the order of the answers.
    assert ConferenceResponse._meta.pk.get_internal_type() == "UUIDField"
    # The invite keeps the day it was used, no time.
    used_fields = {f.name: f.get_internal_type() for f in ConferenceInvite._meta.fields}
    assert used_fields["used_on"] == "DateField"


def test_two_answers_from_one_group_cannot_be_told_apart(client, trajectory, conference):
    """Read the rows as they are in the table: whatever joins to the invites matches both."""
    person(trajectory, "Tante Els", role="family", email="els@example.be")
    person(trajectory, "Nonkel Jan", role="family", email="jan@example.be")
    hold(conference)
    els, jan = (
        ConferenceInvite.objects.get(participant__name=name) for name in ("Tante Els", "Nonkel Jan")
    )
    client.post(f"/evaluatie/{jan.token}/", {**ANSWERS, "score_meeting": "3"})
    client.post(f"/evaluatie/{els.token}/", {**ANSWERS, "score_meeting": "10"})

    table = ConferenceResponse._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE score_meeting IN (3, 10)")  # noqa: S608
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    invite_values = set()
    for invite in (els, jan):
        invite.refresh_from_db()
        invite_values |= {invite.token, invite.participant.name, invite.participant.email}
    for row in rows:
        # Nothing in the row is a value of either invite (the numbers are the answers)...
        assert set(row) == {f.column for f in ConferenceResponse._meta.concrete_fields}
        assert not invite_values & {str(v) for v in row.values()}
    # ...and what the row shares with the invites (trajectory, group, day) is the same for both.
    shared = {
        (row["trajectory_id"], row["group"], str(row["submitted_on"]), row["language"])
        for row in rows
    }
    assert len(rows) == 2 and len(shared) == 1
    assert (els.used_on, els.group) == (jan.used_on, jan.group)
