"""The office takes new referrals from the inbox: accept, decline with a reason, or ask more."""

import pytest
from django.urls import reverse

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trajectories.models import Trajectory
from tests.trajectories.factories import TrajectoryFactory
from tests.two_factor import login_verified

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


def test_declining_needs_a_reason_which_the_referrer_reads_behind_the_login(
    office_client, client, django_capture_on_commit_callbacks
):
    trajectory = TrajectoryFactory()
    url = reverse("trajectories:intake", args=[trajectory.pk])
    response = office_client.post(url, {"action": "decline", "text": " "})
    assert "Geef de reden" in response.content.decode()
    response = office_client.post(url, {"action": "decline", "text": "Buiten Vlaanderen."})
    assert "Vink aan dat je deze aanmelding echt niet aanvaardt." in response.content.decode()
    assert 'href="#decline-confirm"' in response.content.decode()  # the summary leads to the box
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.REFERRED
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            url,
            {"action": "decline", "text": "Het gezin woont buiten Vlaanderen.", "confirm": "on"},
            follow=True,
        )
    assert "Niet aanvaard. De aanmelder krijgt een mail en leest de reden" in (
        response.content.decode()
    )
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.DECLINED
    mail = OutboxMessage.objects.get(kind="referral_declined")
    assert mail.recipient == trajectory.referrer_email
    assert "buiten Vlaanderen" not in mail.body_text + mail.body_html  # mail is no place for it
    assert f"/trajecten/{trajectory.pk}/" in mail.body_text
    login_verified(client, trajectory.referrer)
    page = client.get(reverse("trajectories:detail", args=[trajectory.pk])).content.decode()
    assert "Het gezin woont buiten Vlaanderen." in page


def test_asking_for_information_mails_that_there_is_a_question_and_keeps_it_in_the_inbox(
    office_client, client, django_capture_on_commit_callbacks
):
    trajectory = TrajectoryFactory(main_person="Familie Peeters")
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(
            reverse("trajectories:intake", args=[trajectory.pk]),
            {"action": "request_information", "text": "Weet de vader van de aanmelding?"},
        )
    mail = OutboxMessage.objects.get(kind="referral_information_request")
    assert "Weet de vader" not in mail.body_text and "Onze vraag staat bij de aanmelding" in (
        mail.body_text
    )
    inbox = office_client.get(reverse("trajectories:inbox")).content.decode()
    assert "Familie Peeters" in inbox and "Informatie gevraagd" in inbox
    login_verified(client, trajectory.referrer)
    page = client.get(reverse("trajectories:detail", args=[trajectory.pk])).content.decode()
    assert "Weet de vader van de aanmelding?" in page


def test_a_decision_already_taken_by_a_colleague_is_reported(office_client, office_user):
    trajectory = TrajectoryFactory(status="declined")
    response = office_client.post(
        reverse("trajectories:intake", args=[trajectory.pk]), {"action": "accept", "text": ""}
    )
    assert "Dit kan niet meer" in response.content.decode()
