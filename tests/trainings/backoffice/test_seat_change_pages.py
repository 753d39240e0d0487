"""The office hands seats on and moves registrations, also past the registrant's deadline."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import AuditEntry, Organisation, OutboxMessage
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory
from tests.trainings.questions.helpers import add_questions

pytestmark = pytest.mark.django_db

TITLE = "Basisvorming Eigen Kracht"


def dated(days: int, **kwargs):
    first = timezone.localdate() + dt.timedelta(days=days)
    return TrainingFactory(title=TITLE, sessions__first_date=first, **kwargs)


def to_sofie(registration) -> dict:
    """The transfer form, filled in: the registration's participant's seat goes to Sofie."""
    return {
        "participant": registration.participants.get().pk,
        "first_name": "Sofie",
        "last_name": "Peeters",
        "email": "sofie@example.be",
    }


def test_the_registration_page_links_to_both(office_client):
    registration = RegistrationFactory()

    html = office_client.get(
        reverse("trainings_backoffice:registration_detail", args=[registration.pk])
    ).content.decode()

    assert reverse("trainings_backoffice:registration_transfer", args=[registration.pk]) in html
    assert reverse("trainings_backoffice:registration_move", args=[registration.pk]) in html


def test_the_office_transfers_a_seat_after_the_registrants_deadline(office_client, office_user):
    Organisation.objects.update_or_create(pk=1, defaults={"cancellation_days_before": 7})
    registration = RegistrationFactory(training=dated(2))
    page = reverse("trainings_backoffice:registration_transfer", args=[registration.pk])

    response = office_client.post(page, to_sofie(registration))

    assert response.status_code == 302
    assert registration.participants.get().email == "sofie@example.be"
    entry = AuditEntry.objects.get(action="registration.seat_transferred")
    assert (entry.actor, entry.data["by"]) == (office_user, "office")
    assert OutboxMessage.objects.filter(kind="seat_transferred").count() == 1


def test_the_office_may_leave_the_colleague_s_required_answers_open(office_client):
    registration = RegistrationFactory(training=dated(30))
    add_questions(registration.training)
    page = reverse("trainings_backoffice:registration_transfer", args=[registration.pk])

    response = office_client.post(page, to_sofie(registration))

    assert response.status_code == 302
    assert not registration.participants.get().answers.exists()


def test_no_seat_of_a_cancelled_training_is_handed_on_not_even_by_the_office(office_client):
    registration = RegistrationFactory(training=dated(30, status="cancelled"))
    page = reverse("trainings_backoffice:registration_transfer", args=[registration.pk])

    response = office_client.post(page, to_sofie(registration))

    assert "Deze vorming gaat niet door: er is geen plaats om door te geven." in (
        response.content.decode()
    )
    assert not OutboxMessage.objects.filter(kind="seat_transferred").exists()


def test_the_office_moves_to_a_date_whose_registration_closed(office_client, office_user):
    registration = RegistrationFactory(training=dated(30))
    closed = dated(10, registration_closes_at=timezone.now() - dt.timedelta(hours=1))
    page = reverse("trainings_backoffice:registration_move", args=[registration.pk])

    assert f'value="{closed.pk}"' in office_client.get(page).content.decode()
    response = office_client.post(page, {"training": closed.pk})

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.training == closed
    assert AuditEntry.objects.get(action="registration.moved").actor == office_user


def test_other_staff_cannot_use_the_pages(login_as):
    client = login_as("coordinator")
    registration = RegistrationFactory()

    for name in ("registration_transfer", "registration_move"):
        response = client.get(reverse(f"trainings_backoffice:{name}", args=[registration.pk]))
        assert response.status_code in (302, 403, 404)


def test_the_history_tells_of_a_transfer_and_a_move(office_client):
    registration = RegistrationFactory(training=dated(30))
    later = dated(60)
    office_client.post(
        reverse("trainings_backoffice:registration_transfer", args=[registration.pk]),
        {
            "participant": registration.participants.get().pk,
            "first_name": "Sofie",
            "last_name": "Peeters",
            "email": "sofie@example.be",
        },
    )
    office_client.post(
        reverse("trainings_backoffice:registration_move", args=[registration.pk]),
        {"training": later.pk},
    )

    response = office_client.get(
        reverse("trainings_backoffice:registration_detail", args=[registration.pk])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Plaats doorgegeven aan een collega" in html
    assert "Inschrijving verplaatst naar een andere datum" in html


def test_the_office_transfer_form_speaks_of_the_new_participant(office_client):
    registration = RegistrationFactory(status=Registration.Status.CONFIRMED)

    page = office_client.get(
        reverse("trainings_backoffice:registration_transfer", args=[registration.pk])
    ).content.decode()

    assert "Voornaam van de nieuwe deelnemer" in page
    assert "je collega" not in page
