"""Capacity holds when many people press "send" at the same moment (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.selectors import seats_taken
from tests.concurrency import at_once
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

    def register() -> None:
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

    at_once(register, times=6)

    assert Registration.objects.filter(training=training).count() == 1
    assert seats_taken(training) == 1


def _hold_lock_on(venue, *, released: threading.Event, holding: threading.Event) -> None:
    """Another transaction (an office edit, a registration in flight) holds the venue's row."""
    from django.db import transaction

    from eigenkracht.trainings.models import Venue

    try:
        with transaction.atomic():
            Venue.objects.select_for_update().get(pk=venue.pk)
            holding.set()
            released.wait(timeout=30)
    finally:
        connections.close_all()


def test_two_runs_expire_every_due_registration_while_the_venue_is_locked_and_a_late_payment_cannot_overbook():  # noqa: E501
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from eigenkracht.payments.booking import SeatsTaken
    from eigenkracht.payments.services import registration_mark_paid
    from tests.factories import RegistrationFactory

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    training = TrainingFactory(capacity=10)
    for _ in range(7):
        RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)
    late = [RegistrationFactory(training=training, payment_deadline=yesterday) for _ in range(3)]
    waiting = [
        RegistrationFactory(training=training, status=Registration.Status.WAITING) for _ in range(3)
    ]
    released, holding = threading.Event(), threading.Event()
    holder = threading.Thread(
        target=_hold_lock_on,
        args=(training.venue,),
        kwargs={"released": released, "holding": holding},
    )
    holder.start()
    assert holding.wait(timeout=10)
    at_once(lambda: call_command("run_periodic"))
    released.set()
    holder.join()

    statuses = set(
        Registration.objects.filter(pk__in=[r.pk for r in late]).values_list("status", flat=True)
    )
    assert statuses == {Registration.Status.EXPIRED}
    offered = Registration.objects.filter(pk__in=[r.pk for r in waiting], offered_at__isnull=False)
    assert offered.count() == 3
    assert seats_taken(training) == 10

    # The money of a registration that expired meanwhile is no seat: booking it is refused.
    still_pending = RegistrationFactory(
        training=training, payment_deadline=yesterday, status=Registration.Status.PENDING
    )
    with pytest.raises(SeatsTaken):
        registration_mark_paid(
            registration=still_pending,
            amount_cents=still_pending.amount_due_cents,
            paid_on=timezone.localdate(),
            actor=None,
        )
    assert seats_taken(training) == 10
