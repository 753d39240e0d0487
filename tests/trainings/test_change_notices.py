"""A training that moves tells its registrants, once, with a calendar file that replaces the
event in their calendar instead of adding a second one."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trainings import emails, services
from eigenkracht.trainings.change_notices_demo import demo_moved_training
from eigenkracht.trainings.models import Registration, Training
from tests.factories import RegistrationFactory, TrainingFactory, VenueFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


def _rows(training, *, days=0, drop=()):
    """The training's sessions as the form sends them, each moved `days` later; `drop` leaves
    out the sessions at those positions."""
    return [
        {
            "id": session.pk,
            "date": session.date + dt.timedelta(days=days),
            "start_time": session.start_time,
            "end_time": session.end_time,
        }
        for index, session in enumerate(training.sessions.all())
        if index not in drop
    ]


def _save(training, rows, capture, **changes):
    training = Training.objects.get(pk=training.pk)
    for name, value in changes.items():
        setattr(training, name, value)
    with capture(execute=True):
        return services.training_save(training=training, sessions=rows, actor=None)


def _confirmed(training):
    return RegistrationFactory(
        training=training, status=Status.CONFIRMED, confirmation_sent_at=timezone.now()
    )


def _notices():
    return OutboxMessage.objects.filter(kind="training_changed")


def _calendar(message) -> Calendar:
    (attachment,) = message.attachments.all()
    assert attachment.filename == "vorming.ics"
    return Calendar.from_ical(bytes(attachment.content))


def test_a_moved_session_reaches_exactly_the_active_registrants_once(
    django_capture_on_commit_callbacks,
):
    training = TrainingFactory()
    confirmed = _confirmed(training)
    pending = RegistrationFactory(training=training)
    waiting = RegistrationFactory(training=training, status=Status.WAITING)
    RegistrationFactory(training=training, status=Status.CANCELLED)
    RegistrationFactory(training=training, status=Status.EXPIRED)
    RegistrationFactory(training=TrainingFactory())  # another training

    _save(training, _rows(training, days=7), django_capture_on_commit_callbacks)

    recipients = sorted(_notices().values_list("recipient", flat=True))
    assert recipients == sorted([confirmed.email, pending.email, waiting.email])
    mail = _notices().get(recipient=pending.email)
    assert mail.status == OutboxMessage.Status.SENT
    assert mail.subject.startswith("Gewijzigd: ")
    assert "wordt" in mail.body_text and "Antwoord dan op deze mail" in mail.body_text
    # Only whose calendar holds the training gets the file; the waiting list hears it stands.
    assert _notices().get(recipient=confirmed.email).attachments.count() == 1
    assert not mail.attachments.exists()
    assert "wachtlijst" in _notices().get(recipient=waiting.email).body_text


def test_editing_only_the_description_tells_nobody(django_capture_on_commit_callbacks):
    training = TrainingFactory()
    _confirmed(training)

    _save(training, _rows(training), django_capture_on_commit_callbacks, description="Anders.")

    assert not _notices().exists()
    assert Training.objects.get(pk=training.pk).calendar_sequence == 0


def test_correcting_the_hours_of_a_past_session_tells_nobody(django_capture_on_commit_callbacks):
    training = TrainingFactory(sessions__first_date=timezone.localdate() - dt.timedelta(days=3))
    _confirmed(training)
    rows = _rows(training)
    rows[0]["end_time"] = dt.time(17, 0)

    _save(training, rows, django_capture_on_commit_callbacks)

    assert not _notices().exists()


def test_a_new_venue_is_told_with_its_address(django_capture_on_commit_callbacks):
    training = TrainingFactory()
    registration = _confirmed(training)
    venue = VenueFactory(name="De Fabriek", street="Havenlaan 3", city="Brugge", postcode="8000")

    _save(training, _rows(training), django_capture_on_commit_callbacks, venue=venue)

    (mail,) = _notices()
    assert mail.recipient == registration.email
    assert "De Fabriek, Havenlaan 3, 8000 Brugge" in mail.body_text


def test_the_update_replaces_the_event_in_a_calendar(django_capture_on_commit_callbacks):
    training = TrainingFactory()
    _confirmed(training)
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    Training.objects.filter(pk=training.pk).update(updated_at=an_hour_ago)
    training.refresh_from_db()
    before = Calendar.from_ical(emails.ics_attachment(training).content)
    (old,) = before.walk("VEVENT")

    _save(training, _rows(training, days=7), django_capture_on_commit_callbacks)

    calendar = _calendar(_notices().get())
    (new,) = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(new["UID"]) == str(old["UID"])
    assert int(new["SEQUENCE"]) > int(old["SEQUENCE"])
    assert new.decoded("DTSTART") == old.decoded("DTSTART") + dt.timedelta(days=7)
    assert new.decoded("DTSTAMP") > old.decoded("DTSTAMP")
    assert str(new["ORGANIZER"]).startswith("mailto:")


def test_a_removed_session_is_cancelled_in_the_calendar(django_capture_on_commit_callbacks):
    training = TrainingFactory(sessions=2)
    _confirmed(training)
    first, second = training.sessions.all()

    _save(training, _rows(training, drop=(1,)), django_capture_on_commit_callbacks)

    events = {str(e["UID"]): e for e in _calendar(_notices().get()).walk("VEVENT")}
    kept = events[f"training-{training.pk}-session-{first.pk}@eigenkracht"]
    gone = events[f"training-{training.pk}-session-{second.pk}@eigenkracht"]
    assert "STATUS" not in kept
    assert str(gone["STATUS"]) == "CANCELLED"
    assert int(gone["SEQUENCE"]) == 1
    assert "vervalt" in _notices().get().body_text


def test_two_moves_raise_the_sequence_twice(django_capture_on_commit_callbacks):
    training = TrainingFactory()
    _confirmed(training)

    _save(training, _rows(training, days=7), django_capture_on_commit_callbacks)
    _save(training, _rows(training, days=7), django_capture_on_commit_callbacks)

    sequences = [int(_calendar(m).walk("VEVENT")[0]["SEQUENCE"]) for m in _notices().order_by("pk")]
    assert sequences == [1, 2]
    assert Training.objects.get(pk=training.pk).calendar_sequence == 2


def test_cancelling_a_training_cancels_the_event(django_capture_on_commit_callbacks):
    training = TrainingFactory()
    confirmed = _confirmed(training)
    pending = RegistrationFactory(training=training)

    with django_capture_on_commit_callbacks(execute=True):
        services.training_cancel(training=training, actor=None, reason="Ziekte")

    mails = OutboxMessage.objects.filter(kind="training_cancelled")
    calendar = _calendar(mails.get(recipient=confirmed.email))
    (event,) = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
    assert (
        str(event["UID"])
        == f"training-{training.pk}-session-{training.sessions.get().pk}@eigenkracht"
    )
    assert not mails.get(recipient=pending.email).attachments.exists()


def _queries_to_move(registrants: int) -> int:
    training = TrainingFactory()
    for _ in range(registrants):
        _confirmed(training)
    rows = _rows(training, days=7)
    training = Training.objects.get(pk=training.pk)
    with CaptureQueriesContext(connection) as queries:
        services.training_save(training=training, sessions=rows, actor=None)
    ids = [str(pk) for pk in training.registrations.values_list("pk", flat=True)]
    assert _notices().filter(object_id__in=ids).count() == registrants
    return len(queries)


def test_the_notices_are_stored_in_the_same_number_of_queries_for_many_registrants():
    assert _queries_to_move(30) == _queries_to_move(2)


def test_the_demo_moves_a_training_once(django_capture_on_commit_callbacks):
    training = TrainingFactory()
    registration = _confirmed(training)
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        demo_moved_training(actor=None, stdout=out)
        demo_moved_training(actor=None, stdout=out)

    assert _notices().get().recipient == registration.email
    assert "bestaat al" in out.getvalue()


def test_going_online_is_told_and_only_confirmed_registrations_read_the_link(
    django_capture_on_commit_callbacks,
):
    training = TrainingFactory(status=Training.Status.PUBLISHED)
    confirmed = _confirmed(training)
    pending = RegistrationFactory(training=training, status=Status.PENDING)
    link = "https://meet.example.org/ekc-basis"
    rows = [{**row, "meeting_url": link, "online_only": True} for row in _rows(training)]

    _save(training, rows, django_capture_on_commit_callbacks)

    by_address = {m.recipient: m.body_text for m in _notices()}
    assert "(online)" in by_address[pending.email]  # the session list says how, never the link
    assert "gaat voortaan enkel online door" in by_address[confirmed.email]
    assert link in by_address[confirmed.email]
    assert "gaat voortaan enkel online door" in by_address[pending.email]
    assert link not in by_address[pending.email]
    assert "krijg je zodra je inschrijving bevestigd is" in by_address[pending.email]


def test_practical_information_carries_the_link_for_every_participant(
    django_capture_on_commit_callbacks,
):
    training = TrainingFactory(status=Training.Status.PUBLISHED)
    session = training.sessions.first()
    session.meeting_url = "https://meet.example.org/ekc-basis"
    session.save()
    registration = _confirmed(training)

    with django_capture_on_commit_callbacks(execute=True):
        for participant in registration.participants.all():
            emails.send_practical_info(participant)

    (mail,) = OutboxMessage.objects.filter(kind="practical_info")
    assert "https://meet.example.org/ekc-basis" in mail.body_text


def test_a_calendar_file_carries_the_time_zone_it_names(django_capture_on_commit_callbacks):
    training = TrainingFactory(status=Training.Status.PUBLISHED)
    _confirmed(training)

    _save(training, _rows(training, days=7), django_capture_on_commit_callbacks)

    calendar = _calendar(_notices().get())
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
