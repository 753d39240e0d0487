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
from eigenkracht.payments.receipts.services import (
    receipt_amounts,
    receipt_date,
    receipt_registrations,
)
from eigenkracht.payments.services import registration_mark_paid
from eigenkracht.trainings.models import Registration
from tests.core.pdf_reader import NAMES_IN_SCRIPTS, drawn, pdf_text, shown
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory
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
        "€ 15,00",
        day(TODAY - dt.timedelta(days=2)),
        "€ 25,00",
        "€ 40,00",  # paid in total, and due
        "BETAALD",
    ):
        assert expected in text, expected
    # Dated on the day it was paid in full (and listed once more with that payment), so every
    # download is the same document.
    assert text.count(day(TODAY - dt.timedelta(days=2))) == 2
    assert text.count(day(TODAY - dt.timedelta(days=5))) == 1


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


def test_no_receipt_for_an_unknown_link_a_free_or_a_cancelled_unpaid_registration(client):
    assert client.get("/inschrijving/geen-echte-link/betalingsbewijs.pdf").status_code == 403
    free = RegistrationFactory(
        training=TrainingFactory(fee_cents=0), status=Registration.Status.CONFIRMED
    )
    assert client.get(_receipt_url(client, free)).status_code == 404
    cancelled = _registration(
        status=Registration.Status.CANCELLED, amount_paid_cents=0, cancelled_at=timezone.now()
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
    assert f"BB-{registration.code}" in pdf_text(response.content)

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


def _value_of(shown: list[str], label: str) -> str:
    return shown[shown.index(label) + 1]


def _receipt(client, registration: Registration) -> list[str]:
    response = client.get(_receipt_url(client, registration))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    return shown(response.content)


def test_a_registration_paid_twice_shows_the_surplus_apart_and_not_as_paid(client):
    first, second = TODAY - dt.timedelta(days=5), TODAY - dt.timedelta(days=2)
    registration = _pay(_registration(), (4000, first), (4000, second))  # the whole fee, twice
    assert registration.amount_paid_cents == 8000

    shown = _receipt(client, registration)

    assert _value_of(shown, "Te betalen") == "€ 40,00"
    assert _value_of(shown, "Ontvangen") == "€ 80,00"
    assert _value_of(shown, "Betaald") == "€ 40,00"  # paid for the training: what was due
    assert _value_of(shown, "Te veel betaald") == "€ 40,00 (wordt terugbetaald)"
    assert _value_of(shown, "Status") == "BETAALD"
    # Both payments are listed as they came in.
    rows = shown[shown.index("Bedrag") + 1 : shown.index("Te betalen")]
    assert rows == [day(first), "€ 40,00", day(second), "€ 40,00"]
    statement = " ".join(shown[shown.index("Status") + 2 :])
    assert "het te betalen bedrag van € 40,00" in statement
    assert "(€ 40,00), hoort niet bij deze betaling en wordt terugbetaald" in statement
    # Dated on the day the amount due was reached: the first payment, not the double one.
    assert _value_of(shown, "Datum") == day(first)


def test_a_surplus_on_the_last_payment_counts_only_what_was_due(client):
    registration = _pay(
        _registration(), (1500, TODAY - dt.timedelta(days=9)), (3000, TODAY - dt.timedelta(days=3))
    )

    shown = _receipt(client, registration)

    assert _value_of(shown, "Ontvangen") == "€ 45,00"
    assert _value_of(shown, "Betaald") == "€ 40,00"
    assert _value_of(shown, "Te veel betaald") == "€ 5,00 (wordt terugbetaald)"
    assert _value_of(shown, "Datum") == day(TODAY - dt.timedelta(days=3))


def test_an_exact_payment_shows_no_surplus(client):
    registration = _pay(_registration(), (4000, TODAY))

    shown = _receipt(client, registration)

    assert _value_of(shown, "Betaald") == "€ 40,00"
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
    assert _value_of(after, "Te veel betaald") == "€ 40,00 (wordt terugbetaald)"


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


def test_the_receipt_prints_every_participant_s_name_in_any_script(client):
    people = list(NAMES_IN_SCRIPTS.values())
    registration = RegistrationFactory(
        training=TrainingFactory(fee_cents=2000),
        first_name=people[0][0],
        last_name=people[0][1],
        organisation="Центр «Надія»",
        seats=len(people),
        participants=[(first, last, f"p{n}@example.be") for n, (first, last) in enumerate(people)],
    )
    registration = _pay(registration, (2000 * len(people), TODAY))

    shown = _receipt(client, registration)

    assert _value_of(shown, "Naam") == drawn(" ".join(people[0]))
    assert _value_of(shown, "Organisatie") == "Центр «Надія»"
    listed = shown[shown.index("Deelnemers") + 1 : shown.index("Betalingen")]
    assert listed == [drawn(f"{first} {last}") for first, last in people]


def test_every_download_of_a_receipt_is_the_same_file_dated_the_day_it_was_paid(client):
    paid_on = TODAY - dt.timedelta(days=3)
    registration = _pay(_registration(), (4000, paid_on))

    first = client.get(_receipt_url(client, registration)).content
    second = client.get(_receipt_url(client, registration)).content

    assert first == second
    created = re.search(rb"/CreationDate \(D:(\d{8})", first).group(1).decode()
    assert created == paid_on.strftime("%Y%m%d")
