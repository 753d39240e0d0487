"""Which text goes out: the office's in the registrant's language, else the built-in mail."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trainings import emails, waiting_list
from eigenkracht.trainings.attendance.services import attendance_record, certificates_send
from eigenkracht.trainings.mail_templates.kinds import mail_language
from eigenkracht.trainings.mail_templates.starters import STARTERS
from eigenkracht.trainings.models import MailTemplate, Registration
from eigenkracht.trainings.self_service.services import send_cancelled_by_registrant
from tests.factories import MailTemplateFactory, RegistrationFactory, TrainingFactory, UserFactory
from tests.invoices.conftest import invoiced
from tests.trainings.test_public_pages import form_data

pytestmark = pytest.mark.django_db


def write_every_text(language: str) -> None:
    """The office wrote every mail of the journey in this language (from the starter texts)."""
    for (kind, starter_language), (subject, body) in STARTERS.items():
        if starter_language == language:
            MailTemplateFactory(kind=kind, language=language, subject=subject, body=body)


def _register(client, training, **overrides) -> Registration:
    """Register through the form; the mail is composed after the response, as in production."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("trainings:register", args=[training.pk]), form_data(**overrides)
        )
    assert response.status_code == 302
    return Registration.objects.get(email=overrides.get("email", "anne-sophie@example.be"))


def test_office_edits_the_french_mail_and_a_french_registrant_gets_it_with_the_qr(
    client, office_client
):
    write_every_text("fr")
    # The office writes the French text in the editor...
    office_client.post(
        reverse("trainings_mail_templates:edit", args=["received", "fr"]),
        {
            "subject": "Inscription reçue : {vorming}",
            "body": "Bonjour {voornaam},\n\n## Comment payer\n\n{betaalinstructies}\n\n"
            "À payer avant le {betalen_voor} : {nog_te_betalen}.",
            "action": "save",
        },
    )
    client.logout()
    training = TrainingFactory(title="Formation de base", fee_cents=2000)
    training.sessions.update(date=dt.date(2027, 2, 2))

    # ... and someone registers in French through the public form.
    registration = _register(client, training, language="fr-be")

    assert registration.language == "fr-be"
    message = OutboxMessage.objects.get(kind="registration_received")
    assert message.recipient == "anne-sophie@example.be"
    assert message.subject == "Inscription reçue : Formation de base"
    assert message.body_text.startswith("Bonjour Anne-Sophie,")
    assert "20,00 €" in message.body_text  # French notation
    ogm = registration.structured_communication
    assert f"+++{ogm[:3]}/{ogm[3:7]}/{ogm[7:]}+++" in message.body_text
    assert '<h2 style="font-size:18px;color:#6b2c91">Comment payer</h2>' in message.body_html
    assert 'lang="fr-be"' in message.body_html
    assert "cid:epc-qr" in message.body_html
    (qr,) = message.attachments.all()
    assert qr.content_id == "epc-qr" and qr.mimetype == "image/png"
    assert bytes(qr.content).startswith(b"\x89PNG")


def test_a_french_registrant_whose_employer_pays_is_told_so_in_french_and_gets_no_qr():
    write_every_text("fr")
    registration = invoiced(language="fr-be")

    emails.send_received(registration)

    message = OutboxMessage.objects.get(kind="registration_received")
    assert message.body_text.startswith(
        "Votre employeur paie : la facture a été envoyée à CAW Oost-Vlaanderen vzw."
    )
    assert "cid:epc-qr" not in message.body_html
    assert not message.attachments.exists()


def test_the_payment_details_placeholder_says_the_employer_pays_in_the_mail_s_language():
    MailTemplateFactory(
        kind="reminder",
        language="en",
        subject="Reminder",
        body="Dear {voornaam},\n\n{betaalinstructies}",
    )
    registration = invoiced(language="en")

    emails.send_payment_reminder(registration)

    body = OutboxMessage.objects.get(kind="registration_reminder").body_text
    assert "Your employer pays: the invoice went to CAW Oost-Vlaanderen vzw." in body
    assert "Amount: 40,00 €" in body  # our labels follow the mail's language too
    assert body.count("Your employer pays") == 1


def test_payment_details_written_with_spaced_braces_get_the_employer_sentence_too():
    MailTemplateFactory(
        kind="reminder",
        language="fr",
        subject="Rappel",
        body="Bonjour {{ voornaam }}, payez {{ nog_te_betalen }} avec {{ mededeling }}.",
    )
    registration = invoiced(language="fr-be")

    emails.send_payment_reminder(registration)

    body = OutboxMessage.objects.get(kind="registration_reminder").body_text
    assert body.startswith("Votre employeur paie")
    assert "payez 40,00 € avec +++" in body


