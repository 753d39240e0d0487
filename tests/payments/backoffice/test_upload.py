"""The office uploads a bank statement: small files answer at once, large ones follow a bar."""

import pytest
from django.core import mail
from django.urls import reverse

from eigenkracht.core.models import AuditEntry
from eigenkracht.payments import services
from eigenkracht.payments.backoffice import views
from eigenkracht.payments.models import BankTransaction, Payment, StatementImport
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory
from tests.fixtures_gen.coda import coda_lines
from tests.payments.backoffice.files import (
    OUR_ACCOUNT,
    coda_file,
    free_text_payment,
    ogm_payment,
    upload,
)

pytestmark = pytest.mark.django_db

UPLOAD = reverse("payments_backoffice:import_upload")


def _post(client, data: bytes, *, name: str = "uittreksel.cod", **fields):
    return client.post(UPLOAD, {"file": upload(data, name), "format": "auto", **fields})


def test_a_small_coda_file_confirms_the_registration_it_pays(
    office_client, office_user, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(first_name="Lotte", last_name="Vermeulen")
    data = coda_file(ogm_payment(registration))

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(office_client, data)

    imported = StatementImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("payments_backoffice:import_detail", args=[imported.pk])
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.amount_paid_cents == 2000
    assert imported.created_by == office_user
    assert imported.format == "coda"
    assert [m.to for m in mail.outbox] == [[registration.email]]

    page = office_client.get(response.url).content.decode()
    assert "Het bestand is ingelezen." in page
    assert "Gekoppeld: 1" in page
    assert registration.code in page
    assert "€ 20,00" in page
    ogm = registration.structured_communication
    assert f"+++{ogm[:3]}/{ogm[3:7]}/{ogm[7:]}+++" in page
    assert reverse("trainings_backoffice:registration_detail", args=[registration.pk]) in page


def test_a_dry_run_shows_the_outcome_and_writes_nothing(office_client):
    registration = RegistrationFactory()
    data = coda_file(ogm_payment(registration), free_text_payment(1500, "huur zaal"))

    response = _post(office_client, data, dry_run="on")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Er werd niets opgeslagen of geboekt" in page
    assert "Gekoppeld: 1" in page
    assert "Na te kijken: 1" in page
    assert registration.code in page
    assert StatementImport.objects.count() == 0
    assert BankTransaction.objects.count() == 0
    assert Payment.objects.count() == 0
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING


def test_a_malformed_file_shows_where_it_is_wrong_and_writes_nothing(office_client):
    registration = RegistrationFactory()
    lines = coda_lines_for(registration)
    lines[1] = lines[1][:100]  # the old-balance record cut short
    data = ("\r\n".join(lines) + "\r\n").encode("cp1252")

    response = _post(office_client, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Dit bestand kon niet ingelezen worden" in page
    assert "regel 2" in page
    assert "Er werd niets opgeslagen." in page
    assert StatementImport.objects.count() == 0
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING


def coda_lines_for(registration):
    from tests.fixtures_gen.coda import CodaStatement

    return coda_lines([CodaStatement(OUR_ACCOUNT, movements=[ogm_payment(registration)])])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Het bestand is leeg."),
        (b"Dit is gewoon een brief aan de bank.", "Dit bestand herkennen we niet"),
    ],
)
def test_an_empty_or_unknown_file_is_refused_in_dutch(office_client, data, message):
    response = _post(office_client, data, name="brief.txt")

    assert message in response.content.decode()
    assert StatementImport.objects.count() == 0


def test_a_file_above_50_mb_is_refused(office_client, monkeypatch):
    monkeypatch.setattr("eigenkracht.payments.backoffice.forms.MAX_UPLOAD_BYTES", 1000)

    response = _post(office_client, b"0" * 1001)

    assert "Het bestand is groter dan 50 MB." in response.content.decode()
    assert StatementImport.objects.count() == 0


def test_a_missing_file_is_asked_for(office_client):
    response = office_client.post(UPLOAD, {"format": "auto"})

    assert "Kies het bestand dat je van de bank hebt gedownload." in response.content.decode()


def test_the_same_file_twice_books_nothing_the_second_time(
    office_client, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory()
    data = coda_file(ogm_payment(registration))
    with django_capture_on_commit_callbacks(execute=True):
        _post(office_client, data)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(office_client, data)

    second = StatementImport.objects.order_by("-id").first()
    assert second.summary["duplicate"] == 1
    assert second.transactions.count() == 0
    assert Payment.objects.count() == 1
    registration.refresh_from_db()
    assert registration.amount_paid_cents == 2000
    assert mail.outbox == []
    page = office_client.get(response.url).content.decode()
    assert "Al eerder ingelezen: 1" in page
    assert "1 verrichting was al eerder ingelezen en werd overgeslagen." in page


def test_a_large_file_is_queued_and_its_page_follows_the_progress(
    office_client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(views, "INLINE_MAX_BYTES", 100)
    registration = RegistrationFactory()
    data = coda_file(ogm_payment(registration))

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(office_client, data)

    queued = StatementImport.objects.get()
    assert response.url == reverse("payments_backoffice:import_detail", args=[queued.pk])
    assert queued.status == StatementImport.Status.QUEUED
    page = office_client.get(response.url).content.decode()
    assert '<progress id="import-progress" max="100" value="0"' in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert "payments/progress.js" in page
    assert 'aria-live="polite"' in page
    assert "In de wachtrij" in page
    progress = office_client.get(reverse("payments_backoffice:import_progress", args=[queued.pk]))
    assert progress.json() == {
        "status": "queued",
        "percent": 0,
        "done": 0,
        "total": 0,
        "text": "In de wachtrij: het inlezen begint zo dadelijk.",
    }

    with django_capture_on_commit_callbacks(execute=True):
        services.statement_import_run(statement_import_id=queued.pk)

    progress = office_client.get(reverse("payments_backoffice:import_progress", args=[queued.pk]))
    assert progress.json()["status"] == "done"
    assert progress.json()["percent"] == 100
    page = office_client.get(response.url).content.decode()
    assert "<progress" not in page
    assert "http-equiv" not in page
    assert "Gekoppeld: 1" in page
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_a_large_file_with_the_immediate_backend_is_done_at_once(
    office_client, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(views, "INLINE_MAX_BYTES", 100)
    registration = RegistrationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(office_client, coda_file(ogm_payment(registration)))

    assert StatementImport.objects.get().status == StatementImport.Status.DONE
    assert "Gekoppeld: 1" in office_client.get(response.url).content.decode()


def test_a_broken_large_file_ends_failed_with_its_message(
    office_client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(views, "INLINE_MAX_BYTES", 100)
    registration = RegistrationFactory()
    lines = coda_lines_for(registration)
    lines[1] = lines[1][:100]

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(office_client, ("\r\n".join(lines) + "\r\n").encode("cp1252"))

    failed = StatementImport.objects.get()
    assert failed.status == StatementImport.Status.FAILED
    page = office_client.get(response.url).content.decode()
    assert "Dit bestand is niet ingelezen" in page
    assert "regel 2" in page
    assert "Kolommen" not in page
    assert not AuditEntry.objects.filter(action="statement.imported").exists()
