"""After a conference is recorded as held, everyone who was there gets their own link."""

import pytest
from django.core import mail

from eigenkracht.core.models import OutboxMessage
from eigenkracht.evaluations.models import Channel, ConferenceInvite, Group
from tests.evaluations.conftest import hold, person, years_ago

pytestmark = pytest.mark.django_db


def _invites(trajectory) -> dict[str, ConferenceInvite]:
    return {
        invite.participant.name: invite
        for invite in ConferenceInvite.objects.filter(trajectory=trajectory).select_related(
            "participant"
        )
    }


def test_each_person_present_gets_a_link_by_mail_or_is_listed_for_a_qr_code(
    trajectory, conference, django_capture_on_commit_callbacks
):
    person(trajectory, "Tante Els", email="els@example.be")
    person(trajectory, "Buurman Jef", role="friend", phone="0470 11 22 33")
    person(trajectory, "Opa Louis", role="family")
    person(trajectory, "Tolk Amira", role="interpreter", email="tolk@example.be")
    absent = person(trajectory, "Nonkel Jan", email="jan@example.be")

    with django_capture_on_commit_callbacks(execute=True):
        hold(conference, absent=[absent])

    invites = _invites(trajectory)
    assert set(invites) == {"Sarah Janssens", "Tante Els", "Buurman Jef", "Opa Louis"}
    assert invites["Tante Els"].channel == Channel.MAIL
    assert invites["Buurman Jef"].channel == Channel.SMS_UNAVAILABLE
    assert invites["Opa Louis"].channel == Channel.HAND_OUT
    # Mail went to the two addresses, and nowhere else: no SMS is pretended.
    assert sorted(m.to[0] for m in mail.outbox) == ["els@example.be", "sarah@example.be"]
    message = OutboxMessage.objects.get(recipient="els@example.be")
    assert message.kind == "evaluation_conference"
    assert message.confidential  # the link is personal: staff do not read it in the outbox
    assert invites["Tante Els"].token in mail.outbox[0].body + mail.outbox[1].body
    # The timeline says so.
    assert trajectory.events.filter(action="evaluation_invited").count() == 1


def test_recording_attendance_again_makes_no_second_link(trajectory, conference):
    els = person(trajectory, "Tante Els", email="els@example.be")
    hold(conference, absent=[els])
    hold(conference)
    hold(conference)
    assert sorted(_invites(trajectory)) == ["Sarah Janssens", "Tante Els"]
    assert OutboxMessage.objects.filter(kind="evaluation_conference").count() == 2


def test_the_group_and_the_form_are_known_from_the_person(trajectory, conference):
    trajectory.participants.update(birth_year=None, birth_date=years_ago(15))
    person(trajectory, "Mama Sofie", role="family", birth_year=1985)
    person(trajectory, "Broertje Noah", role="child")  # age unknown: a child
    person(trajectory, "Leerkracht Ann", role="professional", email="ann@school.be")
    person(trajectory, "Vertrouwenspersoon Bram", role="confidant")
    hold(conference)

    found = {
        name: (invite.group, invite.child_form) for name, invite in _invites(trajectory).items()
    }
    assert found == {
        "Sarah Janssens": (Group.MAIN_MINOR, True),
        "Mama Sofie": (Group.FAMILY, False),
        "Broertje Noah": (Group.FAMILY, True),
        "Leerkracht Ann": (Group.PROFESSIONAL, False),
        "Vertrouwenspersoon Bram": (Group.NETWORK, False),
    }


def test_an_adult_main_person_is_in_the_adults_group(trajectory, conference):
    hold(conference)
    assert _invites(trajectory)["Sarah Janssens"].group == Group.MAIN_ADULT


def test_a_minor_gets_the_childrens_form_with_faces_and_words(client, trajectory, conference):
    trajectory.participants.update(birth_year=None, birth_date=years_ago(11))
    hold(conference)
    invite = ConferenceInvite.objects.get()

    page = client.get(f"/evaluatie/{invite.token}/").content.decode()

    assert "Hoe was het voor jou?" in page
    assert "Heel goed" in page and 'class="face"' in page
    # Each face is a real radio button with its words in the label.
    assert page.count('type="radio"') == 5 * 3 + 3 * 3
    assert "Welk cijfer" not in page


