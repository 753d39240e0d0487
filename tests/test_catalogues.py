"""The compiled catalogues (.mo, committed: a server needs no gettext tools) say what their
sources (.po) say."""

import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "src" / "eigenkracht" / "locale"
SOURCES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


def test_there_are_catalogues():
    assert {path.parts[-3] for path in SOURCES} == {"fr", "en"}


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.parts[-3])
def test_each_compiled_catalogue_is_its_source(source):
    with source.open("rb") as po:
        messages = {m.id: m.string for m in read_po(po) if m.id}
    with source.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    assert messages, "an empty catalogue"
    for msgid, msgstr in messages.items():
        assert compiled.gettext(msgid) == msgstr, f"{source.parts[-3]}: run msgfmt on {msgid!r}"
