"""The demo gives the manager a retention proposal with content and the office two requests,
one of them overdue; running the demo twice adds nothing."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from eigenkracht.privacy.models import PrivacyRequest, RetentionProposal
from eigenkracht.privacy.selectors import overdue_requests

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_proposal_and_requests():
    call_command("demo_data", "--force", stdout=io.StringIO())
    call_command("demo_data", "--force", stdout=io.StringIO())

    proposal = RetentionProposal.objects.get(status=RetentionProposal.Status.PROPOSED)
    assert proposal.counts["registrations"] == 4
    assert proposal.counts["trajectories"] == 1 and proposal.counts["referrals"] == 1
    assert PrivacyRequest.objects.count() == 2
    assert overdue_requests(timezone.localdate()).count() == 1
