"""The figures of a period as tables, in the order the page, the exports and the annual report
show them. Each table comes from one small builder function; to add a table, write a builder
(`def my_tables(context: Context) -> list[Table]`) and add it to BUILDERS. A builder that needs
its own rows reads them in one query, so the page's query count stays constant."""

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter

from django.utils.translation import gettext as _

from eigenkracht.core.models import Sector
from eigenkracht.evaluations.models import STATEMENTS, Group
from eigenkracht.evaluations.selectors import (
    conference_comments,
    conference_response_counts,
    conference_satisfaction,
    training_evaluation_results_by_year,
)
from eigenkracht.network.models import Sector as NetworkSector
from eigenkracht.reports.figures import (
    UNKNOWN,
    Cut,
    Figures,
    TrainingFigures,
    kept_trajectories,
    period_bounds,
    previous_period,
    training_figures,
    trajectory_figures,
)
from eigenkracht.reports.tables import Table
from eigenkracht.trainings.models import Training
from eigenkracht.trajectories.models import Agreement, Domain, Trajectory
from eigenkracht.trajectories.regions import PROVINCES


@dataclass(frozen=True)
class Context:
    cut: Cut
    current: Figures
    previous: Figures
    trainings: TrainingFigures
    sectors: dict[int, str]  # every core.Sector, also the ones no longer offered

    @property
    def periods(self) -> tuple[str, str]:
        return (_period_label(self.current), _period_label(self.previous))


def _period_label(figures: Figures) -> str:
    return f"{figures.start:%d/%m/%Y} - {figures.end:%d/%m/%Y}"


def _unknown() -> str:
    return _("Onbekend")


PERIODS = ("now", "before")


def _per_period(row: int, name: str) -> tuple[tuple[int, int, str], ...]:
    """A row whose two columns (this period, the previous one) show a number other tables show
    too: linked for suppression rule 4."""
    return tuple((row, column, f"{name}:{period}") for column, period in enumerate(PERIODS))


def referral_tables(c: Context) -> list[Table]:
    now, before = c.current, c.previous
    periods = c.periods
    return [
        Table(
            key="referrals",
            title=_("Aanmeldingen"),
            stub=_("Aanmeldingen"),
            columns=periods,
            labels=(_("Aanvaard"), _("Niet aanvaard"), _("Nog niet beslist")),
            values=(
                (now.accepted, before.accepted),
                (now.declined, before.declined),
                (now.undecided, before.undecided),
            ),
            column_totals=True,
            links=_per_period(0, "accepted")
            + _per_period(1, "declined")
            + _per_period(3, "referrals"),
        ),
        Table(
            key="conference",
            title=_("Aanvaarde aanmeldingen met een gehouden conferentie"),
            stub=_("Aanvaarde aanmeldingen"),
            columns=periods,
            labels=(_("Met een gehouden conferentie"), _("Nog of zonder conferentie")),
            values=(
                (now.reached_conference, before.reached_conference),
                (
                    now.accepted - now.reached_conference,
                    before.accepted - before.reached_conference,
                ),
            ),
            column_totals=True,
            links=_per_period(0, "conference") + _per_period(2, "accepted"),
        ),
        Table(
            key="plan",
            title=_("Aanvaarde aanmeldingen met een aanvaard plan"),
            stub=_("Aanvaarde aanmeldingen"),
            columns=periods,
            labels=(_("Met een aanvaard plan"), _("Nog of zonder plan")),
            values=(
                (now.reached_plan, before.reached_plan),
                (now.accepted - now.reached_plan, before.accepted - before.reached_plan),
            ),
            column_totals=True,
            links=_per_period(0, "plan") + _per_period(2, "accepted"),
        ),
    ]


