"""A trainer logs in to see their own trainings' participants and record attendance."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import AuditEntry
from eigenkracht.trainings.models import Attendance, Registration, Training
from tests.factories import RegistrationFactory, TrainingFactory
from tests.two_factor import totp_code, totp_device

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_after_login_with_a_second_factor_a_trainer_lands_on_my_trainings(client, trainer):
    user = trainer.user
    user.set_password("een-sterk-wachtwoord-42")
    user.save()
    device = totp_device(user)

    step = client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": "een-sterk-wachtwoord-42"},
    )
    assert step["Location"] == reverse("accounts:login_code")
    response = client.post(step["Location"], {"code": totp_code(device)})

    assert response["Location"] == reverse("trainer:home")


def test_my_trainings_lists_upcoming_first_then_past(trainer_client, trainer):
    later = TrainingFactory(title="Verdieping", sessions__first_date=TODAY + dt.timedelta(days=90))
    past = TrainingFactory(title="Vorige reeks", sessions__first_date=TODAY - dt.timedelta(days=60))
    draft = TrainingFactory(title="Nog in ontwerp", status=Training.Status.DRAFT)
    someone_elses = TrainingFactory(title="Andermans vorming")
    trainer.trainings.add(later, past, draft)
    RegistrationFactory(training=later, status=Registration.Status.CONFIRMED)

    page = trainer_client.get(reverse("trainer:home")).content.decode()

    assert page.index("Basisvorming in Gent") < page.index("Verdieping")
    assert page.index("Verdieping") < page.index("Voorbije vormingen") < page.index("Vorige reeks")
    assert "1 bevestigde deelnemer" in page
    assert draft.title not in page and someone_elses.title not in page


def test_the_participant_list_shows_names_and_attendance_but_no_contact_details(
    trainer_client, trainer
):
    training = trainer.trainings.get()
    RegistrationFactory(
        training=training,
        status=Registration.Status.CONFIRMED,
        first_name="Noor",
        last_name="Janssens",
        email="noor@example.be",
        organisation="OCMW Gent",
    )
    RegistrationFactory(training=training, status=Registration.Status.PENDING, first_name="Wacht")

    page = trainer_client.get(reverse("trainer:training", args=[training.pk])).content.decode()

    assert "Noor Janssens" in page and "OCMW Gent" in page
    assert "noor@example.be" not in page
    assert "Wacht" not in page  # only confirmed participants
    assert "nog niet ingevuld" in page
    assert AuditEntry.objects.filter(
        action="training.participants_viewed", actor=trainer.user
    ).exists()


def test_a_trainer_records_attendance_audited_as_theirs(trainer_client, trainer):
    training = trainer.trainings.get()
    present = RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)
    absent = RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)
    session = training.sessions.first()
    url = reverse("trainer:session_attendance", args=[session.pk])

    response = trainer_client.post(url, {"present": [present.participants.get().pk]}, follow=True)

    assert "Aanwezigheden opgeslagen: 1 aanwezig, 1 afwezig." in response.content.decode()
    assert response.redirect_chain[-1][0] == url
    assert dict(Attendance.objects.values_list("participant__registration", "present")) == {
        present.pk: True,
        absent.pk: False,
    }
    assert Attendance.objects.filter(recorded_by=trainer.user).count() == 2
    entry = AuditEntry.objects.get(action="session.attendance_recorded")
    assert entry.actor == trainer.user
    pdf = trainer_client.get(reverse("trainer:session_attendance_pdf", args=[session.pk]))
    assert pdf["Content-Type"] == "application/pdf"


def test_another_trainings_pages_are_not_found(trainer_client):
    other = TrainingFactory()
    RegistrationFactory(training=other, status=Registration.Status.CONFIRMED)
    session = other.sessions.get()

    for url in (
        reverse("trainer:training", args=[other.pk]),
        reverse("trainer:session_attendance", args=[session.pk]),
        reverse("trainer:session_attendance_pdf", args=[session.pk]),
    ):
        assert trainer_client.get(url).status_code == 404, url
    response = trainer_client.post(
        reverse("trainer:session_attendance", args=[session.pk]),
        {"present": [p.pk for p in other.participants.all()]},
    )
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_the_trainer_pages_need_a_trainer(office_client, trainer):
    training = trainer.trainings.get()

    assert office_client.get(reverse("trainer:home")).status_code == 403
    assert office_client.get(reverse("trainer:training", args=[training.pk])).status_code == 403


def test_the_trainer_pages_need_the_second_factor(client, trainer):
    client.force_login(trainer.user)  # password only

    response = client.get(reverse("trainer:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_my_trainings_takes_a_fixed_number_of_queries(
    trainer_client, trainer, django_assert_max_num_queries
):
    for _ in range(8):
        training = TrainingFactory(sessions=3)
        trainer.trainings.add(training)
        RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)

    with django_assert_max_num_queries(12):
        response = trainer_client.get(reverse("trainer:home"))

    assert response.status_code == 200


def test_a_trainer_keeps_their_own_account_page(trainer_client):
    page = trainer_client.get(reverse("accounts:overview"))

    assert page.status_code == 200
    assert reverse("trainer:home") in page.content.decode()  # "Mijn vormingen" in the menu


def test_the_trainer_finds_the_link_of_a_session_online(trainer_client, trainer):
    training = trainer.trainings.get()
    training.sessions.update(meeting_url="https://meet.example.org/les", online_only=True)

    home = trainer_client.get(reverse("trainer:home")).content.decode()
    page = trainer_client.get(reverse("trainer:training", args=[training.pk])).content.decode()

    assert 'href="https://meet.example.org/les"' in home
    assert 'href="https://meet.example.org/les"' in page
