"""The participants' own evaluations in the figures: hand counts on a small fixed set, nothing
from fewer than 5 answers shown anywhere (the staff page included), a constant query count."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eigenkracht.evaluations.models import (
    Channel,
    ConferenceInvite,
    ConferenceResponse,
    Group,
    TrainingInvite,
    TrainingResponse,
)
from eigenkracht.reports import exports
from eigenkracht.reports.figures import Cut
from eigenkracht.reports.report import report_build
from tests.evaluations.factories import ConferenceResponseFactory
from tests.factories import RegistrationFactory, TrainingFactory
from tests.trajectories.factories import ParticipantFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db
URL = reverse("reports:figures")
PERIOD = {"start": "2026-01-01", "end": "2026-12-31"}
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=timezone.get_current_timezone())


def answer(trajectory, group, meeting, plan, coordinator, statements=(None, None, None)):
    decisions, inclusion, support = statements
    ConferenceResponseFactory(
        trajectory=trajectory,
        group=group,
        submitted_on=dt.date(2026, 6, 1),
        score_meeting=meeting,
        score_plan=plan,
        score_coordinator=coordinator,
        decisions=decisions,
        inclusion=inclusion,
        support=support,
    )


def invite(trajectory, group, *, used):
    ConferenceInvite.objects.create(
        trajectory=trajectory,
        participant=ParticipantFactory(trajectory=trajectory),
        group=group,
        channel=Channel.MAIL,
        used=used,
    )


def training_answers(training, invited, scores):
    for _seat in range(invited):
        seat = RegistrationFactory(training=training, status="confirmed").participants.get()
        TrainingInvite.objects.create(training=training, participant=seat)
    for content, trainer, organisation, propose in scores:
        TrainingResponse.objects.create(
            training=training,
            submitted_on=dt.date(2026, 3, 1),
            language="nl-be",
            score_content=content,
            score_trainer=trainer,
            score_organisation=organisation,
            would_propose=propose,
        )


@pytest.fixture
def evaluated():
    """Gent: 6 network answers, 3 professionals'. Antwerpen: 5 adult main persons'. Last year:
    5 network answers that this year's figures leave out. Two trainings of 2026, one of 2025."""
    gent = TrajectoryFactory(referred_at=at(dt.date(2026, 2, 1)), postcode="9000")
    antwerpen = TrajectoryFactory(referred_at=at(dt.date(2026, 3, 1)), postcode="2000")
    last_year = TrajectoryFactory(referred_at=at(dt.date(2025, 5, 1)), postcode="9000")
    network = [
        (8, 7, 9, (5, 5, 4)),
        (9, 8, 9, (4, 5, 4)),
        (7, 7, 8, (3, 5, 5)),
        (10, 9, 10, (None, 5, 4)),
        (6, 6, 7, (2, None, 4)),
        (8, 5, 9, (4, None, 5)),
    ]
    for meeting, plan, coordinator, statements in network:
        answer(gent, Group.NETWORK, meeting, plan, coordinator, statements)
    for score in (9, 3, 6):
        answer(gent, Group.PROFESSIONAL, score, score, score, (1, 1, 1))
    for score in (10, 10, 9, 9, 7):
        answer(antwerpen, Group.MAIN_ADULT, score, 8, 8, (5, 5, 5))
    for _n in range(5):
        answer(last_year, Group.NETWORK, 1, 1, 1)
    for used in (True,) * 6 + (False,) * 2:
        invite(gent, Group.NETWORK, used=used)
    for _n in range(3):
        invite(gent, Group.PROFESSIONAL, used=True)
    for _n in range(5):
        invite(antwerpen, Group.MAIN_ADULT, used=True)
    yes, no = "yes", "no"
    first = TrainingFactory(sessions=1, sessions__first_date=dt.date(2026, 2, 10))
    training_answers(first, 6, [(8, 9, 7, yes), (8, 9, 7, yes), (9, 8, 8, yes),
                                (9, 7, 8, no), (6, 7, 10, no)])  # fmt: skip
    second = TrainingFactory(sessions=1, sessions__first_date=dt.date(2026, 9, 10))
    training_answers(second, 2, [(10, 10, 10, no)])
    old = TrainingFactory(sessions=1, sessions__first_date=dt.date(2025, 9, 10))
    training_answers(old, 5, [(1, 1, 1, no)] * 5)


def table(tables, key: str) -> dict[str, list]:
    found = next(t for t in tables if t.key == key)
    return {label: list(cells) for label, cells in found.rows}


def exported(report, key):
    return table(exports.grids(report, suppressed=True), key)


