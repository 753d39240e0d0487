"""The office downloads a training's participants as a CSV file that Excel opens as is."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def _export(client, training):
    response = client.get(reverse("trainings_backoffice:training_export", args=[training.pk]))
    assert response.status_code == 200
    return response


def _rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8")), delimiter=";"))


def test_the_export_has_one_row_per_participant(office_client):
    training = TrainingFactory(fee_cents=2000)
    registration = RegistrationFactory(
        training=training,
        first_name="Lotte",
        last_name="Vermeulen",
        email="lotte@clb.be",
        organisation="CLB Kortrijk",
        job="Psycho-pedagogisch consulent",
        phone="+3256123456",
        remarks="Graag\nvegetarisch",
        structured_communication="090933755493",
        seats=2,
        amount_paid_cents=2000,
        participants=[("Lotte", "Vermeulen", "lotte@clb.be"), ("Zoë", "Dewaele", "zoe@clb.be")],
    )

    response = _export(office_client, training)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"vorming-{training.pk}-{training.starts_on:%Y-%m-%d}.csv" in disposition
    assert response.content.startswith(b"\xef\xbb\xbf")
    header, *rows = _rows(response)
    assert header[0] == "\ufeffCode"
    assert header[1:5] == ["Status", "Voornaam", "Familienaam", "E-mailadres"]
    assert len(rows) == 2
    lotte, zoe = rows
    assert lotte == [
        registration.code,
        "Wacht op betaling",
        "Lotte",
        "Vermeulen",
        "lotte@clb.be",
        "CLB Kortrijk",
        "Psycho-pedagogisch consulent",
        "056 12 34 56",
        "Graag vegetarisch",
        "40,00",
        "20,00",
        "090/9337/55493",
        f"{timezone.localtime(registration.created_at):%d/%m/%Y %H:%M}",
    ]
    assert zoe[2:5] == ["Zoë", "Dewaele", "zoe@clb.be"]
    assert zoe[5] == "CLB Kortrijk"


def test_values_excel_would_run_as_formulas_get_an_apostrophe(office_client):
    training = TrainingFactory()
    RegistrationFactory(
        training=training,
        first_name="Jan",
        last_name="Peeters",
        organisation='=HYPERLINK("http://evil.example","klik")',
        job="+32 werk",
        remarks="@SUM(A1:A2)",
        participants=[("-Jan", "Peeters", "jan@example.be")],
    )

    (row,) = _rows(_export(office_client, training))[1:]

    assert row[2] == "'-Jan"
    assert row[5] == '\'=HYPERLINK("http://evil.example","klik")'
    assert row[6] == "'+32 werk"
    assert row[8] == "'@SUM(A1:A2)"


def test_an_export_without_registrations_has_only_the_header(office_client):
    training = TrainingFactory()

    rows = _rows(_export(office_client, training))

    assert len(rows) == 1
