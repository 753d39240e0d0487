"""What passed its retention term today, per category, from the manager's settings.

Objects already made anonymous are skipped (privacy.Anonymised). The mails and the audit log are
not listed one by one: their rows older than a cutoff are deleted, and the proposal keeps the
cutoff and the count.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from eigenkracht.allowances.models import Declaration, Payout
from eigenkracht.core.models import AuditEntry, OutboxMessage, RetentionTerms
from eigenkracht.invoices.models import Document
from eigenkracht.payments.models import BankTransaction, Payment, Refund, SepaFile, StatementImport
from eigenkracht.privacy.models import Anonymised, PrivacyRequest
from eigenkracht.trainings.models import Registration
from eigenkracht.trajectories.models import (
    FINISHED_STATUSES,
    Note,
    Participant,
    Trajectory,
    TrajectoryEvent,
)
from eigenkracht.volunteers.models import Application

CONSENT_WITHDRAWN = Trajectory.StopReason.CONSENT_WITHDRAWN


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def _not_anonymised(queryset: QuerySet, kind: str) -> QuerySet:
    return queryset.filter(
        ~Exists(Anonymised.objects.filter(kind=kind, object_id=OuterRef("pk")))
    ).order_by("pk")


@dataclass
class Due:
    """{category: {kind: [ids]}} and, for mails and the audit log, a cutoff and a count."""

    items: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    cutoffs: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def registrations_due(terms: RetentionTerms, today: dt.date) -> QuerySet[Registration]:
    cutoff = years_before(today, terms.registrations_years)
    return _not_anonymised(
        Registration.objects.filter(
            Q(training__ends_on__lt=cutoff)
            | Q(training__ends_on__isnull=True, created_at__lt=_start_of(cutoff))
        ),
        "registration",
    )


def _finished_before(day: dt.date) -> Q:
    return Q(closed_at__lt=_start_of(day)) | Q(
        closed_at__isnull=True, status_changed_at__lt=_start_of(day)
    )


def referrals_due(terms: RetentionTerms, today: dt.date) -> QuerySet[Trajectory]:
    """Declined referrals, and trajectories whose consent was withdrawn (counted from the
    withdrawal, whatever the trajectory's status then)."""
    cutoff = months_before(today, terms.referrals_months)
    # A stop for this reason through the ordinary stop (no withdrawal recorded) counts too.
    declined = (
        (
            Q(status=Trajectory.Status.DECLINED)
            | Q(status=Trajectory.Status.STOPPED, stop_reason=CONSENT_WITHDRAWN)
        )
        & Q(consent_withdrawn_on__isnull=True)
        & _finished_before(cutoff)
    )
    withdrawn = Q(consent_withdrawn_on__lt=cutoff)
    # A trajectory says itself when it was anonymised.
    return Trajectory.objects.filter(declined | withdrawn, anonymised_at__isnull=True).order_by(
        "pk"
    )


def _untouched_since(day: dt.date) -> Q:
    """Nobody worked on it since `day`: no transition, nothing on its timeline (every change,
    the network map's too, writes a line there), no note, no day worked declared. Reading it
    does not count (opening the map adds the participants to it, without a line)."""
    since = _start_of(day)
    return (
        Q(status_changed_at__lt=since)
        & ~Exists(TrajectoryEvent.objects.filter(trajectory=OuterRef("pk"), at__gte=since))
        & ~Exists(Note.objects.filter(trajectory=OuterRef("pk"), created_at__gte=since))
        # A coordinator's day worked on it, declared for the allowance (no timeline line).
        & ~Exists(Declaration.objects.filter(trajectory=OuterRef("pk"), on__gte=day))
    )


def trajectories_due(terms: RetentionTerms, today: dt.date) -> QuerySet[Trajectory]:
    """Trajectories closed or stopped more than the term ago, and those never ended that nobody
    worked on for as long (carrying out the proposal ends them first: privacy.retention)."""
    cutoff = years_before(today, terms.trajectories_years)
    finished = Q(
        status__in=[Trajectory.Status.CLOSED, Trajectory.Status.STOPPED]
    ) & _finished_before(cutoff)
    never_ended = ~Q(status__in=FINISHED_STATUSES) & _untouched_since(cutoff)
    queryset = Trajectory.objects.filter(
        finished | never_ended, consent_withdrawn_on__isnull=True
    ).exclude(stop_reason=CONSENT_WITHDRAWN)
    if terms.trajectories_minor_age:
        # Kept while anyone involved is younger than the age chosen.
        born_after = years_before(today, terms.trajectories_minor_age)
        # A birth year alone counts from its last day: the person may be younger than the age.
        too_young = Q(birth_date__gt=born_after) | Q(
            birth_date__isnull=True, birth_year__gte=born_after.year
        )
        queryset = queryset.filter(
            ~Exists(Participant.objects.filter(too_young, trajectory=OuterRef("pk")))
        )
    return queryset.filter(anonymised_at__isnull=True).order_by("pk")


def applications_due(terms: RetentionTerms, today: dt.date) -> QuerySet[Application]:
    cutoff = months_before(today, terms.applications_months)
    return _not_anonymised(
        Application.objects.filter(step=Application.Step.STOPPED, step_on__lt=cutoff),
        "volunteer_application",
    )


def accounting_due(terms: RetentionTerms, today: dt.date) -> dict[str, QuerySet]:
    """Records of financial years that ended more than the term ago (the year is the calendar
    year)."""
    first_kept = dt.date(today.year - terms.accounting_years, 1, 1)
    first_kept_at = _start_of(first_kept)
    return {
        "bank_transaction": _not_anonymised(
            BankTransaction.objects.filter(booking_date__lt=first_kept), "bank_transaction"
        ),
        "payment": _not_anonymised(
            Payment.objects.filter(paid_on__lt=first_kept, bank_transaction__isnull=True).exclude(
                note=""
            ),
            "payment",
        ),
        "refund": _not_anonymised(Refund.objects.filter(created_at__lt=first_kept_at), "refund"),
        "invoice": _not_anonymised(Document.objects.filter(issued_on__lt=first_kept), "invoice"),
        "statement_import": _not_anonymised(
            StatementImport.objects.filter(created_at__lt=first_kept_at), "statement_import"
        ),
        "sepa_file": _not_anonymised(
            SepaFile.objects.filter(created_at__lt=first_kept_at), "sepa_file"
        ),
        "declaration": _not_anonymised(
            Declaration.objects.filter(year__lt=first_kept.year), "declaration"
        ),
        "payout": _not_anonymised(Payout.objects.filter(created_at__lt=first_kept_at), "payout"),
    }


def outbox_cutoff(terms: RetentionTerms, today: dt.date) -> dt.datetime:
    return _start_of(months_before(today, terms.outbox_months))


def outbox_due(cutoff: dt.datetime) -> QuerySet[OutboxMessage]:
    # A mail still waiting to go out is never deleted under it.
    return OutboxMessage.objects.filter(created_at__lt=cutoff).exclude(
        status__in=[OutboxMessage.Status.QUEUED, OutboxMessage.Status.COMPOSING]
    )


def audit_cutoff(terms: RetentionTerms, today: dt.date) -> dt.datetime:
    return _start_of(years_before(today, terms.audit_years))


def audit_due(cutoff: dt.datetime) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(created_at__lt=cutoff)


def requests_cutoff(terms: RetentionTerms, today: dt.date) -> dt.datetime:
    return _start_of(years_before(today, terms.requests_years))


def requests_due(cutoff: dt.datetime) -> QuerySet[PrivacyRequest]:
    return PrivacyRequest.objects.filter(answered_on__lt=cutoff.date()).exclude(
        status=PrivacyRequest.Status.OPEN
    )


def due_now(*, terms: RetentionTerms | None = None, today: dt.date | None = None) -> Due:
    """Everything past its term, by category."""
    terms = terms or RetentionTerms.current()
    today = today or timezone.localdate()
    due = Due()
    per_kind = {
        "registrations": {"registration": registrations_due(terms, today)},
        "accounting": accounting_due(terms, today),
        "trajectories": {"trajectory": trajectories_due(terms, today)},
        "referrals": {"trajectory": referrals_due(terms, today)},
        "applications": {"volunteer_application": applications_due(terms, today)},
    }
    for category, querysets in per_kind.items():
        kinds = {kind: list(qs.values_list("pk", flat=True)) for kind, qs in querysets.items()}
        kinds = {kind: ids for kind, ids in kinds.items() if ids}
        if kinds:
            due.items[category] = kinds
            due.counts[category] = sum(len(ids) for ids in kinds.values())
    for category, cutoff, queryset in (
        ("outbox", outbox_cutoff(terms, today), outbox_due),
        ("audit", audit_cutoff(terms, today), audit_due),
        ("requests", requests_cutoff(terms, today), requests_due),
    ):
        count = queryset(cutoff).count()
        if count:
            due.cutoffs[category] = cutoff.isoformat()
            due.counts[category] = count
    return due
