"""Every kind of mail has words the office reads instead of its code."""

import ast
import pathlib

from eigenkracht.core.mail_kinds import MAIL_KINDS, mail_kind_label
from eigenkracht.core.outbox import _RECIPES

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "eigenkracht"
# Calls that store a mail, and take its kind as `kind=`.
MAILING = {"outbox_send", "outbox_queue", "LaterMail", "_notice", "_news_for_referrer"}
MAILING |= {"_security_notice"}


def _sent_kinds() -> set[str]:
    """Every literal (or module constant) given as `kind=` to a call that stores a mail."""
    found = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text())
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in MAILING:
                continue
            for keyword in node.keywords:
                if keyword.arg != "kind":
                    continue
                for part in ast.walk(keyword.value):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        found.add(part.value)
                    elif isinstance(part, ast.Name) and part.id in constants:
                        found.add(constants[part.id])
    return found


def test_every_kind_the_code_sends_has_a_label():
    sent = _sent_kinds()
    assert {"registration_not_made", "password_reset", "plan_accepted"} <= sent  # the scan works
    assert sorted(sent - MAIL_KINDS.keys()) == []


def test_every_registered_recipe_has_a_label():
    assert len(_RECIPES) > 20
    assert sorted(_RECIPES.keys() - MAIL_KINDS.keys()) == []


def test_labels_are_dutch_words_not_codes():
    for kind, label in MAIL_KINDS.items():
        assert str(label)[0].isupper() and "_" not in str(label), kind
        assert mail_kind_label(kind) == str(label)


def test_a_kind_of_an_older_version_still_reads_as_words():
    assert mail_kind_label("something_older") == "Something older"
