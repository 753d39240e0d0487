"""Every figure equals a hand count on a small fixed set of referrals and trainees, also when
the page is cut by province, postcode, sector, minors or domain."""

import datetime as dt

import pytest
from django.utils import timezone

from eigenkracht.core.models import Sector
from eigenkracht.network.models import NetworkSnapshot
from eigenkracht.reports.figures import UNKNOWN, Cut, training_figures, trajectory_figures
from eigenkracht.reports.report import report_build
from eigenkracht.trajectories.models import FollowUp, Participant, Plan
from tests.factories import RegistrationFactory, TrainingFactory
from tests.trajectories.factories import (
    AgreementFactory,
    ConferenceFactory,
    PlanFactory,
    TrajectoryFactory,
)

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=timezone.get_current_timezone())


def referral(day, *, postcode, sector, domains, status="referred", **kwargs):
    return TrajectoryFactory(
        referred_at=at(day),
        postcode=postcode,
        referrer_sector=Sector.objects.get(name=sector) if sector else None,
        domains=domains,
        status=status,
        **kwargs,
    )


def with_plan(trajectory, *, after_days, progress):
    conference = ConferenceFactory(
        trajectory=trajectory,
        held=True,
        date=timezone.localdate(trajectory.referred_at) + dt.timedelta(days=after_days),
    )
    plan = PlanFactory(trajectory=trajectory, conference=conference, status=Plan.Status.ACCEPTED)
    for value in progress:
        AgreementFactory(plan=plan, progress=value)


def snapshot(trajectory, reason, sectors):
    NetworkSnapshot.objects.create(
        trajectory=trajectory,
        taken_at=trajectory.referred_at + dt.timedelta(days=5 if reason == "intake" else 40),
        reason=reason,
        member_count=len(sectors),
        data=[{"name": f"Persoon {n}", "sector": s} for n, s in enumerate(sectors)],
    )


@pytest.fixture
def families():
    """T1 Gent, CAW, a child of 11, a plan with three agreements followed up (2 done);
    T2 Antwerpen, CLB, declined; T3 Gent-Sint-Amandsberg, no sector, a youngster born in 2010,
    stopped; T4 Antwerpen, CAW, someone born in 2008 (18 this year: an adult), a plan not yet
    followed up; T5 the year before."""
    t1 = referral(
        dt.date(2026, 2, 1),
        postcode="9000",
        sector="CAW",
        domains=["parenting", "school"],
        status="follow_up",
        referrer_email="inge@caw.be",
    )
    Participant.objects.create(
        trajectory=t1, role="child", name="Emma", birth_date=dt.date(2015, 1, 1)
    )
    with_plan(t1, after_days=30, progress=["done", "done", "not_done"])
    FollowUp.objects.create(
        trajectory=t1, held_on=dt.date(2026, 6, 1), note="Loopt.", satisfaction_family=8
    )
    snapshot(t1, "intake", ["family", "family", "friends"])
    snapshot(t1, "conference", ["family", "family", "friends", "professionals", ""])
    t2 = referral(
        dt.date(2026, 3, 1),
        postcode="2000",
        sector="CLB",
        domains=["school"],
        status="declined",
        referrer_organisation="CLB Gent",
        referrer_email="jan@gmail.com",
    )
    t3 = referral(
        dt.date(2026, 4, 1),
        postcode="9050",
        sector=None,
        domains=["health"],
        status="stopped",
        stop_reason="no_network",
    )
    Participant.objects.create(trajectory=t3, role="main_person", name="Yusuf", birth_year=2010)
    t4 = referral(
        dt.date(2026, 5, 1),
        postcode="2000",
        sector="CAW",
        domains=["parenting"],
        status="follow_up",
    )
    Participant.objects.create(trajectory=t4, role="child", name="Lina", birth_year=2008)
    with_plan(t4, after_days=10, progress=["ongoing"])
    t5 = referral(
        dt.date(2025, 6, 1),
        postcode="9000",
        sector="CAW",
        domains=["school"],
        referrer_email="an@ocmw.be",
        status="closed",
    )
    return t1, t2, t3, t4, t5


def test_a_referral_not_yet_decided_counts_as_neither_accepted_nor_declined(families):
    referral(dt.date(2026, 9, 1), postcode="9000", sector="CAW", domains=["school"])

    figures = trajectory_figures(start=YEAR[0], end=YEAR[1])

    assert (figures.referrals, figures.undecided, figures.declined, figures.accepted) == (
        5,
        1,
        1,
        3,
    )
    assert figures.conference_share == 66.7  # 2 of the 3 accepted, not of 4


def test_the_whole_year_counted_by_hand(families):
    figures = trajectory_figures(start=YEAR[0], end=YEAR[1])
    assert (figures.referrals, figures.declined, figures.accepted) == (4, 1, 3)
    assert (figures.reached_conference, figures.reached_plan) == (2, 2)
    assert sorted(figures.days_to_conference) == [10, 30]
    assert figures.agreement_progress == {"done": 2, "not_done": 1}  # T4 had no follow-up
    assert figures.agreements_done_share == 66.7
    assert figures.network_trajectories == 1
    assert figures.network_intake == {"family": 2, "friends": 1}
    assert figures.network_conference == {
        "family": 2,
        "friends": 1,
        "professionals": 1,
        UNKNOWN: 1,
    }
    assert (figures.satisfaction["satisfaction_family"], figures.satisfaction_n) == (
        8,
        {
            "satisfaction_main_person": 0,
            "satisfaction_family": 1,
            "satisfaction_network": 0,
            "satisfaction_professionals": 0,
        },
    )
    assert {row.pk for row in figures.rows if row.minors} == {families[0].pk, families[2].pk}


