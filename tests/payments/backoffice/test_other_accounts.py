"""A statement of an account that is not ours is refused on the upload page, unless staff import
it on purpose; every import page shows the account, period, balances and the reader's notes."""

import datetime as dt

import pytest
from django.urls import reverse

from eigenkracht.core.models import AuditEntry
from eigenkracht.payments import services
from eigenkracht.payments.backoffice import views
from eigenkracht.payments.models import OwnAccount, Payment, StatementImport
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory
from tests.fixtures_gen.accounts import FRENCH_ACCOUNT, OTHER_BELGIAN_ACCOUNT
from tests.fixtures_gen.coda import CodaStatement, make_coda
from tests.fixtures_gen.csv_banks import Booking, make_bank_csv
from tests.payments.backoffice.files import coda_file, ogm_payment, upload

pytestmark = pytest.mark.django_db

UPLOAD = reverse("payments_backoffice:import_upload")


def _statement_of(account: str, *registrations) -> bytes:
    statement = CodaStatement(
        account_iban=account,
        movements=[ogm_payment(registration) for registration in registrations],
        date=dt.date(2027, 1, 15),
        old_balance_cents=50000,
    )
    return make_coda([statement])


def _accept_url(held: StatementImport) -> str:
    return reverse("payments_backoffice:import_other_account", args=[held.pk])


