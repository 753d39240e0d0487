"""Seats that come free go to the waiting list, in order, held for a limited time."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.trainings import waiting_list
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.selectors import seats_taken
from eigenkracht.trainings.services import (
    TransitionNotAllowed,
    registration_cancel,
    training_cancel,
)
from tests.factories import RegistrationFactory, TrainingFactory
from tests.trainings.links import registrant_url

pytestmark = pytest.mark.django_db


def waiting(training, **kwargs):
    return RegistrationFactory(
        training=training, status=Registration.Status.WAITING, payment_deadline=None, **kwargs
    )


def full_training_with_queue():
    training = TrainingFactory(capacity=1)
    seated = RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)
    first = waiting(training)
    second = waiting(training)
    return training, seated, first, second


def test_a_freed_seat_is_offered_to_the_first_in_line_and_held_for_them():
    training, seated, first, second = full_training_with_queue()
    registration_cancel(registration=seated, actor=None)

    assert waiting_list.waiting_list_offer_seats() == 1

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.has_open_offer
    assert first.offer_expires_at - first.offered_at == dt.timedelta(hours=48)
    assert not second.offered_at
    assert seats_taken(training) == 1  # held by the offer: nobody else can take it
    offer = OutboxMessage.objects.get(kind="waiting_list_offer")
    assert offer.recipient == first.email
    assert f"/inschrijving/{first.token}/plaats-aanvaarden/" in offer.body_text
    assert waiting_list.waiting_list_offer_seats() == 0  # not offered twice


def test_accepting_the_offer_asks_for_payment_as_usual(client):
    _training, seated, first, _second = full_training_with_queue()
    registration_cancel(registration=seated, actor=None)
    waiting_list.waiting_list_offer_seats()

    page = client.get(registrant_url(client, "registration", first)).content.decode()
    response = client.post(registrant_url(client, "accept_offer", first), follow=True)

    assert "Er is een plaats vrij voor jou." in page
    first.refresh_from_db()
    assert first.status == Registration.Status.PENDING
    assert first.payment_deadline >= timezone.localdate()
    assert "Zo betaal je" in response.content.decode()
    assert OutboxMessage.objects.filter(kind="registration_received").count() == 1


def test_someone_on_the_waiting_list_is_told_no_seat_came_free_yet_and_gets_no_calendar(client):
    _training, _seated, first, _second = full_training_with_queue()

    page = client.get(registrant_url(client, "registration", first)).content.decode()
    offer = client.get(registrant_url(client, "accept_offer", first)).content.decode()

    assert "Zet de sessies in je agenda" not in page
    assert "Er is nog geen plaats voor je vrijgekomen: je staat op de wachtlijst." in offer
    assert "vervallen of al aanvaard" not in offer


def test_the_calendar_link_of_someone_on_the_waiting_list_leads_back_to_their_page(client):
    _training, _seated, first, _second = full_training_with_queue()

    response = client.get(registrant_url(client, "calendar", first), follow=True)

    assert response["Content-Type"].startswith("text/html")
    assert "Je staat op de wachtlijst. Zodra je een plaats krijgt" in response.content.decode()


def test_the_offer_page_of_a_registration_no_longer_waiting_says_only_no_seat_is_held(client):
    _training, _seated, first, _second = full_training_with_queue()
    registration_cancel(registration=first, actor=None)

    offer = client.get(registrant_url(client, "accept_offer", first)).content.decode()

    assert "Er is op dit moment geen plaats voor je vastgehouden." in offer
    assert "je staat op de wachtlijst" not in offer


def test_an_offer_nobody_accepts_lapses_and_goes_to_the_next():
    _training, seated, first, second = full_training_with_queue()
    registration_cancel(registration=seated, actor=None)
    waiting_list.waiting_list_offer_seats()
    later = timezone.now() + dt.timedelta(hours=49)

    assert waiting_list.waiting_list_expire_offers(now=later) == 1
    assert waiting_list.waiting_list_offer_seats(now=later) == 1

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.EXPIRED
    assert second.offered_at is not None
    assert OutboxMessage.objects.filter(kind="waiting_list_offer_lapsed").count() == 1
    with pytest.raises(TransitionNotAllowed, match="niet meer geldig"):
        waiting_list.registration_accept_offer(registration=first)


def test_an_open_offer_of_a_training_that_is_then_cancelled_cannot_be_taken_nor_lapses():
    training, seated, first, _second = full_training_with_queue()
    registration_cancel(registration=seated, actor=None)
    waiting_list.waiting_list_offer_seats()
    training_cancel(training=training, actor=None, reason="De lesgever is ziek")

    with pytest.raises(TransitionNotAllowed, match="Deze vorming gaat niet door"):
        waiting_list.registration_accept_offer(registration=first)
    later = timezone.now() + dt.timedelta(hours=49)
    assert waiting_list.waiting_list_expire_offers(now=later) == 0

    first.refresh_from_db()
    assert first.status == Registration.Status.WAITING
    assert not OutboxMessage.objects.filter(
        kind__in=["registration_received", "waiting_list_offer_lapsed"]
    ).exists()


def test_a_group_that_does_not_fit_keeps_waiting_while_a_smaller_one_gets_the_seat():
    training = TrainingFactory(capacity=3)
    seated = RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)
    RegistrationFactory(training=training, status=Registration.Status.CONFIRMED, seats=2)
    group = waiting(training, seats=2)
    single = waiting(training)
    registration_cancel(registration=seated, actor=None)

    waiting_list.waiting_list_offer_seats()

    group.refresh_from_db()
    single.refresh_from_db()
    assert not group.offered_at
    assert single.has_open_offer


def test_staff_can_offer_a_seat_by_hand_out_of_turn(office_client, office_user):
    training, seated, _first, second = full_training_with_queue()
    registration_cancel(registration=seated, actor=None)

    office_client.post(reverse("trainings_backoffice:registration_offer_seat", args=[second.pk]))

    second.refresh_from_db()
    assert second.has_open_offer
    assert AuditEntry.objects.filter(action="registration.offered", actor=office_user).exists()
    detail = office_client.get(
        reverse("trainings_backoffice:training_detail", args=[training.pk])
    ).content.decode()
    assert "Wachtlijst" in detail and second.code in detail
    # The mail does not say they were first in line: they were not.
    (offer,) = OutboxMessage.objects.filter(kind="waiting_list_offer", recipient=second.email)
    assert "we bieden ze jou aan van op de wachtlijst" in offer.body_text
    assert "eerste" not in offer.body_text


def test_no_offer_by_hand_without_a_free_seat(office_user):
    _training, _seated, first, _second = full_training_with_queue()

    with pytest.raises(TransitionNotAllowed, match="niet genoeg plaatsen"):
        waiting_list.registration_offer_seat(registration=first, actor=office_user)


def test_a_free_training_confirms_on_acceptance():
    training = TrainingFactory(capacity=1, fee_cents=0)
    seated = RegistrationFactory(
        training=training, status=Registration.Status.CONFIRMED, amount_due_cents=0
    )
    first = waiting(training, amount_due_cents=0)
    registration_cancel(registration=seated, actor=None)
    waiting_list.waiting_list_offer_seats()

    waiting_list.registration_accept_offer(registration=first)

    first.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED
    assert OutboxMessage.objects.filter(kind="registration_confirmed").count() == 1
