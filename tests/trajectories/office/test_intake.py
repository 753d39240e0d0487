"""The office takes new referrals from the inbox: accept, decline with a reason, or ask more."""

import pytest
from django.urls import reverse

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trajectories.models import Trajectory
from tests.trajectories.factories import TrajectoryFactory

pytestmark = pytest.mark.django_db


def test_the_inbox_lists_new_referrals_urgent_first(office_client):
    TrajectoryFactory(main_person="Gewone Familie")
    TrajectoryFactory(main_person="Dringende Familie", urgency="urgent")
    TrajectoryFactory(main_person="Al Aanvaard", status="intake")
    content = office_client.get(reverse("trajectories:inbox")).content.decode()
    assert content.index("Dringende Familie") < content.index("Gewone Familie")
    assert "Al Aanvaard" not in content


def test_an_empty_inbox_says_so(office_client):
    assert (
        "Geen nieuwe aanmeldingen"
        in office_client.get(reverse("trajectories:inbox")).content.decode()
    )


def test_accepting_opens_the_coordinator_choice(office_client):
    trajectory = TrajectoryFactory()
    response = office_client.post(
        reverse("trajectories:intake", args=[trajectory.pk]), {"action": "accept", "text": ""}
    )
    assert response["Location"] == reverse("trajectories:assign", args=[trajectory.pk])
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.INTAKE and trajectory.accepted_at


def test_declining_needs_a_reason_which_the_referrer_receives(
    office_client, django_capture_on_commit_callbacks
):
    trajectory = TrajectoryFactory()
    url = reverse("trajectories:intake", args=[trajectory.pk])
    response = office_client.post(url, {"action": "decline", "text": " "})
    assert "Geef de reden" in response.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.REFERRED
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(url, {"action": "decline", "text": "Het gezin woont buiten Vlaanderen."})
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.DECLINED
    mail = OutboxMessage.objects.get(kind="referral_declined")
    assert "buiten Vlaanderen" in mail.body_text and mail.recipient == trajectory.referrer_email


def test_asking_for_information_mails_the_question_and_keeps_it_in_the_inbox(
    office_client, django_capture_on_commit_callbacks
):
    trajectory = TrajectoryFactory(main_person="Familie Peeters")
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(
            reverse("trajectories:intake", args=[trajectory.pk]),
            {"action": "request_information", "text": "Weet de vader van de aanmelding?"},
        )
    assert (
        "Weet de vader" in OutboxMessage.objects.get(kind="referral_information_request").body_text
    )
    inbox = office_client.get(reverse("trajectories:inbox")).content.decode()
    assert "Familie Peeters" in inbox and "Informatie gevraagd" in inbox


def test_a_decision_already_taken_by_a_colleague_is_reported(office_client, office_user):
    trajectory = TrajectoryFactory(status="declined")
    response = office_client.post(
        reverse("trajectories:intake", args=[trajectory.pk]), {"action": "accept", "text": ""}
    )
    assert "Dit kan niet meer" in response.content.decode()
