"""One vocabulary for the audit log: every action a service writes has its Dutch sentence, and
its data keeps the two shapes a history can show."""

import ast
import pathlib

import pytest
from django.contrib.auth.models import AnonymousUser

from eigenkracht.core.audit import audit_checked, audit_record
from eigenkracht.core.audit_actions import AUDIT_ACTIONS, audit_sentence
from tests import factories

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "eigenkracht"


def _written_actions() -> set[str]:
    """Every literal given as `action=` (or an "action" key) in the source, with the prefixes the
    trajectory timeline and the network map put in front of theirs."""
    found = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            values = []
            if isinstance(node, ast.Call):
                values = [k.value for k in node.keywords if k.arg == "action"]
            elif isinstance(node, ast.Dict):
                values = [
                    v
                    for k, v in zip(node.keys, node.values, strict=True)
                    if isinstance(k, ast.Constant) and k.value == "action"
                ]
            for value in values:
                for constant in ast.walk(value):
                    if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                        text = constant.value
                        if "." in text and " " not in text and not text.endswith("."):
                            found.add(text)  # a prefix of an f-string ("trajectory.") aside
    timeline = {"participant.add", "participant.update", "participant.delete"}
    timeline |= {a for a in found if a.startswith(("conference.", "plan."))}
    network = {f"network.{a}" for a in ("member_add", "members_add", "member_move")}
    return (found - timeline) | {f"trajectory.{a}" for a in timeline | network}


def test_every_action_the_code_writes_has_a_sentence():
    missing = sorted(a for a in _written_actions() if a not in AUDIT_ACTIONS)
    assert missing == []


def test_every_sentence_reads_as_dutch_words_not_a_code():
    for action, sentence in AUDIT_ACTIONS.items():
        assert str(sentence)[0].isupper() and "." not in str(sentence)[:-1], action
        assert audit_sentence(action) == str(sentence)


def test_an_older_action_without_a_sentence_shows_its_code():
    assert audit_sentence("something.of_a_previous_version") == "something.of_a_previous_version"


@pytest.mark.parametrize(
    ("action", "data", "message"),
    [
        ("registration.invented", {}, "has no sentence"),
        ("registration.cancelled", {"from": "pending"}, "both 'from' and 'to'"),
        ("organisation.updated", {"name": {"old": "A"}}, "both 'old' and 'new'"),
    ],
)
def test_an_unknown_action_or_a_half_shape_is_refused_before_it_is_stored(action, data, message):
    with pytest.raises(ValueError, match=message):
        audit_checked(action, data)


@pytest.mark.django_db
def test_the_shapes_that_histories_show_are_stored_as_given():
    from tests.factories import RegistrationFactory

    registration = RegistrationFactory()

    entry = audit_record(
        actor=None,
        action="registration.cancelled",
        obj=registration,
        data={"from": "pending", "to": "cancelled", "reason": ""},
    )

    assert entry.data == {"from": "pending", "to": "cancelled", "reason": ""}


@pytest.mark.django_db
def test_a_visitor_who_is_not_logged_in_is_stored_as_nobody_like_the_system():
    registration = factories.RegistrationFactory()
    staff = factories.UserFactory()

    entries = [
        audit_record(actor=actor, action="registration.contact_updated", obj=registration)
        for actor in (None, AnonymousUser(), staff)
    ]

    assert [entry.actor for entry in entries] == [None, None, staff]
