"""The reads behind reconciliation: the candidates an import matches against."""

import pytest

from eigenkracht.payments import selectors
from eigenkracht.payments.selectors import matching_candidates
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_a_registration_for_the_registrant_alone_lists_no_other_participant():
    alone = RegistrationFactory(first_name="Marie", last_name="Claes")

    (candidate,) = matching_candidates()

    assert candidate.registration_id == alone.pk
    assert candidate.registrant_name == "Marie Claes"
    assert candidate.participant_names == ()


def test_a_group_registration_lists_everyone_on_it():
    RegistrationFactory(
        first_name="Marie",
        last_name="Claes",
        seats=2,
        participants=[("Marie", "Claes", "marie@example.be"), ("Jan", "Peeters", "jan@ex.be")],
    )

    (candidate,) = matching_candidates()

    assert candidate.participant_names == ("Marie Claes", "Jan Peeters")


def test_candidates_come_in_id_order_each_with_its_own_participants_across_batches(
    monkeypatch,
):
    monkeypatch.setattr(selectors, "CANDIDATE_BATCH", 2)
    duo = [("Marie", "Claes", "marie@example.be"), ("Jan", "Peeters", "jan@example.be")]
    made = [
        RegistrationFactory(first_name="Els", last_name="Wouters"),
        RegistrationFactory(first_name="Marie", last_name="Claes", seats=2, participants=duo),
        RegistrationFactory(first_name="Tom", last_name="Maes"),
        RegistrationFactory(first_name="Ann", last_name="Smet", seats=2),
        RegistrationFactory(first_name="Bo", last_name="Vos"),
    ]

    candidates = list(matching_candidates())

    assert [c.registration_id for c in candidates] == sorted(r.pk for r in made)
    assert [c.participant_names for c in candidates] == [
        (),
        ("Marie Claes", "Jan Peeters"),
        (),
        ("Ann Smet", "Collega1 Smet"),
        (),
    ]


def test_a_training_registered_for_after_the_trainings_were_read_is_read_then(monkeypatch):
    first = RegistrationFactory(training__title="Basisvorming", training__venue__city="Gent")
    read = selectors._training_facts
    calls = []

    def trainings_read_before_the_registration(training_ids):
        calls.append(training_ids)
        return {} if len(calls) == 1 else read(training_ids)

    monkeypatch.setattr(selectors, "_training_facts", trainings_read_before_the_registration)

    (candidate,) = matching_candidates()

    assert candidate.registration_id == first.pk
    assert (candidate.training_title, candidate.training_city) == ("Basisvorming", "Gent")
