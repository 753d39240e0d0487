"""The accountant's export: what the bank booked agrees with invoices, payments and refunds."""

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from eigenkracht.invoices.models import Document
from eigenkracht.payments import services as payments
from eigenkracht.payments.bookkeeping.builders import Period, bank_totals, sections
from eigenkracht.payments.bookkeeping.forms import previous_quarter
from eigenkracht.payments.models import Refund, SepaFile
from eigenkracht.payments.refunds import services as refunds
from eigenkracht.trainings import services as trainings
from tests.factories import RegistrationFactory, TrainingFactory
from tests.fixtures_gen.coda import CodaMovement
from tests.invoices.conftest import invoiced
from tests.payments.backoffice.files import PAYER_IBAN, coda_file, free_text_payment, ogm_payment

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PERIOD = Period(TODAY - dt.timedelta(days=7), TODAY + dt.timedelta(days=7))


def a_month_of_money(office_user):
    """An invoiced registration paid by the bank, one paid twice, a gift, one cancelled and
    refunded through a SEPA file, and the bank's next statement with the refund and the rent."""
    employer = invoiced()
    twice = RegistrationFactory(training=TrainingFactory(fee_cents=3000))
    cancelled = RegistrationFactory(training=TrainingFactory(fee_cents=5000))
    payments.statement_import(
        data=coda_file(
            ogm_payment(employer),
            ogm_payment(twice),
            ogm_payment(twice),
            ogm_payment(cancelled),
            free_text_payment(10000, "gift voor de werking"),
            date=TODAY,
        ),
        filename="1.cod",
        actor=office_user,
    )
    trainings.registration_cancel(registration=cancelled, actor=office_user)
    refund = Refund.objects.get(registration=cancelled)
    sepa_file = refunds.sepa_file_make(
        refund_ids=[refund.pk], actor=office_user, execution_date=TODAY
    )
    refunds.sepa_file_mark_sent(sepa_file=sepa_file, actor=office_user)
    payments.statement_import(
        data=coda_file(
            CodaMovement(
                amount_cents=-5000,
                counterparty_iban=PAYER_IBAN,
                text="Terugbetaling",
                customer_reference=refund.end_to_end_id,
            ),
            CodaMovement(amount_cents=-80000, counterparty_iban=PAYER_IBAN, text="Huur zaal"),
            number=2,
            date=TODAY,
        ),
        filename="2.cod",
        actor=office_user,
    )
    return employer, twice, cancelled


def test_the_bank_totals_agree_with_payments_surpluses_and_refunds(office_user):
    a_month_of_money(office_user)

    totals = bank_totals(PERIOD)

    assert totals.incoming_cents == 4000 + 3000 + 3000 + 5000 + 10000
    assert totals.booked_cents == 4000 + 3000 + 5000  # what the payments section lists
    assert totals.owed_back_cents == 3000  # the second transfer of the one paid twice
    assert totals.other_in_cents == 10000  # the gift
    assert (
        totals.booked_cents + totals.owed_back_cents + totals.other_in_cents
        == totals.incoming_cents
    )
    assert (totals.outgoing_cents, totals.refunds_cents, totals.other_out_cents) == (
        85000,
        5000,
        80000,
    )
    by_title = {section.title: section for section in sections(PERIOD)}
    assert by_title["Ontvangen betalingen"].totals[0][1].cents == totals.booked_cents
    assert by_title["Terugbetalingen"].totals[0][2].cents == totals.refunds_cents


def test_the_spreadsheet_holds_invoices_payments_refunds_and_the_reconciliation(
    office_client, office_user
):
    employer, _twice, cancelled = a_month_of_money(office_user)
    invoice = Document.objects.get(registration=employer)

    response = office_client.get(
        reverse("payments_backoffice:bookkeeping_export"),
        {"date_from": PERIOD.start, "date_to": PERIOD.end, "file_format": "xlsx"},
    )

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Facturen",
        "Creditnota's",
        "Ontvangen betalingen",
        "Terugbetalingen",
        "Nog terug te betalen",
        "Afstemming met de bank",
    ]
    invoices = workbook["Facturen"]
    assert invoices.cell(2, 1).value == invoice.number
    assert invoices.cell(2, 12).value == "betaald"
    paid = [row for row in workbook["Ontvangen betalingen"].values if employer.code in row]
    assert paid[0][-1] == invoice.number  # the payment carries its invoice number
    refunds_sheet = [row for row in workbook["Terugbetalingen"].values if cancelled.code in row]
    assert refunds_sheet and refunds_sheet[0][1] is not None  # done on the statement
    reconciliation = {row[0]: row[1] for row in workbook["Afstemming met de bank"].values}
    assert reconciliation["Ontvangen op onze rekeningen"] == 250
    assert reconciliation["  waarvan terugbetalingen"] == 50
    received = next(r for r in workbook["Ontvangen betalingen"].values if r[0] == "Totaal")[1]
    assert (
        received
        == reconciliation["Ontvangen betalingen: geboekt van de bank plus manueel ingegeven"]
    )


