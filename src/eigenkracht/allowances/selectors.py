"""Reads of the allowances for pages, exports, the command and the funders' figures."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet

from eigenkracht.allowances import rules
from eigenkracht.allowances.models import (
    Declaration,
    Elsewhere,
    Payout,
    YearCaps,
    YearSystem,
)
from eigenkracht.trajectories.models import Coordinator, Trajectory

GRANTED = (Declaration.Status.APPROVED, Declaration.Status.PAID)


def volunteer_days(*, trajectory_ids: list[int] | set[int] | QuerySet) -> dict[int, Decimal]:
    """Days worked per trajectory, from approved (and paid) day declarations. One query.
    `trajectory_ids` may be a queryset of ids: a subquery, for thousands of trajectories."""
    rows = (
        Declaration.objects.filter(
            trajectory_id__in=trajectory_ids, kind=rules.DAY, status__in=GRANTED
        )
        .values("trajectory_id")
        .annotate(days=Count("id"))
    )
    return {row["trajectory_id"]: Decimal(row["days"]) for row in rows}


def coordinator_trajectories(coordinator: Coordinator) -> QuerySet[Trajectory]:
    """Trajectories a coordinator may declare for: the ones assigned to them."""
    return Trajectory.objects.filter(coordinator=coordinator).order_by("-referred_at")


def declarations_of(coordinator: Coordinator, year: int) -> QuerySet[Declaration]:
    return (
        Declaration.objects.filter(coordinator=coordinator, year=year)
        .select_related("trajectory", "payout_line")
        .defer("receipt")
    )


def office_queue() -> QuerySet[Declaration]:
    """Declarations waiting for the office, oldest first, with what the list shows."""
    return (
        Declaration.objects.filter(status=Declaration.Status.SUBMITTED)
        .select_related("coordinator__user", "trajectory")
        .defer("receipt")
        .order_by("on", "id")
    )


def ready_to_pay() -> QuerySet[Declaration]:
    return (
        Declaration.objects.filter(status=Declaration.Status.APPROVED, payout_line__isnull=True)
        .select_related("coordinator__user", "coordinator__payout_account", "trajectory")
        .defer("receipt")
        .order_by("coordinator_id", "on")
    )


def payouts() -> QuerySet[Payout]:
    # Newest first, said again: a query that counts (GROUP BY) drops the model's ordering.
    return (
        Payout.objects.defer("content")
        .annotate(paid_lines=Count("lines__paid_at"))
        .order_by("-created_at", "-id")
    )


@dataclass
class CoordinatorYear:
    """One line of the nominative list and of `volunteer_allowances --json`."""

    coordinator: Coordinator
    system: str
    days: list[tuple[dt.date, str, int]] = field(default_factory=list)  # date, reference, cents
    km: int = 0
    km_cents: int = 0
    trips: list[tuple[dt.date, str, int, int]] = field(default_factory=list)
    real_cents: int = 0
    paid_cents: int = 0
    elsewhere_cents: int = 0
    elsewhere_days: int = 0

    @property
    def flat_cents(self) -> int:
        return sum(amount for _on, _ref, amount in self.days)

    @property
    def total_cents(self) -> int:
        return self.flat_cents + self.km_cents + self.real_cents


def year_overview(year: int, coordinator: Coordinator | None = None) -> list[CoordinatorYear]:
    """Per coordinator what was granted (approved or paid) in `year`; four queries."""
    systems = YearSystem.objects.filter(year=year)
    declarations = (
        Declaration.objects.filter(year=year, status__in=GRANTED)
        .select_related("trajectory")
        .defer("receipt")
        .order_by("on", "id")
    )
    elsewhere = Elsewhere.objects.filter(year=year)
    coordinators = Coordinator.objects.select_related("user")
    if coordinator is not None:
        systems = systems.filter(coordinator=coordinator)
        declarations = declarations.filter(coordinator=coordinator)
        elsewhere = elsewhere.filter(coordinator=coordinator)
        coordinators = coordinators.filter(pk=coordinator.pk)
    system_of = dict(systems.values_list("coordinator_id", "system"))
    by_coordinator: dict[int, list[Declaration]] = defaultdict(list)
    for declaration in declarations:
        by_coordinator[declaration.coordinator_id].append(declaration)
    other = {e.coordinator_id: e for e in elsewhere}
    wanted = set(system_of) | set(by_coordinator)
    if coordinator is not None:
        wanted.add(coordinator.pk)
    lines = []
    for person in coordinators.filter(pk__in=wanted):
        line = CoordinatorYear(person, system_of.get(person.pk, ""))
        for d in by_coordinator.get(person.pk, []):
            reference = d.trajectory.reference
            if d.kind == rules.DAY:
                line.days.append((d.on, reference, d.amount_cents))
            elif d.kind == rules.KM:
                line.km += d.km
                line.km_cents += d.amount_cents
                line.trips.append((d.on, f"{d.route_from} - {d.route_to}", d.km, d.amount_cents))
            else:
                line.real_cents += d.amount_cents
            if d.status == Declaration.Status.PAID:
                line.paid_cents += d.amount_cents
        if person.pk in other:
            line.elsewhere_cents = other[person.pk].amount_cents
            line.elsewhere_days = other[person.pk].days
        lines.append(line)
    return lines


def caps_of(year: int) -> YearCaps | None:
    return YearCaps.objects.filter(year=year).first()


def payouts_made_between(start: dt.date, end: dt.date) -> QuerySet[Payout]:
    """The payout files made in a period, for the accounting's zip (not the withdrawn ones)."""
    return Payout.objects.filter(created_at__date__range=(start, end)).exclude(
        status=Payout.Status.WITHDRAWN
    )
