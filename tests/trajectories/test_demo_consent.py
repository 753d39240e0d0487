"""The demo shows a signed form that came after the referral and a withdrawn consent."""

import io

import pytest

from eigenkracht.trajectories.demo import demo_trajectories
from eigenkracht.trajectories.demo.consent import demo_consent
from eigenkracht.trajectories.models import Consent, Trajectory

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_signed_form_and_a_withdrawal_and_a_second_run_changes_nothing(
    office_user,
):
    demo_trajectories(stdout=io.StringIO(), office_user=office_user)
    out = io.StringIO()
    demo_consent(actor=office_user, stdout=out)

    withdrawn = Trajectory.objects.get(consent_withdrawn_on__isnull=False)
    assert withdrawn.status == Trajectory.Status.STOPPED
    assert withdrawn.stop_reason == Trajectory.StopReason.CONSENT_WITHDRAWN
    assert withdrawn.consent_withdrawn_on <= withdrawn.closed_at.date()
    assert Consent.objects.filter(recorded_by=office_user, method="written").count() == 1
    # Every referral recorded its own consent.
    assert not Trajectory.objects.filter(consents__isnull=True).exists()

    again = io.StringIO()
    demo_consent(actor=office_user, stdout=again)
    assert "bestaat al" in again.getvalue()
    assert Consent.objects.count() == Trajectory.objects.count() + 1
