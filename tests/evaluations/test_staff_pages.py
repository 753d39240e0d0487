"""The coordinator follows the links of a trajectory (not the answers) and prints QR codes; the
coordinator's own scores at follow-up are called what they are: an estimate."""

import pytest
from django.test import Client
from django.utils import timezone

from eigenkracht.core.models import OutboxMessage
from eigenkracht.evaluations.models import ConferenceInvite
from eigenkracht.trajectories.models import FollowUp
from tests.evaluations.conftest import hold, person
from tests.trajectories.factories import CoordinatorFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db


def test_the_coordinator_sees_who_has_a_link_and_who_needs_a_qr_code(
    coordinator_client, trajectory, conference
):
    person(trajectory, "Buurman Jef", role="friend", phone="0470 11 22 33")
    person(trajectory, "Opa Louis")
    hold(conference)
    ConferenceInvite.objects.filter(participant__name="Sarah Janssens").update(used=True)

    page = coordinator_client.get(f"/trajecten/{trajectory.pk}/evaluatie/").content.decode()

    assert "1 van 3 links ingevuld." in page
    assert "2 personen kregen de link niet per mail." in page
    assert "Buurman Jef: Enkel een telefoonnummer: sms is niet ingesteld" in page
    assert "Opa Louis: Geen e-mailadres of telefoon" in page
    assert 'class="table-scroll" role="region" tabindex="0"' in page  # scrolls by keyboard
    # Nobody's answers are on the page, and no link either (the links are personal).
    assert not any(invite.token in page for invite in ConferenceInvite.objects.all())


def test_the_qr_sheet_has_a_code_and_short_address_for_those_not_reached(
    coordinator_client, trajectory, conference
):
    person(trajectory, "Opa Louis")
    person(trajectory, "Tante Els", email="els@example.be")
    hold(conference)
    louis = ConferenceInvite.objects.get(participant__name="Opa Louis")
    els = ConferenceInvite.objects.get(participant__name="Tante Els")

    sheet = coordinator_client.get(f"/trajecten/{trajectory.pk}/evaluatie/qr/").content.decode()
    everyone = coordinator_client.get(
        f"/trajecten/{trajectory.pk}/evaluatie/qr/?alle=1"
    ).content.decode()

    assert f"http://testserver/evaluatie/{louis.token}/" in sheet
    assert sheet.count("<svg") == 1 and "<title>QR-code naar de vragenlijst</title>" in sheet
    assert els.token not in sheet
    assert els.token in everyone and everyone.count("<svg") == 3
    assert 'style="' not in sheet  # the site's CSP forbids inline styles
    # The code scales to the size the style sheet gives it (on paper: 46 mm), not a fixed 111 px.
    assert '<svg viewBox="' in sheet and '<svg width="' not in sheet


def test_who_answered_already_is_not_listed_for_a_qr_code(
    coordinator_client, trajectory, conference
):
    person(trajectory, "Opa Louis")
    person(trajectory, "Oma Rita")
    hold(conference)
    ConferenceInvite.objects.filter(participant__name="Opa Louis").update(used=True)

    page = coordinator_client.get(f"/trajecten/{trajectory.pk}/evaluatie/").content.decode()

    assert "1 persoon kreeg de link niet per mail." in page
    assert "Oma Rita: Geen e-mailadres of telefoon" in page
    assert "Opa Louis: Geen" not in page
    ConferenceInvite.objects.filter(participant__name="Oma Rita").update(used=True)
    page = coordinator_client.get(f"/trajecten/{trajectory.pk}/evaluatie/").content.decode()
    assert "kreeg de link niet per mail" not in page and "kregen de link" not in page


def test_another_coordinator_and_the_referrer_find_nothing(trajectory, conference):
    hold(conference)
    other = Client()
    login_verified(other, CoordinatorFactory().user)
    assert other.get(f"/trajecten/{trajectory.pk}/evaluatie/").status_code == 404
    assert other.get(f"/trajecten/{trajectory.pk}/evaluatie/qr/").status_code == 404
    referrer = Client()
    login_verified(referrer, trajectory.referrer)
    assert referrer.get(f"/trajecten/{trajectory.pk}/evaluatie/").status_code == 404


def test_the_list_makes_the_same_queries_for_more_people(
    coordinator_client, trajectory, conference, django_assert_max_num_queries
):
    url = f"/trajecten/{trajectory.pk}/evaluatie/"
    hold(conference)
    with django_assert_max_num_queries(40) as few:
        coordinator_client.get(url)
    for n in range(8):
        person(trajectory, f"Familielid {n}", email=f"f{n}@example.be")
    hold(conference)
    with django_assert_max_num_queries(len(few.captured_queries)):
        coordinator_client.get(url)
    with django_assert_max_num_queries(len(few.captured_queries)):
        coordinator_client.get(f"{url}qr/?alle=1")


def test_the_follow_up_scores_are_the_coordinators_estimate(coordinator_client, trajectory):
    FollowUp.objects.create(
        trajectory=trajectory,
        held_on=timezone.localdate(),
        note="Gesprek.",
        satisfaction_main_person=8,
        satisfaction_professionals=6,
    )
    trajectory.status = "follow_up"
    trajectory.save()

    page = coordinator_client.get(f"/trajecten/{trajectory.pk}/opvolging/").content.decode()

    assert "Inschatting van de coördinator" in page
    assert "hoofdpersoon 8 · professionals 6" in page
    assert "niet wat de mensen zelf zeggen" in page
    field = FollowUp._meta.get_field("satisfaction_family")
    assert str(field.verbose_name) == "inschatting coördinator: tevredenheid familie"


def test_an_address_added_after_the_conference_gets_the_link_by_mail(
    coordinator_client, trajectory, conference
):
    louis = person(trajectory, "Opa Louis")
    hold(conference)
    louis.email = "louis@example.be"
    louis.save()
    invite = ConferenceInvite.objects.get(participant=louis)

    response = coordinator_client.post(
        f"/trajecten/{trajectory.pk}/evaluatie/{invite.pk}/mailen/", follow=True
    )

    assert "De link is gemaild naar louis@example.be." in response.content.decode()
    assert OutboxMessage.objects.filter(
        kind="evaluation_conference", recipient="louis@example.be"
    ).exists()
    assert ConferenceInvite.objects.get(pk=invite.pk).channel == "mail"


def test_a_used_link_is_not_mailed_again(coordinator_client, trajectory, conference):
    hold(conference)
    invite = ConferenceInvite.objects.first()
    ConferenceInvite.objects.filter(pk=invite.pk).update(used=True)
    before = OutboxMessage.objects.count()

    response = coordinator_client.post(
        f"/trajecten/{trajectory.pk}/evaluatie/{invite.pk}/mailen/", follow=True
    )

    assert "vulde de evaluatie al in" in response.content.decode()
    assert OutboxMessage.objects.count() == before
