"""The back-office lists cost the same number of queries whatever the amount of data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenkracht.trainings.models import Training
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _trainings(count: int) -> None:
    statuses = [Training.Status.DRAFT, Training.Status.PUBLISHED, Training.Status.CANCELLED]
    for index in range(count):
        training = TrainingFactory(status=statuses[index % 3], sessions=1 + index % 2)
        RegistrationFactory(training=training)
        RegistrationFactory(training=training, status="confirmed", seats=2)


def _registrations(training: Training, count: int) -> None:
    for index in range(count):
        RegistrationFactory(
            training=training,
            seats=1 + index % 3,
            status=["pending", "confirmed", "waiting", "cancelled"][index % 4],
        )


def test_the_training_list_costs_the_same_with_5_or_50_trainings(
    office_client, django_assert_num_queries
):
    url = reverse("trainings_backoffice:training_list")
    _trainings(5)
    office_client.get(url)  # warm up: the organisation row and the session exist from here on
    with_five = _count_queries(office_client, url)

    _trainings(45)

    with django_assert_num_queries(with_five):
        response = office_client.get(url)
    assert len(response.context["page_obj"].object_list) == 25


def test_a_training_s_registrations_cost_the_same_with_5_or_50(
    office_client, django_assert_num_queries
):
    training = TrainingFactory(capacity=200)
    url = reverse("trainings_backoffice:training_detail", args=[training.pk])
    _registrations(training, 5)
    office_client.get(url)
    with_five = _count_queries(office_client, url)

    _registrations(training, 45)

    with django_assert_num_queries(with_five):
        response = office_client.get(url)
    assert len(response.context["page_obj"].object_list) == 50


def test_searching_registrations_costs_the_same_with_5_or_50(
    office_client, django_assert_num_queries
):
    training = TrainingFactory(capacity=200)
    url = reverse("trainings_backoffice:training_detail", args=[training.pk]) + "?q=marie"
    _registrations(training, 5)
    office_client.get(url)
    with_five = _count_queries(office_client, url)

    _registrations(training, 45)

    with django_assert_num_queries(with_five):
        office_client.get(url)


def test_the_export_costs_the_same_with_5_or_50_registrations(
    office_client, django_assert_num_queries
):
    training = TrainingFactory(capacity=200)
    url = reverse("trainings_backoffice:training_export", args=[training.pk])
    _registrations(training, 5)
    office_client.get(url)
    with_five = _count_queries(office_client, url)

    _registrations(training, 45)

    with django_assert_num_queries(with_five):
        office_client.get(url)


def test_the_venue_list_costs_the_same_with_2_or_12_venues(
    office_client, django_assert_num_queries
):
    url = reverse("trainings_backoffice:venue_list")
    TrainingFactory.create_batch(2)
    office_client.get(url)
    with_two = _count_queries(office_client, url)

    TrainingFactory.create_batch(10)

    with django_assert_num_queries(with_two):
        response = office_client.get(url)
    assert len(response.context["venues"]) == 12


def _partial_payments(registration, count: int, actor) -> None:
    from django.utils import timezone

    from eigenkracht.payments.services import registration_mark_paid

    for _ in range(count):
        registration = registration_mark_paid(
            registration=registration,
            amount_cents=100,
            paid_on=timezone.localdate(),
            actor=actor,
            note="Deelbetaling",
        )


def test_a_registration_page_costs_the_same_with_a_history_of_2_or_12_payments(
    office_client, office_user, django_assert_num_queries
):
    registration = RegistrationFactory(training=TrainingFactory(fee_cents=5000), seats=2)
    url = reverse("trainings_backoffice:registration_detail", args=[registration.pk])
    _partial_payments(registration, 2, office_user)
    office_client.get(url)
    with_two = _count_queries(office_client, url)

    _partial_payments(registration, 10, office_user)

    with django_assert_num_queries(with_two):
        response = office_client.get(url)
    html = response.content.decode()
    assert html.count("Deelbetaling") >= 12
    assert len(response.context["audit_entries"]) == 12
