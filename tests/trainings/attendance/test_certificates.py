"""Certificates of attendance: for who attended every session, once, after the training."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trainings.attendance.services import (
    attendance_record,
    certificates_send,
    session_participants,
)
from eigenkracht.trainings.models import Registration
from tests.concurrency import at_once
from tests.core.pdf_reader import NAMES_IN_SCRIPTS, drawn, pdf_text, shown
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory

TODAY = timezone.localdate()


def _ended_training(*, people: int = 3, first_date: dt.date | None = None):
    training = TrainingFactory(
        sessions=2, sessions__first_date=first_date or TODAY - dt.timedelta(days=20)
    )
    for _ in range(people):
        RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)
    return training


def _attend(training, *, present_everywhere, present_once=()):
    actor = UserFactory()
    first, *others = list(training.sessions.all())
    attendance_record(
        session=first,
        present_participant_ids=[p.pk for p in [*present_everywhere, *present_once]],
        actor=actor,
    )
    for session in others:
        attendance_record(
            session=session,
            present_participant_ids=[p.pk for p in present_everywhere],
            actor=actor,
        )


@pytest.mark.django_db
def test_only_those_present_at_every_session_get_one_certificate_once():
    training = _ended_training()
    always, once, _never = session_participants(training.sessions.first())
    _attend(training, present_everywhere=[always], present_once=[once])

    assert certificates_send() == 1
    assert certificates_send() == 0  # a second run sends nothing again

    message = OutboxMessage.objects.get(kind="certificate")
    assert message.recipient == always.email
    assert training.title in message.subject
    attachment = message.attachments.get()
    assert attachment.mimetype == "application/pdf"
    content = bytes(attachment.content)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert always.full_name in text
    assert "Attest van deelname" in text
    always.refresh_from_db()
    assert always.certificate_sent_at is not None


@pytest.mark.django_db
def test_no_certificate_before_the_last_session_is_over():
    training = _ended_training(people=1, first_date=TODAY - dt.timedelta(days=7))  # last: today
    participant = session_participants(training.sessions.first()).get()
    _attend(training, present_everywhere=[participant])

    assert certificates_send() == 0
    assert certificates_send(today=TODAY + dt.timedelta(days=1)) == 1


@pytest.mark.django_db
def test_no_certificate_without_recorded_attendance_or_for_cancelled_registrations():
    training = _ended_training(people=2)
    present, cancelled = session_participants(training.sessions.first())
    _attend(training, present_everywhere=[present, cancelled])
    Registration.objects.filter(pk=cancelled.registration_id).update(
        status=Registration.Status.CANCELLED
    )
    _ended_training(people=2)  # nobody's attendance recorded

    assert certificates_send() == 1
    assert OutboxMessage.objects.get(kind="certificate").recipient == present.email


@pytest.mark.django_db
def test_run_periodic_reports_the_certificates(capsys):
    training = _ended_training(people=1)
    _attend(training, present_everywhere=list(session_participants(training.sessions.first())))
    call_command("run_periodic")
    out = capsys.readouterr().out
    assert "herinneringen: 0, vervallen: 0" in out
    assert "attesten: 1" in out


@pytest.mark.django_db
@pytest.mark.parametrize("script", NAMES_IN_SCRIPTS)
def test_the_certificate_prints_a_name_in_any_script_as_written(script):
    first_name, last_name = NAMES_IN_SCRIPTS[script]
    training = _ended_training(people=0)
    registration = RegistrationFactory(
        training=training,
        status=Registration.Status.CONFIRMED,
        first_name=first_name,
        last_name=last_name,
    )
    participant = registration.participants.get()
    _attend(training, present_everywhere=[participant])

    assert certificates_send() == 1
    content = bytes(OutboxMessage.objects.get(kind="certificate").attachments.get().content)
    # The name on a line of its own, letter for letter: nothing transliterated or left out.
    assert drawn(f"{first_name} {last_name}") in shown(content)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no row locks for two runs to compete for",
)
def test_two_runs_at_the_same_moment_send_each_certificate_once():
    training = _ended_training(people=15)
    _attend(training, present_everywhere=list(session_participants(training.sessions.first())))
    at_once(certificates_send)

    assert OutboxMessage.objects.filter(kind="certificate").count() == 15
