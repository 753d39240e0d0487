"""Reads for reconciliation: matching candidates in bulk, the review queue, imports."""

import datetime as dt
from collections import defaultdict

from django.db.models import Q, QuerySet
from django.utils import timezone

from eigenkracht.payments.matching import Candidate
from eigenkracht.payments.models import BankTransaction, StatementImport
from eigenkracht.trainings.models import Participant, Registration, Session, Training

# Settled registrations stay candidates this long, so a late or second payment is recognised.
RECENT_DAYS = 365


def _candidate_filter(today: dt.date) -> Q:
    open_statuses = Q(status__in=[Registration.Status.PENDING, Registration.Status.WAITING])
    recent = Q(updated_at__gte=timezone.now() - dt.timedelta(days=RECENT_DAYS))
    return open_statuses | recent


def matching_candidates() -> list[Candidate]:
    """Every registration a payment could be for, as plain data, in four queries.

    Plain `values()` rows instead of model instances: an import matches against tens of
    thousands of registrations and only needs a handful of fields from each.
    """
    today = timezone.localdate()
    condition = _candidate_filter(today)
    rows = list(
        Registration.objects.filter(condition).values_list(
            "pk",
            "code",
            "structured_communication",
            "status",
            "amount_due_cents",
            "amount_paid_cents",
            "first_name",
            "last_name",
            "organisation",
            "training_id",
            "payment_deadline",
        )
    )
    names: dict[int, list[str]] = defaultdict(list)
    for registration_id, first, last in Participant.objects.filter(
        registration__in=Registration.objects.filter(condition)
    ).values_list("registration_id", "first_name", "last_name"):
        names[registration_id].append(f"{first} {last}")
    training_ids = {row[9] for row in rows}
    trainings = {
        pk: (title, city, venue, status)
        for pk, title, city, venue, status in Training.objects.filter(
            pk__in=training_ids
        ).values_list("pk", "title", "venue__city", "venue__name", "status")
    }

    def status_for_matching(status: str, training_id: int, deadline: dt.date | None) -> str:
        # Money for a cancelled training, or for a registration whose seats are no longer held
        # (its deadline passed), must not confirm anything by itself: staff decide.
        if trainings[training_id][3] == Training.Status.CANCELLED:
            return Registration.Status.CANCELLED
        if status == Registration.Status.PENDING and deadline and deadline < today:
            return Registration.Status.EXPIRED
        return status

    dates: dict[int, list[dt.date]] = defaultdict(list)
    for training_id, date in (
        Session.objects.filter(training_id__in=training_ids)
        .order_by("date")
        .values_list("training_id", "date")
    ):
        dates[training_id].append(date)
    # An import holds every candidate while it matches: what they share is kept once.
    session_dates = {training_id: tuple(dates[training_id]) for training_id in training_ids}

    def participants(pk: int, registrant: str) -> tuple[str, ...]:
        written = names.get(pk, ())
        if len(written) == 1 and written[0] == registrant:
            return (registrant,)
        return tuple(written)

    return [
        Candidate(
            registration_id=pk,
            code=code,
            ogm=ogm,
            status=status_for_matching(status, training_id, deadline),
            amount_due_cents=due,
            amount_paid_cents=paid,
            registrant_name=(registrant := f"{first} {last}"),
            participant_names=participants(pk, registrant),
            organisation=organisation,
            training_title=trainings[training_id][0],
            training_city=trainings[training_id][1],
            venue_name=trainings[training_id][2],
            session_dates=session_dates[training_id],
        )
        for (
            pk,
            code,
            ogm,
            status,
            due,
            paid,
            first,
            last,
            organisation,
            training_id,
            deadline,
        ) in (rows)
    ]


def review_queue() -> QuerySet[BankTransaction]:
    """Transactions waiting for a person, oldest first."""
    return (
        BankTransaction.objects.filter(result=BankTransaction.Result.REVIEW)
        .select_related("statement_import")
        .order_by("booking_date", "id")
    )


def imports() -> QuerySet[StatementImport]:
    return StatementImport.objects.select_related("created_by").defer("content")
