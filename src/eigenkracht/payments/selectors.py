"""Reads for reconciliation: matching candidates in bulk, the review queue, imports."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Q, QuerySet
from django.utils import timezone

from eigenkracht.core.bulk import rows_fetch
from eigenkracht.payments.matching import Candidate
from eigenkracht.payments.models import BankTransaction, StatementImport
from eigenkracht.trainings.models import Participant, Registration, Session, Training

# Settled registrations stay candidates this long, so a late or second payment is recognised.
RECENT_DAYS = 365


def _candidate_filter(today: dt.date) -> Q:
    open_statuses = Q(status__in=[Registration.Status.PENDING, Registration.Status.WAITING])
    recent = Q(updated_at__gte=timezone.now() - dt.timedelta(days=RECENT_DAYS))
    return open_statuses | recent


def matching_candidates() -> Iterator[Candidate]:
    """Every registration a payment could be for, as plain data, in four queries.

    Plain rows instead of model instances, each made a `Candidate` only as the matcher reads it
    (which keeps what it needs as columns): an import matches against tens of thousands of
    registrations and only needs a handful of fields from each.
    """
    today = timezone.localdate()
    condition = _candidate_filter(today)
    rows = rows_fetch(
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
    for registration_id, first, last in rows_fetch(
        Participant.objects.filter(
            registration__in=Registration.objects.filter(condition)
        ).values_list("registration_id", "first_name", "last_name")
    ):
        names[registration_id].append(f"{first} {last}")
    training_ids = {row[9] for row in rows}
    trainings = {
        pk: (title, city, venue, status)
        for pk, title, city, venue, status in Training.objects.filter(
            pk__in=training_ids
        ).values_list("pk", "title", "venue__city", "venue__name", "status")
    }

    dates: dict[int, list[dt.date]] = defaultdict(list)
    for training_id, date in (
        Session.objects.filter(training_id__in=training_ids)
        .order_by("date")
        .values_list("training_id", "date")
    ):
        dates[training_id].append(date)
    # An import holds every candidate while it matches: what they share is kept once.
    shared = {
        pk: (title, city, venue, tuple(dates[pk]))
        for pk, (title, city, venue, _status) in trainings.items()
    }
    cancelled = {
        pk for pk, (*_, status) in trainings.items() if status == Training.Status.CANCELLED
    }
    pending, expired = Registration.Status.PENDING, Registration.Status.EXPIRED
    # The driver makes a new string per row: the few statuses are shared, as the matcher keeps a
    # reference to one per candidate.
    statuses: dict[str, str] = {}
    # A loop of positional arguments: building 20,000 candidates is part of every import.
    for pk, code, ogm, status, due, paid, first, last, organisation, training_id, deadline in rows:
        # Money for a cancelled training, or for a registration whose seats are no longer held
        # (its deadline passed), must not confirm anything by itself: staff decide.
        if training_id in cancelled:
            status = Registration.Status.CANCELLED
        elif status == pending and deadline and deadline < today:
            status = expired
        status = statuses.setdefault(status, status)
        registrant = f"{first} {last}"
        written = names.get(pk, ())
        title, city, venue, session_dates = shared[training_id]
        yield Candidate(
            pk,
            code,
            ogm,
            status,
            due,
            paid,
            registrant,
            # Most registrations are for the registrant alone: no tuple to hold for them.
            () if len(written) == 1 and written[0] == registrant else tuple(written),
            organisation,
            title,
            city,
            venue,
            session_dates,
        )


def review_queue() -> QuerySet[BankTransaction]:
    """Transactions waiting for a person, oldest first."""
    return (
        BankTransaction.objects.filter(result=BankTransaction.Result.REVIEW)
        .select_related("statement_import")
        .order_by("booking_date", "id")
    )


def imports() -> QuerySet[StatementImport]:
    return StatementImport.objects.select_related("created_by").defer("content")
