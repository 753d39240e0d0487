"""The demo has evaluations: enough to pass the threshold of 5 in some groups, not in others."""

import io

import pytest
from django.core.management import call_command

from eigenkracht.accounts.models import User
from eigenkracht.evaluations.demo import demo_evaluations
from eigenkracht.evaluations.models import ConferenceResponse
from eigenkracht.evaluations.selectors import MIN_RESPONSES, conference_satisfaction
from eigenkracht.trajectories.models import Trajectory

pytestmark = pytest.mark.django_db


def test_the_demo_answers_pass_the_threshold_in_some_groups_only(settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())
    out = io.StringIO()

    demo_evaluations(actor=User.objects.get(email="kantoor@example.org"), stdout=out)
    demo_evaluations(actor=User.objects.get(email="kantoor@example.org"), stdout=out)

    groups = {g.group: g.n for g in conference_satisfaction(Trajectory.objects.all())}
    assert any(n >= MIN_RESPONSES for n in groups.values()), groups
    assert any(0 < n < MIN_RESPONSES for n in groups.values()), groups
    assert "niets veranderd" in out.getvalue()
    assert ConferenceResponse.objects.count() == sum(groups.values())