def measure_tables(c: Context) -> list[Table]:
    def both(value: Callable[[Figures], float | None], n: Callable[[Figures], int]):
        return (
            (value(c.current), n(c.current), value(c.previous), n(c.previous)),
            (n(c.current), n(c.current), n(c.previous), n(c.previous)),
        )

    def share(value: Callable[[Figures], float | None], part, whole: Callable[[Figures], int]):
        """A share is computed from a part of a whole: it is suppressed when the part or the
        rest is under 5 (else 28.6% of n=14 would give back a hidden 4)."""
        values, sizes = both(value, whole)

        def smallest(f: Figures) -> int:
            return min(part(f), whole(f) - part(f))

        return values, (smallest(c.current), sizes[1], smallest(c.previous), sizes[3])

    rows = [
        (
            _("Aandeel met een conferentie (%)"),
            share(lambda f: f.conference_share, lambda f: f.reached_conference, _accepted),
        ),
        (
            _("Aandeel met een plan (%)"),
            share(lambda f: f.plan_share, lambda f: f.reached_plan, _accepted),
        ),
        (
            _("Dagen van aanmelding tot conferentie (mediaan)"),
            both(lambda f: f.days_to_conference_median, lambda f: len(f.days_to_conference)),
        ),
        (
            _("Aanwezigen per conferentie (gemiddeld)"),
            both(lambda f: f.attendees_mean, lambda f: len(f.attendees)),
        ),
        (
            _("Afspraken per plan (gemiddeld)"),
            both(lambda f: f.agreements_mean, lambda f: len(f.agreements)),
        ),
        (
            _("Afspraken uitgevoerd bij de opvolging (%)"),
            share(
                lambda f: f.agreements_done_share,
                lambda f: f.agreement_progress.get(Agreement.Progress.DONE, 0),
                lambda f: f.agreements_followed_up,
            ),
        ),
        (
            _("Dagen gewerkt door de coördinatoren (goedgekeurde declaraties)"),
            both(lambda f: float(f.volunteer_days_total), lambda f: len(f.volunteer_days)),
        ),
        (
            _("Dagen per traject (gemiddeld, trajecten met gedeclareerde dagen)"),
            both(lambda f: f.volunteer_days_mean, lambda f: len(f.volunteer_days)),
        ),
    ]
    n = _("n")
    return [
        Table(
            key="measures",
            title=_("Verloop"),
            stub=_("Wat"),
            columns=(c.periods[0], n, c.periods[1], n),
            labels=tuple(label for label, _values in rows),
            values=tuple(values for _label, (values, _sizes) in rows),
            sizes=tuple(sizes for _label, (_values, sizes) in rows),
            kind="measures",
            n_after_value=True,
            # The n of a share is a count other tables show (its column 1 and 3).
            links=tuple(
                (row, column, f"{name}:{period}")
                for row, name in ((0, "accepted"), (1, "accepted"), (5, "agreements"))
                for column, period in ((1, "now"), (3, "before"))
            ),
            note=_(
                "“Aandeel” is berekend over de aanvaarde aanmeldingen; n is het aantal "
                "trajecten, conferenties, plannen of afspraken waarover gerekend werd."
            ),
        ),
        Table(
            key="coordinator_estimate",
            title=_("Inschatting van de coördinator (1-10, gemiddeld)"),
            stub=_("Groep"),
            columns=(_("Gemiddelde"), n),
            labels=(_("Hoofdpersonen"), _("Familie"), _("Netwerk"), _("Professionals")),
            values=tuple(
                (c.current.satisfaction.get(name), c.current.satisfaction_n.get(name, 0))
                for name in _SATISFACTION
            ),
            sizes=tuple((c.current.satisfaction_n.get(name, 0),) * 2 for name in _SATISFACTION),
            kind="measures",
            note=_(
                "De schatting die de coördinator bij de opvolging noteert, niet wat het gezin "
                "of het netwerk zelf zei."
            ),
        ),
    ]


_SATISFACTION = (
    "satisfaction_main_person",
    "satisfaction_family",
    "satisfaction_network",
    "satisfaction_professionals",
)


def _accepted(figures: Figures) -> int:
    return figures.accepted


