"""The office edits the trainings mails per language: list, editor, preview, test send, reset."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.trainings.models import MailTemplate
from tests.factories import MailTemplateFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("trainings_mail_templates:list")


def edit_url(kind: str = "received", language: str = "fr") -> str:
    return reverse("trainings_mail_templates:edit", args=[kind, language])


FRENCH = {
    "subject": "Inscription reçue : {vorming}",
    "body": (
        "Bonjour {voornaam},\n\n"
        "Merci ! Voici comment payer :\n\n{betaalinstructies}\n\n"
        "Votre inscription : {{ inschrijving_link }}\n\n{organisatie}"
    ),
}


def test_the_list_shows_every_mail_in_three_languages_with_its_state(office_client):
    MailTemplateFactory(kind="received", language="fr")

    page = office_client.get(LIST_URL)

    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("aangepast</span>") == 1
    assert html.count("standaard</span>") == 13  # Dutch: the built-in mail goes out
    assert html.count("ontbreekt</span>") == 13 * 2 - 1  # French and English: not written yet
    for kind in ("received", "partially_paid", "reminder", "expired", "confirmed", "offer"):
        assert edit_url(kind, "en") in html
    assert edit_url("certificate", "nl") in html
    # Reached from the trainings back office.
    training_list = office_client.get(reverse("trainings_backoffice:training_list"))
    assert LIST_URL in training_list.content.decode()


def test_the_list_says_which_languages_are_offered_and_which_texts_are_missing(office_client):
    for kind, _label in MailTemplate.Kind.choices:
        MailTemplateFactory(kind=kind, language="en", body="{mededeling} {aanbod_link}")
    MailTemplateFactory(kind="received", language="fr")

    page = office_client.get(LIST_URL)

    assertContains(page, "<strong>Engels</strong>: elke mail is geschreven")
    assertContains(page, "<strong>Frans</strong>: nog 12 teksten te schrijven:")
    assertContains(page, "Op de wachtlijst, Deels betaald")


def test_the_list_costs_the_same_queries_with_one_or_all_texts_edited(office_client):
    MailTemplateFactory(kind="received", language="fr")
    office_client.get(LIST_URL)  # warm up
    with CaptureQueriesContext(connection) as one:
        office_client.get(LIST_URL)

    for kind in MailTemplate.Kind.values:
        for language in MailTemplate.Language.values:
            MailTemplateFactory(kind=kind, language=language, body="{mededeling} {aanbod_link}")
    with CaptureQueriesContext(connection) as all_of_them:
        page = office_client.get(LIST_URL)

    assert page.content.decode().count("aangepast</span>") == 13 * 3
    assert len(all_of_them.captured_queries) == len(one.captured_queries)


def test_the_editor_lists_the_placeholders_and_starts_from_a_proposal(office_client):
    page = office_client.get(edit_url("received", "fr"))

    assert page.status_code == 200
    html = page.content.decode()
    assert "{voornaam}" in html and "Voornaam van de ontvanger" in html
    assert "{betaalinstructies}" in html and "{mededeling}" in html
    assert "{aanbod_link}" not in html  # only in the waiting-list offer
    assert "Inscription reçue : {vorming}" in html  # the French proposal, not yet in use
    assert "Deze tekst ontbreekt nog" in html
    assert not MailTemplate.objects.exists()


def test_saving_stores_the_text_and_audits_it(office_client, office_user):
    response = office_client.post(edit_url(), {**FRENCH, "action": "save"})

    assert response.status_code == 302
    text = MailTemplate.objects.get(kind="received", language="fr")
    assert text.subject == FRENCH["subject"]
    assert text.updated_by == office_user
    entry = AuditEntry.objects.get(action="mail_template.created")
    assert entry.actor == office_user
    assert entry.data["after"]["subject"] == FRENCH["subject"]

    office_client.post(edit_url(), {**FRENCH, "subject": "Bien reçu : {vorming}"})
    text.refresh_from_db()
    assert text.subject == "Bien reçu : {vorming}"
    updated = AuditEntry.objects.get(action="mail_template.updated")
    assert updated.data["before"]["subject"] == FRENCH["subject"]


def test_an_unknown_placeholder_is_refused_with_the_list_of_valid_ones(office_client):
    response = office_client.post(
        edit_url(),
        {
            "subject": "Inscription : {titre}",
            "body": "Bonjour {prenom},\n\n{betaalinstructies}\n\n{% if x %}oui{% endif %}",
            "action": "save",
        },
    )

    assert response.status_code == 400
    assert not MailTemplate.objects.exists()
    html = response.content.decode()
    assert "Onbekende plaatshouder: {prenom}, {% if x %}, {% endif %}." in html
    assert "Onbekende plaatshouder: {titre}." in html
    body_errors = response.context["form"].errors["body"]
    assert any(
        "Geldige plaatshouders zijn: {voornaam}, {familienaam}, {naam}, {code}" in e
        for e in body_errors
    )
    assert "{betaalinstructies}" in body_errors[0]


def test_a_payment_mail_without_payment_details_and_a_block_in_the_subject_are_refused(
    office_client,
):
    response = office_client.post(
        edit_url("reminder", "en"),
        {"subject": "Dates: {sessies}", "body": "Dear {voornaam}, please pay.", "action": "save"},
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "Deze mail moet {betaalinstructies} of {mededeling} bevatten." in errors["body"]
    assert "{sessies} past niet in het onderwerp" in errors["subject"][0]
    assert not MailTemplate.objects.exists()


def test_the_preview_shows_a_real_registration_chosen_from_the_list(office_client):
    older = RegistrationFactory(
        first_name="Amélie", last_name="Lambert", training=TrainingFactory(title="Formation A")
    )
    RegistrationFactory(first_name="Latest", training=TrainingFactory(title="Vorming B"))

    latest_page = office_client.get(edit_url())
    assert latest_page.context["registration"].first_name == "Latest"
    assert "Inschrijving ontvangen: Vorming B" in latest_page.content.decode()  # the standard

    response = office_client.post(
        edit_url(), {**FRENCH, "registration": older.pk, "action": "preview"}
    )

    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.subject == "Inscription reçue : Formation A"
    assert "Bonjour Amélie," in preview.text
    assert older.token in preview.text  # {{ inschrijving_link }}
    assert "+++" in preview.text
    assert 'src="data:image/png;base64,' in preview.html  # the QR code, shown inline
    html = response.content.decode()
    assert "Inscription reçue : Formation A" in html
    assert f'<option value="{older.pk}" selected>' in html
    assert not MailTemplate.objects.exists()  # a preview saves nothing


def test_a_mail_that_asks_for_payment_is_previewed_with_a_registration_that_still_owes(
    office_client,
):
    RegistrationFactory(first_name="Open", training=TrainingFactory(title="Vorming A"))
    RegistrationFactory(first_name="Betaald", status="confirmed", amount_paid_cents=2000)

    received = office_client.get(edit_url("received"))
    confirmed = office_client.get(edit_url("confirmed"))

    assert received.context["registration"].first_name == "Open"
    assert confirmed.context["registration"].first_name == "Betaald"  # the latest, as before


def test_without_registrations_the_editor_says_a_preview_needs_one(office_client):
    page = office_client.get(edit_url())
    assert page.status_code == 200
    assert page.context["preview"] is None
    assert "Er zijn nog geen inschrijvingen" in page.content.decode()

    response = office_client.post(edit_url(), {**FRENCH, "action": "test"})
    assert not OutboxMessage.objects.exists()
    assert "nog geen inschrijvingen" in response.content.decode()


def test_a_test_send_goes_to_the_staff_member_through_the_outbox(office_client, office_user):
    registration = RegistrationFactory(first_name="Amélie")

    response = office_client.post(
        edit_url(), {**FRENCH, "registration": registration.pk, "action": "test"}
    )

    assert response.status_code == 200
    message = OutboxMessage.objects.get()
    assert message.recipient == office_user.email
    assert message.subject.startswith("[Test] Inscription reçue : ")
    assert "Bonjour Amélie," in message.body_text
    assert "cid:epc-qr" in message.body_html
    assert message.attachments.get().content_id == "epc-qr"
    assert "kantoor@example.org" in response.content.decode()
    assert not MailTemplate.objects.exists()  # the text is not saved by testing it
    entry = AuditEntry.objects.get(action="mail_template.test_sent")
    assert entry.actor == office_user
    assert entry.object_id == str(registration.pk)


def test_reset_asks_first_then_brings_back_the_standard(office_client, office_user):
    MailTemplateFactory(kind="received", language="fr")
    reset_url = reverse("trainings_mail_templates:reset", args=["received", "fr"])

    confirm = office_client.get(reset_url)
    assert confirm.status_code == 200
    assert "Weet je het zeker?" in confirm.content.decode()
    assert MailTemplate.objects.exists()

    response = office_client.post(reset_url)

    assert response.status_code == 302
    assert not MailTemplate.objects.exists()
    entry = AuditEntry.objects.get(action="mail_template.reset")
    assert entry.actor == office_user
    assert entry.data["before"]["subject"] == "Inscription reçue : {vorming}"


def test_unknown_mails_or_languages_are_404(office_client):
    assert office_client.get(edit_url("newsletter", "fr")).status_code == 404
    assert office_client.get(edit_url("received", "de")).status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "referrer"])
def test_only_office_staff_may_edit_mails(login_as, role):
    MailTemplateFactory()
    client = login_as(role)
    reset_url = reverse("trainings_mail_templates:reset", args=["received", "fr"])
    assert client.get(LIST_URL).status_code == 403
    assert client.get(edit_url()).status_code == 403
    assert client.post(edit_url(), {**FRENCH, "action": "save"}).status_code == 403
    assert client.post(reset_url).status_code == 403
    assert MailTemplate.objects.get().subject == "Inscription reçue : {vorming}"


def test_anonymous_visitors_go_to_the_login_page(client):
    assert client.get(LIST_URL).status_code == 302
    assert client.post(edit_url(), {**FRENCH, "action": "save"}).status_code == 302
    assert not MailTemplate.objects.exists()


def test_what_registrants_typed_is_escaped_in_the_preview(office_client):
    registration = RegistrationFactory()
    registration.participants.update(last_name="<img src=x>")

    page = office_client.get(edit_url("received", "nl") + f"?inschrijving={registration.pk}")

    html = page.content.decode()
    assert "<img src=x>" not in html
    assert "&lt;img src=x&gt;" in html  # the text version, shown as text
    assert "&amp;lt;img src=x&amp;gt;" in html  # the HTML version, inside the frame's srcdoc


def test_a_title_with_an_ampersand_is_escaped_once_in_the_previews_subject(office_client):
    registration = RegistrationFactory(training=TrainingFactory(title="Ouders & kinderen"))

    page = office_client.get(edit_url("confirmed", "nl") + f"?inschrijving={registration.pk}")

    assertContains(page, "Inschrijving bevestigd: Ouders &amp; kinderen")
    assertNotContains(page, "bevestigd: Ouders &amp;amp; kinderen")


@pytest.mark.parametrize("kind", ["received", "partially_paid", "reminder"])
def test_a_payment_mail_opens_also_when_the_latest_registration_has_nothing_left_to_pay(
    office_client, kind
):
    RegistrationFactory(training=TrainingFactory(fee_cents=0), status="confirmed")

    for language in ("nl", "fr"):
        page = office_client.get(edit_url(kind, language))
        assert page.status_code == 200
        assert "data:image/png" not in page.content.decode()
