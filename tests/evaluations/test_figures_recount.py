"""`manage.py figures_recount` (reports) restores what the figures read summed, from the rows
themselves. Here for the evaluations' fixtures: a held conference and its links."""

import io

import pytest
from django.core.management import call_command

from eigenkracht.evaluations import services
from eigenkracht.evaluations.models import ConferenceInvite, ConferenceTally
from eigenkracht.network.models import NetworkSnapshot
from tests.evaluations.conftest import hold, person

pytestmark = pytest.mark.django_db


def test_the_recount_restores_lost_counts_and_tallies(trajectory, conference):
    person(trajectory, "Oma Rita", email="rita@example.be")
    hold(conference)  # takes the conference snapshot (Rita on the map) and makes the links
    services.conference_response_submit(
        invite=ConferenceInvite.objects.get(group="main_adult"),
        answers=services.ConferenceAnswers(8, 7, 9, 4, 5, None),
    )
    snapshot = NetworkSnapshot.objects.get()
    counts = snapshot.sector_counts
    assert sum(counts.values()) == 1
    # What an old worker would have left while the server migrated: no counts, no tally.
    NetworkSnapshot.objects.update(sector_counts={})
    ConferenceTally.objects.all().delete()
    out = io.StringIO()

    call_command("figures_recount", stdout=out)

    snapshot.refresh_from_db()
    assert snapshot.sector_counts == counts
    tally = ConferenceTally.objects.get()
    assert (tally.responses, tally.sum_meeting, tally.agreed_decisions) == (1, 8, 1)
    assert out.getvalue().strip() == "Momentopnamen herteld: 1. Optellingen van evaluaties: 1."
