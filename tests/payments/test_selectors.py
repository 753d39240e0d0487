"""The reads behind reconciliation: the candidates an import matches against."""

import pytest

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