def _tally(of: Callable, rows, *, several: bool) -> Counter:
    values = map(of, rows)
    return Counter(chain.from_iterable(values) if several else values)


def _breakdown(
    c: Context,
    *,
    key: str,
    title: str,
    stub: str,
    of: Callable,
    order: list[tuple[object, str]] | None,
    present: bool = True,
    several: bool = False,
    totals: bool = True,
    chart: bool = False,
) -> Table:
    """Referrals, conferences and plans per value of `of(row)` (a set of values if `several`).

    The rows are `order` (None: the values themselves, sorted); with `present` only the values
    that occur in either period, then "Onbekend" if that occurs. Counted with Counter over
    thousands of rows (bench/figures.py)."""
    rows = c.current.rows
    now = _tally(of, rows, several=several)
    conf = _tally(of, c.current.rows_with_conference, several=several)
    plan = _tally(of, c.current.rows_with_plan, several=several)
    before = _tally(of, c.previous.rows, several=several)
    if present:
        seen = now.keys() | before.keys()
        if order is None:
            order = [(v, v) for v in sorted(seen - {UNKNOWN})]
        order = [(v, label) for v, label in order if v in seen]
        order += [(UNKNOWN, _unknown())] if UNKNOWN in seen else []
    return Table(
        key=key,
        title=title,
        stub=stub,
        columns=(
            _("Aanmeldingen"),
            _("Met conferentie"),
            _("Met plan"),
            _("Aanmeldingen vorige periode"),
        ),
        labels=tuple(label for _value, label in order),
        values=tuple((now[v], conf[v], plan[v], before[v]) for v, _l in order),
        column_totals=totals,
        chart=chart,
        # Its totals are the period's referrals, conferences and plans (suppression rule 4).
        links=tuple(
            (len(order), column, name)
            for column, name in enumerate(
                ("referrals:now", "conference:now", "plan:now", "referrals:before")
            )
        )
        if totals
        else (),
    )


def breakdown_tables(c: Context) -> list[Table]:
    provinces = sorted(PROVINCES.items(), key=lambda item: item[1])
    return [
        _breakdown(
            c,
            key="by_province",
            title=_("Per provincie (postcode van het gezin)"),
            stub=_("Provincie"),
            of=attrgetter("province"),
            order=provinces,
            chart=True,
        ),
        _breakdown(
            c,
            key="by_municipality",
            title=_("Per gemeente (postcode van het gezin)"),
            stub=_("Postcode"),
            of=lambda row: row.postcode or UNKNOWN,
            order=None,
        ),
        _breakdown(
            c,
            key="by_sector",
            title=_("Per sector van de aanmelder"),
            stub=_("Sector"),
            of=attrgetter("sector"),
            order=list(c.sectors.items()),
            chart=True,
        ),
        _breakdown(
            c,
            key="by_minors",
            title=_("Met of zonder minderjarigen"),
            stub=_("Minderjarigen betrokken"),
            of=attrgetter("minors"),
            order=[(True, _("Ja, iemand jonger dan 18")), (False, _("Nee of niet bekend"))],
            present=False,
        ),
        _breakdown(
            c,
            key="by_domain",
            title=_("Per levensdomein"),
            stub=_("Domein"),
            of=attrgetter("domains"),
            order=[(value, str(label)) for value, label in Domain.choices],
            present=False,
            several=True,
            # A referral can name several domains: a total would count it more than once.
            totals=False,
            chart=True,
        ),
    ]


def _choices_table(
    key: str,
    title: str,
    stub: str,
    now: list[tuple[str, int]],
    before: list[tuple[str, int]],
    total: str = "",
) -> Table:
    return Table(
        key=key,
        title=title,
        stub=stub,
        columns=(_("Deze periode"), _("Vorige periode")),
        labels=tuple(label for label, _count in now),
        values=tuple((a, b) for (_l, a), (_m, b) in zip(now, before, strict=True)),
        column_totals=True,
        links=_per_period(len(now), total) if total else (),
    )


