"""Saved offer texts lose the starter's "first on the waiting list" (trainings/0022)."""

import importlib

import pytest
from django.apps import apps

from eigenkracht.trainings.mail_templates.starters import STARTERS
from eigenkracht.trainings.models import MailTemplate
from tests.factories import MailTemplateFactory

migration = importlib.import_module(
    "eigenkracht.trainings.migrations.0022_offer_texts_not_first_in_line"
)


def test_the_new_clauses_are_the_starters_own():
    for language, (_old, new) in migration.CLAUSES.items():
        _subject, body = STARTERS[(MailTemplate.Kind.OFFER, language)]
        assert new in " ".join(body.split())


@pytest.mark.django_db
def test_a_saved_offer_text_keeps_the_office_s_words_but_not_first_in_line():
    dutch = MailTemplateFactory(
        kind="offer",
        language="nl",
        body='Dag {voornaam},\n\nGoed nieuws: voor "{vorming}" is een plaats vrijgekomen, en jij '
        "stond als eerste op de wachtlijst.\n\nGroeten van Sofie",
    )
    own = MailTemplateFactory(kind="offer", language="en", body="Dear {voornaam}, a seat is free.")

    migration.forward(apps, None)

    dutch.refresh_from_db()
    own.refresh_from_db()
    assert dutch.body == (
        'Dag {voornaam},\n\nGoed nieuws: voor "{vorming}" is een plaats vrijgekomen, en we bieden '
        "ze jou aan van op de wachtlijst.\n\nGroeten van Sofie"
    )
    assert own.body == "Dear {voornaam}, a seat is free."
