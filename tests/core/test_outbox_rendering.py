"""A mail's subject and text are plain text: what a title or a name holds reaches the inbox as
typed; only the HTML escapes it."""

import pytest

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trainings import emails
from eigenkracht.trainings.mail_templates.kinds import MAIL_KINDS
from eigenkracht.trainings.mail_templates.services import preview_standard
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

TITLE = """Ouders & kinderen: 'samen' "sterk" <2027>"""


def test_a_title_with_an_ampersand_quotes_and_brackets_reaches_the_subject_as_typed():
    registration = RegistrationFactory(training=TrainingFactory(title=TITLE), first_name="Lien")

    emails.send_confirmed(registration)

    mail = OutboxMessage.objects.get(kind="registration_confirmed")
    assert mail.status == OutboxMessage.Status.QUEUED
    assert mail.subject == f"Inschrijving bevestigd: {TITLE}"
    assert f'Je inschrijving voor "{TITLE}" is bevestigd.' in mail.body_text
    assert "Ouders &amp; kinderen: &#x27;samen&#x27; &quot;sterk&quot; &lt;2027&gt;" in (
        mail.body_html
    )
    assert "<2027>" not in mail.body_html


def test_the_office_previews_the_subject_the_registrant_will_get():
    registration = RegistrationFactory(training=TrainingFactory(title=TITLE))

    preview = preview_standard(mail=MAIL_KINDS["confirmed"], registration=registration)

    emails.send_confirmed(registration)
    assert (
        preview.subject
        == OutboxMessage.objects.get().subject
        == (f"Inschrijving bevestigd: {TITLE}")
    )


def test_a_subject_is_one_line_and_cut_to_what_the_outbox_keeps():
    registration = RegistrationFactory(
        training=TrainingFactory(title="Ouders\r\nen kinderen\u2028samen")
    )

    preview = preview_standard(mail=MAIL_KINDS["confirmed"], registration=registration)
    emails.send_confirmed(registration)

    assert (
        preview.subject
        == OutboxMessage.objects.get().subject
        == ("Inschrijving bevestigd: Ouders en kinderen samen")
    )
    registration.training.title = "x" * 300  # longer than a saved title can be
    longest = preview_standard(mail=MAIL_KINDS["confirmed"], registration=registration)
    assert longest.subject == ("Inschrijving bevestigd: " + "x" * 300)[:255]
