"""The figures funders and researchers ask for, over the referrals of a period. No names: only
counts, shares, averages and medians. A fixed number of queries, whatever the period holds.

A cut (province, postcode, referring sector, minors, life domain) narrows the referrals of the
period; every figure about trajectories is then counted over what remains. The trainings' figures
(reach and the funnel to referrals) are about trainees, not families: cuts do not apply."""

import datetime as dt
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import chain
from typing import NamedTuple

from django.db import connection
from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet, TextField, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, RowNumber, TruncDate
from django.utils import timezone

from eigenkracht.allowances.selectors import volunteer_days
from eigenkracht.core.bulk import rows_fetch
from eigenkracht.network.models import NetworkSnapshot
from eigenkracht.network.models import Sector as NetworkSector
from eigenkracht.reports.funnel import organisation_key, referral_keys
from eigenkracht.trainings.models import Participant as TrainingParticipant
from eigenkracht.trainings.models import Registration, Training
from eigenkracht.trajectories.models import (
    SATISFACTION_GROUPS,
    Agreement,
    Conference,
    Domain,
    FollowUp,
    Participant,
    Plan,
    Trajectory,
)
from eigenkracht.trajectories.regions import province_of

UNKNOWN = ""  # the key of "Onbekend" in the breakdowns (no sector, no valid postcode)
ADULT_AGE = 18
# Referred and not yet accepted (to intake) or declined: counted apart from both.
UNDECIDED = (Trajectory.Status.REFERRED,)
NETWORK_MOMENTS = (NetworkSnapshot.Reason.INTAKE, NetworkSnapshot.Reason.CONFERENCE)


@dataclass(frozen=True)
class Cut:
    """Which referrals count. None: no filter on that dimension."""

    province: str | None = None  # a code of regions.PROVINCES
    postcode: str | None = None
    sector: int | str | None = None  # a core.Sector pk, or UNKNOWN for referrals without one
    minors: bool | None = None
    domain: str | None = None  # a Domain value

    def keeps(self, row: "Referral") -> bool:
        return (
            (self.province is None or row.province == self.province)
            and (self.postcode is None or row.postcode == self.postcode)
            and (self.sector is None or row.sector == self.sector)
            and (self.minors is None or row.minors == self.minors)
            and (self.domain is None or self.domain in row.domains)
        )


class Referral(NamedTuple):
    """One referral of the period, reduced to what the figures count (a tuple: thousands are
    made per request, bench/figures.py)."""

    pk: int
    postcode: str
    province: str  # UNKNOWN when the postcode is not Belgian or missing
    sector: int | str  # core.Sector pk or UNKNOWN
    minors: bool
    domains: frozenset[str]
    status: str
    stop_reason: str
    outcome: str
    with_conference: bool
    with_plan: bool


@dataclass(frozen=True)
class Figures:
    start: dt.date
    end: dt.date
    referrals: int
    declined: int
    # Neither accepted nor declined yet.
    undecided: int
    by_domain: list[tuple[str, int]]
    by_referrer_type: list[tuple[str, int]]
    reached_conference: int
    reached_plan: int
    stopped: list[tuple[str, int]]
    outcomes: list[tuple[str, int]]
    days_to_conference: list[int] = field(default_factory=list)
    attendees: list[int] = field(default_factory=list)
    agreements: list[int] = field(default_factory=list)
    # The coordinator's estimate at follow-up, per group: (mean, n follow-ups with a score).
    satisfaction: dict[str, float | None] = field(default_factory=dict)
    satisfaction_n: dict[str, int] = field(default_factory=dict)
    # Days the coordinator worked, per trajectory with approved day declarations.
    volunteer_days: list[Decimal] = field(default_factory=list)
    # The referrals themselves (after the cut), for the breakdowns.
    rows: list[Referral] = field(default_factory=list)
    # Agreements of accepted plans in trajectories with a follow-up, by progress.
    agreement_progress: dict[str, int] = field(default_factory=dict)
    # Network members per network sector at intake and at the conference, summed over the
    # trajectories that have both snapshots; and how many trajectories that is.
    network_intake: dict[str, int] = field(default_factory=dict)
    network_conference: dict[str, int] = field(default_factory=dict)
    network_trajectories: int = 0

    @cached_property
    def rows_with_conference(self) -> list[Referral]:
        return [row for row in self.rows if row.with_conference]

    @cached_property
    def rows_with_plan(self) -> list[Referral]:
        return [row for row in self.rows if row.with_plan]

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def accepted(self) -> int:
        return self.referrals - self.declined - self.undecided

    @property
    def conference_share(self) -> float | None:
        return self._share(self.reached_conference, self.accepted)

    @property
    def plan_share(self) -> float | None:
        return self._share(self.reached_plan, self.accepted)

    @staticmethod
    def _median(values: list[int]) -> float | None:
        return statistics.median(values) if values else None

    @staticmethod
    def _mean(values: list[int] | list[float]) -> float | None:
        return round(statistics.fmean(values), 1) if values else None

    @property
    def days_to_conference_median(self) -> float | None:
        return self._median(self.days_to_conference)

    @property
    def attendees_mean(self) -> float | None:
        return self._mean(self.attendees)

    @property
    def agreements_mean(self) -> float | None:
        return self._mean(self.agreements)

    @property
    def volunteer_days_total(self) -> Decimal:
        return sum(self.volunteer_days, Decimal(0))

    @property
    def volunteer_days_mean(self) -> float | None:
        return self._mean([float(days) for days in self.volunteer_days])

    @property
    def agreements_followed_up(self) -> int:
        return sum(self.agreement_progress.values())

    @property
    def agreements_done_share(self) -> float | None:
        return self._share(
            self.agreement_progress.get(Agreement.Progress.DONE, 0), self.agreements_followed_up
        )


