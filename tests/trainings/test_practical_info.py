"""A few days before a training, each confirmed participant gets where, when and what to bring:
once, however often the periodic work runs."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from eigenkracht.core.models import Organisation, OutboxMessage
from eigenkracht.trainings import periodic
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory, VenueFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _training(in_days: int, **fields):
    return TrainingFactory(sessions__first_date=TODAY + dt.timedelta(days=in_days), **fields)


def _mails():
    return OutboxMessage.objects.filter(kind="practical_info")


def test_each_participant_of_a_confirmed_registration_gets_the_practical_information_once():
    venue = VenueFactory(
        name="De Linde",
        street="Kerkstraat 12",
        route_url="https://example.be/route/de-linde",
        directions="Tram 1, halte Korenmarkt.",
    )
    training = _training(3, venue=venue, what_to_bring="Je lunch en een notitieboekje.")
    registration = RegistrationFactory(
        training=training, status=Registration.Status.CONFIRMED, seats=2
    )

    assert periodic.practical_info_send().done == 1
    assert periodic.practical_info_send().done == 0

    assert sorted(_mails().values_list("recipient", flat=True)) == sorted(
        registration.participants.values_list("email", flat=True)
    )
    mail = _mails().first()
    assert mail.subject == f"Praktische info: {training.title}"
    for shown in (
        "De Linde, Kerkstraat 12",
        "https://example.be/route/de-linde",
        "Tram 1, halte Korenmarkt.",
        "om 9.30",
        "Je lunch en een notitieboekje.",
    ):
        assert shown in mail.body_text
    assert [a.filename for a in mail.attachments.all()] == ["vorming.ics"]


def test_only_confirmed_registrations_of_trainings_starting_soon_get_it():
    RegistrationFactory(training=_training(3))  # pending: not sure to come yet
    RegistrationFactory(training=_training(3), status=Registration.Status.WAITING)
    RegistrationFactory(training=_training(10), status=Registration.Status.CONFIRMED)  # not yet
    RegistrationFactory(training=_training(-1), status=Registration.Status.CONFIRMED)  # begun
    RegistrationFactory(
        training=_training(3, status="cancelled"), status=Registration.Status.CONFIRMED
    )

    assert periodic.practical_info_send().done == 0
    assert not _mails().exists()


def test_none_when_the_office_turned_it_off():
    Organisation.objects.filter(pk=1).update(practical_reminder_days_before=0)
    RegistrationFactory(training=_training(1), status=Registration.Status.CONFIRMED)

    assert periodic.practical_info_send().done == 0


def test_running_the_periodic_work_twice_sends_one_mail():
    RegistrationFactory(training=_training(5), status=Registration.Status.CONFIRMED)

    call_command("run_periodic", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("run_periodic", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert _mails().count() == 1