def test_a_credit_note_is_listed_with_the_invoice_it_credits(office_client, office_user):
    employer = invoiced()
    trainings.registration_cancel(registration=employer, actor=office_user)
    credit_note = Document.objects.get(kind=Document.Kind.CREDIT_NOTE)

    response = office_client.get(
        reverse("payments_backoffice:bookkeeping_export"),
        {"date_from": PERIOD.start, "date_to": PERIOD.end, "file_format": "csv"},
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    credit_row = next(row for row in rows if row and row[0] == credit_note.number)
    assert credit_row[2] == credit_note.credits.number


def test_the_command_writes_the_sheets_every_ubl_and_every_sepa_file(tmp_path, office_user):
    a_month_of_money(office_user)
    out = tmp_path / "q4"

    call_command(
        "bookkeeping_export",
        "--from",
        PERIOD.start.isoformat(),
        "--to",
        PERIOD.end.isoformat(),
        "--out",
        str(out),
        stdout=io.StringIO(),
    )

    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    documents = Document.objects.count()
    assert len([n for n in names if n.startswith("ubl/")]) == documents >= 1
    assert [n for n in names if n.startswith("sepa/")] == [
        f"sepa/{SepaFile.objects.get().filename}"
    ]
    assert f"boekhouding-{PERIOD.slug()}.xlsx" in names
    assert f"boekhouding-{PERIOD.slug()}.csv" in names
    ubl = next(out.glob("ubl/*.xml")).read_bytes()
    assert b"urn:oasis:names:specification:ubl:schema:xsd:" in ubl


def test_the_zip_from_the_back_office_holds_the_same_files(office_client, office_user):
    a_month_of_money(office_user)

    response = office_client.get(
        reverse("payments_backoffice:bookkeeping_export"),
        {"date_from": PERIOD.start, "date_to": PERIOD.end, "file_format": "zip"},
    )

    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert any(n.startswith("ubl/") for n in names)
    assert any(n.startswith("sepa/") for n in names)
    assert f"boekhouding-{PERIOD.slug()}.xlsx" in names


def test_a_period_that_ends_before_it_starts_gets_a_dutch_message(office_client):
    response = office_client.get(
        reverse("payments_backoffice:bookkeeping_export"),
        {"date_from": "2026-03-31", "date_to": "2026-01-01", "file_format": "xlsx"},
    )

    assert response.status_code == 200
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()


def test_the_command_refuses_a_wrong_date(tmp_path):

    with pytest.raises(CommandError, match="Geen datum"):
        call_command(
            "bookkeeping_export", "--from", "gisteren", "--to", "2026-01-01", "--out", str(tmp_path)
        )


def test_the_payments_export_gives_each_payment_its_invoice_number(office_client, office_user):
    employer = invoiced()
    payments.statement_import(
        data=coda_file(ogm_payment(employer), date=TODAY), filename="1.cod", actor=office_user
    )
    invoice = Document.objects.get(registration=employer)

    response = office_client.get(
        reverse("trainings_exports:export_form"),
        {"kind": "payments", "training": employer.training.pk, "file_format": "csv"},
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "Factuur"
    assert rows[1][-1] == invoice.number


def test_what_is_owed_back_at_the_end_of_the_period_is_listed(office_user):
    registration = paid_by_bank_on(RegistrationFactory(training=TrainingFactory(fee_cents=4200)))
    trainings.registration_cancel(registration=registration, actor=office_user)

    owed = {section.title: section for section in sections(PERIOD)}["Nog terug te betalen"]

    assert [row[4] for row in owed.rows] == [registration.code]
    assert owed.totals[0][2].cents == 4200


def test_the_form_proposes_the_last_whole_quarter():
    assert previous_quarter(dt.date(2026, 12, 4)) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert previous_quarter(dt.date(2026, 2, 10)) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))


def paid_by_bank_on(registration):
    payments.statement_import(
        data=coda_file(ogm_payment(registration), date=TODAY), filename="p.cod", actor=None
    )
    registration.refresh_from_db()
    return registration