def _labelled(counts: Counter, choices) -> list[tuple[str, int]]:
    return [(str(label), counts.get(value, 0)) for value, label in choices]


def _is_minor(on: dt.date, birth_date: dt.date | None, birth_year: int | None) -> bool:
    """Under 18 on the day of the referral. With only a year: the age they turn that year is
    under 18 (someone who turns 18 that year counts as an adult)."""
    if birth_date is not None:
        had_birthday = (on.month, on.day) >= (birth_date.month, birth_date.day)
        return on.year - birth_date.year - (0 if had_birthday else 1) < ADULT_AGE
    return birth_year is not None and on.year - birth_year < ADULT_AGE


def period_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period of equal length just before: a year before a calendar year, etc."""
    if (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31):
        years = end.year - start.year + 1
        return dt.date(start.year - years, 1, 1), dt.date(end.year - years, 12, 31)
    length = end - start
    return start - length - dt.timedelta(days=1), start - dt.timedelta(days=1)


def trajectory_figures(*, start: dt.date, end: dt.date, cut: Cut | None = None) -> Figures:
    """Referrals made from `start` to `end` (both included) that the cut keeps, and what became
    of them. Eight queries, whatever the number of referrals."""
    cut = cut or Cut()
    low, high = period_bounds(start, end)
    referred = Trajectory.objects.filter(referred_at__gte=low, referred_at__lt=high)
    ids = referred.values("pk")
    # The day in the current time zone and the domains as text come from the database: making
    # an aware datetime and decoding JSON per row took much of the page's time. No EXISTS for
    # "with a conference / a plan": the queries below list those, and PostgreSQL priced the
    # EXISTS high enough to compile the query (JIT, ~35 ms) on every request.
    raw = rows_fetch(
        referred.order_by()
        .annotate(referred_on=TruncDate("referred_at"), domains_text=Cast("domains", TextField()))
        .values_list(
            "pk", "referred_on", "postcode", "referrer_sector_id", "domains_text", "status",
            "stop_reason", "outcome", "referrer_type", "accepted_at",
        )
    )  # fmt: skip
    raw.sort()  # by pk: the same figures give the same rows, whatever order the database chose
    all_conferences = rows_fetch(
        Conference.objects.filter(trajectory__in=ids, kind=Conference.Kind.CONFERENCE, held=True)
        .order_by()
        .annotate(
            attendees=Count(
                "attendance",
                filter=Q(attendance__information_round=True)
                | Q(attendance__family_time=True)
                | Q(attendance__plan_presentation=True),
            )
        )
        .values_list("trajectory_id", "date", "attendees")
    )
    plans = rows_fetch(
        Plan.objects.filter(trajectory__in=ids, status=Plan.Status.ACCEPTED)
        .order_by()
        .annotate(count=Count("agreements"))
        .values_list("trajectory_id", "count")
    )
    with_conference = {pk for pk, _date, _n in all_conferences}
    with_plan = {pk for pk, _count in plans}
    referred_on = {row[0]: row[1] for row in raw}
    # Few distinct postcodes and domain lists among thousands of referrals: each is read once.
    provinces: dict[str, str] = {}
    domain_sets: dict[str, frozenset[str]] = {}
    minors: set[int] = set()
    for pk, birth_date, birth_year in (
        Participant.objects.filter(
            Q(birth_date__isnull=False) | Q(birth_year__isnull=False), trajectory__in=ids
        )
        .order_by()
        .values_list("trajectory_id", "birth_date", "birth_year")
    ):
        if pk not in minors and _is_minor(referred_on[pk], birth_date, birth_year):
            minors.add(pk)
    rows, referrer_types = [], Counter()
    every = cut == Cut()
    for pk, _on, postcode, sector, domains, status, stop, outcome, kind, accepted in raw:
        if stop == Trajectory.StopReason.UNTOUCHED and accepted is None:
            # A referral nobody ever decided on, ended by the retention: still undecided.
            status, stop, outcome = Trajectory.Status.REFERRED, "", ""
        if postcode not in provinces:
            provinces[postcode] = province_of(postcode) or UNKNOWN
        if domains not in domain_sets:
            domain_sets[domains] = frozenset(json.loads(domains))
        row = Referral(
            pk,
            postcode,
            provinces[postcode],
            sector if sector is not None else UNKNOWN,
            pk in minors,
            domain_sets[domains],
            status,
            stop,
            outcome,
            pk in with_conference,
            pk in with_plan,
        )
        if every or cut.keeps(row):
            rows.append(row)
            referrer_types[kind] += 1
    kept = {row.pk for row in rows}
    domains = Counter(chain.from_iterable(row.domains for row in rows))
    conferences = [row for row in all_conferences if row[0] in kept]
    agreements = [count for pk, count in plans if pk in kept]
    # What needs no row per trajectory is summed by the database over the kept referrals.
    within = ids if every else kept_trajectories(kept).values("pk")
    followed_up = FollowUp.objects.filter(trajectory=OuterRef("plan__trajectory"))
    progress = dict(
        Agreement.objects.filter(plan__trajectory__in=within, plan__status=Plan.Status.ACCEPTED)
        .filter(Exists(followed_up))
        .order_by()
        .values("progress")
        .annotate(n=Count("pk"))
        .values_list("progress", "n")
    )
    scores = FollowUp.objects.filter(trajectory__in=within).aggregate(
        **{f"mean_{name}": Avg(name) for name in SATISFACTION_GROUPS},
        **{f"n_{name}": Count(name) for name in SATISFACTION_GROUPS},
    )
    network = _network_growth(within)
    return Figures(
        start=start,
        end=end,
        referrals=len(rows),
        declined=sum(1 for row in rows if row.status == Trajectory.Status.DECLINED),
        undecided=sum(1 for row in rows if row.status in UNDECIDED),
        by_domain=_labelled(domains, Domain.choices),
        by_referrer_type=_labelled(referrer_types, Trajectory.ReferrerType.choices),
        reached_conference=len(with_conference & kept),
        reached_plan=len(with_plan & kept),
        stopped=_labelled(
            Counter(row.stop_reason for row in rows if row.status == Trajectory.Status.STOPPED),
            Trajectory.StopReason.choices,
        ),
        outcomes=_labelled(
            Counter(row.outcome for row in rows if row.status == Trajectory.Status.CLOSED),
            [
                choice
                for choice in Trajectory.Outcome.choices
                if choice[0] != Trajectory.Outcome.STOPPED
            ],
        ),
        days_to_conference=[(date - referred_on[pk]).days for pk, date, _n in conferences],
        attendees=[attendees for _pk, _date, attendees in conferences],
        agreements=agreements,
        satisfaction={
            name: None if scores[f"mean_{name}"] is None else round(scores[f"mean_{name}"], 1)
            for name in SATISFACTION_GROUPS
        },
        satisfaction_n={name: scores[f"n_{name}"] for name in SATISFACTION_GROUPS},
        volunteer_days=[
            days for pk, days in volunteer_days(trajectory_ids=ids).items() if pk in kept
        ],
        rows=rows,
        agreement_progress=progress,
        **network,
    )


def kept_trajectories(pks: Iterable[int]) -> QuerySet[Trajectory]:
    """The trajectories of `pks` (those a cut kept), the pks sent as one parameter (a JSON
    list): thousands of pks as parameters of their own took Django longer to compile than the
    database to run (bench/figures.py, a cut keeping most referrals)."""
    if connection.vendor == "postgresql":
        sql = "SELECT value::bigint FROM jsonb_array_elements_text(%s::jsonb)"
    else:
        sql = "SELECT value FROM json_each(%s)"
    # A constant SQL text; the pks go as a parameter.
    return Trajectory.objects.filter(pk__in=RawSQL(sql, [json.dumps(sorted(pks))]))  # noqa: S611


def _network_growth(trajectories) -> dict:
    """The first intake snapshot against the first conference snapshot, per network sector, over
    the `trajectories` (a subquery of pks) that have both.

    The database picks each trajectory's first snapshot per moment, keeps the trajectories with
    both and sums the snapshots' counts per sector (`sector_counts`): one row per moment.
    Unpacking every member here, or a row per trajectory, took most of the page's time with
    10,000 trajectories (bench/figures.py)."""
    sectors = [*NetworkSector.values, UNKNOWN]
    moments = NetworkSnapshot.objects.filter(
        trajectory__in=trajectories, reason__in=NETWORK_MOMENTS
    ).order_by()
    if connection.vendor == "postgresql":
        firsts = moments.order_by("trajectory_id", "reason", "taken_at", "id").distinct(
            "trajectory_id", "reason"
        )
        count = "COALESCE((sector_counts ->> %s)::int, 0)"
        keys = sectors
    else:
        firsts = moments.annotate(
            nth=Window(
                RowNumber(),
                partition_by=[F("trajectory_id"), F("reason")],
                order_by=[F("taken_at").asc(), F("id").asc()],
            )
        ).filter(nth=1)
        count = "COALESCE(json_extract(sector_counts, %s), 0)"
        keys = [f'$."{sector}"' for sector in sectors]
    first_sql, params = firsts.values(
        "trajectory_id", "reason", "sector_counts"
    ).query.sql_with_params()
    sums = ", ".join(f"SUM({count})" for _key in keys)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH firsts AS ({first_sql}) SELECT reason, COUNT(*), {sums} FROM firsts "  # noqa: S608
            "WHERE trajectory_id IN (SELECT trajectory_id FROM firsts GROUP BY trajectory_id "
            "HAVING COUNT(*) = 2) GROUP BY reason",
            [*params, *keys],
        )
        counted = {reason: (both, totals) for reason, both, *totals in cursor.fetchall()}

    def members(reason: str) -> dict[str, int]:
        _both, totals = counted.get(reason, (0, [0] * len(sectors)))
        return {sector: n for sector, n in zip(sectors, totals, strict=True) if n}

    return {
        "network_intake": members(NetworkSnapshot.Reason.INTAKE),
        "network_conference": members(NetworkSnapshot.Reason.CONFERENCE),
        "network_trajectories": counted.get(NetworkSnapshot.Reason.INTAKE, (0, []))[0],
    }


# The trainings' side -------------------------------------------------------------------------


@dataclass(frozen=True)
class Trainee:
    training_ends_on: dt.date
    year: int
    sector: int | str  # core.Sector pk or UNKNOWN
    province: str  # code or UNKNOWN
    organisation: str  # funnel.organisation_key, "" when none can be made


@dataclass(frozen=True)
class TrainingFigures:
    start: dt.date
    end: dt.date
    trainees: list[Trainee]
    # organisation key -> referred a family within a year after one of its trainings
    organisations: dict[str, bool]

    @property
    def funnel_share(self) -> float | None:
        if not self.organisations:
            return None
        return round(100 * sum(self.organisations.values()) / len(self.organisations), 1)


def training_figures(*, start: dt.date, end: dt.date) -> TrainingFigures:
    """Trainees of the trainings that started in the period (active seats of confirmed
    registrations), and the funnel from their organisations to referrals. Two queries."""
    seats = list(
        TrainingParticipant.objects.filter(
            is_active=True,
            registration__status=Registration.Status.CONFIRMED,
            training__starts_on__gte=start,
            training__starts_on__lte=end,
        )
        .exclude(training__status=Training.Status.CANCELLED)
        .values_list(
            "training__starts_on", "training__ends_on", "registration__sector_id",
            "registration__work_postcode", "registration__billing_details__postcode",
            "registration__organisation", "registration__email",
        )
    )  # fmt: skip
    trainees = [
        Trainee(
            training_ends_on=ends_on or starts_on,
            year=starts_on.year,
            sector=sector if sector is not None else UNKNOWN,
            province=province_of(postcode or "") or province_of(billing or "") or UNKNOWN,
            organisation=organisation_key(organisation=organisation, email=email),
        )
        for starts_on, ends_on, sector, postcode, billing, organisation, email in seats
    ]
    last_training: dict[str, list[dt.date]] = defaultdict(list)
    for trainee in trainees:
        if trainee.organisation:
            last_training[trainee.organisation].append(trainee.training_ends_on)
    organisations = {key: False for key in last_training}
    if organisations:
        earliest = min(min(days) for days in last_training.values())
        low, _high = period_bounds(earliest, earliest)
        keys: dict[tuple[str, str], tuple[str, ...]] = {}  # few referrers, many referrals
        for on, organisation, email in (
            Trajectory.objects.filter(referred_at__gte=low)
            .annotate(referred_on=TruncDate("referred_at"))
            .values_list("referred_on", "referrer_organisation", "referrer_email")
        ):
            if (organisation, email) not in keys:
                keys[organisation, email] = tuple(
                    referral_keys(organisation=organisation, email=email)
                )
            for key in keys[organisation, email]:
                if key in organisations and not organisations[key]:
                    organisations[key] = any(
                        ends < on <= ends + dt.timedelta(days=365) for ends in last_training[key]
                    )
    return TrainingFigures(start=start, end=end, trainees=trainees, organisations=organisations)