def test_an_adult_gets_scores_from_1_to_10(client, trajectory, conference):
    hold(conference)
    invite = ConferenceInvite.objects.get()
    page = client.get(f"/evaluatie/{invite.token}/").content.decode()
    assert "Welk cijfer geef je aan de bijeenkomst zelf?" in page
    assert 'class="face"' not in page


def test_the_form_is_dutch_until_the_site_has_french_texts(trajectory, conference):
    trajectory.participants.update(languages=["ar", "fr"])
    hold(conference)
    assert ConferenceInvite.objects.get().language == "nl-be"


def test_the_form_speaks_the_persons_language_once_translated(
    trajectory, conference, settings, tmp_path
):
    catalogue = tmp_path / "fr_BE" / "LC_MESSAGES"
    catalogue.mkdir(parents=True)
    (catalogue / "django.mo").write_bytes(b"")
    settings.LOCALE_PATHS = [tmp_path]
    trajectory.participants.update(languages=["ar", "fr"])
    hold(conference)
    assert ConferenceInvite.objects.get().language == "fr-be"


def test_follow_up_conferences_are_not_evaluated(trajectory, conference):
    from tests.trajectories.factories import ConferenceFactory

    follow_up = ConferenceFactory(trajectory=trajectory, kind="follow_up", date=conference.date)
    trajectory.status = "follow_up"
    trajectory.save()
    hold(follow_up)
    assert not ConferenceInvite.objects.exists()


sent_texts: list[tuple[str, str]] = []


def _send_text(*, phone: str, text: str) -> None:
    sent_texts.append((phone, text))


def test_with_an_sms_gateway_configured_a_phone_only_person_gets_a_text(
    settings, trajectory, conference, django_capture_on_commit_callbacks
):
    settings.EVALUATION_SMS_SENDER = f"{__name__}._send_text"
    sent_texts.clear()
    person(trajectory, "Buurman Jef", role="friend", phone="0470 11 22 33")
    with django_capture_on_commit_callbacks(execute=True):
        hold(conference)
    invite = _invites(trajectory)["Buurman Jef"]
    assert invite.channel == Channel.SMS
    assert sent_texts == [("0470 11 22 33", sent_texts[0][1])]
    assert invite.token in sent_texts[0][1]


def _failing_gateway(*, phone: str, text: str) -> None:
    raise ConnectionError("gateway down")


def test_a_failing_sms_gateway_does_not_fail_the_attendance(
    settings, trajectory, conference, django_capture_on_commit_callbacks
):
    settings.EVALUATION_SMS_SENDER = f"{__name__}._failing_gateway"
    person(trajectory, "Buurman Jef", role="friend", phone="0470 11 22 33")
    with django_capture_on_commit_callbacks(execute=True):
        hold(conference)
    conference.refresh_from_db()
    assert conference.held
    assert _invites(trajectory)["Buurman Jef"].channel == Channel.SMS


def test_a_correction_to_absent_withdraws_an_unused_link(trajectory, conference):
    absent = person(trajectory, "Dirk Verbeke", email="dirk@example.be")
    person(trajectory, "Rita Verbeke", email="rita@example.be")
    hold(conference)

    hold(conference, absent=[absent])

    assert not ConferenceInvite.objects.filter(participant=absent).exists()
    assert ConferenceInvite.objects.exclude(participant=absent).exists()


def test_a_professional_reads_the_statements_as_a_professional(client, trajectory, conference):
    person(trajectory, "Juf Ann", role="professional", email="ann@school.be")
    hold(conference)
    invite = ConferenceInvite.objects.get(participant__name="Juf Ann")

    page = client.get(f"/evaluatie/{invite.token}/").content.decode()

    assert "Als hulpverlener kon ik steunen" in page
    assert "De hulpverleners steunden ons" not in page