def test_the_satisfaction_per_group_and_object_counted_by_hand(evaluated):
    report = report_build(start=YEAR[0], end=YEAR[1])

    assert exported(report, "participants_satisfaction") == {
        "Minderjarige hoofdpersonen": [None, None, None, "<5"],
        # (10+10+9+9+7)/5 = 9.0; plan and coordinator 8 each
        "Volwassen hoofdpersonen": [9.0, 8.0, 8.0, 5],
        "Familie": [None, None, None, "<5"],
        # meeting 48/6 = 8.0, plan 42/6 = 7.0, coordinator 52/6 = 8.7
        "Netwerk": [8.0, 7.0, 8.7, 6],
        "Professionals": ["<5", "<5", "<5", "<5"],
    }


def test_the_fidelity_statements_share_agreeing_of_who_answered(evaluated):
    report = report_build(start=YEAR[0], end=YEAR[1])

    fidelity = exported(report, "participants_fidelity")
    # Network: decisions 3 agree of 5 answered; inclusion 4 answered (hidden); support 6 of 6.
    assert fidelity["Netwerk"] == [60.0, 5, "<5", "<5", 100.0, 6]
    assert fidelity["Volwassen hoofdpersonen"] == [100.0, 5, 100.0, 5, 100.0, 5]
    # Three professionals: all disagreed, and nothing of it leaves.
    assert fidelity["Professionals"] == ["<5"] * 6


def test_the_response_rate_per_group(evaluated):
    report = report_build(start=YEAR[0], end=YEAR[1])

    response = exported(report, "participants_response")
    assert response["Netwerk"] == [8, 6, 75.0]
    assert response["Volwassen hoofdpersonen"] == [5, 5, 100.0]
    assert response["Professionals"] == ["<5", "<5", "<5"]
    # On the page too a group under 5 answers is not shown, as its satisfaction is not.
    page = report_build(start=YEAR[0], end=YEAR[1])
    assert table(exports.grids(page, suppressed=False), "participants_response")[
        "Professionals"
    ] == ["<5", "<5", "<5"]


def test_a_cut_keeps_the_answers_of_the_trajectories_it_keeps(evaluated):
    report = report_build(start=YEAR[0], end=YEAR[1], cut=Cut(province="OVL"))

    satisfaction = exported(report, "participants_satisfaction")
    assert satisfaction["Volwassen hoofdpersonen"] == [None, None, None, "<5"]  # Antwerpen
    assert satisfaction["Netwerk"] == [8.0, 7.0, 8.7, 6]


def test_the_training_evaluations_per_year(evaluated):
    report = report_build(start=YEAR[0], end=YEAR[1])

    # Invited 6 + 2, answered 5 + 1; content (40 + 10) / 6 = 8.3, trainer 50/6 = 8.3,
    # organisation 50/6 = 8.3; "ja" 3 of 6 = 50 %. The 2025 training is another year.
    assert exported(report, "training_evaluations") == {"2026": [8, 6, 75.0, 8.3, 8.3, 8.3, 50.0]}


def test_a_year_with_fewer_than_5_training_answers_shows_less_than_5(evaluated):
    report = report_build(start=dt.date(2026, 9, 1), end=dt.date(2026, 12, 31))

    assert exported(report, "training_evaluations") == {"2026": ["<5"] * 7}


def test_the_page_shows_no_mean_from_fewer_than_5_answers_not_even_to_staff(
    office_client, evaluated
):
    page = office_client.get(URL, PERIOD).content.decode()

    assert "Tevredenheid van de deelnemers" in page
    assert "Inschatting van de coördinator" in page
    row = '<th scope="row">Professionals</th>' + '<td class="number">&lt;5</td>' * 4
    assert row in page
    assert '<th scope="row">Netwerk</th><td class="number">8</td><td class="number">7</td>' in page
    # The chart of the meeting scores draws no bar for them and says "<5".
    assert 'id="chart-participants_satisfaction-title"' in page
    assert "Netwerk 8, Professionals &lt;5</desc>" in page


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_every_export_hides_the_groups_under_5(office_client, evaluated, kind):
    response = office_client.get(URL, {**PERIOD, "formaat": kind})
    text = response.content.decode("utf-8-sig")
    if kind == "json":
        data = json.loads(text)
        rows = next(t for t in data["tables"] if t["key"] == "participants_satisfaction")["rows"]
        assert {"label": "Professionals", "cells": ["<5"] * 4} in rows
    else:
        assert "Professionals;<5;<5;<5;<5" in text
        assert "Netwerk;8;7;8,7;6" in text


