"""The registrant's own page: calendar, contact details and cancelling, with the link as key."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import AuditEntry, Organisation, OutboxMessage
from eigenkracht.trainings import emails
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.selectors import seats_taken
from eigenkracht.trainings.self_service import services
from eigenkracht.trainings.services import TransitionNotAllowed
from tests.factories import RegistrationFactory, TrainingFactory
from tests.trainings.links import registrant_url
from tests.trainings.mail_templates.test_delivery import write_every_text

pytestmark = pytest.mark.django_db


def url(client, name: str, registration) -> str:
    return registrant_url(client, name, registration)


def assert_private(response) -> None:
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"] == "private, no-store"


def test_the_calendar_file_has_one_event_per_session(client):
    registration = RegistrationFactory(training=TrainingFactory(title="Basisvorming", sessions=2))

    response = client.get(url(client, "calendar", registration))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="vorming.ics"'
    assert_private(response)
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 2
    assert "Basisvorming (1/2)" in body
    assert "Basisvorming (2/2)" in body


def test_after_cancelling_the_calendar_file_takes_the_sessions_out_again(client):
    registration = RegistrationFactory(training=TrainingFactory(sessions=2))
    page = url(client, "calendar", registration)
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])

    body = client.get(page).content.decode()

    assert "METHOD:CANCEL" in body
    assert body.count("STATUS:CANCELLED") == body.count("BEGIN:VEVENT") == 2


@pytest.mark.parametrize("name", ["calendar", "contact", "cancel"])
def test_a_page_without_the_link_asks_for_it_and_shows_nothing(client, name):
    registration = RegistrationFactory()
    for code in (registration.code, "EKNOPE00"):
        page = reverse(f"trainings:self_service:{name}", args=[code])
        response = client.get(page)
        assert response.status_code == 403
        assert "Open de link uit je mail" in response.content.decode()
        assert registration.email not in response.content.decode()
        assert client.post(page).status_code in (403, 405)
    assert client.get("/inschrijving/geen-geldige-link/").status_code == 403


def test_the_contact_form_shows_only_the_editable_details(client):
    registration = RegistrationFactory(organisation="CAW Oost-Vlaanderen")

    response = client.get(url(client, "contact", registration))

    assert_private(response)
    html = response.content.decode()
    assert 'value="CAW Oost-Vlaanderen"' in html
    assert 'name="email"' not in html
    assert 'name="first_name"' not in html
    assert "csrfmiddlewaretoken" in html


def test_updating_the_contact_details_saves_and_audits_the_changes(client):
    registration = RegistrationFactory(organisation="CAW", job="", email="marie@example.be")

    response = client.post(
        url(client, "contact", registration),
        {
            "phone": "0470 12 34 56",
            "organisation": "CAW Oost-Vlaanderen",
            "job": "",
            "remarks": "Vegetarisch",
            "language": "nl-be",
            "email": "iemand.anders@example.be",
        },
        follow=True,
    )

    assert "Je gegevens zijn opgeslagen." in response.content.decode()
    registration.refresh_from_db()
    assert str(registration.phone) == "+32470123456"
    assert registration.organisation == "CAW Oost-Vlaanderen"
    assert registration.remarks == "Vegetarisch"
    assert registration.email == "marie@example.be"
    entry = AuditEntry.objects.get(action="registration.contact_updated")
    assert entry.actor is None
    assert entry.object_id == str(registration.pk)
    # Which fields changed; the values themselves stay out of the audit log.
    assert entry.data == {
        "phone": {"old": "", "new": ""},
        "organisation": {"old": "", "new": ""},
        "remarks": {"old": "", "new": ""},
    }
    assert entry.object_repr == ""


def test_an_invalid_phone_number_gets_a_dutch_message(client):
    registration = RegistrationFactory()

    response = client.post(url(client, "contact", registration), {"phone": "12"})

    assert response.status_code == 200
    assert "Vul een geldig telefoonnummer in" in response.content.decode()
    assert not AuditEntry.objects.filter(action="registration.contact_updated").exists()


@pytest.mark.parametrize("status", [Registration.Status.CANCELLED, Registration.Status.EXPIRED])
def test_a_registration_that_is_no_longer_active_refuses_changes(client, status):
    registration = RegistrationFactory(status=status, organisation="CAW")

    contact = client.post(
        url(client, "contact", registration), {"organisation": "Ander"}, follow=True
    )
    cancel = client.post(url(client, "cancel", registration), follow=True)

    assert "Deze inschrijving is niet meer actief" in contact.content.decode()
    assert "Deze inschrijving is niet meer actief." in cancel.content.decode()
    registration.refresh_from_db()
    assert registration.organisation == "CAW"
    assert registration.status == status
    assert not OutboxMessage.objects.filter(kind="registration_cancelled").exists()


def test_the_cancel_page_shows_the_rule_and_the_refund_rule(client):
    registration = RegistrationFactory(amount_paid_cents=2000)

    response = client.get(url(client, "cancel", registration))

    assert_private(response)
    html = response.content.decode()
    assert "Je kan annuleren tot 7 dagen voor de eerste sessie." in html
    assert "Er is € 20,00 betaald; we storten dat terug binnen 30 dagen." in html
    assert "Ja, annuleer mijn inschrijving" in html


def test_nothing_paid_means_no_refund():
    registration = RegistrationFactory()
    assert services.refund_text(registration) == (
        "Je hebt nog niets betaald, er volgt geen terugbetaling."
    )


def test_cancelling_frees_the_seats_and_mails_the_registrant(client):
    training = TrainingFactory(capacity=3)
    registration = RegistrationFactory(training=training, seats=2, email="marie@example.be")
    assert seats_taken(training) == 2

    response = client.post(url(client, "cancel", registration), follow=True)

    html = response.content.decode()
    assert "Deze inschrijving is geannuleerd." in html
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert not registration.participants.filter(is_active=True).exists()
    assert seats_taken(training) == 0
    entry = AuditEntry.objects.get(action="registration.cancelled")
    assert entry.data["by"] == "registrant"
    mail = OutboxMessage.objects.get(kind="registration_cancelled")
    assert mail.recipient == "marie@example.be"
    assert "geannuleerd" in mail.subject


def test_cancelling_is_allowed_up_to_the_deadline_day_itself(client):
    Organisation.objects.update_or_create(pk=1, defaults={"cancellation_days_before": 3})
    today = timezone.localdate()
    registration = RegistrationFactory(
        training=TrainingFactory(sessions__first_date=today + dt.timedelta(days=3))
    )

    services.registration_cancel_by_registrant(registration=registration)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_too_late_to_cancel(client):
    Organisation.objects.update_or_create(pk=1, defaults={"cancellation_days_before": 7})
    today = timezone.localdate()
    registration = RegistrationFactory(
        training=TrainingFactory(sessions__first_date=today + dt.timedelta(days=6))
    )

    page = client.get(url(client, "cancel", registration)).content.decode()
    response = client.post(url(client, "cancel", registration))

    assert "Annuleren kan niet meer" in page
    assert "Ja, annuleer mijn inschrijving" not in page
    assert "Annuleren kan niet meer" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    with pytest.raises(TransitionNotAllowed, match="Annuleren kan niet meer"):
        services.registration_cancel_by_registrant(registration=registration)
    assert not OutboxMessage.objects.filter(kind="registration_cancelled").exists()


def test_the_registration_page_links_to_the_actions(client):
    registration = RegistrationFactory()

    html = client.get(url(client, "registration", registration)).content.decode()

    assert "Wat kan je nog doen?" in html
    assert url(client, "calendar", registration) in html
    assert url(client, "contact", registration) in html
    assert url(client, "cancel", registration) in html
    assert "Je hebt nog niets betaald, er volgt geen terugbetaling." in html


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        (None, True),
        ([("Jan", "Collega", "jan.collega@example.be")], False),
    ],
    ids=["the registrant attends", "an organiser registered a colleague"],
)
def test_the_confirmed_page_looks_forward_to_seeing_only_someone_who_attends(
    client, people, expected
):
    registration = RegistrationFactory(
        status=Registration.Status.CONFIRMED, amount_paid_cents=2000, participants=people
    )

    html = client.get(url(client, "registration", registration)).content.decode()

    assert "Je inschrijving is bevestigd." in html
    assert ("We kijken ernaar uit je te zien." in html) is expected


def test_after_the_cancellation_deadline_the_page_no_longer_offers_to_cancel(client):
    training = TrainingFactory(sessions__first_date=timezone.localdate() + dt.timedelta(days=2))
    registration = RegistrationFactory(training=training)

    page = client.get(url(client, "registration", registration))

    cancel = reverse("trainings:self_service:cancel", args=[registration.code])
    assert cancel not in page.content.decode()


def test_the_registrant_chooses_another_language_for_the_next_mails(client):
    write_every_text("fr")
    registration = RegistrationFactory(language="nl-be")
    response = client.get(url(client, "contact", registration))
    assert "Taal van de e-mails" in response.content.decode()

    client.post(
        url(client, "contact", registration),
        {"phone": "", "organisation": "", "job": "", "remarks": "", "language": "fr-be"},
    )

    registration.refresh_from_db()
    assert registration.language == "fr-be"


def test_a_language_without_all_its_mails_is_not_offered_on_the_registrants_page(client):
    registration = RegistrationFactory(language="nl-be")

    response = client.get(url(client, "contact", registration))

    assert "Taal van de e-mails" not in response.content.decode()


def test_the_mails_link_is_exchanged_for_the_session_and_the_secret_leaves_the_address(client):
    registration = RegistrationFactory()
    link = reverse("trainings:registration_link", args=[registration.token])

    response = client.get(link, follow=True)

    assert response.redirect_chain == [
        (reverse("trainings:registration", args=[registration.code]), 302)
    ]
    assert response.status_code == 200
    assert registration.token not in response.content.decode()
    assert_private(response)
    # Every page after that: no secret in the address, nor in the page's own links.
    contact = client.get(url_without_link("contact", registration))
    assert contact.status_code == 200
    assert registration.token not in contact.content.decode()


def test_the_link_works_again_in_another_browser(client, django_user_model):
    from django.test import Client

    registration = RegistrationFactory()
    client.get(reverse("trainings:registration_link", args=[registration.token]))
    other = Client()

    assert other.get(url_without_link("registration", registration)).status_code == 403
    other.get(reverse("trainings:registration_link", args=[registration.token]))
    assert other.get(url_without_link("registration", registration)).status_code == 200


def url_without_link(name: str, registration) -> str:
    if name == "registration":
        return reverse("trainings:registration", args=[registration.code])
    return reverse(f"trainings:self_service:{name}", args=[registration.code])


def test_a_browser_without_the_link_has_it_mailed_again_to_the_registration_s_address(
    client, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(email="hr@example.be")
    emails.send_received(registration)  # the mail with the link, just before: lost
    page = client.get(url_without_link("registration", registration))
    assert page.status_code == 403
    assert "Mail de link opnieuw" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url_without_link("link_resend", registration), follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url_without_link("link_resend", registration))  # a second click

    assert_private(answer)
    assert (
        f"Als er een inschrijving met code {registration.code} bestaat, gaat de link naar het"
        " e-mailadres waarmee ze gemaakt werd, binnen enkele minuten. Dat gebeurt hooguit één keer"
        " per uur" in answer.content.decode()
    )
    (mail,) = OutboxMessage.objects.filter(kind="registration_link")
    assert mail.recipient == "hr@example.be"
    assert registration.token in mail.body_text


def test_asking_the_link_for_an_unknown_code_answers_the_same_and_mails_nobody(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            reverse("trainings:self_service:link_resend", args=["EKNIEMAND"]), follow=True
        )

    assert answer.status_code == 403  # the page asking for the link, as for a known code
    assert "Als er een inschrijving met code EKNIEMAND bestaat" in answer.content.decode()
    assert "Mail de link opnieuw" in answer.content.decode()
    assert not OutboxMessage.objects.exists()


def test_a_browser_cannot_have_links_mailed_to_many_registrations(
    client, django_capture_on_commit_callbacks
):
    registrations = RegistrationFactory.create_batch(7)

    with django_capture_on_commit_callbacks(execute=True):
        for registration in registrations:
            client.post(url_without_link("link_resend", registration))

    assert OutboxMessage.objects.filter(kind="registration_link").count() == 5
    refused = client.post(url_without_link("link_resend", registrations[0]), follow=True)
    assert "Van dit netwerk werd het voorbije uur al te vaak een link gevraagd." in (
        refused.content.decode()
    )


def test_an_unknown_link_from_a_mail_says_whom_to_ask_without_a_button(client):
    response = client.get(reverse("trainings:registration_link", args=["onbekend" * 5]))

    page = response.content.decode()
    assert response.status_code == 403
    assert "Mail de link opnieuw" not in page
    assert "Mail ons op" in page and "met de vorming en je naam" in page
