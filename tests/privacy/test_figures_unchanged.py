"""Anonymising keeps every figure: the funders' page and the trainings' statistics are computed
on the demo data, everything is made anonymous through the retention pipeline (and the rest
directly), and the figures are computed again."""

import dataclasses
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from eigenkracht.core.models import RetentionTerms
from eigenkracht.privacy.anonymise import registrations_anonymise, trajectories_anonymise
from eigenkracht.privacy.models import RetentionProposal
from eigenkracht.privacy.retention import retention_approve, retention_carry_out, retention_propose
from eigenkracht.reports.figures import trajectory_figures
from eigenkracht.trainings.dashboard.selectors import (
    dashboard_trainings,
    registrations_per_week,
    totals,
)
from eigenkracht.trainings.models import Registration
from eigenkracht.trajectories.models import Trajectory

pytestmark = pytest.mark.django_db

FIGURE_FIELDS = (
    "pk", "capacity", "registered_seats", "paid_seats", "waiting_seats", "seats_left",
    "received_cents", "outstanding_cents",
)  # fmt: skip


def every_figure() -> dict:
    today = timezone.localdate()
    trainings = list(dashboard_trainings("all"))
    return {
        "trajectories": dataclasses.asdict(
            trajectory_figures(start=dt.date(2000, 1, 1), end=today + dt.timedelta(days=400))
        ),
        "trainings": [tuple(getattr(t, name) for name in FIGURE_FIELDS) for t in trainings],
        "totals": totals(trainings),
        "per_week": registrations_per_week(weeks=60),
    }


def test_every_figure_is_the_same_after_anonymising_everything(django_user_model):
    call_command("demo_data", "--force", stdout=io.StringIO())
    manager = django_user_model.objects.get(email="beheer@example.org")
    before = every_figure()
    assert before["trajectories"]["referrals"] > 5 and before["totals"].registered_seats > 5

    # Far in the future, every finished trajectory and every registration is past its term.
    proposal = retention_propose(now=timezone.now() + dt.timedelta(days=365 * 40), force=True)
    assert proposal.counts["registrations"] == Registration.objects.count()
    retention_approve(proposal=proposal, actor=manager)
    retention_carry_out()
    proposal.refresh_from_db()
    assert proposal.status == RetentionProposal.Status.DONE
    # Trajectories still running were proposed too (40 years on nobody works on them), but the
    # carrying out weighs them again today and keeps them: anonymise them directly for the
    # comparison. Ending a forgotten one does change the figures, on purpose: see
    # test_retention_never_ended.py.
    trajectories_anonymise(list(Trajectory.objects.values_list("pk", flat=True)))
    registrations_anonymise(list(Registration.objects.values_list("pk", flat=True)))

    assert not Registration.objects.exclude(first_name="Anoniem").exists()
    assert not Trajectory.objects.exclude(referrer_name="Anoniem").exists()
    assert every_figure() == before
    assert RetentionTerms.current().registrations_years == 2
