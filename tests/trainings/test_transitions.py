"""One table says which status may follow which; every service goes through it."""

import pytest

from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.transitions import (
    REGISTRATION_TRANSITIONS,
    TransitionNotAllowed,
    next_status,
)

S = Registration.Status


@pytest.mark.parametrize(
    ("current", "transition", "target", "expected"),
    [
        (S.PENDING, "confirm", None, S.CONFIRMED),
        (S.PENDING, "expire", None, S.EXPIRED),
        (S.WAITING, "lapse_offer", None, S.EXPIRED),
        (S.WAITING, "take_offer", S.PENDING, S.PENDING),
        (S.WAITING, "take_offer", S.CONFIRMED, S.CONFIRMED),
        (S.CONFIRMED, "cancel", None, S.CANCELLED),
        (S.EXPIRED, "reinstate", S.PENDING, S.PENDING),
        (S.CONFIRMED, "undo_payment", None, S.PENDING),
    ],
)
def test_the_table_allows_the_journeys_transitions(current, transition, target, expected):
    assert next_status(current, transition, target) == expected


@pytest.mark.parametrize(
    ("current", "transition", "target"),
    [
        (S.CONFIRMED, "expire", None),
        (S.CANCELLED, "cancel", None),
        (S.PENDING, "take_offer", S.PENDING),
        (S.WAITING, "reinstate", S.PENDING),
        (S.PENDING, "reinstate", S.CANCELLED),
    ],
)
def test_what_the_table_does_not_allow_is_refused_in_dutch(current, transition, target):
    with pytest.raises(TransitionNotAllowed, match="Dit kan niet meer: de inschrijving staat"):
        next_status(current, transition, target)


def test_every_status_but_the_first_is_reached_through_the_table():
    targets = {t for transition in REGISTRATION_TRANSITIONS.values() for t in transition.targets}
    assert targets == set(S.values) - {S.WAITING}  # a waiting list is only ever a start


def test_no_module_sets_a_registration_status_by_hand():
    """Only the table moves a registration: a new `registration.status = ...` fails here."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2] / "src" / "eigenkracht"
    by_hand = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if path.name != "transitions.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"\b(registration|account)\.status\s*=[^=]", line)
        and "next_status(" not in line
    ]
    assert by_hand == []
