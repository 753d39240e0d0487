"""The demo: declarations in every state across two calendar years, through the services."""

import io

import pytest

from eigenkracht.allowances.demo import demo_allowances
from eigenkracht.allowances.models import Declaration, Payout
from eigenkracht.trajectories.demo import demo_trajectories

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_state_in_two_years_and_a_second_run_changes_nothing(office_user):
    demo_trajectories(stdout=io.StringIO(), office_user=office_user)
    out = io.StringIO()

    demo_allowances(actor=office_user, stdout=out)

    assert set(Declaration.objects.values_list("status", flat=True)) == set(
        Declaration.Status.values
    )
    assert len(set(Declaration.objects.values_list("year", flat=True))) == 2
    assert set(Declaration.objects.values_list("kind", flat=True)) == {"day", "km", "cost"}
    assert set(Payout.objects.values_list("status", flat=True)) == {"made", "sent"}
    count = Declaration.objects.count()
    demo_allowances(actor=office_user, stdout=out)
    assert Declaration.objects.count() == count
    assert "niets veranderd" in out.getvalue()
