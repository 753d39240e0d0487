"""A CSV from a bank we do not know: staff choose its columns once, then it is just read."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import AuditEntry
from eigenkracht.payments import services
from eigenkracht.payments.backoffice import views
from eigenkracht.payments.models import CsvLayout, StatementImport
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory
from tests.fixtures_gen.csv_banks import ogm_text
from tests.payments.backoffice.files import upload

pytestmark = pytest.mark.django_db

UPLOAD = reverse("payments_backoffice:import_upload")
HEADER = "Datum;Bedrag;Naam;Rekening;Omschrijving;Ref"


def _argenta_csv(*registrations, first_ref: int = 1) -> bytes:
    lines = [HEADER]
    for offset, registration in enumerate(registrations):
        communication = ogm_text(registration.structured_communication, "+++")
        lines.append(
            f"04/01/2027;20,00;{registration.full_name};BE71 0961 2345 6769;{communication};"
            f"A{first_ref + offset:05d}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


MAPPING = {
    "name": "Argenta CSV",
    "date": "Datum",
    "amount": "Bedrag",
    "credit": "",
    "debit": "",
    "counterparty_name": "Naam",
    "counterparty_iban": "Rekening",
    "communication": "Omschrijving",
    "structured_communication": "",
    "bank_id": "Ref",
    "account": "",
    "fixed_account": "BE68 5390 0754 7034",
    "date_format": "dd/mm/yyyy",
    "decimal_separator": ",",
}


def test_an_unknown_layout_is_mapped_once_and_then_recognised(
    office_client, django_capture_on_commit_callbacks
):
    first = RegistrationFactory()
    response = office_client.post(
        UPLOAD, {"file": upload(_argenta_csv(first), "argenta.csv"), "format": "auto"}
    )

    held = StatementImport.objects.get()
    mapping_url = reverse("payments_backoffice:import_mapping", args=[held.pk])
    assert response.url == mapping_url
    assert held.status == StatementImport.Status.FAILED
    form_page = office_client.get(mapping_url).content.decode()
    assert "De indeling van „argenta.csv” kennen we nog niet." in form_page
    for column in ("Datum", "Bedrag", "Naam", "Rekening", "Omschrijving", "Ref"):
        assert f"<q>{column}</q>" in form_page
    assert '<option value="Datum" selected>' in form_page  # guessed from the name

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(mapping_url, MAPPING)

    assert response.url == reverse("payments_backoffice:import_detail", args=[held.pk])
    held.refresh_from_db()
    assert held.status == StatementImport.Status.DONE
    assert held.error == ""
    assert held.format == "csv:mapping"
    first.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED
    layout = CsvLayout.objects.get()
    assert layout.name == "Argenta CSV"
    assert layout.mapping["bank_id"] == "Ref"
    assert AuditEntry.objects.filter(action="csv_layout.created").count() == 1
    assert "Gekoppeld: 1" in office_client.get(response.url).content.decode()

    second = RegistrationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            UPLOAD,
            {"file": upload(_argenta_csv(second, first_ref=2), "argenta2.csv"), "format": "auto"},
        )

    latest = StatementImport.objects.order_by("-id").first()
    assert response.url == reverse("payments_backoffice:import_detail", args=[latest.pk])
    assert latest.status == StatementImport.Status.DONE
    second.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED
    assert CsvLayout.objects.count() == 1


def test_a_mapping_that_cannot_read_the_file_is_not_saved(office_client):
    registration = RegistrationFactory()
    office_client.post(
        UPLOAD, {"file": upload(_argenta_csv(registration), "argenta.csv"), "format": "csv"}
    )
    held = StatementImport.objects.get()

    response = office_client.post(
        reverse("payments_backoffice:import_mapping", args=[held.pk]),
        {**MAPPING, "date": "Omschrijving"},  # no dates in that column
    )

    assert response.status_code == 400
    assert "regel 2" in response.content.decode()
    assert CsvLayout.objects.count() == 0
    held.refresh_from_db()
    assert held.status == StatementImport.Status.FAILED


def test_the_mapping_needs_a_date_and_an_amount(office_client):
    registration = RegistrationFactory()
    office_client.post(UPLOAD, {"file": upload(_argenta_csv(registration), "a.csv")})
    held = StatementImport.objects.get()

    response = office_client.post(
        reverse("payments_backoffice:import_mapping", args=[held.pk]),
        {**MAPPING, "date": "", "amount": ""},
    )

    page = response.content.decode()
    assert "Kies de kolom met de datum." in page
    assert "Kies de kolom met het bedrag, of de kolommen credit en debet." in page
    assert CsvLayout.objects.count() == 0


def test_a_dry_run_with_an_unknown_layout_keeps_the_file_for_the_real_import(
    office_client, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory()
    response = office_client.post(
        UPLOAD,
        {"file": upload(_argenta_csv(registration), "argenta.csv"), "dry_run": "on"},
    )
    held = StatementImport.objects.get()
    assert response.url.endswith("?proef=1")
    page = office_client.get(response.url).content.decode()
    assert 'name="dry_run" aria-describedby="id_dry_run_helptext" id="id_dry_run" checked' in page

    response = office_client.post(
        reverse("payments_backoffice:import_mapping", args=[held.pk]), {**MAPPING, "dry_run": "on"}
    )

    page = response.content.decode()
    assert "Er werd niets geboekt: dit is enkel een proef met „argenta.csv”." in page
    deleted_on = timezone.localdate(held.created_at) + dt.timedelta(days=30)
    assert f"Lees je het niet in, dan wissen we het op {deleted_on:%d/%m/%Y}." in page
    assert "Er werd niets opgeslagen" not in page
    assert "Gekoppeld: 1" in page
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    held.refresh_from_db()
    assert held.status == StatementImport.Status.FAILED

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(reverse("payments_backoffice:import_retry", args=[held.pk]))

    held.refresh_from_db()
    assert held.status == StatementImport.Status.DONE
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_a_second_file_held_before_the_mapping_can_then_be_read_as_is(
    office_client, django_capture_on_commit_callbacks
):
    first, second = RegistrationFactory(), RegistrationFactory()
    office_client.post(UPLOAD, {"file": upload(_argenta_csv(first), "januari.csv")})
    office_client.post(UPLOAD, {"file": upload(_argenta_csv(second, first_ref=2), "februari.csv")})
    january, february = StatementImport.objects.order_by("id")
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(
            reverse("payments_backoffice:import_mapping", args=[january.pk]), MAPPING
        )

    page = office_client.get(
        reverse("payments_backoffice:import_mapping", args=[february.pk])
    ).content.decode()
    assert "„februari.csv” kan nu gelezen worden" in page

    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(reverse("payments_backoffice:import_retry", args=[february.pk]))

    february.refresh_from_db()
    assert february.status == StatementImport.Status.DONE
    second.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED


def test_a_large_file_is_read_in_the_background_once_its_columns_are_chosen(
    office_client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(views, "INLINE_MAX_BYTES", 100)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    registration = RegistrationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(UPLOAD, {"file": upload(_argenta_csv(registration), "groot.csv")})
    failed = StatementImport.objects.get()
    services.statement_import_run(statement_import_id=failed.pk)  # the worker cannot read it
    failed.refresh_from_db()
    assert failed.status == StatementImport.Status.FAILED
    detail = reverse("payments_backoffice:import_detail", args=[failed.pk])
    page = office_client.get(detail).content.decode()
    assert "Kolommen van dit CSV-bestand kiezen" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            reverse("payments_backoffice:import_mapping", args=[failed.pk]), MAPPING
        )

    assert response.url == detail
    failed.refresh_from_db()
    assert failed.status == StatementImport.Status.QUEUED
    assert "<progress" in office_client.get(detail).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.statement_import_run(statement_import_id=failed.pk)
    failed.refresh_from_db()
    assert failed.status == StatementImport.Status.DONE
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
