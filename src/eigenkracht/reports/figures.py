"""The figures funders and researchers ask for, over the referrals of a period. No names: only
counts, shares, averages and medians. A fixed number of queries, whatever the period holds."""

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.utils import timezone

from eigenkracht.allowances.selectors import volunteer_days
from eigenkracht.trajectories.models import (
    SATISFACTION_GROUPS,
    Conference,
    Domain,
    FollowUp,
    Plan,
    Trajectory,
)


@dataclass(frozen=True)
class Figures:
    start: dt.date
    end: dt.date
    referrals: int
    declined: int
    by_domain: list[tuple[str, int]]
    by_referrer_type: list[tuple[str, int]]
    reached_conference: int
    reached_plan: int
    stopped: list[tuple[str, int]]
    outcomes: list[tuple[str, int]]
    days_to_conference: list[int] = field(default_factory=list)
    attendees: list[int] = field(default_factory=list)
    agreements: list[int] = field(default_factory=list)
    satisfaction: dict[str, float | None] = field(default_factory=dict)
    # Days the coordinator worked, per trajectory with approved day declarations.
    volunteer_days: list[Decimal] = field(default_factory=list)

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def accepted(self) -> int:
        return self.referrals - self.declined

    @property
    def conference_share(self) -> float | None:
        return self._share(self.reached_conference, self.accepted)

    @property
    def plan_share(self) -> float | None:
        return self._share(self.reached_plan, self.accepted)

    @staticmethod
    def _median(values: list[int]) -> float | None:
        return statistics.median(values) if values else None

    @staticmethod
    def _mean(values: list[int]) -> float | None:
        return round(statistics.fmean(values), 1) if values else None

    @property
    def days_to_conference_median(self) -> float | None:
        return self._median(self.days_to_conference)

    @property
    def attendees_mean(self) -> float | None:
        return self._mean(self.attendees)

    @property
    def agreements_mean(self) -> float | None:
        return self._mean(self.agreements)

    @property
    def volunteer_days_total(self) -> Decimal:
        return sum(self.volunteer_days, Decimal(0))

    @property
    def volunteer_days_mean(self) -> float | None:
        return self._mean([float(days) for days in self.volunteer_days])


def _labelled(counts: Counter, choices) -> list[tuple[str, int]]:
    return [(str(label), counts.get(value, 0)) for value, label in choices]


def trajectory_figures(*, start: dt.date, end: dt.date) -> Figures:
    """Referrals made from `start` to `end` (both included), and what became of them."""
    tz = timezone.get_current_timezone()
    referred = Trajectory.objects.filter(
        referred_at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        referred_at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )
    held = Conference.objects.filter(
        trajectory=OuterRef("pk"), kind=Conference.Kind.CONFERENCE, held=True
    )
    accepted_plan = Plan.objects.filter(trajectory=OuterRef("pk"), status=Plan.Status.ACCEPTED)
    annotated = referred.annotate(with_conference=Exists(held), with_plan=Exists(accepted_plan))
    rows = list(
        annotated.values_list(
            "domains", "referrer_type", "status", "stop_reason", "outcome", "with_conference",
            "with_plan", "pk",
        )
    )  # fmt: skip
    domains: Counter = Counter()
    for row in rows:
        domains.update(set(row[0]))
    conferences = list(
        Conference.objects.filter(
            trajectory__in=referred, kind=Conference.Kind.CONFERENCE, held=True
        )
        .annotate(
            attendees=Count(
                "attendance",
                filter=Q(attendance__information_round=True)
                | Q(attendance__family_time=True)
                | Q(attendance__plan_presentation=True),
            )
        )
        .values_list("date", "trajectory__referred_at", "attendees")
    )
    agreements = list(
        Plan.objects.filter(trajectory__in=referred, status=Plan.Status.ACCEPTED)
        .annotate(count=Count("agreements"))
        .values_list("count", flat=True)
    )
    averages = FollowUp.objects.filter(trajectory__in=referred).aggregate(
        **{name: Avg(name) for name in SATISFACTION_GROUPS}
    )
    return Figures(
        start=start,
        end=end,
        referrals=len(rows),
        declined=sum(1 for row in rows if row[2] == Trajectory.Status.DECLINED),
        by_domain=_labelled(domains, Domain.choices),
        by_referrer_type=_labelled(
            Counter(row[1] for row in rows), Trajectory.ReferrerType.choices
        ),
        reached_conference=sum(1 for row in rows if row[5]),
        reached_plan=sum(1 for row in rows if row[6]),
        stopped=_labelled(
            Counter(row[3] for row in rows if row[2] == Trajectory.Status.STOPPED),
            Trajectory.StopReason.choices,
        ),
        outcomes=_labelled(
            Counter(row[4] for row in rows if row[2] == Trajectory.Status.CLOSED),
            [
                choice
                for choice in Trajectory.Outcome.choices
                if choice[0] != Trajectory.Outcome.STOPPED
            ],
        ),
        days_to_conference=[
            (date - timezone.localdate(referred_at)).days
            for date, referred_at, _attendees in conferences
        ],
        attendees=[attendees for _date, _referred, attendees in conferences],
        agreements=agreements,
        satisfaction={
            name: None if value is None else round(float(value), 1)
            for name, value in averages.items()
        },
        volunteer_days=list(volunteer_days(trajectory_ids=[row[7] for row in rows]).values()),
    )
