"""Staff work through the transfers nobody could match for sure: split, assign or dismiss."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import AuditEntry
from eigenkracht.payments import services
from eigenkracht.payments.models import BankTransaction, Payment
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.selectors import seats_taken
from tests.factories import RegistrationFactory, TrainingFactory
from tests.payments.backoffice.files import coda_file, free_text_payment, ogm_payment

pytestmark = pytest.mark.django_db

QUEUE = reverse("payments_backoffice:review_queue")


def _import(*movements, actor=None, number=1):
    return services.statement_import(
        data=coda_file(*movements, number=number), filename="uittreksel.cod", actor=actor
    )


def _waiting() -> BankTransaction:
    return BankTransaction.objects.get(result=BankTransaction.Result.REVIEW)


def _assign(client, transaction, rows, **extra):
    data = {
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "10",
        **extra,
    }
    for index, (reference, amount) in enumerate(rows):
        data[f"rows-{index}-reference"] = reference
        data[f"rows-{index}-amount"] = amount
    return client.post(
        reverse("payments_backoffice:transaction_assign", args=[transaction.pk]), data
    )


def _namesakes():
    """Two registrations of people with the same name: a transfer by name needs a person."""
    return (
        RegistrationFactory(first_name="Griet", last_name="Peeters"),
        RegistrationFactory(first_name="Griet", last_name="Peeters"),
    )


def test_the_queue_shows_how_many_wait_oldest_first_with_the_best_suggestion(office_client):
    first, second = _namesakes()
    _import(free_text_payment(1500, "huur vergaderzaal maart"), number=1)
    _import(
        free_text_payment(2000, "vorming", name="Griet Peeters"),
        free_text_payment(900, "lidgeld"),
        number=2,
    )

    response = office_client.get(QUEUE)

    page = response.content.decode()
    assert "3 verrichtingen wachten" in page
    rows = response.context["rows"]
    assert [row["tx"].communication for row in rows] == [
        "huur vergaderzaal maart",
        "vorming",
        "lidgeld",
    ]
    assert rows[1]["registration"] in (first, second)
    assert rows[1]["registration"].code in page
    assert rows[0]["registration"] is None


def test_an_empty_queue_says_so(office_client):
    page = office_client.get(QUEUE).content.decode()

    assert "Er wacht niets op nakijken." in page


def test_a_transfer_for_two_colleagues_is_split_over_their_registrations(
    office_client, office_user, django_capture_on_commit_callbacks
):
    anna = RegistrationFactory(first_name="Anna", last_name="Claes")
    bert = RegistrationFactory(first_name="Bert", last_name="Maes")
    _import(free_text_payment(4500, "twee inschrijvingen", name="CAW Oost-Vlaanderen"))
    transaction = _waiting()
    page = office_client.get(
        reverse("payments_backoffice:transaction_detail", args=[transaction.pk])
    ).content.decode()
    assert "Verdelen over meerdere inschrijvingen" in page
    assert "€ 45,00" in page

    preview = _assign(
        office_client, transaction, [(anna.code, "20"), (bert.code, "20,00")], preview="1"
    )
    assert "Er blijft € 5,00 over om terug te betalen." in preview.content.decode()
    assert Payment.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = _assign(
            office_client,
            transaction,
            [(anna.code.lower(), "20"), (bert.structured_communication, "20,00")],
        )

    assert response.status_code == 302
    assert response.url == QUEUE
    transaction.refresh_from_db()
    assert transaction.result == BankTransaction.Result.OVERPAID
    assert transaction.surplus_cents == 500
    assert transaction.resolved_by == office_user
    for registration in (anna, bert):
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CONFIRMED
    entry = AuditEntry.objects.get(action="bank_transaction.assigned")
    assert entry.actor == office_user
    assert entry.data["allocations"] == {anna.code: 2000, bert.code: 2000}
    message = office_client.get(QUEUE).content.decode()
    assert "De betaling is verdeeld over de inschrijvingen" in message
    assert "€ 5,00 blijft over en is genoteerd om terug te betalen." in message


def test_splitting_more_than_was_transferred_is_refused(office_client):
    anna, bert = RegistrationFactory(), RegistrationFactory()
    _import(free_text_payment(3000, "twee inschrijvingen"))
    transaction = _waiting()

    response = _assign(office_client, transaction, [(anna.code, "20"), (bert.code, "20")])

    assert response.status_code == 400
    assert "Je verdeelt € 40,00, maar er werd maar € 30,00 overgeschreven." in (
        response.content.decode()
    )
    assert Payment.objects.count() == 0


def test_an_unknown_reference_is_named_on_its_row(office_client):
    _import(free_text_payment(2000, "inschrijving"))

    response = _assign(office_client, _waiting(), [("EKZZZZZZ", "20")])

    assert "Geen inschrijving gevonden met deze code" in response.content.decode()
    assert Payment.objects.count() == 0


def test_one_click_on_a_suggestion_books_the_open_amount(
    office_client, django_capture_on_commit_callbacks
):
    first, second = _namesakes()
    _import(free_text_payment(2500, "vorming", name="Griet Peeters"))
    transaction = _waiting()
    page = office_client.get(
        reverse("payments_backoffice:transaction_detail", args=[transaction.pk])
    ).content.decode()
    assert page.count("Koppel aan deze inschrijving") == 2
    assert f'name="rows-0-reference" value="{second.code}"' in page
    assert f'id="suggestie-{second.pk}" value="20,00"' in page  # the open amount, not € 25,00

    with django_capture_on_commit_callbacks(execute=True):
        _assign(office_client, transaction, [(second.code, "20,00")])

    second.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED
    first.refresh_from_db()
    assert first.status == Registration.Status.PENDING
    transaction.refresh_from_db()
    assert transaction.result == BankTransaction.Result.OVERPAID
    assert transaction.surplus_cents == 500


def test_searching_finds_any_registration_by_name(office_client):
    registration = RegistrationFactory(first_name="Zoë", last_name="Dewaele")
    _import(free_text_payment(2000, "betaling"))
    url = reverse("payments_backoffice:transaction_detail", args=[_waiting().pk])

    page = office_client.get(url, {"q": "dewaele"}).content.decode()

    assert registration.code in page
    assert f'id="zoekresultaat-{registration.pk}"' in page


def test_a_transfer_that_is_not_for_a_registration_is_dismissed_with_a_note(
    office_client, office_user
):
    _import(free_text_payment(15000, "huur zaal"))
    transaction = _waiting()
    url = reverse("payments_backoffice:transaction_dismiss", args=[transaction.pk])
    assert "Weet je het zeker?" in office_client.get(url).content.decode()

    response = office_client.post(url, {"note": "Huur van de zaal in maart"})

    assert response.url == QUEUE
    transaction.refresh_from_db()
    assert transaction.result == BankTransaction.Result.IGNORED
    assert transaction.reason == "Huur van de zaal in maart"
    entry = AuditEntry.objects.get(action="bank_transaction.dismissed")
    assert entry.actor == office_user
    # The note is on the transaction; the audit log keeps no free text about it.
    assert entry.data == {"note": ""}
    assert "Er wacht niets op nakijken." in office_client.get(QUEUE).content.decode()


def test_a_decided_transaction_cannot_be_decided_again(office_client):
    registration = RegistrationFactory()
    _import(free_text_payment(2000, "betaling"))
    transaction = _waiting()
    office_client.post(reverse("payments_backoffice:transaction_dismiss", args=[transaction.pk]))

    response = _assign(office_client, transaction, [(registration.code, "20")])

    assert response.status_code == 409
    assert "Deze verrichting werd intussen al behandeld." in response.content.decode()
    assert Payment.objects.count() == 0


def test_a_handled_transaction_does_not_ask_again_whether_to_dismiss_it(office_client):
    _import(free_text_payment(2000, "betaling"))
    transaction = _waiting()
    url = reverse("payments_backoffice:transaction_dismiss", args=[transaction.pk])
    office_client.post(url)

    response = office_client.get(url, follow=True)

    page = response.content.decode()
    assert "Weet je het zeker?" not in page
    assert "Deze verrichting werd intussen al behandeld." in page


def test_a_payment_for_a_cancelled_registration_explains_what_to_do(office_client):
    registration = RegistrationFactory(status=Registration.Status.CANCELLED)
    _import(ogm_payment(registration))
    transaction = _waiting()
    assert transaction.flag == "inactive_registration"

    page = office_client.get(
        reverse("payments_backoffice:transaction_detail", args=[transaction.pk])
    ).content.decode()

    assert "Betaling voor een geannuleerde of vervallen inschrijving" in page
    assert "Opnieuw activeren" in page
    assert "Betaal het bedrag terug" in page
    assert "Deze inschrijving is niet actief" in page

    response = _assign(office_client, transaction, [(registration.code, "20")])
    assert "Activeer eerst deze inschrijvingen opnieuw" in response.content.decode()


def test_a_late_payment_cannot_take_a_seat_that_was_given_away(office_client):
    """Ten seats; a registration's deadline passed, its seat went to the waiting list; its money
    then arrives by name. Assigning it in one click would make 11 of 10: it is refused."""
    training = TrainingFactory(capacity=10)
    late = RegistrationFactory(
        training=training,
        first_name="Griet",
        last_name="Late",
        payment_deadline=timezone.localdate() - dt.timedelta(days=2),
    )
    for _ in range(10):
        RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)
    _import(free_text_payment(2000, "vorming", name="Griet Late"))
    transaction = _waiting()

    response = _assign(office_client, transaction, [(late.code, "20,00")])

    assert response.status_code == 409
    assert "niet genoeg plaatsen meer vrij" in response.content.decode()
    late.refresh_from_db()
    assert (late.status, late.amount_paid_cents) == (Registration.Status.PENDING, 0)
    assert not Payment.objects.exists()
    assert seats_taken(training) == 10


def test_a_late_payment_confirms_when_a_seat_is_still_free(office_client):
    training = TrainingFactory(capacity=10)
    late = RegistrationFactory(
        training=training,
        first_name="Griet",
        last_name="Late",
        payment_deadline=timezone.localdate() - dt.timedelta(days=2),
    )
    _import(free_text_payment(2000, "vorming", name="Griet Late"))

    _assign(office_client, _waiting(), [(late.code, "20,00")])

    late.refresh_from_db()
    assert late.status == Registration.Status.CONFIRMED


def test_a_late_payment_by_hand_without_a_seat_is_refused_on_the_page(office_client):
    training = TrainingFactory(capacity=1)
    late = RegistrationFactory(
        training=training, payment_deadline=timezone.localdate() - dt.timedelta(days=2)
    )
    RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)

    response = office_client.post(
        reverse("payments_backoffice:registration_mark_paid", args=[late.pk]),
        {"amount_cents": "20,00", "paid_on": timezone.localdate().isoformat(), "note": ""},
        follow=True,
    )

    assert response.status_code == 200
    assert "niet genoeg plaatsen meer vrij" in response.content.decode()
    assert not Payment.objects.exists()
