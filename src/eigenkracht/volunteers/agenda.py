"""A coordinator's dates: their conferences, planned follow-ups and time-norm deadlines. One
source for the private calendar feed and the reminder mails."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from eigenkracht.core.models import Organisation
from eigenkracht.trajectories.models import ACTIVE_STATUSES, Conference, Trajectory
from eigenkracht.trajectories.selectors import BEFORE_CONFERENCE

S = Trajectory.Status


@dataclass(frozen=True)
class Deadline:
    trajectory: Trajectory
    day: dt.date


def conference_deadline(trajectory: Trajectory, weeks: int) -> dt.date:
    """The last day of the time norm for the conference, as the overview counts it: the
    trajectory is late once `weeks` have passed since the referral."""
    return timezone.localdate(trajectory.referred_at + dt.timedelta(weeks=weeks))


def open_norm_trajectories(**filters) -> list[Trajectory]:
    """Trajectories with a coordinator whose conference is not held yet."""
    held = Conference.objects.filter(
        trajectory=OuterRef("pk"), kind=Conference.Kind.CONFERENCE, held=True
    )
    return list(
        Trajectory.objects.filter(
            status__in=BEFORE_CONFERENCE, coordinator__isnull=False, **filters
        )
        .exclude(Exists(held))
        .select_related("coordinator__user")
        .order_by("pk")
    )


def norm_deadlines(**filters) -> list[Deadline]:
    weeks = Organisation.current().norm_conference_weeks
    return [Deadline(t, conference_deadline(t, weeks)) for t in open_norm_trajectories(**filters)]


def coordinator_conferences(coordinator_id: int) -> list[Conference]:
    return list(
        Conference.objects.filter(
            trajectory__coordinator_id=coordinator_id, trajectory__status__in=ACTIVE_STATUSES
        )
        .select_related("trajectory")
        .only(
            "id",
            "kind",
            "date",
            "start_time",
            "trajectory__id",
            "trajectory__reference",
        )
        .order_by("date", "pk")
    )


def coordinator_follow_ups(coordinator_id: int) -> list[Trajectory]:
    return list(
        Trajectory.objects.filter(
            coordinator_id=coordinator_id, status=S.FOLLOW_UP, follow_up_due_on__isnull=False
        )
        .only("id", "reference", "follow_up_due_on")
        .order_by("follow_up_due_on", "pk")
    )
