"""The conference answers summed per trajectory and group (models.ConferenceTally), kept in step
with the answers: one more answer adds to its row in the same transaction; `tallies_rebuild`
counts them again from the answers (after a bulk load, and in the migration that made them)."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, Q, Sum

from eigenkracht.evaluations.models import STATEMENTS, Agree, ConferenceResponse, ConferenceTally


def tally_add(response: ConferenceResponse) -> None:
    """Add one stored answer to its trajectory's and group's tally. Call inside the answer's
    transaction. Increments in the database: two answers at once both count. When a recount
    (`tallies_rebuild`) replaced the row meanwhile, the update finds nothing and goes again on
    the new row, which was counted without this answer (not committed yet then)."""
    added = {
        "responses": F("responses") + 1,
        "sum_meeting": F("sum_meeting") + response.score_meeting,
        "sum_plan": F("sum_plan") + response.score_plan,
        "sum_coordinator": F("sum_coordinator") + response.score_coordinator,
    }
    for name in STATEMENTS:
        value = getattr(response, name)
        if value is None:
            continue
        added[f"sum_{name}"] = F(f"sum_{name}") + value
        added[f"answered_{name}"] = F(f"answered_{name}") + 1
        if value >= Agree.AGREE:
            added[f"agreed_{name}"] = F(f"agreed_{name}") + 1
    for _attempt in range(3):
        tally, _created = ConferenceTally.objects.get_or_create(
            trajectory_id=response.trajectory_id, group=response.group
        )
        if ConferenceTally.objects.filter(pk=tally.pk).update(**added):
            return
    raise RuntimeError("The tally of an answer kept being replaced; the answer is not stored.")


@transaction.atomic
def tallies_rebuild(trajectory_ids: Iterable[int] | None = None) -> int:
    """Count the tallies of these trajectories (None: all) again from the answers. Returns the
    number of tallies written."""
    tallies = ConferenceTally.objects.all()
    responses = ConferenceResponse.objects.all()
    if trajectory_ids is not None:
        ids = list(trajectory_ids)
        tallies, responses = (
            tallies.filter(trajectory_id__in=ids),
            responses.filter(trajectory_id__in=ids),
        )
    sums = {
        "responses": Count("pk"),
        "sum_meeting": Sum("score_meeting"),
        "sum_plan": Sum("score_plan"),
        "sum_coordinator": Sum("score_coordinator"),
    }
    for name in STATEMENTS:
        sums[f"sum_{name}"] = Sum(name, default=0)
        sums[f"answered_{name}"] = Count(name)
        sums[f"agreed_{name}"] = Count("pk", filter=Q(**{f"{name}__gte": Agree.AGREE}))
    # Delete first, then count: the delete waits for an answer whose tally was just added, so
    # the count (a statement started after it) sees that answer; a later answer finds its row
    # gone and adds to the new one (`tally_add`).
    tallies.delete()
    rows = list(responses.order_by().values("trajectory_id", "group").annotate(**sums))
    made = ConferenceTally.objects.bulk_create(
        [ConferenceTally(**row) for row in rows], batch_size=2000
    )
    return len(made)