def test_the_upload_page_refuses_a_french_statement_and_says_whose_it_is(office_client):
    registration = RegistrationFactory()

    response = office_client.post(
        UPLOAD, {"file": upload(_statement_of(FRENCH_ACCOUNT, registration), "fr.cod")}
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Dit uittreksel is niet van onze rekening" in page
    assert "Dit uittreksel is van rekening FR76 3000 6000 0112 3456 7890 189." in page
    assert "onze rekeningen zijn: BE68 5390 0754 7034." in page
    assert "niet van ons" in page and "15/01/2027" in page and "€ 500,00" in page
    assert "Ik weet dat dit bestand niet van een van onze rekeningen is" in page
    held = StatementImport.objects.get()
    assert held.status == StatementImport.Status.FAILED
    assert _accept_url(held) in page
    assert not Payment.objects.exists()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    assert AuditEntry.objects.filter(action="statement.refused_other_account").exists()


def test_ticking_the_box_imports_it_on_purpose_and_the_audit_log_says_who(
    office_client, office_user, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory()
    office_client.post(
        UPLOAD, {"file": upload(_statement_of(OTHER_BELGIAN_ACCOUNT, registration), "be.cod")}
    )
    held = StatementImport.objects.get()

    unticked = office_client.post(_accept_url(held), {})
    assert unticked.url == reverse("payments_backoffice:import_detail", args=[held.pk])
    assert (
        "Vink aan dat je dit bestand toch wil inlezen."
        in office_client.get(unticked.url).content.decode()
    )
    assert not Payment.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(_accept_url(held), {"other-confirm": "on"})

    assert response.url == reverse("payments_backoffice:import_detail", args=[held.pk])
    held.refresh_from_db()
    assert held.status == StatementImport.Status.DONE
    assert held.accepted_accounts == [OTHER_BELGIAN_ACCOUNT]
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    accepted = AuditEntry.objects.get(action="statement.other_account_accepted")
    assert accepted.actor == office_user
    assert accepted.data == {"accounts": [OTHER_BELGIAN_ACCOUNT]}
    page = office_client.get(response.url).content.decode()
    assert "BE56 3631 2345 6788" in page
    assert "Ingelezen hoewel niet elke rekening van ons is" in page


def test_a_dry_run_of_a_refused_file_can_be_tried_before_importing_it(
    office_client, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory()
    response = office_client.post(
        UPLOAD,
        {"file": upload(_statement_of(FRENCH_ACCOUNT, registration)), "dry_run": "on"},
    )
    assert response.status_code == 409
    assert 'id="id_other-dry_run" checked' in response.content.decode()
    held = StatementImport.objects.get()

    response = office_client.post(_accept_url(held), {"other-confirm": "on", "other-dry_run": "on"})

    page = response.content.decode()
    assert "Er werd niets geboekt: dit is enkel een proef" in page
    assert "We bewaren het bestand, zodat je het hieronder echt kan inlezen." in page
    assert "Gekoppeld: 1" in page
    assert "FR76 3000 6000 0112 3456 7890 189" in page
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(reverse("payments_backoffice:import_retry", args=[held.pk]))

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_a_large_file_refused_by_the_worker_can_be_accepted_on_its_page(
    office_client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(views, "INLINE_MAX_BYTES", 100)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    registration = RegistrationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(UPLOAD, {"file": upload(_statement_of(FRENCH_ACCOUNT, registration))})
    queued = StatementImport.objects.get()
    services.statement_import_run(statement_import_id=queued.pk)  # the worker refuses it

    detail = reverse("payments_backoffice:import_detail", args=[queued.pk])
    page = office_client.get(detail).content.decode()
    assert "Dit uittreksel is van rekening FR76 3000 6000 0112 3456 7890 189." in page
    assert _accept_url(queued) in page

    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(_accept_url(queued), {"other-confirm": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        services.statement_import_run(statement_import_id=queued.pk)

    queued.refresh_from_db()
    assert queued.status == StatementImport.Status.DONE
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_once_the_account_is_listed_as_ours_the_file_simply_imports(office_client):
    registration = RegistrationFactory()
    data = _statement_of(OTHER_BELGIAN_ACCOUNT, registration)
    assert office_client.post(UPLOAD, {"file": upload(data)}).status_code == 409
    OwnAccount.objects.create(iban=OTHER_BELGIAN_ACCOUNT, label="Tweede rekening")

    response = office_client.post(UPLOAD, {"file": upload(data)})

    assert response.status_code == 302
    assert StatementImport.objects.filter(status="done").count() == 1


def test_the_import_page_shows_account_period_balances_and_notes(office_client):
    registration = RegistrationFactory()
    statement = CodaStatement(
        movements=[ogm_payment(registration)],
        date=dt.date(2027, 1, 15),
        old_balance_cents=50000,
        duplicate=True,
    )
    response = office_client.post(UPLOAD, {"file": upload(make_coda([statement]))})

    page = office_client.get(response.url).content.decode()
    assert "Rekening en periode" in page
    assert "BE68 5390 0754 7034" in page and "van ons" in page
    assert "15/01/2027" in page
    assert "€ 500,00" in page and "€ 520,00" in page
    assert "Opmerkingen bij het bestand" in page
    assert "door de bank als duplicaat gemerkt" in page


def test_a_dry_run_shows_the_notes_too(office_client):
    response = office_client.post(
        UPLOAD, {"file": upload(coda_file(ogm_payment(RegistrationFactory()))), "dry_run": "on"}
    )

    page = response.content.decode()
    assert "Opmerkingen bij het bestand" in page
    assert "Uittreksel 2025-001 van BE68539007547034" in page
    assert "BE68 5390 0754 7034" in page


def test_a_bank_csv_says_its_balances_are_not_in_the_file(office_client):
    data = make_bank_csv("ing", [Booking(dt.date(2027, 1, 4), 2000, "Jan", "", "", "vorming")])
    response = office_client.post(UPLOAD, {"file": upload(data, "ing.csv")})

    page = office_client.get(response.url).content.decode()
    assert page.count("niet in het bestand") == 2  # opening and closing balance


def test_a_file_held_for_another_reason_has_no_account_to_confirm(office_client):
    office_client.post(UPLOAD, {"file": upload(b"Datum;Bedrag\r\n04/01/2027;20,00\r\n", "a.csv")})
    held = StatementImport.objects.get()  # waits for its columns to be chosen

    response = office_client.post(_accept_url(held), {"other-confirm": "on"})

    page = office_client.get(response.url).content.decode()
    assert "Dit bestand werd niet geweigerd om zijn rekening." in page
    assert not AuditEntry.objects.filter(action="statement.other_account_accepted").exists()
