"""The reads the figures use, against a hand count on a small fixed set of answers."""

import pytest

from eigenkracht.evaluations.models import ConferenceInvite
from eigenkracht.evaluations.selectors import (
    conference_response_counts,
    conference_satisfaction,
    training_evaluation_results,
    training_evaluation_results_by_trainer,
)
from eigenkracht.trainings.models import Trainer, Training
from eigenkracht.trajectories.models import Trajectory
from tests.evaluations.conftest import hold, person
from tests.evaluations.factories import ConferenceResponseFactory
from tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


def _response(trajectory, group, meeting, plan, coordinator, decisions=None):
    ConferenceResponseFactory(
        trajectory=trajectory,
        group=group,
        score_meeting=meeting,
        score_plan=plan,
        score_coordinator=coordinator,
        decisions=decisions,
    )


def test_conference_satisfaction_per_group_equals_a_hand_count(trajectory):
    _response(trajectory, "family", 8, 6, 10, decisions=5)
    _response(trajectory, "family", 6, 7, 9, decisions=2)
    _response(trajectory, "family", 10, 8, 8)
    _response(trajectory, "professional", 7, 7, 7, decisions=4)

    scores = {g.group: g for g in conference_satisfaction(Trajectory.objects.all())}
    nobody = conference_satisfaction(Trajectory.objects.none())

    family = scores["family"]
    assert family.n == 3
    assert (family.mean_meeting, family.mean_plan, family.mean_coordinator) == (8, 7, 9)
    assert family.mean_statements["decisions"] == 3.5  # (5 + 2) / 2: the third did not say
    assert family.agree_shares["decisions"] == 0.5
    assert family.agree_shares["support"] is None
    assert scores["professional"].n == 1 and scores["professional"].mean_meeting == 7
    assert scores["main_minor"].n == 0 and scores["main_minor"].mean_meeting is None
    assert scores["main_minor"].agree_shares == {
        "decisions": None,
        "inclusion": None,
        "support": None,
    }
    assert [g.group for g in nobody] == [
        "main_minor",
        "main_adult",
        "family",
        "network",
        "professional",
    ]
    assert all(g.n == 0 for g in nobody)


def test_response_counts_per_group(trajectory, conference):
    person(trajectory, "Tante Els", role="family")
    person(trajectory, "Nonkel Jan", role="family")
    hold(conference)
    ConferenceInvite.objects.filter(participant__name="Tante Els").update(used=True)

    counts = {c.group: c for c in conference_response_counts(Trajectory.objects.all())}

    assert (counts["family"].invited, counts["family"].responded) == (2, 1)
    assert counts["family"].response_rate == 0.5
    assert counts["network"].response_rate is None


def test_the_selectors_make_a_constant_number_of_queries(trajectory, django_assert_num_queries):
    trainings = Training.objects.all()
    TrainingFactory()
    with django_assert_num_queries(1):
        conference_satisfaction(Trajectory.objects.all())
    with django_assert_num_queries(1):
        conference_response_counts(Trajectory.objects.all())
    with django_assert_num_queries(3):
        training_evaluation_results(trainings)
    with django_assert_num_queries(3):
        training_evaluation_results_by_trainer(trainings)
    Trainer.objects.create(name="Lies").trainings.add(*trainings)
    assert training_evaluation_results_by_trainer(trainings)[0].trainings == 1
