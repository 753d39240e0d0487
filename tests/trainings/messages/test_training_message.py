"""The office mails the participants of a training: one mail each, in their language."""

import pytest
from django.core import mail
from django.urls import reverse

from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.trainings.models import Registration, TrainingMessage
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def url(training) -> str:
    return reverse("trainings_backoffice:training_message", args=[training.pk])


def data(**overrides) -> dict:
    return {
        "audience": "active",
        "subject_nl": "Nieuwe zaal voor {vorming}",
        "body_nl": "Dag {voornaam},\n\nWe zitten in zaal B. Je code: {code}.",
        "subject_fr": "",
        "body_fr": "",
        "subject_en": "",
        "body_en": "",
        **overrides,
    }


@pytest.fixture
def training():
    training = TrainingFactory(title="Basisvorming Gent")
    RegistrationFactory(training=training, status=Registration.Status.CONFIRMED, first_name="An")
    RegistrationFactory(training=training, status=Registration.Status.PENDING, first_name="Bo")
    RegistrationFactory(training=training, status=Registration.Status.WAITING, first_name="Cas")
    RegistrationFactory(training=training, status=Registration.Status.CANCELLED, first_name="Dirk")
    return training


def test_the_preview_says_how_many_get_it_and_shows_the_filled_in_mail(office_client, training):
    response = office_client.post(url(training), {**data(), "action": "preview"})

    html = response.content.decode()
    assert "3 inschrijvingen krijgen deze mail." in html
    assert "Nieuwe zaal voor Basisvorming Gent" in html
    assert "We zitten in zaal B." in html
    assert not OutboxMessage.objects.exists()  # nothing sent yet


def previewed(client, training, texts: dict) -> dict:
    """The form as sent after looking at the preview (which names what was previewed)."""
    page = client.post(url(training), {**texts, "action": "preview"})
    return {
        **texts,
        "action": "send",
        "previewed": page.context["digest"],
        "send_key": str(page.context["send_key"]),
    }


def test_sending_stores_one_mail_per_active_registration_and_no_shared_list(
    office_client, training, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(url(training), previewed(office_client, training, data()))

    sent = sorted(m.to for m in mail.outbox)
    emails = sorted(
        [r.email] for r in training.registrations.exclude(status=Registration.Status.CANCELLED)
    )
    assert sent == emails
    bodies = {m.to[0]: m.body for m in mail.outbox}
    an = training.registrations.get(first_name="An")
    assert f"Dag An,\n\nWe zitten in zaal B. Je code: {an.code}." in bodies[an.email]
    message = TrainingMessage.objects.get()
    assert message.recipients == 3
    assert AuditEntry.objects.filter(action="training.message_sent").exists()


def test_a_status_chooses_who_gets_it(office_client, training, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(
            url(training), previewed(office_client, training, data(audience="waiting"))
        )

    assert [m.to for m in mail.outbox] == [[training.registrations.get(first_name="Cas").email]]


def test_a_registrant_gets_the_french_version_when_the_office_wrote_it(
    office_client, training, django_capture_on_commit_callbacks
):
    Registration.objects.filter(first_name="An").update(language="fr-be")
    texts = data(subject_fr="Nouvelle salle", body_fr="Bonjour {voornaam}, salle B.")

    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(url(training), previewed(office_client, training, texts))

    by_address = {m.to[0]: m for m in mail.outbox}
    an = training.registrations.get(first_name="An")
    assert by_address[an.email].subject == "Nouvelle salle"
    assert "Bonjour An, salle B." in by_address[an.email].body
    bo = training.registrations.get(first_name="Bo")
    assert by_address[bo.email].subject == "Nieuwe zaal voor Basisvorming Gent"


def test_an_unknown_placeholder_or_half_a_translation_is_refused_in_dutch(office_client, training):
    response = office_client.post(
        url(training),
        {**data(body_nl="Dag {voornam}", subject_en="Only a subject"), "action": "send"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Onbekende plaatshouder: {voornam}" in html
    assert "Vul onderwerp én tekst in, of laat beide leeg." in html
    assert not OutboxMessage.objects.exists()


def test_a_placeholder_without_its_closing_brace_is_refused(office_client, training):
    response = office_client.post(
        url(training),
        {**data(body_nl="Dag {voornaam}, tot {vorming", subject_nl="Hallo"), "action": "preview"},
    )

    assert response.status_code == 400
    assert "Deze plaatshouder is niet gesloten: {vorming. Zet er een } achter." in (
        response.content.decode()
    )
    assert not OutboxMessage.objects.exists()


def test_nobody_in_the_group_means_nothing_to_send(office_client):
    training = TrainingFactory()

    response = office_client.post(url(training), {**data(), "action": "send"})

    assert "Er is niemand in deze groep om te mailen." in response.content.decode()
    assert not TrainingMessage.objects.exists()


def test_only_staff_write_to_participants(client, training):
    response = client.get(url(training))

    assert response.status_code in (302, 403)


def test_a_change_after_the_preview_shows_the_preview_again_instead_of_sending(
    office_client, training
):
    form = previewed(office_client, training, data(audience="confirmed"))

    response = office_client.post(url(training), {**form, "audience": "active"})

    assert "De mail veranderde na het voorbeeld" in response.content.decode()
    assert "3 inschrijvingen krijgen deze mail." in response.content.decode()
    assert not OutboxMessage.objects.exists()


def test_the_same_send_twice_mails_once(
    office_client, training, django_capture_on_commit_callbacks
):
    form = previewed(office_client, training, data())
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(url(training), form)

    again = office_client.post(url(training), form, follow=True)

    assert "Deze mail was al verstuurd: ze gaat niet nog eens weg." in again.content.decode()
    assert TrainingMessage.objects.count() == 1
    assert OutboxMessage.objects.count() == 3
    assert len(mail.outbox) == 3


def test_a_new_preview_may_send_the_same_text_again(office_client, training):
    office_client.post(url(training), previewed(office_client, training, data()))

    office_client.post(url(training), previewed(office_client, training, data()))

    assert TrainingMessage.objects.count() == 2
    assert OutboxMessage.objects.count() == 6


def test_a_send_without_the_preview_key_shows_the_preview_instead(office_client, training):
    form = previewed(office_client, training, data())

    response = office_client.post(url(training), {**form, "send_key": "not-a-key"})

    assert "3 inschrijvingen krijgen deze mail." in response.content.decode()
    assert "Bekijk het voorbeeld nog eens en verstuur dan." in response.content.decode()
    assert "De mail veranderde" not in response.content.decode()
    assert not OutboxMessage.objects.exists()