def test_a_text_without_payment_details_gets_no_sentence_about_them():
    MailTemplateFactory(
        kind="reminder", language="nl", subject="Herinnering", body="Dag {voornaam}"
    )
    registration = invoiced()

    emails.send_payment_reminder(registration)

    body = OutboxMessage.objects.get(kind="registration_reminder").body_text
    assert "betaalgegevens" not in body


def test_a_dutch_registrant_still_gets_the_standard_mail(client):
    MailTemplateFactory(kind="received", language="fr")
    training = TrainingFactory(title="Basisvorming")

    registration = _register(client, training)  # no language chosen: Dutch

    assert registration.language == "nl-be"
    message = OutboxMessage.objects.get(kind="registration_received")
    assert message.subject == "Inschrijving ontvangen: Basisvorming"
    assert "We hebben je inschrijving" in message.body_text
    assert message.attachments.get().content_id == "epc-qr"


def test_a_language_with_a_missing_text_is_not_offered_and_cannot_be_chosen(client):
    write_every_text("en")
    write_every_text("fr")
    MailTemplate.objects.filter(kind="certificate", language="fr").delete()
    training = TrainingFactory(title="Basisvorming")
    url = reverse("trainings:register", args=[training.pk])

    page = client.get(url)
    assertContains(page, '<option value="en">English</option>', html=True)
    assertNotContains(page, "Français")
    response = client.post(url, form_data(language="fr-be"))

    assert response.status_code == 200
    assertContains(response, "Kies een taal uit de lijst.")
    assert not Registration.objects.exists()


def test_with_only_dutch_texts_nobody_is_asked_for_a_language(client):
    training = TrainingFactory(title="Basisvorming")
    url = reverse("trainings:register", args=[training.pk])

    assertNotContains(client.get(url), "Taal van de e-mails")
    registration = _register(client, training, language="fr-be")  # a hand-made post

    assert registration.language == "nl-be"


def test_a_language_is_offered_once_every_mail_of_the_journey_is_written_in_it(client):
    write_every_text("fr")
    training = TrainingFactory(title="Basisvorming")

    page = client.get(reverse("trainings:register", args=[training.pk]))

    assertContains(page, '<option value="fr-be">Français</option>', html=True)
    assertNotContains(page, "English")


def test_every_mail_a_french_registrant_gets_is_french(client, office_user):
    """The whole journey: received, waiting list, offer, lapsed offer, expiry, reminder, partial
    payment, confirmation, the link again, cancellations and the certificate."""
    from eigenkracht.trainings.mail_templates.kinds import MAIL_KINDS

    write_every_text("fr")
    registration = RegistrationFactory(language="fr-be")
    sends = [
        emails.send_received,
        emails.send_waiting_list,
        emails.send_partially_paid,
        emails.send_payment_reminder,
        emails.send_expired,
        emails.send_confirmed,
        emails.send_waiting_list_offer,
        emails.send_waiting_list_offer_lapsed,
        lambda r: emails.send_link_reminder(r, recipient=r.email),
        lambda r: emails.send_not_made(
            r.training, recipient=r.email, first_name="Chloé", language="fr-be"
        ),
        lambda r: emails.send_training_cancelled(r, reason="La salle est indisponible."),
        send_cancelled_by_registrant,
        lambda r: emails.send_certificate(r.participants.get(), issued_on=timezone.localdate()),
    ]
    for send in sends:
        send(registration)

    subjects = list(OutboxMessage.objects.order_by("pk").values_list("kind", "subject"))
    assert len(subjects) == len(MAIL_KINDS)
    french = {
        starter_subject.split(" {")[0].split("{")[0]
        for (kind, language), (starter_subject, _body) in STARTERS.items()
        if language == "fr"
    }
    assert all(subject.startswith(tuple(french)) for _kind, subject in subjects), subjects
    assert OutboxMessage.objects.filter(body_text__contains="La salle est indisponible.").exists()


def test_an_edited_dutch_text_goes_to_registrations_stored_as_nl_be():
    MailTemplateFactory(
        kind="expired", language="nl", subject="Vervallen: {vorming}", body="Dag {naam}."
    )
    registration = RegistrationFactory(first_name="Jan", last_name="Peeters")

    emails.send_expired(registration)

    message = OutboxMessage.objects.get()
    assert message.subject == f"Vervallen: {registration.training.title}"
    assert message.body_text == "Dag Jan Peeters.\n"


