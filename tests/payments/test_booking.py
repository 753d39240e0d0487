"""Booking money on registrations: a large booking runs in slices of whole registrations and
ends as one round would, or not at all."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from eigenkracht.core.models import OutboxMessage
from eigenkracht.payments import booking
from eigenkracht.payments.booking import (
    BookingLine,
    RegistrationsChanged,
    SeatsTaken,
    payments_book,
    registrations_lock,
)
from eigenkracht.payments.models import Payment
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def line(registration: Registration, amount: int) -> BookingLine:
    return BookingLine(registration_id=registration.pk, amount_cents=amount, paid_on=TODAY)


def test_two_payments_of_one_registration_stay_in_one_slice(monkeypatch):
    monkeypatch.setattr(booking, "SLICE", 1)
    marie, jan, els = RegistrationFactory(), RegistrationFactory(), RegistrationFactory()

    outcome = payments_book(
        lines=[line(marie, 1000), line(jan, 2000), line(marie, 1000), line(els, 500)],
        actor=None,
        action="registration.paid_by_bank",
    )

    assert sorted(outcome.confirmed_ids) == sorted([marie.pk, jan.pk])
    assert outcome.partial_ids == [els.pk]
    marie.refresh_from_db()
    assert (marie.status, marie.amount_paid_cents) == ("confirmed", 2000)
    assert Payment.objects.filter(registration=marie).count() == 2
    # Marie paid in two parts, booked together: her confirmation, never "still due".
    mails = OutboxMessage.objects.filter(recipient=marie.email)
    assert list(mails.values_list("kind", flat=True)) == ["registration_confirmed"]
    assert OutboxMessage.objects.filter(kind="registration_partially_paid").count() == 1


def test_a_late_payment_without_seats_in_a_later_slice_books_nothing(monkeypatch):
    monkeypatch.setattr(booking, "SLICE", 1)
    on_time = RegistrationFactory()
    full = TrainingFactory(capacity=1)
    late = RegistrationFactory(training=full, payment_deadline=TODAY - dt.timedelta(days=1))
    RegistrationFactory(training=full, status=Registration.Status.CONFIRMED)  # took the seat

    with pytest.raises(SeatsTaken), transaction.atomic():
        payments_book(
            lines=[line(on_time, 2000), line(late, 2000)],
            actor=None,
            action="registration.paid_by_bank",
        )

    on_time.refresh_from_db()
    assert (on_time.status, on_time.amount_paid_cents) == ("pending", 0)
    assert not Payment.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_registration_changed_meanwhile_is_noticed_in_any_slice(monkeypatch):
    monkeypatch.setattr(booking, "SLICE", 1)
    marie, jan = RegistrationFactory(), RegistrationFactory()
    as_read = {marie.pk: (0, "pending"), jan.pk: (0, "pending")}

    with transaction.atomic():
        registrations_lock(expected=as_read)  # nothing changed

    Registration.objects.filter(pk=jan.pk).update(amount_paid_cents=500)
    with pytest.raises(RegistrationsChanged), transaction.atomic():
        registrations_lock(expected=as_read)
