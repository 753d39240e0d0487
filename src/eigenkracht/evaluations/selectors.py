"""Reads of the evaluations: for the coordinator's and the office's pages, and for the figures.

For the figures (pure reads, a constant number of queries whatever the data, no suppression
inside: the caller suppresses, n is always given; `MIN_RESPONSES` is the threshold the pages
here use):

- `conference_satisfaction(trajectories) -> list[GroupScores]`: per group (every group, in the
  order of `Group`, n=0 included) the number of responses and the mean score (1-10) for the
  meeting, the plan and the coordinator; per fidelity statement the mean on the agree scale
  (1-5) and the share that agreed (4 or 5) of those who answered it. One query.
- `conference_response_counts(trajectories) -> list[ResponseCount]`: per group, links made and
  links used (the response rate). One query.
- `training_evaluation_results(trainings) -> list[TrainingScores]`: per training, in the order
  of the queryset: invited, responded, response rate, means of content, trainer and practical
  organisation, and the share answering "ja" to proposing an EKc. Three queries.
- `training_evaluation_results_by_trainer(trainings) -> list[TrainerScores]`: the same summed
  over each trainer's trainings among `trainings` (a training with two trainers counts for
  both). Three queries.
- `training_evaluation_results_by_year(trainings) -> list[tuple[int, TrainingScores]]`: the
  same summed per year the trainings started (the figures' trainings part). Three queries.

The children's faces are stored on the 1-10 scale (2, 4, 6, 8, 10) and their yes / a bit / no
on the agree scale (5, 3, 1): `child_form` on a response says which form gave it.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum

from eigenkracht.evaluations.models import (
    STATEMENTS,
    ConferenceInvite,
    ConferenceResponse,
    ConferenceTally,
    Group,
    Propose,
    TrainingInvite,
    TrainingResponse,
)
from eigenkracht.trainings.models import Trainer, Training
from eigenkracht.trajectories.models import Trajectory

# Results of fewer responses than this are not shown (a person could be recognised).
MIN_RESPONSES = 5


@dataclass(frozen=True)
class GroupScores:
    group: str
    label: str
    n: int
    mean_meeting: float | None
    mean_plan: float | None
    mean_coordinator: float | None
    # Per statement (decisions, inclusion, support): the mean on 1-5, the share that agreed.
    mean_statements: dict[str, float | None] = field(default_factory=dict)
    agree_shares: dict[str, float | None] = field(default_factory=dict)
    # Per statement: how many answered it ("weet ik niet" is no answer), the n of its share.
    answered: dict[str, int] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return self.n >= MIN_RESPONSES


@dataclass(frozen=True)
class ResponseCount:
    group: str
    label: str
    invited: int
    responded: int

    @property
    def response_rate(self) -> float | None:
        return self.responded / self.invited if self.invited else None


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def conference_satisfaction(trajectories: QuerySet[Trajectory]) -> list[GroupScores]:
    """Per group, over the answers about these trajectories: summed from their tallies."""
    sums = ["responses", "sum_meeting", "sum_plan", "sum_coordinator"]
    sums += [f"{kind}_{name}" for name in STATEMENTS for kind in ("sum", "answered", "agreed")]
    rows = {
        row["group"]: row
        for row in ConferenceTally.objects.filter(trajectory__in=trajectories)
        .order_by()
        .values("group")
        .annotate(**{f"total_{name}": Sum(name) for name in sums})
    }
    result = []
    for group in Group:
        row = rows.get(group.value, {})
        n = row.get("total_responses") or 0
        answered = {name: row.get(f"total_answered_{name}") or 0 for name in STATEMENTS}
        result.append(
            GroupScores(
                group=group.value,
                label=str(group.label),
                n=n,
                mean_meeting=_mean(row.get("total_sum_meeting"), n),
                mean_plan=_mean(row.get("total_sum_plan"), n),
                mean_coordinator=_mean(row.get("total_sum_coordinator"), n),
                mean_statements={
                    name: _mean(row.get(f"total_sum_{name}"), answered[name]) for name in STATEMENTS
                },
                agree_shares={
                    name: _share(row.get(f"total_agreed_{name}") or 0, answered[name])
                    for name in STATEMENTS
                },
                answered=answered,
            )
        )
    return result


def _mean(total: int | None, n: int) -> float | None:
    return total / n if n else None


def conference_response_counts(trajectories: QuerySet[Trajectory]) -> list[ResponseCount]:
    rows = {
        row["group"]: row
        for row in ConferenceInvite.objects.filter(trajectory__in=trajectories)
        .order_by()
        .values("group")
        .annotate(invited=Count("pk"), responded=Count("pk", filter=Q(used=True)))
    }
    return [
        ResponseCount(
            group.value,
            str(group.label),
            rows.get(group.value, {}).get("invited", 0),
            rows.get(group.value, {}).get("responded", 0),
        )
        for group in Group
    ]


@dataclass(frozen=True)
class _Sums:
    invited: int = 0
    responded: int = 0
    content: int = 0
    trainer: int = 0
    organisation: int = 0
    yes: int = 0

    def __add__(self, other: "_Sums") -> "_Sums":
        return _Sums(*(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__))


@dataclass(frozen=True)
class TrainingScores:
    invited: int
    responded: int
    response_rate: float | None
    mean_content: float | None
    mean_trainer: float | None
    mean_organisation: float | None
    share_yes: float | None

    @property
    def n(self) -> int:
        return self.responded

    @property
    def shown(self) -> bool:
        return self.responded >= MIN_RESPONSES

    @classmethod
    def of(cls, sums: _Sums) -> "TrainingScores":
        n = sums.responded
        return cls(
            invited=sums.invited,
            responded=n,
            response_rate=_share(n, sums.invited),
            mean_content=sums.content / n if n else None,
            mean_trainer=sums.trainer / n if n else None,
            mean_organisation=sums.organisation / n if n else None,
            share_yes=_share(sums.yes, n),
        )


@dataclass(frozen=True)
class TrainingResult:
    training_id: int
    title: str
    starts_on: dt.date | None
    scores: TrainingScores


@dataclass(frozen=True)
class TrainerResult:
    trainer_id: int
    name: str
    trainings: int
    scores: TrainingScores


def _training_sums(trainings: QuerySet[Training]) -> dict[int, _Sums]:
    invited = dict(
        TrainingInvite.objects.filter(training__in=trainings)
        .order_by()
        .values("training_id")
        .annotate(n=Count("pk"))
        .values_list("training_id", "n")
    )
    answered = {
        row["training_id"]: row
        for row in TrainingResponse.objects.filter(training__in=trainings)
        .order_by()
        .values("training_id")
        .annotate(
            n=Count("pk"),
            content=Sum("score_content"),
            trainer=Sum("score_trainer"),
            organisation=Sum("score_organisation"),
            yes=Count("pk", filter=Q(would_propose=Propose.YES)),
        )
    }
    sums = {}
    for pk in set(invited) | set(answered):
        row = answered.get(pk, {})
        sums[pk] = _Sums(
            invited=invited.get(pk, 0),
            responded=row.get("n", 0),
            content=row.get("content") or 0,
            trainer=row.get("trainer") or 0,
            organisation=row.get("organisation") or 0,
            yes=row.get("yes", 0),
        )
    return sums


def training_evaluation_results(trainings: QuerySet[Training]) -> list[TrainingResult]:
    sums = _training_sums(trainings)
    return [
        TrainingResult(pk, title, starts_on, TrainingScores.of(sums.get(pk, _Sums())))
        for pk, title, starts_on in trainings.values_list("pk", "title", "starts_on")
    ]


def training_evaluation_results_by_trainer(trainings: QuerySet[Training]) -> list[TrainerResult]:
    sums = _training_sums(trainings)
    links = (
        Trainer.trainings.through.objects.filter(training__in=trainings)
        .order_by("trainer__name", "trainer_id")
        .values_list("trainer_id", "trainer__name", "training_id")
    )
    per_trainer: dict[int, tuple[str, int, _Sums]] = {}
    for trainer_id, name, training_id in links:
        _name, count, total = per_trainer.get(trainer_id, (name, 0, _Sums()))
        per_trainer[trainer_id] = (name, count + 1, total + sums.get(training_id, _Sums()))
    return [
        TrainerResult(pk, name, count, TrainingScores.of(total))
        for pk, (name, count, total) in per_trainer.items()
    ]


def training_evaluation_results_by_year(
    trainings: QuerySet[Training],
) -> list[tuple[int, TrainingScores]]:
    """The same summed over the trainings that started in each year, the years in order."""
    sums = _training_sums(trainings)
    per_year: dict[int, _Sums] = {}
    for pk, starts_on in trainings.order_by().values_list("pk", "starts_on"):
        if starts_on is not None:
            per_year[starts_on.year] = per_year.get(starts_on.year, _Sums()) + sums.get(pk, _Sums())
    return [(year, TrainingScores.of(per_year[year])) for year in sorted(per_year)]


def trajectory_invites(trajectory: Trajectory) -> list[ConferenceInvite]:
    """A trajectory's links with their people, for the coordinator's page (one query)."""
    return list(
        ConferenceInvite.objects.filter(trajectory=trajectory)
        .select_related("participant")
        .order_by("participant__name", "pk")
    )


def evaluated_trainings() -> QuerySet[Training]:
    """Trainings whose links went out, the latest first: the office's results page."""
    return Training.objects.filter(evaluation_round__isnull=False).order_by("-starts_on", "pk")