def test_the_command_hides_the_groups_under_5(evaluated):
    out = io.StringIO()
    call_command("figures", "--from", "2026-01-01", "--to", "2026-12-31", "--json", stdout=out)
    data = json.loads(out.getvalue())
    rows = next(t for t in data["tables"] if t["key"] == "participants_satisfaction")["rows"]
    assert {"label": "Professionals", "cells": ["<5"] * 4} in rows


def test_the_annual_report_lays_out_the_satisfaction_as_the_dutch_figures(office_client, evaluated):
    from openpyxl import load_workbook

    response = office_client.get(reverse("reports:annual"), {"jaar": "2026", "formaat": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    sheet = next(
        s for s in book.worksheets if "Tevredenheid van de deelnemers" in str(s["A1"].value)
    )
    rows = [row for row in sheet.iter_rows(values_only=True) if any(row)]
    assert rows[1][:5] == ("Groep", "Bijeenkomst", "Plan", "Coördinator", "n")
    body = {row[0]: row[1:5] for row in rows[2:7]}
    assert list(body) == [
        "Minderjarige hoofdpersonen",
        "Volwassen hoofdpersonen",
        "Familie",
        "Netwerk",
        "Professionals",
    ]
    assert body["Netwerk"] == (8, 7, 8.7, 6)
    assert body["Professionals"] == ("<5",) * 4
    pdf = office_client.get(reverse("reports:annual"), {"jaar": "2026", "formaat": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_page_takes_the_same_queries_for_2_and_12_trajectories_with_answers(office_client):
    counts = []
    for total in (2, 12):
        while ConferenceResponse.objects.values("trajectory").distinct().count() < total:
            trajectory = TrajectoryFactory(referred_at=at(timezone.localdate()), postcode="9000")
            for group in Group:
                answer(trajectory, group, 8, 8, 8, (4, 4, 4))
                invite(trajectory, group, used=True)
        with CaptureQueriesContext(connection) as queries:
            office_client.get(URL)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_cut_that_keeps_nothing_gives_empty_figures_not_an_error(office_client, evaluated):
    report = report_build(start=YEAR[0], end=YEAR[1], cut=Cut(postcode="1000"))

    assert exported(report, "participants_satisfaction")["Netwerk"] == [None, None, None, "<5"]
    assert report.referrals == 0
    assert office_client.get(URL, {**PERIOD, "postcode": "1000"}).status_code == 200


def test_the_network_growth_under_a_cut_counts_only_the_kept_trajectories():
    from eigenkracht.network.models import NetworkSnapshot
    from eigenkracht.reports.figures import trajectory_figures

    for postcode, intake, conference in (("9000", 2, 5), ("2000", 3, 9)):
        trajectory = TrajectoryFactory(referred_at=at(dt.date(2026, 2, 1)), postcode=postcode)
        for reason, size, day in (("intake", intake, 2), ("conference", conference, 40)):
            NetworkSnapshot.objects.create(
                trajectory=trajectory,
                taken_at=at(dt.date(2026, 2, day % 28 + 1)),
                reason=reason,
                member_count=size,
                data=[{"id": n, "name": f"P{n}", "sector": "family"} for n in range(size)],
            )

    gent = trajectory_figures(start=YEAR[0], end=YEAR[1], cut=Cut(province="OVL"))
    both = trajectory_figures(start=YEAR[0], end=YEAR[1])

    assert (gent.network_intake, gent.network_conference) == ({"family": 2}, {"family": 5})
    assert gent.network_trajectories == 1
    assert (both.network_intake, both.network_conference) == ({"family": 5}, {"family": 14})
    assert both.network_trajectories == 2


def test_the_open_answers_are_on_the_page_pooled_and_never_in_an_export(office_client):
    gent = TrajectoryFactory(referred_at=at(dt.date(2026, 2, 1)), postcode="9000")
    for _n in range(5):
        answer(gent, Group.FAMILY, 8, 8, 8)
    ConferenceResponse.objects.filter(trajectory=gent).update(comment="Zo veel mensen samen.")

    one_family = office_client.get(URL, PERIOD).content.decode()
    assert "Zo veel mensen samen." not in one_family  # 5 answers, but of one trajectory

    for day in range(2, 6):
        other = TrajectoryFactory(referred_at=at(dt.date(2026, 2, day)), postcode="9000")
        answer(other, Group.NETWORK, 7, 7, 7)
    ConferenceResponse.objects.filter(group=Group.NETWORK).update(comment="Al had ik meer tijd.")
    page = office_client.get(URL, PERIOD).content.decode()
    assert page.index("Al had ik meer tijd.") < page.index("Zo veel mensen samen.")
    for kind in ("csv", "json"):
        download = office_client.get(URL, {**PERIOD, "formaat": kind}).content.decode()
        assert "mensen samen" not in download
