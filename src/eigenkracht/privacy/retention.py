"""Retention: propose what passed its term, let a manager approve, then carry it out in batches.

`run_periodic` calls `retention_propose` (a search every 20 hours, a proposal when it finds
something) and `retention_carry_out` (which resumes an approved proposal after a crash: every
batch is one transaction that anonymises its objects and marks its items done). The audit log
records the proposal, the approval and each batch with counts per category: no personal data.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import RetentionTerms
from eigenkracht.privacy.anonymise import (
    ANONYMISERS,
    audit_delete,
    outbox_delete,
    requests_delete,
)
from eigenkracht.privacy.due import (
    audit_due,
    due_now,
    outbox_due,
    referrals_due,
    requests_due,
    trajectories_due,
    years_before,
)
from eigenkracht.privacy.models import RetentionItem, RetentionProposal
from eigenkracht.trajectories.models import FINISHED_STATUSES, Trajectory
from eigenkracht.trajectories.services.follow_up import trajectory_end_untouched

BATCH_SIZE = 200
# The categories deleted by cutoff rather than listed one by one: what is older, and how it goes.
DELETIONS = {
    "outbox": (outbox_due, outbox_delete),
    "audit": (audit_due, audit_delete),
    "requests": (requests_due, requests_delete),
}
DELETE_BATCH_SIZE = 2000
# A search at most this often; new terms are searched at once (see `retention_propose`).
PROPOSAL_INTERVAL = dt.timedelta(hours=20)

TERM_FIELDS = (
    "registrations_years",
    "accounting_years",
    "trajectories_years",
    "trajectories_minor_age",
    "referrals_months",
    "outbox_months",
    "audit_years",
    "applications_months",
    "requests_years",
)


def retention_terms_update(
    *, data: Mapping[str, Any], actor: AbstractBaseUser | None
) -> RetentionTerms:
    """Save the terms (validated by the form); the audit entry holds each change. A proposal
    under the old terms is replaced with them, so it can never be approved, and the last search
    is forgotten: the search under the new terms follows at once, or at the first periodic run
    that may (after an approved proposal was carried out, or if this one fails)."""
    with transaction.atomic():
        terms, _created = RetentionTerms.objects.select_for_update().get_or_create(pk=1)
        changes = {}
        for name in TERM_FIELDS:
            if name in data and getattr(terms, name) != data[name]:
                changes[name] = {"old": getattr(terms, name), "new": data[name]}
                setattr(terms, name, data[name])
        if changes:
            terms.searched_at = None
            terms.save()
            RetentionProposal.objects.filter(status=RetentionProposal.Status.PROPOSED).update(
                status=RetentionProposal.Status.REPLACED
            )
            audit_record(actor=actor, action="retention_terms.updated", obj=terms, data=changes)
    if changes:
        retention_propose()  # the last search forgotten, this one searches (unless approved)
    return terms


def retention_propose(
    *, now: dt.datetime | None = None, force: bool = False
) -> RetentionProposal | None:
    """Prepare the list of what passed its term, replacing an older open proposal. Nothing is
    proposed while an approved one is still being carried out. Within PROPOSAL_INTERVAL of the
    last search the open proposal stands, if any (the search reads every category, and
    `run_periodic` runs every few minutes); `force` searches anyway."""
    with transaction.atomic():
        # Locked first: two machines running `run_periodic` at once search one after the other
        # (the time is read once the lock is held: after the other's search).
        terms, _created = RetentionTerms.objects.select_for_update().get_or_create(pk=1)
        now = now or timezone.now()
        open_proposals = RetentionProposal.objects.select_for_update().filter(
            status__in=[RetentionProposal.Status.PROPOSED, RetentionProposal.Status.APPROVED]
        )
        current = list(open_proposals)
        if any(p.status == RetentionProposal.Status.APPROVED for p in current):
            return None
        since = now - PROPOSAL_INTERVAL
        # An open proposal counts as a search too: one prepared before `searched_at` existed.
        searched = [terms.searched_at] + [p.prepared_at for p in current]
        # A moment after `now` (a clock that ran ahead) does not hold the search back.
        if not force and any(moment and since < moment <= now for moment in searched):
            return current[0] if current else None
        due = due_now(terms=terms, today=timezone.localdate(now))
        RetentionTerms.objects.filter(pk=terms.pk).update(searched_at=now)
        for old in current:
            old.status = RetentionProposal.Status.REPLACED
            old.save(update_fields=["status"])
        if not due.total:
            return None
        proposal = RetentionProposal.objects.create(
            prepared_at=now, counts=due.counts, cutoffs=due.cutoffs
        )
        RetentionItem.objects.bulk_create(
            [
                RetentionItem(proposal=proposal, category=category, kind=kind, object_id=pk)
                for category, kinds in due.items.items()
                for kind, ids in kinds.items()
                for pk in ids
            ],
            batch_size=2000,
            # The same object can fall under two categories (never today; safe if it ever does).
            ignore_conflicts=True,
        )
        audit_record(
            actor=None, action="retention.proposed", obj=proposal, data={"counts": due.counts}
        )
    return proposal


def retention_approve(*, proposal: RetentionProposal, actor: AbstractBaseUser) -> None:
    """The manager's go: only the proposal that is still open can be approved."""
    with transaction.atomic():
        proposal = RetentionProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != RetentionProposal.Status.PROPOSED:
            raise ValidationError(
                _("Dit voorstel is niet meer open: er is intussen een nieuwer voorstel.")
            )
        proposal.status = RetentionProposal.Status.APPROVED
        proposal.approved_at = timezone.now()
        proposal.approved_by = actor
        proposal.save(update_fields=["status", "approved_at", "approved_by"])
        audit_record(
            actor=actor, action="retention.approved", obj=proposal, data={"counts": proposal.counts}
        )

        def start() -> None:
            from eigenkracht.privacy.tasks import carry_out_retention

            carry_out_retention.enqueue(proposal.pk)

        transaction.on_commit(start)


