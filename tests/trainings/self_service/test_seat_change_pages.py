"""On their own page a registrant hands a seat to a colleague or picks another date."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import Organisation, OutboxMessage
from tests.factories import RegistrationFactory, TrainingFactory
from tests.trainings.links import registrant_url
from tests.trainings.questions.helpers import add_questions

pytestmark = pytest.mark.django_db

TITLE = "Basisvorming Eigen Kracht"


def dated(days: int, **kwargs):
    first = timezone.localdate() + dt.timedelta(days=days)
    return TrainingFactory(title=TITLE, sessions__first_date=first, **kwargs)


def test_the_registration_page_offers_both_within_the_deadline_and_neither_after(client):
    Organisation.objects.update_or_create(pk=1, defaults={"cancellation_days_before": 7})
    soon = RegistrationFactory(training=dated(5))
    later = RegistrationFactory(training=dated(30))

    html_later = client.get(registrant_url(client, "registration", later)).content.decode()
    html_soon = client.get(registrant_url(client, "registration", soon)).content.decode()

    assert "Geef een plaats door aan een collega" in html_later
    assert "Kies een andere datum" in html_later
    assert "Geef een plaats door aan een collega" not in html_soon
    response = client.get(registrant_url(client, "transfer", soon))
    assert "Dat kan je niet meer zelf" in response.content.decode()
    assert client.post(response.request["PATH_INFO"], {}).status_code == 200
    assert not OutboxMessage.objects.filter(kind__startswith="seat_").exists()


def test_another_date_is_offered_only_when_there_is_one(client):
    alone = RegistrationFactory(training=TrainingFactory(title="Enige datum"))

    html = client.get(registrant_url(client, "registration", alone)).content.decode()

    assert "Geef een plaats door aan een collega" in html
    assert "Kies een andere datum" not in html


def test_a_cancelled_training_offers_no_seat_changes_to_its_registrants(client):
    registration = RegistrationFactory(training=dated(30, status="cancelled"))

    html = client.get(registrant_url(client, "registration", registration)).content.decode()
    transfer = client.get(registrant_url(client, "transfer", registration)).content.decode()

    assert "Geef een plaats door aan een collega" not in html
    assert "Kies een andere datum" not in html
    assert "Deze vorming gaat niet door. Neem contact met ons op voor een andere datum." in transfer
    assert "Deze vorming gaat niet door." in html
    assert "Zo betaal je" not in html
    assert "Annuleer je inschrijving" not in html
    assert "Factuur voor je werkgever" not in html
    assert "Annuleren kan tot" not in html
    cancel = client.get(registrant_url(client, "cancel", registration)).content.decode()
    assert "Deze vorming gaat niet door: je hoeft niets te annuleren." in cancel


def test_a_registrant_hands_a_seat_to_a_colleague(client):
    registration = RegistrationFactory(training=dated(30), seats=2, email="marie@example.be")
    colleague = registration.participants.exclude(email="marie@example.be").get()
    page = registrant_url(client, "transfer", registration)

    response = client.post(
        page,
        {
            "participant": colleague.pk,
            "first_name": "Sofie",
            "last_name": "Peeters",
            "email": "sofie@example.be",
        },
    )

    assert response.status_code == 302
    followed = client.get(response["Location"]).content.decode()
    assert "De plaats is doorgegeven aan Sofie Peeters" in followed
    assert "Sofie Peeters (sofie@example.be)" in followed
    assert OutboxMessage.objects.get(kind="seat_transferred").recipient == "sofie@example.be"
    assert OutboxMessage.objects.get(kind="seat_transferred_away").recipient == colleague.email


def test_a_transfer_with_errors_says_what_to_fix_and_changes_nothing(client):
    training = dated(30)
    RegistrationFactory(training=training, email="sofie@example.be")
    registration = RegistrationFactory(training=training)
    page = registrant_url(client, "transfer", registration)
    participant = registration.participants.get()

    empty = client.post(page, {"participant": participant.pk})
    taken = client.post(
        page,
        {
            "participant": participant.pk,
            "first_name": "Sofie",
            "last_name": "Peeters",
            "email": "sofie@example.be",
        },
    )
    stranger = client.post(
        page,
        {"participant": 999999, "first_name": "A", "last_name": "B", "email": "a@example.be"},
    )
    not_a_name = client.post(
        page,
        {
            "participant": participant.pk,
            "first_name": "🤖",
            "last_name": "12345",
            "email": "x@y.be",
        },
    )

    assert empty.status_code == 400
    assert "Vul de voornaam in." in empty.content.decode()
    assert taken.status_code == 400
    assert "We kunnen de plaats niet aan dit e-mailadres doorgeven." in taken.content.decode()
    assert stranger.status_code == 400
    assert "Kies een deelnemer uit de lijst." in stranger.content.decode()
    assert not_a_name.status_code == 400
    assert (
        "Gebruik enkel letters, spaties, apostrofs en koppeltekens." in not_a_name.content.decode()
    )
    assert registration.participants.get().email == participant.email


def test_the_colleague_answers_the_training_s_questions_when_the_seat_is_handed_on(client):
    registration = RegistrationFactory(training=dated(30), email="marie@example.be")
    diet, _team, _needs, lunch = add_questions(registration.training)
    page = registrant_url(client, "transfer", registration)
    colleague = {
        "participant": registration.participants.get().pk,
        "first_name": "Sofie",
        "last_name": "Peeters",
        "email": "sofie@example.be",
    }

    form = client.get(page).content.decode()
    unanswered = client.post(page, colleague)
    client.post(
        page, {**colleague, f"collega-vraag_{diet.pk}": "Geen", f"collega-vraag_{lunch.pk}": "ja"}
    )

    assert "De vragen van de vorming, voor de collega" in form
    assert unanswered.status_code == 400
    assert "Dieetwens: Beantwoord deze vraag." in unanswered.content.decode()
    participant = registration.participants.get()
    assert participant.email == "sofie@example.be"
    assert participant.answers.count() == 2


def test_a_registrant_moves_to_another_date_and_sees_what_is_still_to_pay(client):
    registration = RegistrationFactory(training=dated(30, fee_cents=5000))
    later = dated(60, fee_cents=6500)
    full = dated(90, fee_cents=5000, capacity=1)
    RegistrationFactory(training=full)
    page = registrant_url(client, "move", registration)

    form = client.get(page).content.decode()
    response = client.post(page, {"training": later.pk})

    assert "20 plaatsen vrij, € 15,00 duurder" in form
    assert f'value="{full.pk}"' not in form
    assert response.status_code == 302
    followed = client.get(response["Location"]).content.decode()
    assert "Nog te betalen: € 65,00" in followed
    registration.refresh_from_db()
    assert registration.training == later
    assert OutboxMessage.objects.get(kind="registration_moved").recipient == registration.email


def test_a_date_that_filled_up_meanwhile_is_refused_with_a_clear_message(client):
    registration = RegistrationFactory(training=dated(30))
    later = dated(60, capacity=1)
    page = registrant_url(client, "move", registration)
    client.get(page)
    RegistrationFactory(training=later)

    response = client.post(page, {"training": later.pk})

    assert response.status_code == 400
    assert "Deze datum is niet (meer) beschikbaar" in response.content.decode()
    registration.refresh_from_db()
    assert registration.training != later


def test_without_another_date_the_move_page_says_so(client):
    registration = RegistrationFactory(training=dated(30))

    response = client.get(registrant_url(client, "move", registration))

    assert "Er is nu geen andere datum van deze vorming met een vrije plaats." in (
        response.content.decode()
    )


@pytest.mark.parametrize("name", ["transfer", "move"])
def test_the_pages_need_the_link(client, name):
    registration = RegistrationFactory()
    page = reverse(f"trainings:self_service:{name}", args=[registration.code])

    assert client.get(page).status_code == 403
    assert client.post(page).status_code == 403


def test_a_confirmed_registration_moved_to_a_dearer_date_sees_what_to_pay_on_its_page(client):
    registration = RegistrationFactory(
        training=dated(30, fee_cents=5000), status="confirmed", amount_paid_cents=5000
    )
    page = registrant_url(client, "move", registration)
    client.post(page, {"training": dated(60, fee_cents=6500).pk})

    html = client.get(registrant_url(client, "registration", registration)).content.decode()

    assert "Je inschrijving is bevestigd." in html
    assert "Betaal nog € 15,00 bij" in html
