"""A trajectory never ended is not kept forever: once nobody worked on it for the trajectory term
it is proposed, and approving ends it ("niemand werkte er nog aan") before making it anonymous,
unless somebody worked on it or ended it since the proposal."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.accounts.models import Role
from eigenkracht.allowances.models import Declaration
from eigenkracht.core.models import AuditEntry
from eigenkracht.network.models import NetworkMember
from eigenkracht.privacy.due import due_now
from eigenkracht.privacy.models import RetentionItem
from eigenkracht.privacy.retention import retention_approve, retention_propose
from eigenkracht.reports.figures import trajectory_figures
from eigenkracht.trajectories.forms import StopForm
from eigenkracht.trajectories.models import Trajectory
from eigenkracht.trajectories.services import TrajectoryRefused, note_add, trajectory_stop
from tests.factories import UserFactory
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 5)
UNTOUCHED = "Niemand werkte er nog aan (bewaartermijn)"


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())


def left_open(status: str, since: dt.date) -> Trajectory:
    """A trajectory that stayed at `status` from `since` on, never ended (accepted that day,
    unless it is still a referral)."""
    accepted = None if status == Trajectory.Status.REFERRED else at(since)
    return TrajectoryFactory(status=status, referred_at=at(since), status_changed_at=at(since),
                             accepted_at=accepted)  # fmt: skip


def test_a_trajectory_never_ended_is_due_once_nobody_worked_on_it_for_the_term():
    forgotten = left_open(Trajectory.Status.PREPARATION, dt.date(2020, 3, 1))
    only_read = left_open(Trajectory.Status.PREPARATION, dt.date(2020, 3, 1))
    AuditEntry.objects.create(action="trajectory.view", object_type="trajectories.trajectory",
                              object_id=str(only_read.pk))  # fmt: skip
    on_its_timeline = left_open(Trajectory.Status.FOLLOW_UP, dt.date(2020, 3, 1))
    on_its_timeline.events.create(at=at(dt.date(2023, 5, 1)), action="follow_up",
                                  description="Opvolging")  # fmt: skip
    with_a_note = left_open(Trajectory.Status.ASSIGNED, dt.date(2020, 3, 1))
    note_add(trajectory=with_a_note, text="Gebeld met mama", actor=UserFactory(role=Role.OFFICE))
    map_opened = left_open(Trajectory.Status.INTAKE, dt.date(2020, 3, 1))
    NetworkMember.objects.create(trajectory=map_opened, name="Oma Rita")  # opening adds people
    a_day_declared = left_open(Trajectory.Status.PREPARATION, dt.date(2020, 3, 1))
    Declaration.objects.create(
        coordinator=CoordinatorFactory(),
        trajectory=a_day_declared,
        kind="day",
        on=dt.date(2022, 6, 1),
        year=2022,
        amount_cents=3500,
    )
    a_referral = left_open(Trajectory.Status.REFERRED, dt.date(2021, 1, 4))

    due = due_now(today=TODAY).items["trajectories"]["trajectory"]

    assert due == [forgotten.pk, only_read.pk, map_opened.pk, a_referral.pk]


def test_approving_ends_a_forgotten_trajectory_then_makes_it_anonymous_and_keeps_one_worked_on(
    client, django_capture_on_commit_callbacks
):
    forgotten = left_open(Trajectory.Status.PREPARATION, dt.date(2020, 3, 1))
    a_referral = left_open(Trajectory.Status.REFERRED, dt.date(2021, 1, 4))
    picked_up = left_open(Trajectory.Status.INTAKE, dt.date(2020, 3, 1))
    ended_meanwhile = left_open(Trajectory.Status.PREPARATION, dt.date(2020, 3, 1))
    proposal = retention_propose()
    manager = UserFactory(role=Role.MANAGER)
    login_verified(client, manager)
    items_url = reverse("privacy:retention_items", args=[proposal.pk, "trajectories"])
    assert "Nooit afgesloten: “Voorbereiding” sinds 01/03/2020" in client.get(items_url).text
    # Between the proposal and the approval the office picks one up and ends another.
    office = UserFactory(role=Role.OFFICE)
    note_add(trajectory=picked_up, text="Het gezin belde terug", actor=office)
    trajectory_stop(trajectory=ended_meanwhile, reason=Trajectory.StopReason.NO_NETWORK,
                    actor=office)  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        retention_approve(proposal=proposal, actor=manager)

    for ended in (forgotten, a_referral):
        ended.refresh_from_db()
        assert (ended.status, ended.stop_reason) == (
            Trajectory.Status.STOPPED,
            Trajectory.StopReason.UNTOUCHED,
        )
        assert ended.anonymised_at is not None
    assert forgotten.events.filter(action="end_untouched").exists()
    picked_up.refresh_from_db()
    assert (picked_up.status, picked_up.anonymised_at) == (Trajectory.Status.INTAKE, None)
    ended_meanwhile.refresh_from_db()
    assert ended_meanwhile.anonymised_at is None  # its term starts at the stop
    assert ended_meanwhile.central_question.startswith("Hoe kan Emma")
    kept = RetentionItem.objects.filter(proposal=proposal, kept=True)
    assert sorted(kept.values_list("object_id", flat=True)) == [picked_up.pk, ended_meanwhile.pk]
    assert client.get(items_url).text.count("bewaard: intussen gewijzigd") == 2
    batch = AuditEntry.objects.get(action="retention.batch_done")
    assert batch.data == {"counts": {"trajectories": 2}, "no_longer_due": 2}


def test_the_figures_count_a_forgotten_trajectory_as_ended_for_that_reason_only(
    django_capture_on_commit_callbacks,
):
    left_open(Trajectory.Status.PREPARATION, dt.date(2020, 3, 1))
    left_open(Trajectory.Status.REFERRED, dt.date(2020, 5, 1))
    year_2020 = {"start": dt.date(2020, 1, 1), "end": dt.date(2020, 12, 31)}
    before = trajectory_figures(**year_2020)

    with django_capture_on_commit_callbacks(execute=True):
        retention_approve(proposal=retention_propose(), actor=UserFactory(role=Role.MANAGER))

    after = trajectory_figures(**year_2020)
    assert (before.referrals, before.declined, before.undecided) == (2, 0, 1)
    # The referral nobody decided on stays undecided; the one accepted shows its own reason.
    assert (after.referrals, after.declined, after.undecided) == (2, 0, 1)
    assert after.accepted == before.accepted == 1
    assert dict(after.stopped)[UNTOUCHED] == 1
    assert sum(n for label, n in after.stopped if label != UNTOUCHED) == 0


def test_the_office_cannot_choose_the_retention_s_reason_to_stop():
    assert "untouched" not in dict(StopForm().fields["reason"].choices)
    trajectory = TrajectoryFactory(status=Trajectory.Status.PREPARATION)
    with pytest.raises(TrajectoryRefused, match="Kies waarom"):
        trajectory_stop(trajectory=trajectory, reason="untouched",
                        actor=UserFactory(role=Role.OFFICE))  # fmt: skip


def test_no_note_lands_on_a_trajectory_made_anonymous(django_capture_on_commit_callbacks):
    forgotten = left_open(Trajectory.Status.PREPARATION, dt.date(2020, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        retention_approve(proposal=retention_propose(), actor=UserFactory(role=Role.MANAGER))
    forgotten.refresh_from_db()

    with pytest.raises(TrajectoryRefused, match="anoniem gemaakt"):
        note_add(trajectory=forgotten, text="Mama: 0470 12 34 56",
                 actor=UserFactory(role=Role.OFFICE))  # fmt: skip
    assert not forgotten.notes.exists()
