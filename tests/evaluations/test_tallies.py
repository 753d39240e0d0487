"""The tallies the figures read stay equal to the answers they sum."""

import importlib

import pytest
from django.apps import apps

from eigenkracht.evaluations import services
from eigenkracht.evaluations.models import ConferenceInvite, ConferenceTally
from eigenkracht.evaluations.tallies import tallies_rebuild
from tests.evaluations.conftest import hold, person

pytestmark = pytest.mark.django_db

tally_migration = importlib.import_module(
    "eigenkracht.evaluations.migrations.0003_conference_tally"
)

SUMMED = [f.name for f in ConferenceTally._meta.concrete_fields if f.name != "id"]


def tallies() -> list[dict]:
    return list(ConferenceTally.objects.order_by("trajectory_id", "group").values(*SUMMED))


def test_each_answer_adds_to_its_groups_tally(trajectory, conference):
    person(trajectory, "Oma Rita", email="rita@example.be")
    person(trajectory, "Nonkel Jan", email="jan@example.be")
    hold(conference)
    sarah, rita, jan = ConferenceInvite.objects.order_by("pk")

    services.conference_response_submit(
        invite=sarah, answers=services.ConferenceAnswers(8, 7, 9, 4, 5, None)
    )
    services.conference_response_submit(
        invite=rita, answers=services.ConferenceAnswers(6, 8, 10, 2, None, 5)
    )
    services.conference_response_submit(
        invite=jan, answers=services.ConferenceAnswers(9, 9, 9, 5, 4, 3)
    )

    family = ConferenceTally.objects.get(group="family")
    assert (family.responses, family.sum_meeting, family.sum_plan, family.sum_coordinator) == (
        2, 15, 17, 19,
    )  # fmt: skip
    assert (family.sum_decisions, family.answered_decisions, family.agreed_decisions) == (7, 2, 1)
    assert (family.sum_inclusion, family.answered_inclusion, family.agreed_inclusion) == (4, 1, 1)
    assert (family.sum_support, family.answered_support, family.agreed_support) == (8, 2, 1)
    assert ConferenceTally.objects.get(group="main_adult").responses == 1


def test_counting_again_from_the_answers_gives_the_same_tallies(trajectory, conference):
    person(trajectory, "Oma Rita", email="rita@example.be")
    hold(conference)
    for invite, answers in zip(
        ConferenceInvite.objects.order_by("pk"),
        [
            services.ConferenceAnswers(8, 7, 9, 4, 5, None),
            services.ConferenceAnswers(3, 2, 1, 1, None, None),
        ],
        strict=True,
    ):
        services.conference_response_submit(invite=invite, answers=answers)
    kept = tallies()

    assert tallies_rebuild() == 2
    assert tallies() == kept


def test_the_migration_counts_the_answers_given_before(trajectory, conference):
    hold(conference)
    services.conference_response_submit(
        invite=ConferenceInvite.objects.get(),
        answers=services.ConferenceAnswers(8, 7, 9, 4, 5, None),
    )
    kept = tallies()
    ConferenceTally.objects.all().delete()  # as before 0003

    tally_migration.count_answers(apps, None)

    assert tallies() == kept


def test_an_answer_whose_tally_a_recount_replaced_adds_to_the_new_row(
    trajectory, conference, monkeypatch
):
    hold(conference)
    find_or_make = ConferenceTally.objects.get_or_create
    replaced = []

    def replaced_by_a_recount(**key):
        tally, created = find_or_make(**key)
        if not replaced:  # between reading the row and adding to it, a recount replaced it
            ConferenceTally.objects.filter(pk=tally.pk).delete()
            replaced.append(ConferenceTally.objects.create(**key))
        return tally, created

    monkeypatch.setattr(ConferenceTally.objects, "get_or_create", replaced_by_a_recount)

    services.conference_response_submit(
        invite=ConferenceInvite.objects.get(),
        answers=services.ConferenceAnswers(8, 7, 9, 4, 5, None),
    )

    assert ConferenceTally.objects.get().pk == replaced[0].pk
    assert ConferenceTally.objects.get().responses == 1
