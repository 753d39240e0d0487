"""The export page: participants and payments per training or period, as XLSX and CSV."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from eigenkracht.banking.ogm import ogm_display
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

URL = reverse("trainings_exports:export_form")
FEB = dt.date(2027, 2, 2)
PERIOD = {"date_from": "2027-01-01", "date_to": "2027-03-31"}


def _get(client, **params):
    return client.get(URL, params)


def _xlsx(response):
    return load_workbook(io.BytesIO(response.content))


def _csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.fixture
def training():
    return TrainingFactory(
        title="Basisvorming Gent", sessions=2, sessions__first_date=FEB, fee_cents=2500
    )


@pytest.fixture
def registration(training):
    return RegistrationFactory(
        training=training,
        code="EKT00042",
        structured_communication="010806817183",
        status=Registration.Status.CONFIRMED,
        first_name="An",
        last_name="Peeters",
        email="an@example.be",
        organisation='=HYPERLINK("http://evil")',
        job="Maatschappelijk werker",
        seats=2,
        amount_paid_cents=5000,
        participants=[("An", "Peeters", "an@example.be"), ("Bert", "Claes", "bert@example.be")],
    )


# Permissions -----------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["referrer", "coordinator"])
def test_a_referrer_or_coordinator_is_refused(login_as, role):
    assert login_as(role).get(URL).status_code == 403
    assert login_as(role).get(URL, {"kind": "participants", **PERIOD}).status_code == 403


def test_office_staff_see_the_form(office, training):
    response = office.get(URL)

    assert response.status_code == 200
    assert "Basisvorming Gent (02/02/2027)" in response.content.decode()


# Validation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Kies een vorming of een periode (van en tot en met)."),
        ({"date_from": "2027-01-01"}, "Vul voor een periode zowel de begin- als de einddatum in."),
        (
            {"date_from": "2027-03-01", "date_to": "2027-01-01"},
            "De einddatum ligt vóór de begindatum.",
        ),
        (
            {"date_from": "2020-01-01", "date_to": "2025-01-02"},
            "Een periode mag hoogstens 5 jaar lang zijn.",
        ),
    ],
)
def test_the_form_explains_what_is_wrong(office, params, message):
    response = _get(office, kind="participants", file_format="xlsx", **params)

    assert response.status_code == 200
    assert message in response.content.decode()


def test_five_years_exactly_is_allowed(office):
    response = _get(
        office, kind="payments", file_format="csv", date_from="2020-01-01", date_to="2025-01-01"
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('betalingen-2020-01-01-tot-2025-01-01.csv"')


def test_a_training_and_a_period_together_are_refused(office, training):
    response = _get(office, kind="participants", file_format="csv", training=training.pk, **PERIOD)

    assert "Kies een vorming of een periode, niet allebei." in response.content.decode()


# Participants ----------------------------------------------------------------------------------


def test_participants_as_xlsx(office, registration):
    RegistrationFactory(training=registration.training, amount_paid_cents=0)
    TrainingFactory(sessions__first_date=dt.date(2027, 6, 1))  # outside the period

    response = _get(office, kind="participants", file_format="xlsx", **PERIOD)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == (
        'attachment; filename="deelnemers-2027-01-01-tot-2027-03-31.xlsx"'
    )
    sheet = _xlsx(response)["Deelnemers"]
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header[:7] == [
        "Vorming", "Begindatum", "Einddatum", "Gemeente", "Code", "Status", "Deelnemer"
    ]  # fmt: skip
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["A"].width > 10
    first = [cell.value for cell in sheet[2]]
    assert first[0] == "Basisvorming Gent"
    assert first[1] == dt.datetime(2027, 2, 2)
    assert first[2] == dt.datetime(2027, 2, 9)
    assert first[3:10] == [
        "Gent", "EKT00042", "Bevestigd", "An Peeters", "an@example.be",
        '=HYPERLINK("http://evil")', "Maatschappelijk werker",
    ]  # fmt: skip
    assert sheet.cell(2, 9).data_type == "s"  # text, not a formula
    assert first[11] == Decimal("50") or first[11] == 50
    assert sheet.cell(2, 12).number_format == "€ #,##0.00"
    assert sheet.cell(2, 2).number_format == "DD/MM/YYYY"
    assert first[13] == "+++010/8068/17183+++"
    assert isinstance(first[14], dt.datetime)
    second = [cell.value for cell in sheet[3]]
    assert second[6] == "Bert Claes"
    assert second[11] is None  # a registration's amounts stand on its first row only
    # three participant rows, a blank row, then the totals
    assert sheet.cell(5, 1).value is None
    totals = [cell.value for cell in sheet[6]]
    assert totals[0] == "Totaal"
    assert totals[6] == 3
    assert totals[11] == 75
    assert totals[12] == 50
    assert sheet.cell(6, 12).number_format == "€ #,##0.00"
    assert sheet.cell(6, 1).font.bold
    by_status = {sheet.cell(row, 1).value: sheet.cell(row, 7).value for row in (7, 8)}
    assert by_status == {"Wacht op betaling": 1, "Bevestigd": 2}


def test_participants_of_one_training_as_csv(office, registration):
    response = _get(
        office, kind="participants", file_format="csv", training=registration.training.pk
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith(
        f'deelnemers-vorming-{registration.training.pk}-2027-02-02.csv"'
    )
    rows = _csv_rows(response)
    assert rows[0][0] == "Vorming"
    assert rows[1][:9] == [
        "Basisvorming Gent", "02/02/2027", "09/02/2027", "Gent", "EKT00042", "Bevestigd",
        "An Peeters", "an@example.be", "'=HYPERLINK(\"http://evil\")",
    ]  # fmt: skip
    assert rows[1][11:14] == ["50,00", "50,00", "010/8068/17183"]
    assert rows[3][0] == "Totaal"
    assert rows[3][6] == "2"
    assert rows[3][11:13] == ["50,00", "50,00"]
    assert rows[4][0] == "Bevestigd"


# Payments --------------------------------------------------------------------------------------


def test_payments_as_xlsx_with_refunds(office, registration, make_payment):
    make_payment(registration, 3000, dt.date(2027, 1, 10))
    make_payment(
        registration,
        2000,
        dt.date(2027, 1, 12),
        counterparty="VZW De Brug",
        surplus_cents=1550,
        communication=ogm_display("010806817183"),
    )
    make_payment(registration, 999, dt.date(2027, 5, 1))  # outside the period

    response = _get(office, kind="payments", file_format="xlsx", **PERIOD)

    assert response["Content-Disposition"].endswith('betalingen-2027-01-01-tot-2027-03-31.xlsx"')
    workbook = _xlsx(response)
    assert workbook.sheetnames == ["Betalingen", "Terugbetalingen"]
    sheet = workbook["Betalingen"]
    assert [cell.value for cell in sheet[1]][:3] == ["Betaald op", "Bedrag", "Bron"]
    manual = [cell.value for cell in sheet[2]]
    assert manual[:6] == [
        dt.datetime(2027, 1, 10), 30, "Manueel ingegeven", "EKT00042", "An Peeters",
        "Basisvorming Gent",
    ]  # fmt: skip
    assert manual[6:] == ["", "", "", ""] or manual[6:] == [None, None, None, None]
    bank = [cell.value for cell in sheet[3]]
    assert bank[2] == "Rekeninguittreksel"
    assert bank[6:9] == ["VZW De Brug", "BE71096123456769", "+++010/8068/17183+++"]
    assert sheet.cell(3, 2).number_format == "€ #,##0.00"
    assert [sheet.cell(5, 1).value, sheet.cell(5, 2).value] == ["Totaal", 50]
    assert [sheet.cell(6, 1).value, sheet.cell(6, 2).value] == ["Aantal betalingen", 2]
    refunds = workbook["Terugbetalingen"]
    assert refunds.freeze_panes == "A2"
    assert [cell.value for cell in refunds[2]] == [
        dt.datetime(2027, 1, 12), "Te veel of dubbel betaald", "EKT00042", "An Peeters",
        "VZW De Brug", "BE71096123456769", "Terugbetaling inschrijving EKT00042", 15.5,
        "Te betalen", dt.datetime(2027, 2, 11),
    ]  # fmt: skip
    assert refunds.cell(2, 8).number_format == "€ #,##0.00"
    assert [refunds.cell(4, 1).value, refunds.cell(4, 8).value] == ["Totaal", 15.5]


def test_payments_of_one_training_as_csv(office, registration, make_payment):
    make_payment(registration, 2000, dt.date(2027, 1, 12), counterparty="=cmd", surplus_cents=500)
    make_payment(RegistrationFactory(), 1234, dt.date(2027, 1, 12))  # another training

    response = _get(office, kind="payments", file_format="csv", training=registration.training.pk)

    rows = _csv_rows(response)
    assert rows[0][:2] == ["Betaald op", "Bedrag"]
    assert rows[1][:3] == ["12/01/2027", "20,00", "Rekeninguittreksel"]
    assert rows[1][6] == "'=cmd"
    assert rows[1][8] == "'+++010/8068/17183+++"
    assert rows[2] == ["Totaal", "20,00"]
    assert rows[3] == ["Aantal betalingen", "1"]
    assert rows[4] == []
    assert rows[5] == ["Terugbetalingen"]
    assert rows[6][0] == "Ontstaan op"
    assert rows[7][:2] == ["12/01/2027", "Te veel of dubbel betaald"]
    assert rows[7][4] == "'=cmd"
    assert rows[7][7:] == ["5,00", "Te betalen", "11/02/2027"]
    assert rows[8] == ["Totaal", "", "", "", "", "", "", "5,00"]


# Query counts ----------------------------------------------------------------------------------


def _queries(client, **params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(context)


def _fill(count, make_payment):
    training = TrainingFactory(sessions__first_date=FEB)
    for index in range(count):
        registration = RegistrationFactory(training=training, seats=2)
        make_payment(registration, 1000, dt.date(2027, 1, 5), counterparty=f"Betaler {index}")
    return training


@pytest.mark.parametrize("kind", ["participants", "payments"])
@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_number_of_queries_does_not_grow_with_the_rows(
    office, make_payment, django_assert_num_queries, kind, file_format
):
    training = _fill(5, make_payment)
    small = _queries(office, kind=kind, file_format=file_format, **PERIOD)
    by_training = _queries(office, kind=kind, file_format=file_format, training=training.pk)

    _fill(45, make_payment)

    with django_assert_num_queries(small):
        office.get(URL, {"kind": kind, "file_format": file_format, **PERIOD})
    with django_assert_num_queries(by_training):
        office.get(URL, {"kind": kind, "file_format": file_format, "training": training.pk})
