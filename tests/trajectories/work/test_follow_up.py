"""Follow-up after the plan, and the working notes."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.trajectories.models import Agreement, FollowUp, Note, Plan, Trajectory
from tests.trajectories.factories import AgreementFactory, PlanFactory

pytestmark = pytest.mark.django_db
S = Trajectory.Status


def _url(trajectory, name):
    return reverse(f"trajectories:{name}", args=[trajectory.pk])


@pytest.fixture
def accepted(trajectory):
    due = timezone.localdate() + dt.timedelta(days=10)
    Trajectory.objects.filter(pk=trajectory.pk).update(status=S.FOLLOW_UP, follow_up_due_on=due)
    trajectory.refresh_from_db()
    plan = PlanFactory(
        trajectory=trajectory,
        status=Plan.Status.ACCEPTED,
        accepted_at=timezone.now() - dt.timedelta(days=30),
    )
    return [
        AgreementFactory(plan=plan, what="Oma brengt Emma naar school."),
        AgreementFactory(plan=plan, what="Tante Els kookt op woensdag."),
        AgreementFactory(plan=plan, what="Sarah belt de school elke vrijdag."),
    ]


def test_a_follow_up_is_recorded_with_the_progress_of_each_agreement(
    coordinator_client, trajectory, accepted
):
    page = coordinator_client.get(_url(trajectory, "follow_up")).content.decode()
    assert "Oma brengt Emma naar school." in page
    assert "De volgende opvolging is gepland tegen" in page
    assert _url(trajectory, "follow_up_conference") in page

    school, cooking, calls = accepted
    held_on = timezone.localdate() - dt.timedelta(days=1)
    response = coordinator_client.post(
        _url(trajectory, "follow_up"),
        {
            "held_on": held_on.isoformat(),
            "note": "Emma gaat weer elke dag naar school. Het koken loopt nog.",
            f"agreement_{school.pk}": "done",
            f"agreement_{cooking.pk}": "ongoing",
            f"agreement_{calls.pk}": "",
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(trajectory=trajectory)
    assert follow_up.held_on == held_on
    progress = dict(
        Agreement.objects.filter(plan__trajectory=trajectory).values_list("what", "progress")
    )
    assert progress == {
        "Oma brengt Emma naar school.": "done",
        "Tante Els kookt op woensdag.": "ongoing",
        "Sarah belt de school elke vrijdag.": "open",  # not discussed: unchanged
    }
    page = coordinator_client.get(_url(trajectory, "follow_up")).content.decode()
    assert "Emma gaat weer elke dag naar school." in page  # earlier follow-ups are listed


def test_satisfaction_scores_are_optional_and_between_1_and_10(
    coordinator_client, trajectory, accepted
):
    url = _url(trajectory, "follow_up")
    data = {"held_on": timezone.localdate().isoformat(), "note": "Gesprek met iedereen."}
    assert "Inschatting van de coördinator" in coordinator_client.get(url).content.decode()

    refused = coordinator_client.post(url, {**data, "satisfaction_family": "11"})
    assert "Vul een score van 1 tot 10 in." in refused.content.decode()
    assert not FollowUp.objects.exists()

    coordinator_client.post(
        url, {**data, "satisfaction_main_person": "8", "satisfaction_professionals": "6"}
    )
    follow_up = FollowUp.objects.get()
    assert (follow_up.satisfaction_main_person, follow_up.satisfaction_family) == (8, None)
    assert follow_up.satisfaction_professionals == 6


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (1, "Een opvolging in de toekomst kan nog niet genoteerd worden."),
        (-60, "De opvolging kan niet voor de aanvaarding van het plan vallen"),
    ],
)
def test_impossible_follow_up_dates_are_refused(
    coordinator_client, trajectory, accepted, days, message
):
    response = coordinator_client.post(
        _url(trajectory, "follow_up"),
        {
            "held_on": (timezone.localdate() + dt.timedelta(days=days)).isoformat(),
            "note": "Gesprek met Sarah.",
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FollowUp.objects.exists()


def test_no_follow_up_before_the_plan_is_accepted(coordinator_client, trajectory):
    page = coordinator_client.get(_url(trajectory, "follow_up")).content.decode()
    assert "Opvolgen kan pas als de aanmelder het plan aanvaard heeft." in page
    response = coordinator_client.post(
        _url(trajectory, "follow_up"),
        {"held_on": timezone.localdate().isoformat(), "note": "Te vroeg."},
    )
    assert response.status_code == 200
    assert "Opvolgen kan pas als het plan aanvaard is." in response.content.decode()
    assert not FollowUp.objects.exists()


def test_a_note_is_added_and_the_coordinator_goes_back_to_the_detail_page(
    coordinator_client, trajectory
):
    response = coordinator_client.post(
        _url(trajectory, "note_add"), {"text": "Sarah vraagt om de conferentie op zaterdag."}
    )
    assert response.status_code == 302
    assert response["Location"] == _url(trajectory, "detail")
    note = Note.objects.get(trajectory=trajectory)
    assert note.text == "Sarah vraagt om de conferentie op zaterdag."
    assert note.author == trajectory.coordinator.user


def test_an_empty_note_is_refused(coordinator_client, trajectory):
    response = coordinator_client.post(_url(trajectory, "note_add"), {"text": "   "})
    assert response.status_code == 302
    assert not Note.objects.exists()


def test_the_referrer_cannot_add_notes(referrer_client, trajectory):
    response = referrer_client.post(_url(trajectory, "note_add"), {"text": "Van de aanmelder."})
    assert response.status_code == 404
    assert not Note.objects.exists()


def _token(page: str) -> str:
    return re.search(r'name="once" value="([^"]+)"', page).group(1)


def test_a_follow_up_sent_twice_is_noted_once(coordinator_client, trajectory, accepted):
    page = coordinator_client.get(_url(trajectory, "follow_up")).content.decode()
    data = {
        "held_on": timezone.localdate().isoformat(),
        "note": "Alles loopt.",
        "once": _token(page),
    }

    first = coordinator_client.post(_url(trajectory, "follow_up"), data)
    second = coordinator_client.post(_url(trajectory, "follow_up"), data)

    assert first.status_code == second.status_code == 302
    assert FollowUp.objects.filter(trajectory=trajectory).count() == 1


def test_a_note_sent_twice_is_saved_once(coordinator_client, trajectory):
    page = coordinator_client.get(_url(trajectory, "detail")).content.decode()
    data = {"text": "Sarah belt morgen terug.", "once": _token(page)}

    coordinator_client.post(_url(trajectory, "note_add"), data)
    again = coordinator_client.post(_url(trajectory, "note_add"), data, follow=True)

    assert Note.objects.filter(trajectory=trajectory).count() == 1
    assert "Dit formulier werd al verstuurd; het werd één keer bewaard." in again.content.decode()


def test_a_tampered_token_is_only_not_recognised(coordinator_client, trajectory):
    data = {"text": "Sarah belt morgen terug.", "once": "x" * 500}

    response = coordinator_client.post(_url(trajectory, "note_add"), data, follow=True)

    assert "De notitie is bewaard." in response.content.decode()
    assert Note.objects.filter(trajectory=trajectory).count() == 1
