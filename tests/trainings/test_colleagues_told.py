"""A colleague on someone else's registration hears when that registration ends: they may have
been told they take part (a seat handed to them, the practical information)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trainings import periodic
from eigenkracht.trainings import services as trainings
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.self_service import services as self_service
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db

KIND = "colleague_registration_ended"


def with_colleague(**kwargs) -> tuple[Registration, str]:
    training = kwargs.pop(
        "training",
        TrainingFactory(
            title="Basisvorming", sessions__first_date=timezone.localdate() + dt.timedelta(days=30)
        ),
    )
    registration = RegistrationFactory(
        training=training, seats=2, email="marie@example.be", **kwargs
    )
    colleague = registration.participants.exclude(email="marie@example.be").get()
    return registration, colleague.email


def test_a_colleague_hears_that_the_registrant_cancelled():
    registration, colleague = with_colleague()

    self_service.registration_cancel_by_registrant(registration=registration)

    mail = OutboxMessage.objects.get(kind=KIND)
    assert mail.recipient == colleague
    assert mail.subject == "Inschrijving geannuleerd: Basisvorming"
    assert 'schreef je in voor "Basisvorming"' in mail.body_text
    assert "je staat niet meer op de lijst van de deelnemers" in mail.body_html
    assert OutboxMessage.objects.filter(recipient="marie@example.be").count() == 1


def test_the_office_reason_for_one_registration_stays_with_the_registrant():
    registration, colleague = with_colleague()

    trainings.registration_cancel_by_office(
        registration=registration, actor=UserFactory(), reason="Dubbel ingeschreven"
    )

    mail = OutboxMessage.objects.get(kind=KIND, recipient=colleague)
    assert "Dubbel ingeschreven" not in mail.body_text


def test_a_colleague_hears_that_an_unpaid_registration_expired():
    _registration, colleague = with_colleague(
        payment_deadline=timezone.localdate() - dt.timedelta(days=1)
    )

    assert periodic.registrations_expire().done == 1

    mail = OutboxMessage.objects.get(kind=KIND)
    assert (mail.recipient, mail.subject) == (colleague, "Inschrijving vervallen: Basisvorming")
    assert "niet op tijd betaald" in mail.body_text


def test_every_colleague_hears_that_the_training_does_not_take_place_and_why():
    registration, colleague = with_colleague()
    RegistrationFactory(training=registration.training)  # alone: the registrant's mail suffices

    trainings.training_cancel(
        training=registration.training, actor=UserFactory(), reason="De lesgever is ziek"
    )

    mail = OutboxMessage.objects.get(kind=KIND)
    assert (mail.recipient, mail.subject) == (colleague, "Gaat niet door: Basisvorming")
    assert "Reden: De lesgever is ziek" in mail.body_text
    assert OutboxMessage.objects.filter(kind="training_cancelled").count() == 2


def test_a_colleague_with_the_registrants_address_is_not_mailed_twice():
    registration = RegistrationFactory(email="marie@example.be")
    registration.participants.update(email="Marie@Example.be")

    self_service.registration_cancel_by_registrant(registration=registration)

    assert not OutboxMessage.objects.filter(kind=KIND).exists()


def test_after_the_training_s_cancellation_the_colleague_is_not_told_twice(office_client):
    registration, _colleague = with_colleague()
    trainings.training_cancel(training=registration.training, actor=UserFactory(), reason="Ziek")

    trainings.registration_cancel_by_office(registration=registration, actor=UserFactory())

    (mail,) = OutboxMessage.objects.filter(kind=KIND)
    assert mail.subject.startswith("Gaat niet door")
    page = office_client.get(
        reverse("trainings_backoffice:registration_detail", args=[registration.pk])
    ).content.decode()
    assert "Aan een collega: de inschrijving is beëindigd" in page  # listed with its mails


def test_colleagues_on_a_waiting_list_are_not_told_they_lost_a_seat_they_never_had():
    registration, _colleague = with_colleague(status=Registration.Status.WAITING)

    trainings.registration_cancel_by_office(registration=registration, actor=UserFactory())

    assert not OutboxMessage.objects.filter(kind=KIND).exists()


def test_a_colleague_told_of_the_expiry_hears_that_the_registration_is_back(office_client):
    registration, colleague = with_colleague(
        payment_deadline=timezone.localdate() - dt.timedelta(days=1)
    )
    periodic.registrations_expire()

    trainings.registration_reinstate(registration=registration, actor=UserFactory())

    mail = OutboxMessage.objects.get(kind="colleague_registration_back")
    assert (mail.recipient, mail.subject) == (colleague, "Je staat terug op de lijst: Basisvorming")
    assert "je staat opnieuw op de lijst van de deelnemers" in mail.body_text
    assert "Jij hoeft niets te betalen" in mail.body_text  # the registrant still owes
    assert mail.attachments.get().filename == "vorming.ics"
    page = office_client.get(
        reverse("trainings_backoffice:registration_detail", args=[registration.pk])
    ).content.decode()
    assert "Aan een collega: de inschrijving is terug actief" in page


def test_a_colleague_who_never_heard_of_the_end_is_not_told_it_is_back():
    registration, _colleague = with_colleague(status=Registration.Status.WAITING)
    trainings.registration_cancel_by_office(registration=registration, actor=UserFactory())

    trainings.registration_reinstate(registration=registration, actor=UserFactory())

    assert not OutboxMessage.objects.filter(kind="colleague_registration_back").exists()


def test_a_colleague_is_told_once_per_end(office_user):
    registration, colleague = with_colleague()
    for _round in range(2):
        trainings.registration_cancel_by_office(registration=registration, actor=office_user)
        trainings.registration_reinstate(registration=registration, actor=office_user)

    told = OutboxMessage.objects.filter(recipient=colleague).order_by("pk")
    assert [mail.kind for mail in told] == [KIND, "colleague_registration_back"] * 2