@pytest.mark.parametrize(
    ("cut", "expected"),
    [
        (Cut(province="OVL"), {0, 2}),
        (Cut(province="ANT"), {1, 3}),
        (Cut(postcode="2000"), {1, 3}),
        (Cut(sector=UNKNOWN), {2}),
        (Cut(minors=True), {0, 2}),
        (Cut(minors=False), {1, 3}),
        (Cut(domain="school"), {0, 1}),
        (Cut(province="OVL", minors=True, domain="health"), {2}),
    ],
)
def test_a_cut_keeps_the_referrals_a_hand_count_keeps(families, cut, expected):
    figures = trajectory_figures(start=YEAR[0], end=YEAR[1], cut=cut)
    assert {row.pk for row in figures.rows} == {families[i].pk for i in expected}
    assert figures.referrals == len(expected)


def test_a_cut_by_sector_follows_the_sector_list(families):
    caw = Sector.objects.get(name="CAW").pk
    figures = trajectory_figures(start=YEAR[0], end=YEAR[1], cut=Cut(sector=caw))
    assert figures.referrals == 2 and figures.reached_plan == 2
    assert figures.agreement_progress == {"done": 2, "not_done": 1}


def test_the_breakdowns_count_each_period_beside_the_previous(families):
    report = report_build(start=YEAR[0], end=YEAR[1])
    tables = {table.key: table for table in report.tables}
    assert (report.previous_start, report.previous_end) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
    )
    province = dict(zip(tables["by_province"].labels, tables["by_province"].values, strict=True))
    # referrals, with conference, with plan, referrals the year before
    assert province["Oost-Vlaanderen"] == (2, 1, 1, 1)
    assert province["Antwerpen"] == (2, 1, 1, 0)
    sector = dict(zip(tables["by_sector"].labels, tables["by_sector"].values, strict=True))
    assert sector == {"CLB": (1, 0, 0, 0), "CAW": (2, 2, 2, 1), "Onbekend": (1, 0, 0, 0)}
    minors = dict(zip(tables["by_minors"].labels, tables["by_minors"].values, strict=True))
    assert minors["Ja, iemand jonger dan 18"] == (2, 1, 1, 0)
    referrals = tables["referrals"]
    assert referrals.values == ((3, 1), (1, 0), (0, 0))  # accepted, declined, undecided
    growth = dict(
        zip(tables["network_growth"].labels, tables["network_growth"].values, strict=True)
    )
    assert growth["Familie"] == (2, 2) and growth["Nog te sorteren"] == (0, 1)


def confirmed(training, *, email, organisation="", sector=None, postcode=""):
    return RegistrationFactory(
        training=training,
        status="confirmed",
        email=email,
        organisation=organisation,
        sector=Sector.objects.get(name=sector) if sector else None,
        work_postcode=postcode,
    )


def test_training_reach_and_the_funnel_to_referrals(families):
    training = TrainingFactory(sessions=1, sessions__first_date=dt.date(2026, 1, 10))
    confirmed(training, email="an@caw.be", organisation="CAW", sector="CAW", postcode="9000")
    # A public mail address: the organisation's name counts ("vzw" left out).
    confirmed(training, email="jo@gmail.com", organisation="CLB Gent vzw", sector="CLB",
              postcode="2000")  # fmt: skip
    confirmed(training, email="x@school.be")  # no referral from school.be
    confirmed(training, email="z@ocmw.be")  # ocmw.be referred, but before the training
    RegistrationFactory(training=training, status="cancelled", email="y@politie.be")

    trainings = training_figures(start=YEAR[0], end=YEAR[1])

    assert sorted((t.sector != UNKNOWN, t.province) for t in trainings.trainees) == [
        (False, UNKNOWN),
        (False, UNKNOWN),
        (True, "ANT"),
        (True, "OVL"),
    ]
    assert trainings.organisations == {
        "@caw.be": True,  # T1 by inge@caw.be, three weeks after the training
        "clb gent": True,  # T2 by "CLB Gent", with a gmail address
        "@school.be": False,
        "@ocmw.be": False,
    }
    assert trainings.funnel_share == 50.0


def test_a_network_that_started_empty_grew_from_nobody():
    trajectory = referral(dt.date(2026, 2, 1), postcode="9000", sector="CAW", domains=["school"])
    snapshot(trajectory, "intake", [])
    snapshot(trajectory, "conference", ["family", "friends"])
    figures = trajectory_figures(start=YEAR[0], end=YEAR[1])
    assert figures.network_trajectories == 1
    assert (figures.network_intake, figures.network_conference) == ({}, {"family": 1, "friends": 1})
