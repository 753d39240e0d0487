"""Reminders and expiry: on time, once, also when the command runs twice or crashes."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.trainings import emails, periodic
from eigenkracht.trainings.models import Participant, Registration, Training
from eigenkracht.trainings.selectors import seats_taken
from tests.concurrency import at_once
from tests.factories import RegistrationFactory, TrainingFactory

TODAY = timezone.localdate()


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.mark.django_db
def test_a_reminder_goes_out_once_when_the_deadline_is_near():
    near = RegistrationFactory(payment_deadline=days(2))
    RegistrationFactory(payment_deadline=days(10))  # not yet
    RegistrationFactory(payment_deadline=days(1), status=Registration.Status.CONFIRMED)
    RegistrationFactory(payment_deadline=days(1), amount_paid_cents=2000)  # paid, not confirmed

    assert periodic.registrations_remind().done == 1
    assert periodic.registrations_remind().done == 0

    (reminder,) = OutboxMessage.objects.filter(kind="registration_reminder")
    assert reminder.recipient == near.email
    assert "Herinnering" in reminder.subject
    assert "€ 20,00" in reminder.body_text


@pytest.mark.django_db
def test_no_reminders_when_the_office_turned_them_off():
    from eigenkracht.core.models import Organisation

    Organisation.objects.filter(pk=1).update(reminder_days_before=0)
    RegistrationFactory(payment_deadline=days(1))

    assert periodic.registrations_remind().done == 0


@pytest.mark.django_db
def test_nobody_is_asked_to_pay_for_a_cancelled_training_nor_told_their_registration_expired():
    cancelled = TrainingFactory(status=Training.Status.CANCELLED)
    RegistrationFactory(training=cancelled, payment_deadline=days(2))
    RegistrationFactory(training=cancelled, payment_deadline=days(-1))

    assert periodic.registrations_remind().done == 0
    assert periodic.registrations_expire().done == 0

    assert not OutboxMessage.objects.filter(
        kind__in=["registration_reminder", "registration_expired"]
    ).exists()
    assert set(cancelled.registrations.values_list("status", flat=True)) == {
        Registration.Status.PENDING
    }


@pytest.mark.django_db
def test_an_unpaid_registration_expires_after_its_deadline_and_frees_its_seats():
    training = TrainingFactory(capacity=2)
    late = RegistrationFactory(training=training, seats=2, payment_deadline=days(-1))
    RegistrationFactory(training=TrainingFactory(), payment_deadline=TODAY)  # still today

    assert periodic.registrations_expire().done == 1
    assert periodic.registrations_expire().done == 0

    late.refresh_from_db()
    assert late.status == Registration.Status.EXPIRED
    assert late.expired_at is not None
    assert not Participant.objects.filter(registration=late, is_active=True).exists()
    assert seats_taken(training) == 0
    assert OutboxMessage.objects.filter(kind="registration_expired").count() == 1
    assert AuditEntry.objects.filter(action="registration.expired").count() == 1


@pytest.mark.django_db
def test_a_crash_half_way_loses_nothing_and_repeats_nothing(monkeypatch):
    for _ in range(3):
        RegistrationFactory(payment_deadline=days(-2))
    real = emails.send_expired
    calls = {"n": 0}

    def flaky(registration):
        calls["n"] += 1
        if calls["n"] == 2:
            raise ConnectionError("the mail server went away")
        real(registration)

    monkeypatch.setattr(emails, "send_expired", flaky)
    with pytest.raises(ConnectionError):
        periodic.registrations_expire()
    assert Registration.objects.filter(status=Registration.Status.EXPIRED).count() == 1

    monkeypatch.setattr(emails, "send_expired", real)
    assert periodic.registrations_expire().done == 2

    assert Registration.objects.filter(status=Registration.Status.EXPIRED).count() == 3
    assert OutboxMessage.objects.filter(kind="registration_expired").count() == 3


@pytest.mark.django_db
def test_the_command_does_both_and_says_how_many(capsys):
    RegistrationFactory(payment_deadline=days(1))
    RegistrationFactory(payment_deadline=days(-1))

    call_command("run_periodic")

    assert "herinneringen: 1, vervallen: 1" in capsys.readouterr().out


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no row locks for two runs to compete for",
)
def test_two_runs_at_the_same_moment_send_each_mail_once():
    for _ in range(20):
        RegistrationFactory(payment_deadline=days(1))
        RegistrationFactory(payment_deadline=days(-1))

    def run() -> None:
        periodic.registrations_remind()
        periodic.registrations_expire()

    at_once(run)

    assert OutboxMessage.objects.filter(kind="registration_reminder").count() == 20
    assert OutboxMessage.objects.filter(kind="registration_expired").count() == 20
    assert Registration.objects.filter(status=Registration.Status.EXPIRED).count() == 20
