"""Everyone named is told: every invitation letter and every invitation mail carries a short
summary and the full address of the privacy notice meant for its reader (the family's, or the
network's for everyone the family named)."""

import pytest
from django.urls import reverse

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trajectories.models import Participant, TrajectoryEvent
from tests.core.pdf_reader import pdf_text
from tests.trajectories.factories import ConferenceFactory, ParticipantFactory

pytestmark = pytest.mark.django_db
FAMILY_URL = "http://testserver/privacy-gezinnen/"
NETWORK_URL = "http://testserver/privacy-netwerk/"


def _letter_text(client, trajectory, conference, participant):
    url = reverse(
        "trajectories:invitation_letter", args=[trajectory.pk, conference.pk, participant.pk]
    )
    return " ".join(pdf_text(client.get(url).content).split("\n"))


def test_the_letter_to_a_network_member_summarises_the_network_notice(
    coordinator_client, trajectory
):
    conference = ConferenceFactory(trajectory=trajectory)
    aunt = ParticipantFactory(trajectory=trajectory, name="Tante Els", role="family")
    text = _letter_text(coordinator_client, trajectory, conference, aunt)
    assert "Over je gegevens" in text
    assert "kregen we van het gezin" in text
    assert NETWORK_URL in text
    assert FAMILY_URL not in text


def test_the_letter_to_the_main_person_summarises_the_families_notice(
    coordinator_client, trajectory
):
    conference = ConferenceFactory(trajectory=trajectory)
    main = trajectory.participants.get(role=Participant.Role.MAIN_PERSON)
    text = _letter_text(coordinator_client, trajectory, conference, main)
    assert "gegevens over jullie gezin" in text
    assert FAMILY_URL in text


def test_the_invitation_mail_carries_the_practical_details_and_the_notice(
    coordinator_client, trajectory, django_capture_on_commit_callbacks
):
    conference = ConferenceFactory(trajectory=trajectory, place="Buurthuis De Vonk")
    neighbour = ParticipantFactory(
        trajectory=trajectory, name="Buurman Jan", role="friend", email="jan@example.be"
    )
    url = reverse("trajectories:invitation_mail", args=[trajectory.pk, conference.pk, neighbour.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url)
    assert response.status_code == 302
    mail = OutboxMessage.objects.get(kind="conference_invitation")
    assert mail.recipient == "jan@example.be"
    assert "Buurthuis De Vonk" in mail.body_text
    assert "kregen we van het gezin" in mail.body_text
    assert f"Lees meer op {NETWORK_URL}" in mail.body_text
    assert f'href="{NETWORK_URL}"' in mail.body_html
    # Whom the conference is for, and why, stay out of the mail.
    assert "Sarah Janssens" not in mail.body_text
    assert trajectory.concerns not in mail.body_text
    neighbour.refresh_from_db()
    assert neighbour.invitation == Participant.Invitation.INVITED
    assert TrajectoryEvent.objects.filter(action="invitation_mailed").count() == 1


def test_the_main_persons_invitation_mail_links_the_families_notice(coordinator_client, trajectory):
    conference = ConferenceFactory(trajectory=trajectory)
    main = trajectory.participants.get(role=Participant.Role.MAIN_PERSON)
    main.email = "sarah@example.be"
    main.save()
    coordinator_client.post(
        reverse("trajectories:invitation_mail", args=[trajectory.pk, conference.pk, main.pk])
    )
    mail = OutboxMessage.objects.get(kind="conference_invitation")
    assert "gegevens over jullie gezin" in mail.body_text
    assert FAMILY_URL in mail.body_text


def test_someone_without_an_address_gets_no_mail_and_the_coordinator_is_told(
    coordinator_client, trajectory
):
    conference = ConferenceFactory(trajectory=trajectory)
    aunt = ParticipantFactory(trajectory=trajectory, name="Tante Els", email="")
    url = reverse("trajectories:invitation_mail", args=[trajectory.pk, conference.pk, aunt.pk])
    page = coordinator_client.post(url, follow=True).content.decode()
    assert "Tante Els heeft geen e-mailadres" in page
    assert not OutboxMessage.objects.filter(kind="conference_invitation").exists()


def test_a_coordinator_of_another_trajectory_cannot_mail_an_invitation(stranger_client, trajectory):
    conference = ConferenceFactory(trajectory=trajectory)
    aunt = ParticipantFactory(trajectory=trajectory, email="els@example.be")
    url = reverse("trajectories:invitation_mail", args=[trajectory.pk, conference.pk, aunt.pk])
    assert stranger_client.post(url).status_code == 404
    assert not OutboxMessage.objects.exists()
