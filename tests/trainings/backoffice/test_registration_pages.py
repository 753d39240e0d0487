"""The office finds registrations, records payments by hand and cancels registrations."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from eigenkracht.core.models import OutboxMessage
from eigenkracht.payments.models import Payment
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def _detail_url(training):
    return reverse("trainings_backoffice:training_detail", args=[training.pk])


def _registration_url(registration):
    return reverse("trainings_backoffice:registration_detail", args=[registration.pk])


def _pay_url(registration):
    return reverse("payments_backoffice:registration_mark_paid", args=[registration.pk])


def _today():
    return f"{timezone.localdate():%Y-%m-%d}"


# The registrations of a training ---------------------------------------------------------------


def test_a_training_lists_its_registrations_with_code_amounts_and_ogm(office_client):
    training = TrainingFactory(title="Basisvorming Kortrijk", sessions=2)
    registration = RegistrationFactory(
        training=training,
        first_name="Lotte",
        last_name="Vermeulen",
        email="lotte@clb.be",
        organisation="CLB Kortrijk",
        structured_communication="090933755493",
        seats=2,
        participants=[("Lotte", "Vermeulen", "lotte@clb.be"), ("Bram", "Claes", "bram@clb.be")],
    )

    response = office_client.get(_detail_url(training))

    assertContains(response, "Basisvorming Kortrijk")
    assertContains(response, "Lotte Vermeulen")
    assertContains(response, "Bram Claes")
    assertContains(response, registration.code)
    assertContains(response, "CLB Kortrijk")
    assertContains(response, "+++090/9337/55493+++")
    assertContains(response, "€ 40,00")
    assertContains(response, "Wacht op betaling: 1")
    assertContains(response, "2 van 20 bezet, 18 vrij")
    assertContains(response, f'href="{_registration_url(registration)}"')


def test_a_training_without_registrations_says_so(office_client):
    training = TrainingFactory()

    response = office_client.get(_detail_url(training))

    assertContains(response, "Nog niemand heeft zich ingeschreven voor deze vorming.")


def test_searching_the_structured_communication_as_printed_finds_the_registration(
    office_client,
):
    training = TrainingFactory()
    RegistrationFactory(
        training=training,
        first_name="Ines",
        last_name="Wouters",
        structured_communication="090933755493",
    )
    RegistrationFactory(training=training, first_name="Koen", last_name="Maes")

    response = office_client.get(_detail_url(training), {"q": "+++090/9337/55493+++"})

    assertContains(response, "Ines Wouters")
    assertNotContains(response, "Koen Maes")


def test_searching_by_name_or_email_and_filtering_by_status(office_client):
    training = TrainingFactory()
    RegistrationFactory(
        training=training, first_name="Ines", last_name="Wouters", email="ines@ocmw.be"
    )
    RegistrationFactory(training=training, first_name="Koen", last_name="Maes", status="confirmed")

    by_email = office_client.get(_detail_url(training), {"q": "ocmw.be"})
    by_name = office_client.get(_detail_url(training), {"q": "koen maes"})
    confirmed = office_client.get(_detail_url(training), {"status": "confirmed"})
    nothing = office_client.get(_detail_url(training), {"q": "niemand"})

    assertContains(by_email, "Ines Wouters")
    assertNotContains(by_email, "Koen Maes")
    assertContains(by_name, "Koen Maes")
    assertNotContains(by_name, "Ines Wouters")
    assertContains(confirmed, "Koen Maes")
    assertNotContains(confirmed, "Ines Wouters")
    assertContains(nothing, "Geen inschrijvingen gevonden")


def test_registrations_of_another_training_are_not_listed(office_client):
    training = TrainingFactory()
    RegistrationFactory(first_name="Elders", last_name="Ingeschreven")

    response = office_client.get(_detail_url(training))

    assertNotContains(response, "Elders Ingeschreven")


# One registration ------------------------------------------------------------------------------


def test_the_registration_page_shows_everything_the_office_needs(office_client):
    registration = RegistrationFactory(
        first_name="Lotte",
        last_name="Vermeulen",
        phone="+32470123456",
        job="Maatschappelijk werker",
        remarks="Vegetarisch",
        structured_communication="090933755493",
    )

    response = office_client.get(_registration_url(registration))

    assertContains(response, "Inschrijving " + registration.code)
    assertContains(response, "Lotte Vermeulen")
    assertContains(response, "0470 12 34 56")
    assertContains(response, "Maatschappelijk werker")
    assertContains(response, "Vegetarisch")
    assertContains(response, "+++090/9337/55493+++")
    assertContains(response, "Wacht op betaling")
    assertContains(response, "Betaling manueel registreren")
    assertContains(response, 'value="20,00"')
    assertContains(response, f'value="{_today()}"')
    assertContains(response, "Er is nog geen betaling geregistreerd.")
    assertContains(response, "Er zijn nog geen e-mails verstuurd voor deze inschrijving.")


def test_marking_paid_confirms_and_sends_exactly_one_confirmation(
    office_client, office_user, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory()

    with django_capture_on_commit_callbacks(execute=True):  # the mails go out after commit
        office_client.post(
            _pay_url(registration),
            {"amount_cents": "20,00", "paid_on": _today(), "note": "Cash op de vorming"},
        )
    first = office_client.get(
        reverse("trainings_backoffice:registration_detail", args=[registration.pk])
    )
    with django_capture_on_commit_callbacks(execute=True):
        second = office_client.post(
            _pay_url(registration),
            {"amount_cents": "20", "paid_on": _today(), "note": ""},
            follow=True,
        )

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.amount_paid_cents == 4000
    assert Payment.objects.filter(registration=registration).count() == 2
    confirmations = OutboxMessage.objects.filter(
        kind="registration_confirmed",
        object_type="trainings.registration",
        object_id=str(registration.pk),
    )
    assert confirmations.count() == 1
    assertContains(first, "De betaling is geregistreerd en de inschrijving is bevestigd.")
    assertContains(first, "Inschrijving bevestigd")
    assertContains(first, "Cash op de vorming")
    assertContains(first, "Betaling manueel geregistreerd")
    assertContains(first, "nu bevestigd", count=1)  # the history says when it was confirmed
    assertContains(first, str(office_user))
    assertContains(second, "De betaling is geregistreerd.")


def test_a_payment_without_amount_or_in_the_future_is_refused(office_client):
    registration = RegistrationFactory()
    tomorrow = f"{timezone.localdate() + dt.timedelta(days=1):%Y-%m-%d}"

    empty = office_client.post(_pay_url(registration), {"amount_cents": "", "paid_on": _today()})
    zero = office_client.post(_pay_url(registration), {"amount_cents": "0", "paid_on": _today()})
    future = office_client.post(_pay_url(registration), {"amount_cents": "20", "paid_on": tomorrow})

    assertContains(empty, "Vul het ontvangen bedrag in.")
    assertContains(zero, "Het bedrag moet groter zijn dan nul.")
    assertContains(future, "De betaaldatum kan niet in de toekomst liggen.")
    assert not Payment.objects.exists()


def test_a_payment_dated_before_the_registration_is_refused(office_client):
    registration = RegistrationFactory()
    registered_on = timezone.localdate(registration.created_at)

    response = office_client.post(
        _pay_url(registration), {"amount_cents": "10", "paid_on": "1990-01-01"}
    )

    assertContains(
        response,
        f"De betaaldatum kan niet voor de inschrijving liggen ({registered_on:%d/%m/%Y}).",
        status_code=response.status_code,
    )
    assert not Payment.objects.exists()


def test_a_payment_on_a_cancelled_registration_is_refused_with_the_reason(office_client):
    registration = RegistrationFactory(status=Registration.Status.CANCELLED)

    page = office_client.get(_registration_url(registration))
    response = office_client.post(
        _pay_url(registration), {"amount_cents": "20", "paid_on": _today()}, follow=True
    )

    assertNotContains(page, "Betaling manueel registreren")
    assertContains(response, "Een betaling kan enkel geboekt worden")
    assert not Payment.objects.exists()


def test_cancelling_a_registration_asks_first_and_frees_the_seats(office_client):
    training = TrainingFactory(capacity=3)
    registration = RegistrationFactory(training=training, seats=2)
    url = reverse("trainings_backoffice:registration_cancel", args=[registration.pk])

    before = office_client.get(_detail_url(training))
    question = office_client.get(url)
    response = office_client.post(url, {"reason": "Dubbele inschrijving"}, follow=True)
    after = office_client.get(_detail_url(training))

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert not registration.participants.filter(is_active=True).exists()
    assertContains(before, "2 van 3 bezet, 1 vrij")
    assertContains(question, "Weet je het zeker?")
    assertContains(question, "2 plaatsen komen weer vrij")
    assertContains(response, "De inschrijving is geannuleerd; de plaatsen zijn weer vrij.")
    assertContains(response, "<dt>Reden van annuleren</dt><dd>Dubbele inschrijving</dd>", html=True)
    assertContains(response, "vorige status: Wacht op betaling; nieuwe status: Geannuleerd")
    assertNotContains(response, f'href="{url}"')
    assertContains(after, "0 van 3 bezet, 3 vrij")


def test_cancelling_twice_explains_that_it_is_no_longer_active(office_client):
    registration = RegistrationFactory(status=Registration.Status.CANCELLED)
    url = reverse("trainings_backoffice:registration_cancel", args=[registration.pk])

    response = office_client.post(url, {"reason": ""}, follow=True)

    assertContains(response, "Deze inschrijving is niet meer actief.")