def test_the_confirmation_keeps_its_calendar_file():
    MailTemplateFactory(
        kind="confirmed",
        language="en",
        subject="Confirmed: {vorming}",
        body="Dear {voornaam},\n\n{sessies}",
    )
    training = TrainingFactory(sessions=2, sessions__first_date=dt.date(2027, 2, 2))
    registration = RegistrationFactory(training=training, language="en", status="confirmed")

    emails.send_confirmed(registration)

    message = OutboxMessage.objects.get()
    assert message.subject == f"Confirmed: {training.title}"
    assert "- Tuesday 2 February 2027, 9:30-16:30" in message.body_text
    assert "<li>Tuesday 9 February 2027, 9:30-16:30</li>" in message.body_html
    assert message.attachments.get().filename == "vorming.ics"


def test_the_waiting_list_offer_carries_its_link():
    MailTemplateFactory(
        kind="offer",
        language="fr",
        subject="Une place pour vous",
        body="Confirmez ici : {aanbod_link}\n\n[Ou cliquez ici]({aanbod_link})",
    )
    training = TrainingFactory(capacity=1)
    RegistrationFactory(training=training, status="confirmed")
    waiting = RegistrationFactory(training=training, status="waiting", language="fr-be")
    Registration.objects.filter(status="confirmed").update(status="cancelled")

    assert waiting_list.waiting_list_offer_seats() == 1

    message = OutboxMessage.objects.get(kind="waiting_list_offer")
    link = emails.offer_url(waiting)
    assert f"Confirmez ici : {link}" in message.body_text
    assert f'<a href="{link}" style="color:#6b2c91" rel="noopener">{link}</a>' in message.body_html
    assert f'href="{link}" rel="noopener">Ou cliquez ici</a>' in message.body_html


def test_the_certificate_goes_out_in_the_registration_s_language_with_the_pdf():
    MailTemplateFactory(
        kind="certificate",
        language="fr",
        subject="Votre attestation : {vorming}",
        body="Bonjour {voornaam}, merci !",
    )
    today = timezone.localdate()
    training = TrainingFactory(sessions=1, sessions__first_date=today - dt.timedelta(days=3))
    registration = RegistrationFactory(
        training=training,
        status="confirmed",
        language="fr-be",
        participants=[("Chloé", "Martin", "chloe@example.be")],
    )
    participant = registration.participants.get()
    attendance_record(
        session=training.sessions.get(),
        present_participant_ids=[participant.pk],
        actor=UserFactory(),
    )

    assert certificates_send() == 1

    message = OutboxMessage.objects.get(kind="certificate")
    assert message.recipient == "chloe@example.be"
    assert message.subject == f"Votre attestation : {training.title}"
    assert message.body_text == "Bonjour Chloé, merci !\n"
    assert message.attachments.get().mimetype == "application/pdf"


def test_what_registrants_typed_is_never_read_as_markdown_or_html():
    MailTemplateFactory(
        kind="expired", language="nl", subject="Vervallen", body="Dag {naam}, {deelnemers}"
    )
    registration = RegistrationFactory(
        first_name="Marie", last_name="**Vet** [klik](https://kwaad.example)"
    )
    registration.participants.update(last_name="<script>alert(1)</script>")

    emails.send_expired(registration)

    html = OutboxMessage.objects.get().body_html
    assert "**Vet** [klik](https://kwaad.example)" in html
    assert 'kwaad.example"' not in html and "<strong>Vet" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html


def test_template_code_typed_by_the_office_is_refused_or_shown_as_text():
    MailTemplateFactory(
        kind="expired",
        language="nl",
        subject="{{ code }}",
        body="Dag {{voornaam}}, <b>vet</b> {{ registration.token }}",
    )
    registration = RegistrationFactory(first_name="Marie")

    emails.send_expired(registration)

    message = OutboxMessage.objects.get()
    assert message.subject == registration.code
    assert "Dag Marie," in message.body_text
    assert registration.token not in message.body_text  # not a placeholder: stays as typed
    assert "&lt;b&gt;vet&lt;/b&gt;" in message.body_html


@pytest.mark.parametrize(
    ("stored", "language"),
    [("nl-be", "nl"), ("fr-be", "fr"), ("fr", "fr"), ("en", "en"), ("de", "nl"), ("", "nl")],
)
def test_a_registration_s_language_decides_the_text(stored, language):
    assert mail_language(stored) == language


def test_the_offices_text_asks_for_no_money_once_nothing_is_to_be_paid():
    MailTemplateFactory(
        kind="received",
        language="nl",
        subject="Ontvangen: {vorming}",
        body="Dag {voornaam},\n\n{betaalinstructies}\n\n{qr_code}",
    )
    registration = RegistrationFactory(amount_paid_cents=2000, status=Registration.Status.CONFIRMED)

    emails.send_received(registration)

    message = OutboxMessage.objects.get(kind="registration_received")
    assert "Je hoeft hiervoor niets (meer) te betalen." in message.body_text
    assert "Gestructureerde mededeling" not in message.body_text
    assert "cid:epc-qr" not in message.body_html
    assert not message.attachments.exists()
