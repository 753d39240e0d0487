"""The public training page introduces the trainers: name and short bio, never their e-mail."""

import pytest
from django.urls import reverse

from eigenkracht.trainings.models import Trainer
from eigenkracht.trainings.trainers.services import trainer_save

pytestmark = pytest.mark.django_db


def test_the_training_page_shows_each_trainer_with_their_bio(client, trainer):
    training = trainer.trainings.get()
    Trainer.objects.create(name="Jan Claes", bio="Gezinsbegeleider.").trainings.add(training)

    page = client.get(reverse("trainings:detail", args=[training.pk])).content.decode()

    assert "Lesgevers" in page
    assert "An Peeters" in page and "Coördinator sinds 2012." in page
    assert "Jan Claes" in page and "Gezinsbegeleider." in page
    assert "an@example.org" not in page


def test_an_edited_bio_shows_at_once_on_the_cached_page(client, trainer, office_user):
    url = reverse("trainings:detail", args=[trainer.trainings.get().pk])
    assert "Coördinator sinds 2012." in client.get(url).content.decode()  # now cached

    trainer.bio = "Coördinator en vormingswerker."
    trainer_save(trainer=trainer, actor=office_user)

    page = client.get(url).content.decode()
    assert "Coördinator en vormingswerker." in page
    assert "Coördinator sinds 2012." not in page


def test_a_training_without_trainers_shows_no_trainers_heading(client):
    from tests.factories import TrainingFactory

    page = client.get(reverse("trainings:detail", args=[TrainingFactory().pk])).content.decode()

    assert "Lesgever" not in page
