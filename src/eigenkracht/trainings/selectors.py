"""Read queries for the trainings pages, each with a constant number of queries."""

import datetime as dt

from django.db import connection
from django.db.models import (
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from eigenkracht.core.models import Organisation
from eigenkracht.pages.models import Page
from eigenkracht.trainings.models import Registration, Session, Trainer, Training, Venue


def seat_holding_q(today: dt.date) -> Q:
    """Registrations that hold seats: confirmed, pending within their deadline, or offered a seat
    from the waiting list that they can still accept."""
    return (
        Q(status=Registration.Status.CONFIRMED)
        | Q(status=Registration.Status.PENDING, payment_deadline__gte=today)
        | Q(status=Registration.Status.WAITING, offer_expires_at__gt=timezone.now())
    )


def seats_taken_subquery(today: dt.date) -> Coalesce:
    taken = (
        Registration.objects.filter(seat_holding_q(today), training=OuterRef("pk"))
        .order_by()
        .values("training")
        .annotate(total=Sum("seats"))
        .values("total")
    )
    return Coalesce(Subquery(taken, output_field=IntegerField()), 0)


def with_seats(queryset: QuerySet[Training]) -> QuerySet[Training]:
    today = timezone.localdate()
    waiting = Registration.objects.filter(
        training=OuterRef("pk"), status=Registration.Status.WAITING
    )
    return queryset.annotate(
        seats_taken=seats_taken_subquery(today), has_waiting_list=Exists(waiting)
    )


def calendar_version() -> str:
    """Changes whenever something the public training pages show changes.

    Runs on every visit to a cached page, so it is one plain statement over indexed maxima:
    building the equivalent ORM query costs more than running it. Time changes a page too: the
    number of registration windows that have opened or closed by now (a small table) turns the
    version when one does, so a cached "Inschrijven" disappears when registration closes.
    """
    maxima = ", ".join(
        f"(SELECT MAX(updated_at) FROM {model._meta.db_table})"  # noqa: S608 - our own tables
        for model in (Organisation, Training, Registration, Venue, Page, Trainer)
    )
    trainings = Training._meta.db_table
    windows = (
        f"(SELECT COUNT(registration_opens_at <= %s OR NULL)"  # noqa: S608 - our own table
        f" + COUNT(registration_closes_at <= %s OR NULL) FROM {trainings})"
    )
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {maxima}, {windows}", [now, now])
        return repr(cursor.fetchone())


def seats_taken(training: Training) -> int:
    today = timezone.localdate()
    result = training.registrations.filter(seat_holding_q(today)).aggregate(total=Sum("seats"))
    return result["total"] or 0


def public_trainings(*, city: str = "", month: dt.date | None = None) -> QuerySet[Training]:
    """Upcoming published trainings for the calendar, with venue, sessions and seats."""
    today = timezone.localdate()
    queryset = Training.objects.filter(status=Training.Status.PUBLISHED, starts_on__gte=today)
    if city:
        queryset = queryset.filter(venue__city__iexact=city)
    if month:
        # A training of several days belongs to every month it has a session in.
        in_month = Session.objects.filter(
            training=OuterRef("pk"), date__year=month.year, date__month=month.month
        )
        queryset = queryset.filter(Exists(in_month))
    return with_seats(
        queryset.select_related("venue")
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("date")))
        .order_by("starts_on", "title")
    )


def public_training(pk: int) -> Training:
    """One published (or cancelled, so old links still explain themselves) training."""
    return with_seats(
        Training.objects.filter(
            pk=pk, status__in=[Training.Status.PUBLISHED, Training.Status.CANCELLED]
        )
        .select_related("venue")
        .prefetch_related("sessions", "trainers")
    ).get()


def calendar_cities() -> list[str]:
    today = timezone.localdate()
    return list(
        Training.objects.filter(status=Training.Status.PUBLISHED, starts_on__gte=today)
        .order_by("venue__city")
        .values_list("venue__city", flat=True)
        .distinct()
    )


def calendar_months() -> list[dt.date]:
    """Every month with a session of a training on the calendar."""
    today = timezone.localdate()
    return list(
        Session.objects.filter(
            training__status=Training.Status.PUBLISHED, training__starts_on__gte=today
        ).dates("date", "month")
    )


def registrations_search(queryset: QuerySet[Registration], query: str) -> QuerySet[Registration]:
    """Filter by name, e-mail, code or structured communication (with or without +++ and /)."""
    query = query.strip()
    if not query:
        return queryset
    digits = "".join(ch for ch in query if ch.isdigit())
    condition = (
        Q(first_name__icontains=query)
        | Q(last_name__icontains=query)
        | Q(email__icontains=query)
        | Q(code__iexact=query)
        | Q(participants__first_name__icontains=query)
        | Q(participants__last_name__icontains=query)
        | Q(participants__email__icontains=query)
    )
    parts = query.split()
    if len(parts) == 2:
        condition |= Q(first_name__icontains=parts[0], last_name__icontains=parts[1]) | Q(
            first_name__icontains=parts[1], last_name__icontains=parts[0]
        )
    if len(digits) >= 4:
        condition |= Q(structured_communication__contains=digits)
    return queryset.filter(condition).distinct()


# The office's list of registrations waiting for payment, across trainings (`?toon=<key>`).
AWAITING_PAYMENT_FILTERS = {
    "open": Q(),
    "na-herinnering": Q(reminder_sent_at__isnull=False),
}


def registrations_awaiting_payment(show: str = "open") -> QuerySet[Registration]:
    """Pending registrations, the nearest deadline first; `na-herinnering`: only those that got
    their payment reminder and still did not pay (the home page counts these). Not those of a
    cancelled training: nobody is asked to pay for it (the office cancels them one by one)."""
    return (
        Registration.objects.filter(
            AWAITING_PAYMENT_FILTERS.get(show, Q()), status=Registration.Status.PENDING
        )
        .exclude(training__status=Training.Status.CANCELLED)
        .select_related("training")
        .order_by(F("payment_deadline").asc(nulls_last=True), "id")
    )
