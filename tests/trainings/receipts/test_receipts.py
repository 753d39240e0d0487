"""The receipt of payment: on the registrant's page and in the back office, once paid in full."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.formatting import day
from eigenkracht.core.models import Organisation
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.receipts.services import (
    receipt_amounts,
    receipt_date,
    receipt_registrations,
)
from eigenkracht.trainings.services import registration_mark_paid
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory
from tests.trainings.attendance.test_attendance import pdf_text
from tests.trainings.links import registrant_url
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _registration(**kwargs) -> Registration:
    training = TrainingFactory(title="Basisvorming Eigen Kracht", fee_cents=2000, sessions=2)
    return RegistrationFactory(
        training=training,
        first_name="Anne-Sophie",
        last_name="Dubois",
        organisation="CAW Oost-Vlaanderen",
        seats=2,
        participants=[
            ("Anne-Sophie", "Dubois", "anne@example.be"),
            ("Jan", "Peeters", "jan@example.be"),
        ],
        **kwargs,
    )


def _pay(registration: Registration, *amounts_and_days: tuple[int, dt.date]) -> Registration:
    office = UserFactory()
    for amount, paid_on in amounts_and_days:
        registration = registration_mark_paid(
            registration=registration, amount_cents=amount, paid_on=paid_on, actor=office
        )
    return registration


def _receipt_url(client, registration: Registration) -> str:
    return registrant_url(client, "receipt", registration)


def test_a_paid_registration_s_receipt_holds_everything_an_employer_needs(client):
    registration = _pay(
        _registration(),
        (1500, TODAY - dt.timedelta(days=5)),
        (2500, TODAY - dt.timedelta(days=2)),
    )
    assert registration.status == Registration.Status.CONFIRMED

    response = client.get(_receipt_url(client, registration))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"betalingsbewijs-{registration.code}.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    organisation = Organisation.current()
    for expected in (
        organisation.name,
        organisation.street,
        f"{organisation.postcode} {organisation.city}",
        "Betalingsbewijs",
        f"BB-{registration.code}",
        "Anne-Sophie Dubois",
        "CAW Oost-Vlaanderen",
        "Basisvorming Eigen Kracht",
        "Jan Peeters",
        day(TODAY - dt.timedelta(days=5)),  # each payment with its date and amount
        "EUR 15,00",
        day(TODAY - dt.timedelta(days=2)),
        "EUR 25,00",
        "EUR 40,00",  # paid in total, and due
        "BETAALD",
    ):
        assert expected.encode("latin-1") in text, expected
    # Dated on the day it was paid in full (and listed once more with that payment), so every
    # download is the same document.
    assert text.count(day(TODAY - dt.timedelta(days=2)).encode("latin-1")) == 2
    assert text.count(day(TODAY - dt.timedelta(days=5)).encode("latin-1")) == 1


def test_the_registrant_s_page_links_to_the_receipt_only_once_paid_in_full(client):
    registration = _registration()
    page_url = registrant_url(client, "registration", registration)

    assert _receipt_url(client, registration) not in client.get(page_url).content.decode()
    assert client.get(_receipt_url(client, registration)).status_code == 404

    registration = _pay(registration, (2000, TODAY))  # half of it
    assert registration.status == Registration.Status.PENDING
    assert _receipt_url(client, registration) not in client.get(page_url).content.decode()
    assert client.get(_receipt_url(client, registration)).status_code == 404

    _pay(registration, (2000, TODAY))
    assert _receipt_url(client, registration) in client.get(page_url).content.decode()
    assert client.get(_receipt_url(client, registration)).status_code == 200


def test_no_receipt_for_an_unknown_link_a_free_or_a_cancelled_registration(client):
    assert client.get("/inschrijving/geen-echte-link/betalingsbewijs.pdf").status_code == 403
    free = RegistrationFactory(
        training=TrainingFactory(fee_cents=0), status=Registration.Status.CONFIRMED
    )
    assert client.get(_receipt_url(client, free)).status_code == 404
    cancelled = _registration(
        status=Registration.Status.CANCELLED, amount_paid_cents=4000, cancelled_at=timezone.now()
    )
    assert client.get(_receipt_url(client, cancelled)).status_code == 404


def test_staff_download_the_same_receipt_from_the_registration_detail(client):
    registration = _pay(_registration(), (4000, TODAY))
    login_verified(client, UserFactory(role="office"))
    url = reverse("trainings_backoffice:registration_receipt", args=[registration.pk])

    detail = client.get(reverse("trainings_backoffice:registration_detail", args=[registration.pk]))
    assert url in detail.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert f"BB-{registration.code}".encode() in pdf_text(response.content)

    unpaid = _registration()
    detail = client.get(reverse("trainings_backoffice:registration_detail", args=[unpaid.pk]))
    unpaid_url = reverse("trainings_backoffice:registration_receipt", args=[unpaid.pk])
    assert unpaid_url not in detail.content.decode()
    assert client.get(unpaid_url).status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "referrer"])
def test_only_staff_download_receipts_in_the_back_office(client, role):
    registration = _pay(_registration(), (4000, TODAY))
    login_verified(client, UserFactory(role=role))
    url = reverse("trainings_backoffice:registration_receipt", args=[registration.pk])
    assert client.get(url).status_code == 403


def test_the_receipt_costs_the_same_queries_with_one_or_many_payments_and_people(client):
    small = _pay(RegistrationFactory(training=TrainingFactory(fee_cents=2000)), (2000, TODAY))
    big = _registration()
    big = _pay(big, (1000, TODAY), (1000, TODAY), (1000, TODAY), (1000, TODAY))
    client.get(_receipt_url(client, small))  # warm up: the organisation row exists from here on

    counts = []
    for registration in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_receipt_url(client, registration)).status_code == 200
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


def _shown(content: bytes) -> list[str]:
    """The texts the PDF shows, in order, one per text operation."""
    parts = re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", pdf_text(content), re.S)
    return [re.sub(rb"\\(.)", rb"\1", part, flags=re.S).decode("latin-1") for part in parts]


def _value_of(shown: list[str], label: str) -> str:
    return shown[shown.index(label) + 1]


def _receipt(client, registration: Registration) -> list[str]:
    response = client.get(_receipt_url(client, registration))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    return _shown(response.content)


def test_a_registration_paid_twice_shows_the_surplus_apart_and_not_as_paid(client):
    first, second = TODAY - dt.timedelta(days=5), TODAY - dt.timedelta(days=2)
    registration = _pay(_registration(), (4000, first), (4000, second))  # the whole fee, twice
    assert registration.amount_paid_cents == 8000

    shown = _receipt(client, registration)

    assert _value_of(shown, "Te betalen") == "EUR 40,00"
    assert _value_of(shown, "Ontvangen") == "EUR 80,00"
    assert _value_of(shown, "Betaald") == "EUR 40,00"  # paid for the training: what was due
    assert _value_of(shown, "Te veel betaald") == "EUR 40,00 (wordt terugbetaald)"
    assert _value_of(shown, "Status") == "BETAALD"
    # Both payments are listed as they came in.
    rows = shown[shown.index("Bedrag") + 1 : shown.index("Te betalen")]
    assert rows == [day(first), "EUR 40,00", day(second), "EUR 40,00"]
    statement = " ".join(shown[shown.index("Status") + 2 :])
    assert "het te betalen bedrag van EUR 40,00" in statement
    assert "(EUR 40,00), hoort niet bij deze betaling en wordt terugbetaald" in statement
    # Dated on the day the amount due was reached: the first payment, not the double one.
    assert _value_of(shown, "Datum") == day(first)


def test_a_surplus_on_the_last_payment_counts_only_what_was_due(client):
    registration = _pay(
        _registration(), (1500, TODAY - dt.timedelta(days=9)), (3000, TODAY - dt.timedelta(days=3))
    )

    shown = _receipt(client, registration)

    assert _value_of(shown, "Ontvangen") == "EUR 45,00"
    assert _value_of(shown, "Betaald") == "EUR 40,00"
    assert _value_of(shown, "Te veel betaald") == "EUR 5,00 (wordt terugbetaald)"
    assert _value_of(shown, "Datum") == day(TODAY - dt.timedelta(days=3))


def test_an_exact_payment_shows_no_surplus(client):
    registration = _pay(_registration(), (4000, TODAY))

    shown = _receipt(client, registration)

    assert _value_of(shown, "Betaald") == "EUR 40,00"
    assert "Te veel betaald" not in shown and "Ontvangen" not in shown
    assert not any("terugbetaald" in text for text in shown)


def test_a_later_overpayment_keeps_the_receipt_s_number_and_date(client):
    paid_in_full_on = TODAY - dt.timedelta(days=10)
    registration = _pay(_registration(), (2500, paid_in_full_on - dt.timedelta(days=4)))
    registration = _pay(registration, (1500, paid_in_full_on))
    before = _receipt(client, registration)

    _pay(registration, (4000, TODAY))  # the same amount wired once more, days later
    after = _receipt(client, registration)

    for label in ("Nummer", "Datum"):
        assert _value_of(after, label) == _value_of(before, label)
    assert _value_of(after, "Nummer") == f"BB-{registration.code}"
    assert _value_of(after, "Datum") == day(paid_in_full_on)
    assert _value_of(after, "Te veel betaald") == "EUR 40,00 (wordt terugbetaald)"


def test_the_receipt_date_follows_the_payment_dates_not_the_order_they_were_booked():
    registration = _pay(
        _registration(),
        (4000, TODAY - dt.timedelta(days=1)),
        (4000, TODAY - dt.timedelta(days=6)),  # booked later, paid earlier
    )
    registration = receipt_registrations().get(pk=registration.pk)

    assert receipt_date(registration) == TODAY - dt.timedelta(days=6)
    amounts = receipt_amounts(registration)
    assert (amounts.due_cents, amounts.paid_cents, amounts.surplus_cents) == (4000, 4000, 4000)
