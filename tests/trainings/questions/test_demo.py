"""The demo's questions: every kind, answered by two participants through the services."""

import io

import pytest

from eigenkracht.trainings.models import ParticipantAnswer, TrainingQuestion
from eigenkracht.trainings.questions.demo import demo_questions
from tests.factories import TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_asks_every_kind_and_runs_once():
    TrainingFactory(capacity=5)
    out = io.StringIO()

    demo_questions(actor=UserFactory(), stdout=out)
    demo_questions(actor=UserFactory(), stdout=out)

    assert set(TrainingQuestion.objects.values_list("kind", flat=True)) == set(
        TrainingQuestion.Kind.values
    )
    assert ParticipantAnswer.objects.values("participant").distinct().count() == 2
    assert "niets veranderd" in out.getvalue().splitlines()[-1]
