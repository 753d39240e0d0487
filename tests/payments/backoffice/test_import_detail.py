"""The page of one import: its summary, its transactions, and undoing it while that is safe."""

import pytest
from django.urls import reverse

from eigenkracht.core.models import AuditEntry
from eigenkracht.payments import services
from eigenkracht.payments.models import BankTransaction, Payment, StatementImport
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory
from tests.payments.backoffice.files import coda_file, free_text_payment, ogm_payment

pytestmark = pytest.mark.django_db


def _import(data, actor=None):
    return services.statement_import(
        data=data, filename="uittreksel.cod", actor=actor
    ).statement_import


def test_the_detail_counts_each_result_and_filters_by_it(office_client):
    paid, partly = RegistrationFactory(), RegistrationFactory()
    upload = _import(
        coda_file(
            ogm_payment(paid),
            ogm_payment(partly, amount_cents=500),
            free_text_payment(1500, "huur zaal"),
            free_text_payment(-4200, "factuur drukwerk", name="Drukkerij NV"),
        )
    )
    url = reverse("payments_backoffice:import_detail", args=[upload.pk])

    page = office_client.get(url).content.decode()

    for text in (
        "Gekoppeld: 1",
        "Deels betaald: 1",
        "Te veel betaald: 0",
        "Na te kijken: 1",
        "Niet voor een inschrijving: 1",
        "Al eerder ingelezen: 0",
        "€ 5,00",
        "€ -42,00",
        "huur zaal",
    ):
        assert text in page
    filtered = office_client.get(url, {"resultaat": "review"})
    assert [row["tx"].communication for row in filtered.context["rows"]] == ["huur zaal"]
    assert "Alle verrichtingen tonen" in filtered.content.decode()


def test_an_import_can_be_undone_after_confirmation(office_client, office_user):
    registration = RegistrationFactory()
    upload = _import(coda_file(ogm_payment(registration)))
    detail = reverse("payments_backoffice:import_detail", args=[upload.pk])
    undo = reverse("payments_backoffice:import_undo", args=[upload.pk])
    assert undo in office_client.get(detail).content.decode()
    assert "met de 1 betaling die erop geboekt werd" in office_client.get(undo).content.decode()

    response = office_client.post(undo)

    assert response.url == detail
    upload.refresh_from_db()
    assert upload.status == StatementImport.Status.UNDONE
    assert upload.undone_by == office_user
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    assert registration.amount_paid_cents == 0
    assert Payment.objects.count() == 0
    assert AuditEntry.objects.get(action="statement.undone").actor == office_user
    page = office_client.get(detail).content.decode()
    assert "Ongedaan gemaakt" in page
    assert "Resultaat bij het inlezen" in page
    assert undo not in page


def test_an_undo_sent_twice_says_so_and_changes_nothing_more(office_client, office_user):
    registration = RegistrationFactory()
    upload = _import(coda_file(ogm_payment(registration)))
    undo = reverse("payments_backoffice:import_undo", args=[upload.pk])
    office_client.post(undo)

    again = office_client.post(undo, follow=True)  # a second tab, or the back button

    assert again.status_code == 200
    assert "Enkel een volledig ingelezen bestand kan ongedaan gemaakt worden." in (
        again.content.decode()
    )
    assert AuditEntry.objects.filter(action="statement.undone").count() == 1


def test_undo_is_refused_once_a_match_was_decided_by_hand(office_client, office_user):
    registration = RegistrationFactory()
    upload = _import(coda_file(ogm_payment(registration), free_text_payment(1500, "huur")))
    detail = reverse("payments_backoffice:import_detail", args=[upload.pk])
    undo = reverse("payments_backoffice:import_undo", args=[upload.pk])
    assert undo in office_client.get(detail).content.decode()
    waiting = BankTransaction.objects.get(result="review")
    services.transaction_dismiss(bank_transaction=waiting, actor=office_user, note="huur")

    page = office_client.get(detail).content.decode()
    assert undo not in page
    assert "Ongedaan maken kan niet meer." in page
    assert "Een verrichting uit dit bestand werd al manueel behandeld." in page

    response = office_client.post(undo)

    assert response.url == detail
    message = office_client.get(detail).content.decode()
    assert message.count("Een verrichting uit dit bestand werd al manueel behandeld.") == 2
    upload.refresh_from_db()
    assert upload.status == StatementImport.Status.DONE
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_the_list_shows_imports_newest_first_and_what_waits(office_client, office_user):
    first = _import(coda_file(free_text_payment(1500, "huur"), number=1), actor=office_user)
    second = _import(coda_file(ogm_payment(RegistrationFactory()), number=2))

    response = office_client.get(reverse("payments_backoffice:import_list"))

    page = response.content.decode()
    assert [row["upload"] for row in response.context["rows"]] == [second, first]
    assert "1 verrichting wacht op nakijken" in page
    assert reverse("payments_backoffice:import_upload") in page
    assert office_user.get_full_name() in page
    assert "Ingelezen" in page
    assert "Gekoppeld: 1" in page
    assert "Na te kijken: 1" in page


def test_the_progress_of_an_unknown_import_is_404(office_client):
    response = office_client.get(reverse("payments_backoffice:import_progress", args=[999]))

    assert response.status_code == 404
