"""What leaves the office is suppressed: the CSV, the JSON, the command and the annual report.
Bad input on the filters gets a Dutch message, never a server error."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eigenkracht.trajectories.models import Trajectory
from tests.trajectories.factories import ConferenceFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db
URL = reverse("reports:figures")
PERIOD = {"start": "2026-01-01", "end": "2026-12-31"}


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def year_2026():
    """Seven referrals in Gent, two of them declined; one in Antwerpen."""
    for month in range(1, 8):
        TrajectoryFactory(
            referred_at=at(dt.date(2026, month, 3)),
            postcode="9000",
            status="declined" if month <= 2 else "intake",
        )
    TrajectoryFactory(referred_at=at(dt.date(2026, 9, 3)), postcode="2000", status="intake")


def table(data: dict, key: str) -> dict[str, list]:
    found = next(t for t in data["tables"] if t["key"] == key)
    return {row["label"]: row["cells"] for row in found["rows"]}


def test_the_page_shows_exact_numbers_to_staff_and_says_what_leaves_suppressed(
    office_client, year_2026
):
    page = office_client.get(URL, PERIOD).content.decode()
    assert "afgeschermd" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"' in page
    assert "<title id=" in page and "<desc id=" in page and "style=" not in page
    # Antwerpen's single referral is shown exactly on the page.
    assert '<th scope="row">Antwerpen</th><td class="number">1</td>' in page


def test_the_json_hides_small_cells_and_what_would_recover_them(office_client, year_2026):
    data = json.loads(office_client.get(URL, {**PERIOD, "formaat": "json"}).content)
    # 6 accepted, 2 declined, none undecided: 2 and 0 are hidden; 8 - 6 gives back only their
    # sum, so 6 and the total stay.
    assert table(data, "referrals") == {
        "Aanvaard": [6, "<5"],
        "Niet aanvaard": ["<5", "<5"],
        "Nog niet beslist": ["<5", "<5"],
        "Totaal": [8, "<5"],
    }
    # Antwerpen's 1 would be 8 - 7: Oost-Vlaanderen's 7 is hidden too, the total stays.
    provinces = table(data, "by_province")
    assert [provinces[name][0] for name in ("Antwerpen", "Oost-Vlaanderen", "Totaal")] == [
        "<5",
        "x",
        8,
    ]


def test_the_csv_is_suppressed_too(office_client, year_2026):
    content = office_client.get(URL, {**PERIOD, "formaat": "csv"}).content.decode("utf-8-sig")
    assert "Antwerpen;<5;" in content
    assert "Antwerpen;1;" not in content


def test_the_command_prints_what_the_page_shows_suppressed(year_2026):
    out = io.StringIO()
    call_command("figures", "--from", "2026-01-01", "--to", "2026-12-31", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert (data["start"], data["end"], data["previous_start"]) == (
        "2026-01-01",
        "2026-12-31",
        "2025-01-01",
    )
    assert table(data, "by_province")["Antwerpen"][0] == "<5"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2026-02-30", "--to", "2026-12-31"], "Geen geldige datum"),
        (["--from", "2026-05-01", "--to", "2026-01-01"], "De einddatum ligt voor de begindatum."),
    ],
)
def test_the_command_refuses_bad_dates_with_a_clear_error(argv, message):
    with pytest.raises(CommandError, match=message):
        call_command("figures", *argv, "--json", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"provincie": "XX"}, "Kies een waarde uit de lijst."),
        ({"sector": "abc"}, "Kies een waarde uit de lijst."),
        ({"domein": "<script>"}, "Kies een waarde uit de lijst."),
        ({"postcode": "90000"}, "Vul een Belgische postcode in"),
        ({"start": "31-31-2026"}, "Vul een geldige datum in"),
        ({"start": "9999-12-31", "end": "9999-12-31"}, "Kies een einddatum tot en met 2100."),
    ],
)
def test_bad_filters_get_a_dutch_message(office_client, query, message):
    response = office_client.get(URL, {**PERIOD, **query})
    assert response.status_code == 200
    assert message in response.content.decode()
    # and nothing is downloaded from a refused form
    assert office_client.get(URL, {**PERIOD, **query, "formaat": "csv"})["Content-Type"].startswith(
        "text/html"
    )


def test_the_annual_report_as_xlsx_and_pdf(office_client, year_2026):
    from openpyxl import load_workbook

    response = office_client.get(reverse("reports:annual"), {"jaar": "2026", "formaat": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    values = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    ]
    assert "<5" in values and "Antwerpen" in values
    assert 1 not in [v for v in values if isinstance(v, int)]  # no cell under 5 as a number
    # Sheets are named in words, not by internal codes.
    assert book.sheetnames[1].startswith("01 Aanmeldingen")
    assert not any("_" in name for name in book.sheetnames)
    pdf = office_client.get(reverse("reports:annual"), {"jaar": "2026", "formaat": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    bad = office_client.get(reverse("reports:annual"), {"jaar": "twintig"})
    assert bad.status_code == 400 and "Kies een jaar" in bad.content.decode()


def test_the_page_takes_the_same_queries_for_2_and_12_trajectories(office_client):
    counts = []
    for total in (2, 12):
        while Trajectory.objects.count() < total:
            TrajectoryFactory(referred_at=at(timezone.localdate()), postcode="9000")
        with CaptureQueriesContext(connection) as queries:
            office_client.get(URL)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_command_loads_no_spreadsheet_or_pdf_library_at_start_up():
    from tests.test_command_startup import loaded_at_start_up

    argv = ("figures", "--from", "2026-01-01", "--to", "2026-12-31", "--json")
    assert loaded_at_start_up(*argv) == []


def test_a_share_whose_part_is_under_5_leaves_as_less_than_5(office_client):
    """4 of 14 referrals reached a conference: 28.6% of n=14 would give the hidden 4 back."""
    for month in range(1, 15):
        trajectory = TrajectoryFactory(
            referred_at=at(dt.date(2026, 1, month)), postcode="9000", status="intake"
        )
        if month <= 4:
            ConferenceFactory(trajectory=trajectory, held=True, date=dt.date(2026, 3, month))

    data = json.loads(office_client.get(URL, {**PERIOD, "formaat": "json"}).content)

    measures = table(data, "measures")
    # The share and its part are hidden, and so is the rest beside the part (10), so that the
    # 14 accepted, shown as the share's n, cannot give back the 4.
    assert measures["Aandeel met een conferentie (%)"][:2] == ["<5", 14]
    assert table(data, "conference")["Met een gehouden conferentie"][0] == "<5"
    assert table(data, "conference")["Nog of zonder conferentie"][0] == "x"
    # None declined and none undecided (0 and 0, "<5"): 14 referrals minus 14 accepted would
    # give them back, so the total is hidden.
    assert table(data, "referrals")["Totaal"][0] == "x"
    page = office_client.get(URL, PERIOD).content.decode()
    assert "28,6" in page  # staff see the exact share


def test_a_cut_download_says_in_words_what_it_was_cut_by(office_client, year_2026):
    query = {**PERIOD, "provincie": "OVL", "minderjarigen": "nee", "domein": "health"}
    text = office_client.get(URL, {**query, "formaat": "csv"}).content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[1:4] == [
        "Alleen: Provincie;Oost-Vlaanderen",
        "Alleen: Minderjarigen betrokken;Nee of niet bekend",
        "Alleen: Levensdomein;Gezondheid",
    ]
    data = office_client.get(URL, {**query, "formaat": "json"}).json()
    assert data["cut_shown"][0] == {"label": "Provincie", "value": "Oost-Vlaanderen"}
    whole = office_client.get(URL, {**PERIOD, "formaat": "csv"}).content.decode("utf-8-sig")
    assert "Alleen:" not in whole


def test_the_page_says_the_chosen_period_and_cut_outside_the_form_for_print(
    office_client, year_2026
):
    query = {**PERIOD, "provincie": "OVL", "domein": "health"}
    page = office_client.get(URL, query).content.decode()
    assert (
        "Aanmeldingen van 01/01/2026 - 31/12/2026</strong> · alleen provincie: "
        "Oost-Vlaanderen; levensdomein: Gezondheid</p>"
    ) in page


def test_no_table_gives_back_what_another_hides(office_client):
    """5 accepted, 2 declined, 6 not yet decided. The 2 is hidden, and so is the smallest other
    count, the accepted, in every table that shows it (the conference and plan tables' totals),
    so that 13 - 6 - 5 cannot give it back."""
    for day, status in enumerate(["intake"] * 5 + ["declined"] * 2 + ["referred"] * 6, start=1):
        TrajectoryFactory(referred_at=at(dt.date(2026, 3, day)), postcode="9000", status=status)

    data = json.loads(office_client.get(URL, {**PERIOD, "formaat": "json"}).content)

    assert table(data, "referrals")["Aanvaard"][0] == "x"
    for key in ("conference", "plan"):
        assert table(data, key)["Totaal"][0] in ("<5", "x"), key


def test_a_bookmarked_cut_without_a_period_shows_this_year(office_client):
    page = office_client.get(URL, {"provincie": "OVL"}).content.decode()

    assert "Dit veld is verplicht" not in page
    assert f"01/01/{timezone.localdate().year}" in page
