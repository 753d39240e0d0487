"""Submits at the same moment: through one link one set of answers is stored; through several
links every answer counts."""

import threading

import pytest
from django.db import connection, connections

from eigenkracht.evaluations import services
from eigenkracht.evaluations.models import ConferenceInvite, ConferenceResponse, ConferenceTally
from tests.evaluations.conftest import hold, person

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write, so there is no race to prove",
    ),
]

ANSWERS = services.ConferenceAnswers(8, 7, 9, 4, 5, None, "")


def test_two_submits_at_once_through_one_link_store_one_response(conference):
    hold(conference)
    token = ConferenceInvite.objects.get().token
    start = threading.Barrier(6)
    outcomes: list[str] = []

    def submit() -> None:
        try:
            invite = ConferenceInvite.objects.get(token=token)  # each read it as unused
            start.wait()
            services.conference_response_submit(invite=invite, answers=ANSWERS)
            outcomes.append("stored")
        except services.AlreadyAnswered:
            outcomes.append("already")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already"] * 5 + ["stored"]
    assert ConferenceResponse.objects.count() == 1


def test_answers_of_one_group_at_once_all_count_in_its_tally(trajectory, conference):
    for n in range(5):
        person(trajectory, f"Familielid {n}", email=f"familie{n}@example.be")
    hold(conference)
    tokens = list(ConferenceInvite.objects.filter(group="family").values_list("token", flat=True))
    start = threading.Barrier(len(tokens))

    def submit(token: str) -> None:
        try:
            invite = ConferenceInvite.objects.get(token=token)
            start.wait()
            services.conference_response_submit(invite=invite, answers=ANSWERS)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    family = ConferenceTally.objects.get(group="family")
    assert (family.responses, family.sum_meeting) == (5, 40)
