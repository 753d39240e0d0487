"""The certificate names the training's trainers; the older plain text when none are chosen."""

import datetime as dt

import pytest
from django.utils import timezone

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trainings.attendance.services import attendance_record, certificates_send
from eigenkracht.trainings.models import Registration, Trainer
from tests.core.pdf_reader import pdf_text
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def _certificate_text(training, trainer_user) -> str:
    registration = RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)
    for session in training.sessions.all():
        attendance_record(
            session=session,
            present_participant_ids=[registration.participants.get().pk],
            actor=trainer_user,
        )
    certificates_send()
    message = OutboxMessage.objects.get(kind="certificate")
    return pdf_text(bytes(message.attachments.get().content))


def _ended_training(**kwargs):
    first = timezone.localdate() - dt.timedelta(days=20)
    return TrainingFactory(sessions=2, sessions__first_date=first, **kwargs)


def test_the_certificate_names_the_trainers(trainer):
    training = _ended_training(trainer_names="Oude tekst")
    for name in ("An Peeters", "Jan Claes", "Leen De Wolf"):
        Trainer.objects.get_or_create(name=name)[0].trainings.add(training)

    text = _certificate_text(training, trainer.user)

    assert "Lesgever(s): An Peeters, Jan Claes en Leen De Wolf" in text
    assert "Oude tekst" not in text


def test_without_trainers_the_certificate_keeps_the_plain_names(trainer):
    text = _certificate_text(_ended_training(trainer_names="An Peeters"), trainer.user)

    assert "Lesgever(s): An Peeters" in text
