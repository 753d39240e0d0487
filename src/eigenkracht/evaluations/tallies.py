"""The conference answers summed per trajectory and group (models.ConferenceTally), kept in step
with the answers: one more answer adds to its row in the same transaction; `tallies_rebuild`
counts them again from the answers (after a bulk load, and in the migration that made them)."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, Q, Sum

from eigenkracht.evaluations.models import STATEMENTS, Agree, ConferenceResponse, ConferenceTally


def tally_add(response: ConferenceResponse) -> None:
    """Add one stored answer to its trajectory's and group's tally. Call inside the answer's
    transaction. Increments in the database: two answers at once both count."""
    tally, _created = ConferenceTally.objects.get_or_create(
        trajectory_id=response.trajectory_id, group=response.group
    )
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
    ConferenceTally.objects.filter(pk=tally.pk).update(**added)


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
    rows = responses.order_by().values("trajectory_id", "group").annotate(**sums)
    tallies.delete()
    made = ConferenceTally.objects.bulk_create(
        [ConferenceTally(**row) for row in rows], batch_size=2000
    )
    return len(made)