def _claim_batch(proposal: RetentionProposal, size: int) -> list[RetentionItem]:
    items = RetentionItem.objects.filter(proposal=proposal, done_at__isnull=True).order_by(
        "category", "kind", "object_id"
    )
    if connection.features.has_select_for_update_skip_locked:
        items = items.select_for_update(skip_locked=True)
    return list(items[:size])


def _carry_out_batch(proposal: RetentionProposal, size: int) -> int:
    """One transaction: anonymise up to `size` items and mark them done. 0 when none is left."""
    with transaction.atomic():
        items = _claim_batch(proposal, size)
        if not items:
            return 0
        kept = _trajectories_kept([item for item in items if item.kind == "trajectory"])
        ids_by_kind: dict[str, list[int]] = defaultdict(list)
        per_category: dict[str, int] = defaultdict(int)
        for item in items:
            if item.pk not in kept:
                ids_by_kind[item.kind].append(item.object_id)
                per_category[item.category] += 1
        for kind, ids in ids_by_kind.items():
            ANONYMISERS[kind](ids)
        now = timezone.now()
        RetentionItem.objects.filter(
            pk__in=[item.pk for item in items if item.pk not in kept]
        ).update(done_at=now)
        RetentionItem.objects.filter(pk__in=kept).update(done_at=now, kept=True)
        audit_record(
            actor=None,
            action="retention.batch_done",
            obj=proposal,
            data={"counts": dict(per_category), **({"no_longer_due": len(kept)} if kept else {})},
        )
        return len(items)


def _trajectories_kept(items: list[RetentionItem]) -> set[int]:
    """The items of trajectories no longer due: somebody worked on one (or ended it, which
    starts its term) since the proposal. Those never ended that are still due are ended here
    first. The trajectories are locked before they are weighed."""
    if not items:
        return set()
    ids = [item.object_id for item in items]
    list(Trajectory.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))
    terms, today = RetentionTerms.current(), timezone.localdate()
    due = {
        *trajectories_due(terms, today).filter(pk__in=ids).values_list("pk", flat=True),
        *referrals_due(terms, today).filter(pk__in=ids).values_list("pk", flat=True),
        # Made anonymous meanwhile by other means: doing it again changes nothing.
        *Trajectory.objects.filter(pk__in=ids, anonymised_at__isnull=False).values_list(
            "pk", flat=True
        ),
    }
    never_ended = Trajectory.objects.filter(pk__in=due).exclude(status__in=FINISHED_STATUSES)
    since = years_before(today, terms.trajectories_years)
    for pk in never_ended.order_by("pk").values_list("pk", flat=True):
        if not trajectory_end_untouched(trajectory_id=pk, since=since):
            due.discard(pk)
    return {item.pk for item in items if item.object_id not in due}


def _delete_older(proposal: RetentionProposal, category: str) -> int:
    """Delete the mails or audit entries older than the approved cutoff, in batches."""
    cutoff_text = proposal.cutoffs.get(category)
    if not cutoff_text:
        return 0
    cutoff = dt.datetime.fromisoformat(cutoff_text)
    queryset, delete = DELETIONS[category]
    # Bounded by what exists now: the batches' own audit entries are never part of the work.
    last = queryset(cutoff).order_by("-pk").values_list("pk", flat=True).first()
    deleted = 0
    while last is not None:
        with transaction.atomic():
            oldest = queryset(cutoff).filter(pk__lte=last).order_by("pk")
            ids = list(oldest.values_list("pk", flat=True)[:DELETE_BATCH_SIZE])
            if not ids:
                return deleted
            delete(ids)
            deleted += len(ids)
            audit_record(
                actor=None,
                action="retention.batch_done",
                obj=proposal,
                data={"counts": {category: len(ids)}},
            )
    return deleted


def retention_carry_out(
    *, proposal_id: int | None = None, batch_size: int = BATCH_SIZE, max_batches: int | None = None
) -> int:
    """Carry out the approved proposal (or the one given), batch after batch; safe to run from
    two workers and to run again after a crash. Returns the number of objects handled."""
    proposals = RetentionProposal.objects.filter(status=RetentionProposal.Status.APPROVED)
    if proposal_id is not None:
        proposals = proposals.filter(pk=proposal_id)
    handled = 0
    for proposal in proposals:
        batches = 0
        while max_batches is None or batches < max_batches:
            done = _carry_out_batch(proposal, batch_size)
            if not done:
                break
            handled += done
            batches += 1
        else:
            continue
        handled += sum(_delete_older(proposal, category) for category in DELETIONS)
        with transaction.atomic():
            proposal = RetentionProposal.objects.select_for_update().get(pk=proposal.pk)
            unfinished = RetentionItem.objects.filter(proposal=proposal, done_at__isnull=True)
            if proposal.status == RetentionProposal.Status.APPROVED and not unfinished.exists():
                proposal.status = RetentionProposal.Status.DONE
                proposal.finished_at = timezone.now()
                proposal.save(update_fields=["status", "finished_at"])
                kept = RetentionItem.objects.filter(proposal=proposal, kept=True).count()
                audit_record(
                    actor=None,
                    action="retention.finished",
                    obj=proposal,
                    # What was proposed; what was kept (no longer due when its turn came) apart.
                    data={"counts": proposal.counts, **({"no_longer_due": kept} if kept else {})},
                )
    return handled
