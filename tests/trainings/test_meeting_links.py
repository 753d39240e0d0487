"""Online and hybrid sessions: the meeting link goes to confirmed participants only."""

import datetime as dt

import pytest
from django.urls import reverse

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trainings import emails
from eigenkracht.trainings.backoffice.forms import session_formset
from eigenkracht.trainings.models import Registration, Session, Training
from tests.factories import MailTemplateFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/ek-basis-4821"


def _hybrid_training():
    training = TrainingFactory(sessions=2, sessions__first_date=dt.date(2027, 3, 2))
    first, second = training.sessions.all()
    Session.objects.filter(pk=first.pk).update(meeting_url=LINK)
    Session.objects.filter(pk=second.pk).update(meeting_url=LINK + "-2", online_only=True)
    return training


def test_a_confirmed_participant_gets_the_link_in_the_confirmation():
    training = _hybrid_training()
    registration = RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)

    emails.send_confirmed(registration)

    message = OutboxMessage.objects.get(kind="registration_confirmed")
    assert "Online deelnemen" in message.body_text
    assert f"- di 2 maart 2027, 9.30-16.30: {LINK}\n" in message.body_text
    assert f"- di 9 maart 2027, 9.30-16.30: {LINK}-2\n" in message.body_text
    assert f'href="{LINK}"' in message.body_html
    assert "(op de locatie of online)" in message.body_text
    assert "(online)" in message.body_text
    # The calendar file goes to every confirmation of the training alike: it holds no link.
    assert b"meet.example.org" not in bytes(message.attachments.get().content)


def test_the_office_text_of_the_confirmation_also_carries_the_link():
    MailTemplateFactory(
        kind="confirmed", language="en", subject="Confirmed: {vorming}", body="Dear {voornaam}."
    )
    registration = RegistrationFactory(
        training=_hybrid_training(), language="en", status=Registration.Status.CONFIRMED
    )

    emails.send_confirmed(registration)

    message = OutboxMessage.objects.get()
    assert message.body_text.startswith("Dear ")
    assert LINK in message.body_text
    assert LINK in message.body_html


def test_a_registration_that_is_not_confirmed_never_gets_the_link():
    registration = RegistrationFactory(training=_hybrid_training())  # pending payment

    emails.send_received(registration)
    emails.send_payment_reminder(registration)

    assert emails.session_meeting_links(registration) == []
    assert not OutboxMessage.objects.filter(body_text__contains="meet.example.org").exists()
    assert not OutboxMessage.objects.filter(body_html__contains="meet.example.org").exists()


def test_the_public_page_and_calendar_say_online_but_never_show_the_link(client):
    training = _hybrid_training()

    page = client.get(reverse("trainings:detail", args=[training.pk])).content.decode()
    again = client.get(reverse("trainings:detail", args=[training.pk])).content.decode()  # cached
    calendar = client.get(reverse("trainings:calendar")).content.decode()
    feed = client.get(reverse("trainings:calendar_ics")).content.decode()

    assert "(op de locatie of online)" in page
    assert "(online)" in page
    for public in (page, again, calendar, feed):
        assert "meet.example.org" not in public
    assert "LOCATION:Online" in feed


@pytest.mark.parametrize(
    ("link", "online_only", "message"),
    [
        ("http://meet.example.org/x", False, "Vul een link in die begint met https://."),
        ("javascript:alert(1)", False, "Vul een link in die begint met https://."),
        ("", True, "Een sessie die enkel online is, heeft een link nodig."),
    ],
)
def test_the_session_form_accepts_only_https_links(link, online_only, message):
    data = {
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-0-date": "2027-03-02",
        "sessions-0-start_time": "09:30",
        "sessions-0-end_time": "12:30",
        "sessions-0-meeting_url": link,
    }
    if online_only:
        data["sessions-0-online_only"] = "on"
    formset = session_formset(data)

    assert not formset.is_valid()
    assert message in str(formset.errors)


def test_an_online_session_is_saved_with_its_link(office_client):
    training = TrainingFactory()
    session = training.sessions.get()
    data = {
        "title": training.title,
        "description": training.description,
        "venue": training.venue_id,
        "capacity": "20",
        "fee_cents": "20",
        "trainer_names": "An Peeters",
        "learning_goals": "Een conferentie voorbereiden.",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "1",
        "sessions-0-id": str(session.pk),
        "sessions-0-date": session.date.isoformat(),
        "sessions-0-start_time": "09:30",
        "sessions-0-end_time": "12:30",
        "sessions-0-meeting_url": LINK,
        "sessions-0-online_only": "on",
    }

    response = office_client.post(
        reverse("trainings_backoffice:training_edit", args=[training.pk]), data
    )

    assert response.status_code == 302
    session.refresh_from_db()
    training.refresh_from_db()
    assert (session.meeting_url, session.online_only) == (LINK, True)
    assert training.trainer_names == "An Peeters"
    assert training.learning_goals == "Een conferentie voorbereiden."


def test_the_demo_makes_an_online_training_whose_confirmation_holds_the_link(
    django_capture_on_commit_callbacks,
):
    import io

    from eigenkracht.trainings.demo_online import (
        DEMO_MEETING_URL,
        DEMO_ONLINE_TITLE,
        demo_online_session,
    )
    from tests.factories import UserFactory

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        demo_online_session(actor=UserFactory(role="office"), stdout=out)
    demo_online_session(actor=UserFactory(role="office"), stdout=out)  # twice: nothing more

    training = Training.objects.get(title=DEMO_ONLINE_TITLE)
    assert [s.online_only for s in training.sessions.all()] == [False, True]
    registration = training.registrations.get()
    assert registration.status == Registration.Status.CONFIRMED
    message = OutboxMessage.objects.get(kind="registration_confirmed")
    assert DEMO_MEETING_URL in message.body_text
    assert "bestaat al" in out.getvalue()


def test_the_office_sees_each_sessions_link_on_the_training(office_client):
    training = _hybrid_training()

    html = office_client.get(
        reverse("trainings_backoffice:training_detail", args=[training.pk])
    ).content.decode()

    assert f'href="{LINK}"' in html
    assert "(online)" in html


def test_a_training_entirely_online_names_no_place_to_travel_to(client):
    training = _hybrid_training()
    training.sessions.update(online_only=True)
    registration = RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)

    emails.send_confirmed(registration)

    body = OutboxMessage.objects.get(kind="registration_confirmed").body_text
    assert "Online, er is geen locatie" in body
    assert training.venue.street not in body
    page = client.get(reverse("trainings:detail", args=[training.pk])).content.decode()
    assert "Online, er is geen locatie" in page
    assert training.venue.street not in page
