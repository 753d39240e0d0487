"""Capacity holds when many people press "send" at the same moment (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.selectors import seats_taken
from tests.factories import TrainingFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write, so there is no race to prove",
    ),
]


def test_parallel_registrations_never_exceed_the_capacity(settings):
    settings.REGISTRATION_BURST_LIMIT = 1000
    training = TrainingFactory(capacity=5)
    url = reverse("trainings:register", args=[training.pk])
    start = threading.Barrier(20)
    statuses: list[int] = []

    def register(n: int) -> None:
        try:
            start.wait()
            response = Client().post(
                url,
                {
                    "first_name": "Deelnemer",
                    "last_name": f"Nummer{chr(65 + n)}",
                    "email": f"deelnemer{n}@example.be",
                    "attends": "on",
                    "consent": "on",
                    "collega-TOTAL_FORMS": "0",
                    "collega-INITIAL_FORMS": "0",
                },
            )
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * 20  # everyone got an answer: a seat or the waiting list
    assert seats_taken(training) == 5
    assert Registration.objects.filter(status=Registration.Status.PENDING).count() == 5
    assert Registration.objects.filter(status=Registration.Status.WAITING).count() == 15


def test_the_same_person_submitting_twice_at_once_gets_one_seat(settings):
    settings.REGISTRATION_BURST_LIMIT = 1000
    training = TrainingFactory(capacity=10)
    url = reverse("trainings:register", args=[training.pk])
    start = threading.Barrier(6)

    def register() -> None:
        try:
            start.wait()
            Client().post(
                url,
                {
                    "first_name": "Marie",
                    "last_name": "Claes",
                    "email": "marie@example.be",
                    "attends": "on",
                    "consent": "on",
                    "collega-TOTAL_FORMS": "0",
                    "collega-INITIAL_FORMS": "0",
                },
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Registration.objects.filter(training=training).count() == 1
    assert seats_taken(training) == 1
