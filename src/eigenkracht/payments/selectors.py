"""Reads for reconciliation: matching candidates in bulk, the review queue, imports."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from itertools import chain

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


# Rows read per fetch: an import reads hundreds of thousands of candidates, and holds a batch.
CANDIDATE_BATCH = 5_000


def matching_candidates() -> Iterator[Candidate]:
    """Every registration a payment could be for, as plain data, in id order.

    Plain rows instead of model instances, read a batch at a time (a server-side cursor on
    PostgreSQL), each made a `Candidate` only as the matcher reads it (which keeps what it
    needs as columns): an import matches against hundreds of thousands of registrations and
    needs only a handful of fields from each. Their participants are read beside them, in the
    same order.
    """
    today = timezone.localdate()
    candidates = Registration.objects.filter(_candidate_filter(today))
    rows = (
        candidates.order_by("pk")
        .values_list(
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
        .iterator(chunk_size=CANDIDATE_BATCH)
    )
    participants = (
        Participant.objects.filter(registration__in=candidates)
        .order_by("registration_id", "pk")
        .values_list("registration_id", "first_name", "last_name")
        .iterator(chunk_size=CANDIDATE_BATCH)
    )
    # An import holds every candidate while it matches: what they share is kept once.
    trainings = _training_facts(candidates.values("training_id"))
    pending, expired = Registration.Status.PENDING, Registration.Status.EXPIRED
    # The driver makes a new string per row: the few statuses are shared, as the matcher keeps a
    # reference to one per candidate.
    statuses: dict[str, str] = {}
    # The registrations are read before their participants: one registered in between is not
    # among them, and its participants are passed over (read the other way round, it would come
    # without them).
    first_row = next(rows, None)
    participant = next(participants, None)
    # A loop of positional arguments: building 20,000 candidates is part of every import.
    for pk, code, ogm, status, due, paid, first, last, organisation, training_id, deadline in (
        () if first_row is None else chain((first_row,), rows)
    ):
        written = []
        while participant is not None and participant[0] <= pk:
            if participant[0] == pk:
                written.append(f"{participant[1]} {participant[2]}")
            participant = next(participants, None)
        if training_id not in trainings:  # registered for since the trainings were read
            trainings.update(_training_facts([training_id]))
        title, city, venue, session_dates, cancelled = trainings[training_id]
        # Money for a cancelled training, or for a registration whose seats are no longer held
        # (its deadline passed), must not confirm anything by itself: staff decide.
        if cancelled:
            status = Registration.Status.CANCELLED
        elif status == pending and deadline and deadline < today:
            status = expired
        status = statuses.setdefault(status, status)
        registrant = f"{first} {last}"
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


def _training_facts(
    training_ids: QuerySet | list[int],
) -> dict[int, tuple[str, str, str, tuple[dt.date, ...], bool]]:
    """Title, city, venue, session dates and whether cancelled, by training id."""
    trainings = Training.objects.filter(pk__in=training_ids).values_list(
        "pk", "title", "venue__city", "venue__name", "status"
    )
    facts = {pk: (title, city, venue, status) for pk, title, city, venue, status in trainings}
    dates: dict[int, list[dt.date]] = defaultdict(list)
    for training_id, date in (
        Session.objects.filter(training__pk__any_of=list(facts))
        .order_by("date")
        .values_list("training_id", "date")
    ):
        dates[training_id].append(date)
    return {
        pk: (title, city, venue, tuple(dates[pk]), status == Training.Status.CANCELLED)
        for pk, (title, city, venue, status) in facts.items()
    }


def review_queue() -> QuerySet[BankTransaction]:
    """Transactions waiting for a person, oldest first."""
    return (
        BankTransaction.objects.filter(result=BankTransaction.Result.REVIEW)
        .select_related("statement_import")
        .order_by("booking_date", "id")
    )


def imports() -> QuerySet[StatementImport]:
    return StatementImport.objects.select_related("created_by").defer("content")
