import io

import pytest

from eigenkracht.accounts.models import Role
from eigenkracht.trainings.models import Trainer, Training
from eigenkracht.trainings.trainers.demo import DEMO_TRAINER_EMAIL, demo_trainers
from tests.factories import TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_gives_the_published_trainings_a_trainer_who_can_log_in():
    office = UserFactory(role=Role.OFFICE)
    account = UserFactory(email=DEMO_TRAINER_EMAIL, role=Role.TRAINER)
    TrainingFactory.create_batch(2)
    TrainingFactory(status=Training.Status.DRAFT)

    demo_trainers(actor=office, stdout=io.StringIO())
    demo_trainers(actor=office, stdout=io.StringIO())  # a second run changes nothing

    an = Trainer.objects.get(name="An Peeters")
    assert an.user == account and an.bio
    assert an.trainings.count() == 2
    assert Trainer.objects.count() == 2
