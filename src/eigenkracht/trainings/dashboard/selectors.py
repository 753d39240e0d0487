"""Read queries for the trainings dashboard: one query for the table, one for the chart."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

from eigenkracht.trainings.dashboard.chart import Week
from eigenkracht.trainings.models import Registration, Training
from eigenkracht.trainings.selectors import with_seats

UPCOMING = "upcoming"
RECENT = "recent"
ALL = "all"
PERIODS = (UPCOMING, RECENT, ALL)
RECENT_DAYS = 91  # "the last three months"
CHART_WEEKS = 26

Status = Registration.Status


def _seats(condition: Q) -> Coalesce:
    return Coalesce(Sum("registrations__seats", filter=condition), 0)


def dashboard_trainings(period: str, *, today: dt.date | None = None) -> QuerySet[Training]:
    """Trainings of the period with their figures, in one query however many there are.

    Only one multi-valued relation (registrations) is joined, so the sums are not multiplied;
    the seats actually held come from the subquery of `with_seats`.
    """
    today = today or timezone.localdate()
    queryset = Training.objects.select_related("venue")
    if period == UPCOMING:
        queryset = queryset.filter(starts_on__gte=today).order_by("starts_on", "title")
    elif period == RECENT:
        since = today - dt.timedelta(days=RECENT_DAYS)
        queryset = queryset.filter(starts_on__gte=since, starts_on__lt=today).order_by(
            F("starts_on").desc(), "title"
        )
    else:
        queryset = queryset.order_by(F("starts_on").desc(nulls_last=True), "title")
    open_amount = Greatest(
        F("registrations__amount_due_cents") - F("registrations__amount_paid_cents"), Value(0)
    )
    return with_seats(
        queryset.annotate(
            registered_seats=_seats(
                Q(registrations__status__in=[Status.PENDING, Status.CONFIRMED])
            ),
            paid_seats=_seats(Q(registrations__status=Status.CONFIRMED)),
            waiting_seats=_seats(Q(registrations__status=Status.WAITING)),
            received_cents=Coalesce(Sum("registrations__amount_paid_cents"), 0),
            outstanding_cents=Coalesce(
                Sum(
                    open_amount,
                    filter=Q(registrations__status=Status.PENDING),
                    output_field=IntegerField(),
                ),
                0,
            ),
        )
    )


@dataclass(frozen=True)
class Totals:
    capacity: int = 0
    registered_seats: int = 0
    paid_seats: int = 0
    waiting_seats: int = 0
    seats_left: int = 0
    received_cents: int = 0
    outstanding_cents: int = 0


def totals(trainings: list[Training]) -> Totals:
    """Sums of the rows already fetched: no extra query."""
    return Totals(
        **{
            name: sum(getattr(training, name) for training in trainings)
            for name in Totals.__dataclass_fields__
        }
    )


def registrations_per_week(
    *, training_id: int | None = None, today: dt.date | None = None, weeks: int = CHART_WEEKS
) -> list[Week]:
    """Seats registered per week (Monday to Sunday), the last `weeks` weeks, oldest first.

    The database groups per day (at most 7 x `weeks` rows); Python folds the days into weeks,
    which works the same on SQLite and PostgreSQL.
    """
    today = today or timezone.localdate()
    first_monday = today - dt.timedelta(days=today.weekday(), weeks=weeks - 1)
    since = timezone.make_aware(dt.datetime.combine(first_monday, dt.time.min))
    queryset = Registration.objects.filter(created_at__gte=since)
    if training_id is not None:
        queryset = queryset.filter(training_id=training_id)
    per_day = (
        queryset.annotate(day=TruncDate("created_at"))
        .order_by()
        .values("day")
        .annotate(total=Sum("seats"), confirmed=Sum("seats", filter=Q(status=Status.CONFIRMED)))
    )
    confirmed = [0] * weeks
    other = [0] * weeks
    for row in per_day:
        index = (row["day"] - first_monday).days // 7
        if 0 <= index < weeks:
            confirmed[index] += row["confirmed"] or 0
            other[index] += row["total"] - (row["confirmed"] or 0)
    return [
        Week(first_monday + dt.timedelta(weeks=index), confirmed[index], other[index])
        for index in range(weeks)
    ]