def course_tables(c: Context) -> list[Table]:
    now, before = c.current, c.previous
    progress = [
        (value, label)
        for value, label in Agreement.Progress.choices
        if value != Agreement.Progress.OPEN
    ] + [(Agreement.Progress.OPEN, Agreement.Progress.OPEN.label)]
    return [
        _choices_table(
            "referrer_type", _("Soort aanmelder"), _("Aanmelder"),
            now.by_referrer_type, before.by_referrer_type, total="referrals",
        ),
        _choices_table(
            "stopped", _("Reden van stoppen"), _("Reden"), now.stopped, before.stopped
        ),
        _choices_table("outcomes", _("Afgesloten"), _("Uitkomst"), now.outcomes, before.outcomes),
        Table(
            key="agreements",
            title=_("Afspraken bij de opvolging"),
            stub=_("Stand van zaken"),
            columns=(_("Deze periode"), _("Vorige periode")),
            labels=tuple(str(label) for _value, label in progress),
            values=tuple(
                (now.agreement_progress.get(v, 0), before.agreement_progress.get(v, 0))
                for v, _label in progress
            ),
            column_totals=True,
            links=_per_period(len(progress), "agreements"),
            note=_("De afspraken van aanvaarde plannen van trajecten met een opvolging."),
        ),
    ]  # fmt: skip


def network_tables(c: Context) -> list[Table]:
    order = [(value, str(label)) for value, label in NetworkSector.choices]
    order.append((UNKNOWN, _("Nog te sorteren")))
    now = c.current
    return [
        Table(
            key="network_growth",
            title=_("Groei van het netwerk: personen per sector bij de intake en de conferentie"),
            stub=_("Sector van het netwerk"),
            columns=(_("Bij de intake"), _("Bij de conferentie")),
            labels=tuple(label for _v, label in order),
            values=tuple(
                (now.network_intake.get(v, 0), now.network_conference.get(v, 0))
                for v, _label in order
            ),
            column_totals=True,
            chart=True,
            note=_(
                "Over de %(n)s trajecten van de periode met een momentopname bij de intake én "
                "bij de conferentie (telkens de eerste)."
            )
            % {"n": now.network_trajectories},
        )
    ]


def training_tables(c: Context) -> list[Table]:
    trainees = c.trainings.trainees
    years = sorted({t.year for t in trainees}) or [c.current.start.year]
    sectors = [*c.sectors.items(), (UNKNOWN, _unknown())]
    provinces = [*sorted(PROVINCES.items(), key=lambda item: item[1]), (UNKNOWN, _unknown())]
    by_sector = Counter((t.sector, t.year) for t in trainees)
    by_province = Counter((t.province, t.year) for t in trainees)
    organisations = c.trainings.organisations
    referred = sum(organisations.values())
    # The share is hidden when the organisations that referred, or those that did not, are
    # under 5: 27.3% of 11 would give back a hidden 3 (as for the shares in measure_tables).
    share_size = min(referred, len(organisations) - referred)

    def reach(key: str, title: str, stub: str, rows: list, counts: Counter, note: str) -> Table:
        return Table(
            key=key,
            title=title,
            stub=stub,
            columns=tuple(str(year) for year in years),
            labels=tuple(label for _v, label in rows),
            values=tuple(tuple(counts[v, y] for y in years) for v, _l in rows),
            row_totals=len(years) > 1,
            column_totals=True,
            note=note,
        )

    return [
        reach(
            "trainees_by_sector",
            _("Bereik van de vormingen: deelnemers per sector en jaar"),
            _("Sector"),
            sectors,
            by_sector,
            _(
                "Deelnemers met een bevestigde inschrijving aan vormingen die in de periode "
                "begonnen. De sector is niet verplicht op het inschrijvingsformulier."
            ),
        ),
        reach(
            "trainees_by_province",
            _("Bereik van de vormingen: deelnemers per provincie en jaar"),
            _("Provincie"),
            provinces,
            by_province,
            _("Volgens de postcode van de werkplek, anders die van de facturatiegegevens."),
        ),
        Table(
            key="funnel",
            title=_("Van vorming naar aanmelding"),
            stub=_("Organisaties van deelnemers"),
            columns=(_("Waarde"), _("n")),
            labels=(
                _("Organisaties met deelnemers"),
                _("Die binnen het jaar na de vorming een gezin aanmeldden"),
                _("Aandeel dat aanmeldde (%)"),
            ),
            values=(
                (len(organisations), len(organisations)),
                (referred, len(organisations)),
                (c.trainings.funnel_share, len(organisations)),
            ),
            sizes=(
                (len(organisations),) * 2,
                (referred, len(organisations)),
                (share_size, len(organisations)),
            ),
            kind="measures",
            note=_(
                "Een organisatie is het e-maildomein van wie inschreef (of de naam van de "
                "organisatie bij een gewoon mailadres); een aanmelding telt als haar e-maildomein "
                "of organisatie overeenkomt."
            ),
        ),
    ]


