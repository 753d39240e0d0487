import pytest

from eigenkracht.accounts.models import Role
from eigenkracht.trainings.models import Trainer
from tests.factories import TrainingFactory, UserFactory
from tests.two_factor import login_verified


@pytest.fixture
def trainer(db):
    """An Peeters, with an account, teaching one published training."""
    user = UserFactory(email="an@example.org", role=Role.TRAINER, first_name="An")
    trainer = Trainer.objects.create(
        name="An Peeters", bio="Coördinator sinds 2012.", email=user.email, user=user
    )
    trainer.trainings.add(TrainingFactory(title="Basisvorming in Gent", sessions=2))
    return trainer


@pytest.fixture
def trainer_client(client, trainer):
    login_verified(client, trainer.user)
    return client
