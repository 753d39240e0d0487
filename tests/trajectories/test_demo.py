"""The demo trajectories: every phase once or more, made through the services, safe to run twice,
and the demo referrer sees exactly their own referrals."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from eigenkracht.accounts.models import User
from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.trajectories import selectors
from eigenkracht.trajectories.demo import (
    DEMO_COORDINATOR_EMAIL,
    DEMO_COORDINATOR_PASSWORD,
    DEMO_REFERRER_EMAIL,
    DEMO_REFERRER_PASSWORD,
    demo_trajectories,
)
from eigenkracht.trajectories.models import (
    Agreement,
    Conference,
    Coordinator,
    FollowUp,
    Participant,
    Plan,
    Trajectory,
    TrajectoryEvent,
)
from eigenkracht.trajectories.policies import (
    can_decide_on_plan,
    can_view_trajectory,
    can_work_on_trajectory,
    trajectories_visible_to,
)
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db
S = Trajectory.Status
MODELS = (
    Trajectory,
    TrajectoryEvent,
    Participant,
    Conference,
    Plan,
    Agreement,
    FollowUp,
    Coordinator,
    User,
    AuditEntry,
    OutboxMessage,
)


def _run(office_user) -> str:
    out = io.StringIO()
    demo_trajectories(stdout=out, office_user=office_user)
    return out.getvalue()


def _snapshot() -> dict[str, object]:
    counts = {model.__name__: model.objects.count() for model in MODELS}
    statuses = dict(Trajectory.objects.values_list("reference", "status"))
    return {**counts, "statuses": statuses}


def test_the_demo_has_every_phase_and_a_second_run_changes_nothing(office_user):
    first = _run(office_user)
    statuses = set(Trajectory.objects.values_list("status", flat=True))
    assert statuses == set(S.values)
    assert "Gestopt: 1 traject" in first and "Opvolging: 2 trajecten" in first
    before = _snapshot()

    second = _run(office_user)

    assert "bestaan al; niets veranderd" in second
    assert _snapshot() == before


def test_the_demo_went_through_the_services_with_dates_in_the_past(office_user):
    _run(office_user)
    today = timezone.localdate()
    for trajectory in Trajectory.objects.all():
        transitions = list(
            trajectory.events.exclude(to_status="").values_list("to_status", flat=True)
        )
        assert transitions[-1] == trajectory.status, trajectory.reference
        assert AuditEntry.objects.filter(
            action="trajectory.referred", object_id=str(trajectory.pk)
        ).exists()
    oldest = Trajectory.objects.order_by("referred_at").first()
    assert timezone.localdate(oldest.referred_at) < today - dt.timedelta(weeks=20)
    events = oldest.events.values_list("at", flat=True)
    assert list(events) == sorted(events)  # the timeline tells the story in order

    # The office's signals: one referral waits too long for a coordinator, one follow-up is late,
    # the other follow-up is still to come.
    norms = selectors.norms_now()
    warnings = selectors.warning_counts(office_user, norms=norms)
    assert warnings["late_coordinator"] == 1
    assert warnings["late_follow_up"] == 1
    due = sorted(
        Trajectory.objects.filter(status=S.FOLLOW_UP).values_list("follow_up_due_on", flat=True)
    )
    assert due[0] < today < due[1]
    assert Trajectory.objects.filter(status=S.REFERRED, urgency="urgent").count() == 1
    upcoming = Conference.objects.get(trajectory__status=S.CONFERENCE_PLANNED)
    assert upcoming.date > today and not upcoming.held
    closed = dict(Trajectory.objects.filter(status=S.CLOSED).values_list("outcome", "status"))
    assert set(closed) == {"plan_with_conference", "plan_without_conference"}
    assert Trajectory.objects.get(status=S.STOPPED).stop_reason == "no_network"


def test_the_demo_referrer_sees_exactly_their_referrals_and_can_accept_the_waiting_plan(
    office_user,
):
    _run(office_user)
    referrer = User.objects.get(email=DEMO_REFERRER_EMAIL)
    assert referrer.role == "referrer" and referrer.check_password(DEMO_REFERRER_PASSWORD)
    theirs = set(Trajectory.objects.filter(referrer_email=DEMO_REFERRER_EMAIL))
    others = set(Trajectory.objects.exclude(referrer_email=DEMO_REFERRER_EMAIL))
    assert len(theirs) >= 10 and others  # most, not all, come from the demo referrer

    listed = selectors.trajectories_for_list(referrer, norms=selectors.norms_now())
    assert set(listed) == theirs
    assert set(trajectories_visible_to(referrer, Trajectory.objects.all())) == theirs
    assert all(can_view_trajectory(referrer, t) for t in theirs)
    assert not any(can_view_trajectory(referrer, t) for t in others)
    assert not any(can_work_on_trajectory(referrer, t) for t in theirs)

    waiting = Trajectory.objects.get(status=S.PLAN_MADE)
    assert waiting in theirs and can_decide_on_plan(referrer, waiting)
    assert waiting.plans.get().status == Plan.Status.PRESENTED


def test_the_demo_coordinator_has_a_login_and_several_trajectories(office_user):
    _run(office_user)
    coordinator = Coordinator.objects.get(user__email=DEMO_COORDINATOR_EMAIL)
    assert coordinator.user.check_password(DEMO_COORDINATOR_PASSWORD)
    mine = set(coordinator.trajectories.values_list("status", flat=True))
    assert {S.PREPARATION, S.PLAN_MADE} <= mine and len(mine) >= 3
    others = Coordinator.objects.exclude(pk=coordinator.pk)
    assert others.count() == 3
    assert not any(c.user.has_usable_password() for c in others)
    languages = {code for c in Coordinator.objects.all() for code in c.languages}
    assert {"nl", "fr", "ar", "tr"} <= languages
    preparation = Trajectory.objects.get(status=S.PREPARATION)
    roles = set(preparation.participants.values_list("role", flat=True))
    assert roles == set(Participant.Role.values)
    invitations = set(preparation.participants.values_list("invitation", flat=True))
    assert len(invitations) >= 3


def test_the_demo_pages_open_for_the_office_the_coordinator_and_the_referrer(
    office_user, office_client
):
    _run(office_user)
    assert office_client.get(reverse("trajectories:list")).status_code == 200
    for trajectory in Trajectory.objects.all():
        for name in ("detail", "participants", "plan"):
            url = reverse(f"trajectories:{name}", args=[trajectory.pk])
            assert office_client.get(url).status_code == 200, url

    coordinator = Client()
    login_verified(coordinator, User.objects.get(email=DEMO_COORDINATOR_EMAIL))
    mine = coordinator.get(reverse("trajectories:list")).content.decode()
    preparation = Trajectory.objects.get(status=S.PREPARATION)
    assert preparation.reference in mine

    referrer = Client()
    login_verified(referrer, User.objects.get(email=DEMO_REFERRER_EMAIL))
    listed = referrer.get(reverse("trajectories:list")).content.decode()
    for trajectory in Trajectory.objects.all():
        assert (trajectory.reference in listed) == (
            trajectory.referrer_email == DEMO_REFERRER_EMAIL
        ), trajectory.reference
    waiting = Trajectory.objects.get(status=S.PLAN_MADE)
    referrer.post(reverse("trajectories:plan_decide", args=[waiting.pk]), {"decision": "accept"})
    waiting.refresh_from_db()
    assert waiting.status == S.FOLLOW_UP