def _period_trajectories(c: Context):
    """The trajectories the current period's figures count: the period's referrals, or with a
    cut the ones it kept (the cut is applied in Python, see figures.py)."""
    if c.cut == Cut():
        low, high = period_bounds(c.current.start, c.current.end)
        return Trajectory.objects.filter(referred_at__gte=low, referred_at__lt=high)
    return kept_trajectories(row.pk for row in c.current.rows)


def _percent(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


def _mean(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# The groups as the Dutch annual figures of Eigen Kracht Centrale name their rows.
def _group_labels() -> dict[str, str]:
    return {
        Group.MAIN_MINOR: _("Minderjarige hoofdpersonen"),
        Group.MAIN_ADULT: _("Volwassen hoofdpersonen"),
        Group.FAMILY: _("Familie"),
        Group.NETWORK: _("Netwerk"),
        Group.PROFESSIONAL: _("Professionals"),
    }


def evaluation_tables(c: Context) -> list[Table]:
    """The participants' own evaluations of the period's conferences (two queries). No row for
    all groups together: with a group under 5 hidden, it would give that group away."""
    trajectories = _period_trajectories(c)
    labels = _group_labels()
    scores = conference_satisfaction(trajectories)
    counts = conference_response_counts(trajectories)
    n = _("n")
    statements = {
        "decisions": _("Samen beslist"),
        "inclusion": _("De familie telde mee"),
        "support": _("Steun van de professionals"),
    }
    return [
        Table(
            key="participants_satisfaction",
            title=_("Tevredenheid van de deelnemers (1-10, gemiddeld)"),
            stub=_("Groep"),
            columns=(_("Bijeenkomst"), _("Plan"), _("Coördinator"), n),
            labels=tuple(labels[g.group] for g in scores),
            values=tuple(
                (_mean(g.mean_meeting), _mean(g.mean_plan), _mean(g.mean_coordinator), g.n)
                for g in scores
            ),
            sizes=tuple((g.n,) * 4 for g in scores),
            kind="measures",
            chart=True,
            suppressed_on_page=True,
            note=_(
                "Wat de deelnemers zelf invulden na de conferentie, zoals in de jaarcijfers van "
                "Eigen Kracht Centrale. Een groep met minder dan 5 antwoorden toont “<5”."
            ),
        ),
        Table(
            key="participants_fidelity",
            title=_("Uitspraken over de conferentie: aandeel akkoord (%)"),
            stub=_("Groep"),
            columns=tuple(text for name in STATEMENTS for text in (statements[name], n)),
            labels=tuple(labels[g.group] for g in scores),
            values=tuple(
                tuple(
                    value
                    for name in STATEMENTS
                    for value in (_percent(g.agree_shares[name]), g.answered[name])
                )
                for g in scores
            ),
            # A statement's n is who answered it, within a group that itself reached 5.
            sizes=tuple(
                tuple(min(g.n, g.answered[name]) for name in STATEMENTS for _twice in range(2))
                for g in scores
            ),
            kind="measures",
            suppressed_on_page=True,
            note=_(
                "Akkoord of helemaal akkoord, van wie de uitspraak beantwoordde (“weet ik niet” "
                "telt niet mee)."
            ),
        ),
        Table(
            key="participants_response",
            title=_("Respons op de evaluatie van de conferentie"),
            stub=_("Groep"),
            columns=(_("Uitgenodigd"), _("Ingevuld"), _("Respons (%)")),
            labels=tuple(labels[g.group] for g in counts),
            values=tuple((g.invited, g.responded, _percent(g.response_rate)) for g in counts),
            sizes=tuple((g.invited, g.responded, g.responded) for g in counts),
            kind="measures",
            # A group's answers count under 5 is hidden on the page too, as in the satisfaction.
            suppressed_on_page=True,
            note=_("De persoonlijke links van de deelnemers aan de gehouden conferenties."),
        ),
    ]


def training_evaluation_tables(c: Context) -> list[Table]:
    """The trainees' evaluations of the trainings that started in the period, per year."""
    trainings = Training.objects.filter(
        starts_on__gte=c.current.start, starts_on__lte=c.current.end
    ).exclude(status=Training.Status.CANCELLED)
    years = training_evaluation_results_by_year(trainings)
    return [
        Table(
            key="training_evaluations",
            title=_("Evaluaties van de vormingen"),
            stub=_("Jaar"),
            columns=(
                _("Uitgenodigd"),
                _("Ingevuld"),
                _("Respons (%)"),
                _("Inhoud (1-10)"),
                _("Lesgever (1-10)"),
                _("Praktische organisatie (1-10)"),
                _("Zou een Eigen Kracht-conferentie voorstellen: ja (%)"),
            ),
            labels=tuple(str(year) for year, _scores in years),
            values=tuple(
                (
                    s.invited,
                    s.responded,
                    _percent(s.response_rate),
                    _mean(s.mean_content),
                    _mean(s.mean_trainer),
                    _mean(s.mean_organisation),
                    _percent(s.share_yes),
                )
                for _year, s in years
            ),
            sizes=tuple((s.invited, s.responded, *(s.responded,) * 5) for _year, s in years),
            kind="measures",
            suppressed_on_page=True,
            note=_(
                "Vormingen die in de periode begonnen. Minder dan 5 antwoorden in een jaar: “<5”."
            ),
        )
    ]


BUILDERS: list[Callable[[Context], list[Table]]] = [
    referral_tables,
    measure_tables,
    evaluation_tables,
    breakdown_tables,
    course_tables,
    network_tables,
    training_tables,
    training_evaluation_tables,
]


@dataclass(frozen=True)
class Report:
    start: dt.date
    end: dt.date
    previous_start: dt.date
    previous_end: dt.date
    cut: Cut
    referrals: int
    tables: list[Table]
    # The participants' open answers, for the page only: never in an export.
    comments: list[str] = field(default_factory=list)


def report_build(*, start: dt.date, end: dt.date, cut: Cut | None = None) -> Report:
    cut = cut or Cut()
    before_start, before_end = previous_period(start, end)
    context = Context(
        cut=cut,
        current=trajectory_figures(start=start, end=end, cut=cut),
        previous=trajectory_figures(start=before_start, end=before_end, cut=cut),
        trainings=training_figures(start=start, end=end),
        sectors=dict(Sector.objects.values_list("pk", "name")),
    )
    return Report(
        start=start,
        end=end,
        previous_start=before_start,
        previous_end=before_end,
        cut=cut,
        referrals=context.current.referrals,
        tables=[table for build in BUILDERS for table in build(context)],
        comments=conference_comments(_period_trajectories(context)),
    )
