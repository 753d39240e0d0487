"""The office keeps the list of trainers, invites them to log in and chooses them per training."""

import pytest
from django.urls import reverse

from eigenkracht.accounts.models import Role, User
from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.trainings.models import Trainer
from tests.factories import TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_office_adds_and_edits_a_trainer(office_client):
    response = office_client.post(
        reverse("trainings_trainers:trainer_create"),
        {"name": "  Jan   Claes ", "bio": "Gezinsbegeleider.", "email": ""},
        follow=True,
    )

    assert "De lesgever is toegevoegd." in response.content.decode()
    trainer = Trainer.objects.get()
    assert (trainer.name, trainer.user) == ("Jan Claes", None)
    office_client.post(
        reverse("trainings_trainers:trainer_edit", args=[trainer.pk]),
        {"name": "Jan Claes", "bio": "Gezinsbegeleider in Gent.", "email": "jan@example.org"},
    )
    trainer.refresh_from_db()
    assert trainer.bio == "Gezinsbegeleider in Gent."
    entry = AuditEntry.objects.get(action="trainer.updated")
    assert entry.data["bio"] == {"old": "Gezinsbegeleider.", "new": "Gezinsbegeleider in Gent."}
    listing = office_client.get(reverse("trainings_trainers:trainer_list")).content.decode()
    assert "Jan Claes" in listing and "Uitnodigen om in te loggen" in listing


def test_a_bio_longer_than_600_signs_is_refused_in_dutch(office_client):
    response = office_client.post(
        reverse("trainings_trainers:trainer_create"), {"name": "Jan Claes", "bio": "x" * 601}
    )

    assert response.status_code == 200
    assert "De voorstelling telt hoogstens 600 tekens." in response.content.decode()
    assert not Trainer.objects.exists()


def test_the_invitation_makes_a_trainer_account_and_mails_a_one_time_link(office_client):
    trainer = Trainer.objects.create(name="Jan Claes", email="Jan@Example.org")
    url = reverse("trainings_trainers:trainer_invite", args=[trainer.pk])
    assert "jan@example.org" in office_client.get(url).content.decode().lower()

    response = office_client.post(url, follow=True)

    assert "Jan Claes kreeg een mail" in response.content.decode()
    trainer.refresh_from_db()
    user = trainer.user
    assert (user.email, user.role, user.has_usable_password()) == (
        "jan@example.org",
        Role.TRAINER,
        False,
    )
    mail = OutboxMessage.objects.get(kind="trainer_invitation")
    assert mail.recipient == "jan@example.org" and mail.confidential
    assert "/account/uitnodiging/" in mail.body_text
    assert AuditEntry.objects.filter(action="trainer.invited").exists()
    # A second invitation is refused: the account exists.
    again = office_client.post(url, follow=True).content.decode()
    assert "Jan Claes heeft al een account." in again
    assert OutboxMessage.objects.filter(kind="trainer_invitation").count() == 1


def test_an_address_that_already_has_an_account_is_not_invited(office_client):
    UserFactory(email="jan@example.org", role=Role.OFFICE)
    trainer = Trainer.objects.create(name="Jan Claes", email="jan@example.org")

    response = office_client.post(
        reverse("trainings_trainers:trainer_invite", args=[trainer.pk]), follow=True
    )

    assert "Er bestaat al een account met het e-mailadres" in response.content.decode()
    trainer.refresh_from_db()
    assert trainer.user is None
    assert User.objects.filter(role=Role.TRAINER).count() == 0


def test_the_office_chooses_the_trainers_on_the_training_form(office_client):
    training = TrainingFactory()
    session = training.sessions.get()
    an = Trainer.objects.create(name="An Peeters")
    jan = Trainer.objects.create(name="Jan Claes")
    form = office_client.get(reverse("trainings_backoffice:training_edit", args=[training.pk]))
    assert 'type="checkbox" name="trainers"' in form.content.decode()

    response = office_client.post(
        reverse("trainings_backoffice:training_edit", args=[training.pk]),
        {
            "title": training.title,
            "description": training.description,
            "venue": training.venue_id,
            "capacity": "20",
            "fee_cents": "20",
            "trainers": [an.pk, jan.pk],
            "sessions-TOTAL_FORMS": "1",
            "sessions-INITIAL_FORMS": "1",
            "sessions-0-id": str(session.pk),
            "sessions-0-date": session.date.isoformat(),
            "sessions-0-start_time": "09:30",
            "sessions-0-end_time": "16:30",
        },
    )

    assert response.status_code == 302
    assert set(training.trainers.all()) == {an, jan}
    entry = AuditEntry.objects.filter(action="training.updated").latest("pk")
    assert entry.data["trainers"] == {"old": [], "new": ["An Peeters", "Jan Claes"]}


def test_the_trainer_list_takes_a_fixed_number_of_queries(
    office_client, django_assert_max_num_queries
):
    for index in range(15):
        Trainer.objects.create(name=f"Lesgever {index}", email=f"l{index}@example.org")

    with django_assert_max_num_queries(12):
        response = office_client.get(reverse("trainings_trainers:trainer_list"))

    assert response.status_code == 200