def training_comments(trainings: QuerySet[Training]) -> list[tuple[str, list[str]]]:
    """The open answers per training, only for a training with at least MIN_RESPONSES answers,
    in alphabetical order so that their order says nothing about who wrote them (one query)."""
    texts: dict[int, list[str]] = {}
    counts: dict[int, int] = {}
    for training_id, comment in TrainingResponse.objects.filter(training__in=trainings).values_list(
        "training_id", "comment"
    ):
        counts[training_id] = counts.get(training_id, 0) + 1
        if comment.strip():
            texts.setdefault(training_id, []).append(comment.strip())
    return [
        (f"{title} ({starts_on:%d/%m/%Y})", sorted(texts[pk], key=str.casefold))
        for pk, title, starts_on in trainings.values_list("pk", "title", "starts_on")
        if counts.get(pk, 0) >= MIN_RESPONSES and texts.get(pk)
    ]


def conference_comments(trajectories: QuerySet[Trajectory]) -> list[str]:
    """The participants' open answers for these trajectories, pooled: only when at least
    MIN_RESPONSES people of at least MIN_RESPONSES trajectories wrote one (a short period, or one
    day, must not show one family's network what it wrote), in alphabetical order, without group
    or date (one query, reading only the answers that have a text). For the office's eyes; the
    figures that leave the office never carry them."""
    rows = [
        (trajectory_id, text.strip())
        for trajectory_id, text in ConferenceResponse.objects.filter(trajectory__in=trajectories)
        .exclude(comment="")
        .values_list("trajectory_id", "comment")
        if text.strip()
    ]
    if len(rows) < MIN_RESPONSES or len({pk for pk, _text in rows}) < MIN_RESPONSES:
        return []
    return sorted((text for _pk, text in rows), key=str.casefold)
