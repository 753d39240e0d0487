"""What funds ask of a certificate: hours from attendance, content, signature and a code that
anyone can check on a public page showing the name, the training and its date only."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from eigenkracht.core.models import Organisation, OutboxMessage
from eigenkracht.trainings import emails
from eigenkracht.trainings.attendance.hours import attended_hours, hours_display, session_hours
from eigenkracht.trainings.attendance.pdf import attendance_list_pdf
from eigenkracht.trainings.attendance.services import (
    CHECKS_PER_HOUR,
    attendance_record,
    certificates_send,
    session_participants,
)
from eigenkracht.trainings.models import Registration, Session
from tests.core.pdf_reader import pdf_text
from tests.factories import (
    MailTemplateFactory,
    RegistrationFactory,
    TrainingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 40), "navy").save(out, format="PNG")
    return out.getvalue()


def _ended_training():
    """Two sessions (3,5 and 2,25 hours) twenty days ago, with trainers and learning goals."""
    training = TrainingFactory(
        sessions=2,
        sessions__first_date=TODAY - dt.timedelta(days=20),
        trainer_names="An Peeters en Jan Claes",
        learning_goals="Een conferentie voorbereiden.\nHet gezin zelf laten beslissen.",
    )
    first, second = training.sessions.all()
    Session.objects.filter(pk=first.pk).update(start_time=dt.time(9, 0), end_time=dt.time(12, 30))
    Session.objects.filter(pk=second.pk).update(
        start_time=dt.time(13, 30), end_time=dt.time(15, 45)
    )
    return training


def _certified(training, *, first_name="Noor", last_name="Janssens"):
    registration = RegistrationFactory(
        training=training,
        status=Registration.Status.CONFIRMED,
        first_name=first_name,
        last_name=last_name,
        organisation="OCMW Gent",
    )
    participant = registration.participants.get()
    for session in training.sessions.all():
        attendance_record(
            session=session, present_participant_ids=[participant.pk], actor=UserFactory()
        )
    certificates_send()
    participant.refresh_from_db()
    return participant


def _certificate_text() -> str:
    message = OutboxMessage.objects.get(kind="certificate")
    return pdf_text(bytes(message.attachments.get().content))


def test_hours_count_the_sessions_attended():
    training = _ended_training()
    first, second = training.sessions.all()

    assert session_hours(first) == Decimal("3.50")
    assert session_hours(second) == Decimal("2.25")
    assert attended_hours([first, second], {second.pk}) == [
        (first, Decimal(0)),
        (second, Decimal("2.25")),
    ]
    assert [hours_display(h) for h in (Decimal("3.50"), Decimal("7.00"), Decimal(0))] == [
        "3,5",
        "7",
        "0",
    ]


def test_the_certificate_states_hours_content_trainers_and_its_code():
    participant = _certified(_ended_training())

    text = _certificate_text()

    assert len(participant.certificate_code) == 10
    assert "3,5 uur aanwezig" in text
    assert "2,25 uur aanwezig" in text
    assert "In totaal 5,75 uur." in text
    assert "Leerdoelen" in text
    assert "Het gezin zelf laten beslissen." in text
    assert "Lesgever(s): An Peeters en Jan Claes" in text
    assert participant.certificate_code in text
    assert f"/attest/{participant.certificate_code}/" in text


def test_the_signature_of_the_settings_is_printed_on_the_certificate():
    from django.core.files.base import ContentFile

    organisation = Organisation.current()
    organisation.signature.save("handtekening.png", ContentFile(_png()))

    _certified(_ended_training())

    content = bytes(OutboxMessage.objects.get(kind="certificate").attachments.get().content)
    assert b"/Subtype /Image" in content


def test_the_attendance_list_carries_the_same_hours():
    training = _ended_training()
    participant = _certified(training)
    first = training.sessions.first()

    text = pdf_text(
        attendance_list_pdf(
            session=first,
            participants=session_participants(first),
            present_participant_ids={participant.pk},
        )
    )

    assert "(3,5 uur)" in text
    assert "Uren" in text
    assert "3,5" in text.split(participant.full_name, 1)[1]


def test_anyone_can_check_a_certificate_and_sees_only_name_training_and_date(client):
    training = _ended_training()
    participant = _certified(training)

    response = client.get(
        reverse("trainings:certificate_check", args=[participant.certificate_code])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Noor Janssens" in html
    assert training.title in html
    assert "van " in html and str(training.ends_on.year) in html
    for private in (participant.email, "OCMW Gent", "uur", "Leerdoelen", "An Peeters"):
        assert private not in html
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


def test_a_code_typed_with_lower_case_and_dashes_is_found(client):
    participant = _certified(_ended_training())
    code = participant.certificate_code
    typed = f"{code[:5].lower()}-{code[5:]}"

    response = client.get(reverse("trainings:certificate_form"), {"code": typed}, follow=True)

    assert "Noor Janssens" in response.content.decode()


def test_an_unknown_code_says_plainly_that_no_certificate_carries_it(client):
    _certified(_ended_training())

    unknown = client.get(reverse("trainings:certificate_check", args=["ABCDEFGHJK"]))
    malformed = client.get(reverse("trainings:certificate_check", args=["<script>"]))
    typed = client.get(reverse("trainings:certificate_form"), {"code": "kort"})
    empty = client.get(reverse("trainings:certificate_form"), {"code": ""})

    assert unknown.status_code == 404
    assert "Geen attest met deze code." in unknown.content.decode()
    assert malformed.status_code == 404
    assert "<script>" not in malformed.content.decode()
    assert "Noor" not in unknown.content.decode()
    assert "Vul de verificatiecode in" in empty.content.decode()
    assert typed.status_code == 400
    assert "Een verificatiecode telt 10 letters en cijfers" in typed.content.decode()


def test_checking_many_codes_from_one_address_is_stopped(client):
    participant = _certified(_ended_training())
    url = reverse("trainings:certificate_check", args=["ABCDEFGHJK"])
    for _ in range(CHECKS_PER_HOUR):
        client.get(url, REMOTE_ADDR="203.0.113.9")

    response = client.get(
        reverse("trainings:certificate_check", args=[participant.certificate_code]),
        REMOTE_ADDR="203.0.113.9",
    )

    assert response.status_code == 429
    assert "Noor" not in response.content.decode()


def test_the_certificate_speaks_the_registrants_language_only_where_the_office_wrote_it():
    assert emails.certificate_language("fr-be") == "nl-be"

    MailTemplateFactory(kind="certificate", language="fr", subject="Attestation", body="Bonjour")

    assert emails.certificate_language("fr-be") == "fr-be"
    assert emails.certificate_language("en") == "nl-be"
