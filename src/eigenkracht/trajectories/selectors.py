"""Reads for the trajectory pages: the overview with its warnings, the coordinators' load."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from eigenkracht.core.models import Organisation
from eigenkracht.trajectories.models import (
    ACTIVE_STATUSES,
    Conference,
    Coordinator,
    Participant,
    Trajectory,
)
from eigenkracht.trajectories.policies import trajectories_visible_to

S = Trajectory.Status
BEFORE_COORDINATOR = (S.REFERRED, S.INTAKE)
BEFORE_CONFERENCE = (S.REFERRED, S.INTAKE, S.ASSIGNED, S.PREPARATION, S.CONFERENCE_PLANNED)


def working_days_before(day: dt.date, count: int) -> dt.date:
    """The date `count` Belgian working days (no weekends, no public holidays) before `day`."""
    import holidays  # about 50 ms to import: the commands that never ask do not pay it

    closed = holidays.country_holidays("BE", years=range(day.year - 1, day.year + 1))
    while count > 0:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            count -= 1
    return day


@dataclass(frozen=True)
class Norms:
    """The moments before which a trajectory is late, computed once per page."""

    no_coordinator_before: dt.datetime
    no_conference_before: dt.datetime
    today: dt.date


def norms_now(organisation: Organisation | None = None) -> Norms:
    organisation = organisation or Organisation.current()
    today = timezone.localdate()
    start = working_days_before(today, organisation.norm_coordinator_working_days)
    tz = timezone.get_current_timezone()
    return Norms(
        no_coordinator_before=dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        no_conference_before=timezone.now()
        - dt.timedelta(weeks=organisation.norm_conference_weeks),
        today=today,
    )


def _late_conditions(norms: Norms) -> dict[str, Q]:
    return {
        "late_coordinator": Q(
            status__in=BEFORE_COORDINATOR, referred_at__lt=norms.no_coordinator_before
        ),
        "late_conference": Q(
            status__in=BEFORE_CONFERENCE, referred_at__lt=norms.no_conference_before
        )
        & ~Exists(
            Conference.objects.filter(
                trajectory=OuterRef("pk"), kind=Conference.Kind.CONFERENCE, held=True
            )
        ),
        "late_follow_up": Q(status=S.FOLLOW_UP, follow_up_due_on__lt=norms.today),
    }


def _due_conditions(norms: Norms) -> dict[str, Q]:
    """Work that is due, not late: the list filters on it, its rows carry no warning."""
    return {"follow_up_due": Q(status=S.FOLLOW_UP, follow_up_due_on__lte=norms.today)}


LONG_TEXTS = (
    "central_question",
    "concerns",
    "limits",
    "intake_note",
    "stop_reason_text",
    "wish_background",
)


def trajectories_for_list(
    user: Any,
    *,
    norms: Norms,
    status: str = "",
    warning: str = "",
    query: str = "",
) -> QuerySet[Trajectory]:
    """The trajectories `user` may see, with their warnings and main people, for one page."""
    conditions = _late_conditions(norms)
    queryset = trajectories_visible_to(user, Trajectory.objects.all())
    if status:
        queryset = queryset.filter(status=status)
    filters = {**conditions, **_due_conditions(norms)}
    if warning in filters:
        queryset = queryset.filter(filters[warning])
    if query:
        # An uncorrelated IN: PostgreSQL reads the names once through their trigram index and
        # costs it as such (a correlated EXISTS inside an OR is estimated so high that every
        # search paid for JIT compilation).
        named = Participant.objects.filter(
            role=Participant.Role.MAIN_PERSON, name__icontains=query
        ).values("trajectory_id")
        queryset = queryset.filter(Q(reference__icontains=query) | Q(pk__in=named))
    return (
        queryset.select_related("coordinator__user")
        # The list shows none of the long texts: leaving them out keeps deep pages' sorts small.
        .defer(*LONG_TEXTS, "coordinator__user__password", "coordinator__remarks")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.filter(role=Participant.Role.MAIN_PERSON),
            )
        )
        .annotate(
            **{
                name: Case(
                    When(condition, then=Value(True)), default=False, output_field=BooleanField()
                )
                for name, condition in conditions.items()
            }
        )
        .order_by("-referred_at", "-id")
    )


def status_counts(user: Any) -> dict[str, int]:
    rows = (
        trajectories_visible_to(user, Trajectory.objects.all())
        .order_by()
        .values("status")
        .annotate(count=Count("id"))
    )
    return {row["status"]: row["count"] for row in rows}


def warning_counts(user: Any, *, norms: Norms) -> dict[str, int]:
    conditions = _late_conditions(norms)
    return trajectories_visible_to(user, Trajectory.objects.all()).aggregate(
        **{name: Count("id", filter=condition) for name, condition in conditions.items()}
    )


def coordinators_with_load() -> QuerySet[Coordinator]:
    return (
        Coordinator.objects.select_related("user")
        .filter(user__is_active=True)
        .annotate(
            active_count=Count("trajectories", filter=Q(trajectories__status__in=ACTIVE_STATUSES))
        )
    )


def work_counts(user: Any, *, norms: Norms) -> dict[str, int]:
    """The trajectory work on the home page, in one query: each count is the number of rows of
    the list it links to (the inbox for new referrals, the list with `?warning=<name>`)."""
    conditions = {
        **_late_conditions(norms),
        **_due_conditions(norms),
        "referred": Q(status=S.REFERRED),
    }
    return trajectories_visible_to(user, Trajectory.objects.all()).aggregate(
        **{name: Count("id", filter=condition) for name, condition in conditions.items()}
    )
