"""Transfers and moves at the same moment keep seats and money right (PostgreSQL row locks)."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from eigenkracht.core.refusals import Refused
from eigenkracht.payments.models import Refund
from eigenkracht.trainings import seat_changes
from eigenkracht.trainings.models import Participant, Registration
from eigenkracht.trainings.selectors import seats_taken
from eigenkracht.trainings.services import PersonData
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write, so there is no race to prove",
    ),
]

TITLE = "Basisvorming Eigen Kracht"


def dated(days: int, **kwargs):
    first = timezone.localdate() + dt.timedelta(days=days)
    return TrainingFactory(title=TITLE, sessions__first_date=first, **kwargs)


def confirmed(training, paid_cents: int) -> Registration:
    return RegistrationFactory(
        training=training, status=Registration.Status.CONFIRMED, amount_paid_cents=paid_cents
    )


def at_once(*calls) -> list[str]:
    """Run the calls in parallel threads, started together; 'ok' or the refusal for each."""
    start = threading.Barrier(len(calls))
    results = [""] * len(calls)

    def run(index: int, call) -> None:
        try:
            start.wait()
            call()
            results[index] = "ok"
        except Refused as exc:
            results[index] = str(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_moves_into_the_last_seat_never_overbook_and_only_the_winner_is_refunded():
    first, second = dated(30, fee_cents=8000), dated(40, fee_cents=8000)
    last_seat = dated(60, fee_cents=5000, capacity=2)
    confirmed(last_seat, 5000)
    a, b = confirmed(first, 8000), confirmed(second, 8000)

    results = at_once(
        *(
            lambda r=r: seat_changes.registration_move(
                registration=r, training=last_seat, actor=None
            )
            for r in (a, b)
        )
    )

    assert sorted(results) == ["Op deze datum zijn niet genoeg plaatsen meer vrij (0).", "ok"]
    assert seats_taken(last_seat) == 2
    winner, loser = (a, b) if results[0] == "ok" else (b, a)
    winner.refresh_from_db()
    loser.refresh_from_db()
    assert (winner.training, winner.amount_due_cents, winner.amount_paid_cents) == (
        last_seat,
        5000,
        8000,
    )
    assert loser.training in (first, second)
    assert (loser.amount_due_cents, loser.amount_paid_cents) == (8000, 8000)
    assert list(Refund.objects.values_list("registration", "cause", "amount_cents")) == [
        (winner.pk, "moved", 3000)
    ]
    # Every seat is where its registration is.
    for registration in (winner, loser):
        assert set(registration.participants.values_list("training", flat=True)) == {
            registration.training_id
        }


def test_moves_in_opposite_directions_at_once_do_not_deadlock():
    first, second = dated(30), dated(40)
    a, b = confirmed(first, 2000), confirmed(second, 2000)

    results = at_once(
        lambda: seat_changes.registration_move(registration=a, training=second, actor=None),
        lambda: seat_changes.registration_move(registration=b, training=first, actor=None),
    )

    assert results == ["ok", "ok"]
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.training, b.training) == (second, first)
    assert (seats_taken(first), seats_taken(second)) == (1, 1)


def test_two_seats_handed_to_the_same_colleague_at_once_give_her_one():
    training = dated(30)
    registrations = [RegistrationFactory(training=training) for _ in range(2)]
    colleague = PersonData("Sofie", "Peeters", "sofie@example.be")

    results = at_once(
        *(
            lambda r=r: seat_changes.participant_transfer(
                registration=r,
                participant_id=r.participants.get().pk,
                colleague=colleague,
                actor=None,
            )
            for r in registrations
        )
    )

    assert sorted(results) == [
        "We kunnen de plaats niet aan dit e-mailadres doorgeven. Kies een andere collega of neem"
        " contact met ons op.",
        "ok",
    ]
    assert Participant.objects.filter(email="sofie@example.be", is_active=True).count() == 1
    assert seats_taken(training) == 2
