"""A newcomer tries the matching with one click: a sample statement made from the registrations
waiting for payment is imported as a real one, and a second click changes nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from eigenkracht.core.models import AuditEntry
from eigenkracht.payments.models import BankTransaction, StatementImport
from eigenkracht.payments.sample_statement import (
    SAMPLE_FILENAME,
    SampleTransfer,
    camt053,
    sample_statement_blocker,
)
from eigenkracht.payments.services import statement_read
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("payments_backoffice:import_upload")
SAMPLE_URL = reverse("payments_backoffice:import_sample")


def test_the_sample_is_a_statement_the_importer_reads():
    data = camt053(
        account="BE68539007547034",
        day=dt.date(2026, 3, 2),
        transfers=[
            SampleTransfer("EKVB1", 4000, "MARIE JANSSENS", "BE71096123456769", ogm="090933755493"),
            SampleTransfer("EKVB2", 1500, "J. VAN ONBEKEND", "BE62510007547061", text="gift"),
        ],
    )

    parsed = statement_read(data=data, format="auto", filename=SAMPLE_FILENAME)

    assert parsed.format == "camt053"
    first, second = parsed.transactions
    assert (first.amount_cents, first.counterparty_name) == (4000, "MARIE JANSSENS")
    assert (first.communication, first.structured) == ("090933755493", True)
    assert (second.amount_cents, second.communication) == (1500, "gift")


def test_one_click_books_the_ogm_transfers_and_leaves_names_and_a_stranger_to_review(
    office_client,
):
    training = TrainingFactory(fee_cents=4000)
    # Names of their own: the factory's numbered names differ with the order tests run in.
    registrations = [
        RegistrationFactory(training=training, first_name=first, last_name=last)
        for first, last in (("Marie", "Peeters"), ("Jan", "Claes"), ("Els", "Wouters"),
                            ("Tom", "Maes"), ("Sara", "Jacobs"))
    ]  # fmt: skip
    page = office_client.get(UPLOAD_URL).content.decode()
    assert "Probeer met een voorbeeldafschrift" in page

    response = office_client.post(SAMPLE_URL)

    upload = StatementImport.objects.get(filename=SAMPLE_FILENAME)
    assert response.status_code == 302
    assert response["Location"] == reverse("payments_backoffice:import_detail", args=[upload.pk])
    statuses = [Registration.objects.get(pk=r.pk).status for r in registrations]
    assert statuses[:3] == [Registration.Status.CONFIRMED] * 3  # paid with their OGM
    assert statuses[3:] == [Registration.Status.PENDING] * 2  # only a name: to review
    transactions = BankTransaction.objects.filter(statement_import=upload)
    assert transactions.count() == 6
    assert transactions.filter(result=BankTransaction.Result.MATCHED).count() == 3
    to_review = transactions.filter(result=BankTransaction.Result.REVIEW).order_by("pk")
    assert to_review.count() == 3
    suggested = [[s["registration_id"] for s in tx.suggestions][:1] for tx in to_review]
    assert suggested == [[registrations[3].pk], [registrations[4].pk], []]  # and one stranger
    assert AuditEntry.objects.filter(action="statement.imported").count() == 1


def test_a_second_click_changes_nothing_and_shows_the_first_import(office_client):
    for _ in range(4):
        RegistrationFactory(training=TrainingFactory(fee_cents=2000))
    office_client.post(SAMPLE_URL)
    before = (StatementImport.objects.count(), BankTransaction.objects.count())

    response = office_client.post(SAMPLE_URL, follow=True)

    assert (StatementImport.objects.count(), BankTransaction.objects.count()) == before
    assert "Het voorbeeldafschrift is al ingelezen" in response.content.decode()
    assert response.redirect_chain[-1][0].endswith(
        f"/{StatementImport.objects.get(filename=SAMPLE_FILENAME).pk}/"
    )
    page = office_client.get(UPLOAD_URL).content.decode()
    assert "Probeer met een voorbeeldafschrift" not in page
    assert "Bekijk wat het deed" in page


def test_not_offered_without_pending_registrations_nor_outside_a_trial(office_client, settings):
    assert (
        "Probeer met een voorbeeldafschrift" not in office_client.get(UPLOAD_URL).content.decode()
    )
    assert sample_statement_blocker() == "Er zijn geen inschrijvingen die op een betaling wachten."

    RegistrationFactory(training=TrainingFactory(fee_cents=2000))
    settings.SAMPLE_STATEMENT = False  # production
    office_client.post(SAMPLE_URL)

    assert not StatementImport.objects.exists()
    assert (
        "Probeer met een voorbeeldafschrift" not in office_client.get(UPLOAD_URL).content.decode()
    )
