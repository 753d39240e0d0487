"""The volunteers' demo: applicants in every step, duties complete and not."""

import io

import pytest
from django.utils import timezone

from eigenkracht.trajectories.demo import demo_trajectories
from eigenkracht.trajectories.models import Coordinator
from eigenkracht.volunteers.demo import demo_volunteers
from eigenkracht.volunteers.duties import facts_for
from eigenkracht.volunteers.models import Application
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_step_and_complete_and_missing_duties_and_runs_once():
    office = UserFactory(email="kantoor@example.org", role="office")
    demo_trajectories(stdout=io.StringIO(), office_user=office)
    demo_volunteers(actor=office, stdout=io.StringIO())
    assert set(Application.objects.values_list("step", flat=True)) == set(Application.Step.values)
    coordinators = list(Coordinator.objects.all())
    facts = facts_for(coordinators, today=timezone.localdate()).values()
    problems = [p for f in facts for p in f.duty_problems]
    assert any("vervallen" in p for p in problems)
    assert "verzekering niet bevestigd" in problems
    assert any(not f.duty_problems for f in facts)
    assert any(f.trained for f in facts) and any(not f.trained for f in facts)
    out = io.StringIO()
    demo_volunteers(actor=office, stdout=out)
    assert "bestaan al" in out.getvalue()
    assert Application.objects.count() == 6
