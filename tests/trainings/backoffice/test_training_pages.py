"""The office lists, creates, edits, publishes and cancels trainings."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from eigenkracht.core.models import AuditEntry
from eigenkracht.trainings.models import Training
from tests.factories import RegistrationFactory, TrainingFactory, VenueFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("trainings_backoffice:training_list")
CREATE_URL = reverse("trainings_backoffice:training_create")


def _detail_url(training):
    return reverse("trainings_backoffice:training_detail", args=[training.pk])


def training_data(venue, *, sessions=(), **overrides):
    """The POST of the training form: fields plus a five-row sessions formset."""
    data = {
        "title": "Basisvorming voor CLB-medewerkers",
        "description": "Hoe stel je een **EKc** voor?",
        "venue": str(venue.pk),
        "capacity": "16",
        "fee_cents": "20,00",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "payment_term_days": "",
        "sessions-TOTAL_FORMS": "5",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "50",
    }
    for index in range(5):
        row = sessions[index] if index < len(sessions) else ("", "", "")
        data[f"sessions-{index}-date"] = row[0]
        data[f"sessions-{index}-start_time"] = row[1]
        data[f"sessions-{index}-end_time"] = row[2]
    data.update(overrides)
    return data


# The list --------------------------------------------------------------------------------------


def test_the_list_shows_every_training_with_status_seats_and_registrations(office_client):
    soon = timezone.localdate() + dt.timedelta(days=10)
    later = timezone.localdate() + dt.timedelta(days=60)
    draft = TrainingFactory(
        title="Verdiepingsdag netwerkkaart",
        status=Training.Status.DRAFT,
        sessions__first_date=later,
        venue__city="Leuven",
    )
    published = TrainingFactory(title="Basisvorming Gent", capacity=12, sessions__first_date=soon)
    TrainingFactory(title="Geannuleerde vorming", status=Training.Status.CANCELLED)
    RegistrationFactory(training=published, seats=2)
    RegistrationFactory(training=published, status="confirmed", amount_paid_cents=2000)

    response = office_client.get(LIST_URL)

    page = response.content.decode()
    assert page.index("Verdiepingsdag netwerkkaart") < page.index("Basisvorming Gent")
    assertContains(response, "Ontwerp")
    assertContains(response, "Gepubliceerd")
    assertContains(response, "Geannuleerd")
    assertContains(response, "Leuven")
    assertContains(response, "3 van 12")
    assertContains(response, f'href="{_detail_url(draft)}"')
    row = next(t for t in response.context["page_obj"] if t.pk == published.pk)
    assert (row.pending_count, row.confirmed_count) == (1, 1)


def test_the_list_filters_by_status_and_searches_by_title(office_client):
    TrainingFactory(title="Basisvorming Antwerpen", status=Training.Status.DRAFT)
    TrainingFactory(title="Basisvorming Brugge")
    TrainingFactory(title="Terugkomdag Brugge", status=Training.Status.DRAFT)

    drafts = office_client.get(LIST_URL, {"status": "draft"})
    brugge_drafts = office_client.get(LIST_URL, {"status": "draft", "q": "brugge"})

    assertContains(drafts, "Basisvorming Antwerpen")
    assertContains(drafts, "Terugkomdag Brugge")
    assertNotContains(drafts, "Basisvorming Brugge")
    assertContains(brugge_drafts, "Terugkomdag Brugge")
    assertNotContains(brugge_drafts, "Basisvorming Antwerpen")


def test_an_empty_list_invites_to_create_the_first_training(office_client):
    response = office_client.get(LIST_URL)

    assertContains(response, "Er zijn nog geen vormingen.")
    assertContains(response, f'href="{CREATE_URL}"')


def test_a_search_without_results_says_so(office_client):
    TrainingFactory(title="Basisvorming")

    response = office_client.get(LIST_URL, {"q": "yoga"})

    assertContains(response, "Geen vormingen gevonden")


def test_the_list_is_paginated_by_25_with_the_current_page_marked(office_client):
    for _ in range(30):
        TrainingFactory()

    first = office_client.get(LIST_URL)
    second = office_client.get(LIST_URL, {"page": 2})

    assert len(first.context["page_obj"].object_list) == 25
    assert len(second.context["page_obj"].object_list) == 5
    assertContains(first, 'aria-current="page"')
    assertContains(first, "?page=2")
    assertContains(second, "26 tot 30 van 30")


# Creating and editing --------------------------------------------------------------------------


def test_the_new_training_form_has_five_empty_session_rows(office_client):
    VenueFactory(name="De Centrale")

    response = office_client.get(CREATE_URL)

    assertContains(response, 'name="sessions-4-date"')
    assertNotContains(response, 'name="sessions-5-date"')
    assertContains(response, "De Centrale")
    assertContains(response, "Datum van sessie 1")


def test_the_office_creates_a_draft_training_with_two_sessions(office_client, office_user):
    venue = VenueFactory(city="Gent")

    response = office_client.post(
        CREATE_URL,
        training_data(
            venue,
            sessions=[("2027-03-09", "09:30", "16:30"), ("2027-02-02", "13:00", "16:00")],
        ),
        follow=True,
    )

    training = Training.objects.get()
    assert training.status == Training.Status.DRAFT
    assert training.fee_cents == 2000
    assert training.starts_on == dt.date(2027, 2, 2)
    assert training.ends_on == dt.date(2027, 3, 9)
    assert [(s.date, s.start_time) for s in training.sessions.all()] == [
        (dt.date(2027, 2, 2), dt.time(13)),
        (dt.date(2027, 3, 9), dt.time(9, 30)),
    ]
    assertContains(response, "De vorming is aangemaakt als ontwerp.")
    assertContains(response, "di 2 februari 2027, 13.00-16.00")
    assertContains(response, "di 9 maart 2027, 9.30-16.30")
    assertContains(response, "€ 20,00")
    entry = AuditEntry.objects.get(action="training.created")
    assert entry.actor == office_user


@pytest.mark.parametrize(("typed", "cents"), [("20", 2000), ("0", 0), ("12,5", 1250)])
def test_the_fee_is_typed_in_euro_the_belgian_way(office_client, typed, cents):
    venue = VenueFactory()

    office_client.post(
        CREATE_URL,
        training_data(venue, sessions=[("2027-02-02", "09:30", "16:30")], fee_cents=typed),
    )

    assert Training.objects.get().fee_cents == cents


def test_a_session_that_ends_before_it_starts_is_refused(office_client):
    venue = VenueFactory()

    response = office_client.post(
        CREATE_URL, training_data(venue, sessions=[("2027-02-02", "16:30", "09:30")])
    )

    assert response.status_code == 200
    assertContains(response, "Het einduur moet na het beginuur liggen.")
    assertContains(response, "De vorming is nog niet bewaard.")
    assert not Training.objects.exists()


def test_a_half_filled_session_row_says_what_is_missing(office_client):
    venue = VenueFactory()

    response = office_client.post(
        CREATE_URL, training_data(venue, sessions=[("2027-02-02", "09:30", "")])
    )

    assertContains(response, "Vul het einduur van deze sessie in.")
    assert not Training.objects.exists()


def test_a_training_without_sessions_is_refused(office_client):
    venue = VenueFactory()

    response = office_client.post(CREATE_URL, training_data(venue, sessions=[]))

    assertContains(response, "Voeg minstens één sessie toe")
    # The summary's line leads to the first session's first field.
    assertContains(response, 'href="#id_sessions-0-date"')
    assert not Training.objects.exists()


def test_a_negative_or_unreadable_fee_is_refused(office_client):
    venue = VenueFactory()
    sessions = [("2027-02-02", "09:30", "16:30")]

    negative = office_client.post(
        CREATE_URL, training_data(venue, sessions=sessions, fee_cents="-5")
    )
    garbage = office_client.post(
        CREATE_URL, training_data(venue, sessions=sessions, fee_cents="twintig")
    )

    assertContains(negative, "Het bedrag kan niet negatief zijn.")
    assertContains(garbage, "Vul een bedrag in euro in, zoals 20 of 20,00.")
    assert 'value="-5"' in negative.content.decode()
    assert not Training.objects.exists()


def test_registrations_must_close_after_they_open(office_client):
    venue = VenueFactory()

    response = office_client.post(
        CREATE_URL,
        training_data(
            venue,
            sessions=[("2027-02-02", "09:30", "16:30")],
            registration_opens_at="2027-01-10T09:00",
            registration_closes_at="2027-01-01T09:00",
        ),
    )

    assertContains(response, "De inschrijvingen moeten sluiten na het moment waarop ze openen.")
    assert not Training.objects.exists()


def test_editing_shows_the_current_values_and_replaces_the_sessions(office_client):
    training = TrainingFactory(fee_cents=2500, sessions=2)
    edit_url = reverse("trainings_backoffice:training_edit", args=[training.pk])
    first, second = training.sessions.all()

    form_page = office_client.get(edit_url)
    assertContains(form_page, 'value="25,00"')
    assertContains(form_page, f'value="{first.date:%Y-%m-%d}"')
    assertContains(form_page, f'value="{second.date:%Y-%m-%d}"')

    data = training_data(
        training.venue,
        sessions=[(f"{first.date:%Y-%m-%d}", "10:00", "12:00")],
        title="Nieuwe titel",
        fee_cents="30",
    )
    response = office_client.post(edit_url, data, follow=True)

    training.refresh_from_db()
    assert training.title == "Nieuwe titel"
    assert training.fee_cents == 3000
    assert training.status == Training.Status.PUBLISHED
    assert [(s.start_time, s.end_time) for s in training.sessions.all()] == [
        (dt.time(10), dt.time(12))
    ]
    assertContains(response, "De wijzigingen zijn bewaard.")


# Publishing and cancelling ---------------------------------------------------------------------


def test_publishing_asks_for_confirmation_then_publishes(office_client):
    training = TrainingFactory(title="Basisvorming Hasselt", status=Training.Status.DRAFT)
    url = reverse("trainings_backoffice:training_publish", args=[training.pk])

    detail = office_client.get(_detail_url(training))
    question = office_client.get(url)
    training.refresh_from_db()
    assert training.status == Training.Status.DRAFT

    response = office_client.post(url, follow=True)

    training.refresh_from_db()
    assert training.status == Training.Status.PUBLISHED
    assertContains(detail, f'href="{url}"')
    assertContains(question, "Weet je het zeker?")
    assertContains(question, "Ja, publiceren")
    assertContains(response, "De vorming is gepubliceerd")
    assertNotContains(response, f'href="{url}"')


def test_publishing_twice_shows_why_it_is_not_possible(office_client):
    training = TrainingFactory(status=Training.Status.PUBLISHED)
    url = reverse("trainings_backoffice:training_publish", args=[training.pk])

    response = office_client.post(url, follow=True)

    assertContains(response, "Enkel een ontwerp kan gepubliceerd worden.")


def test_cancelling_asks_for_confirmation_and_keeps_the_reason(office_client):
    training = TrainingFactory()
    url = reverse("trainings_backoffice:training_cancel", args=[training.pk])

    question = office_client.get(url)
    response = office_client.post(url, {"reason": "Lesgever ziek"}, follow=True)

    training.refresh_from_db()
    assert training.status == Training.Status.CANCELLED
    assertContains(question, "Weet je het zeker?")
    assertContains(response, "De vorming is geannuleerd.")
    assertNotContains(response, f'href="{url}"')
    entry = AuditEntry.objects.get(action="training.cancelled")
    assert entry.data == {"reason": "Lesgever ziek", "registrations_told": 0}


def test_cancelling_a_cancelled_training_explains_itself(office_client):
    training = TrainingFactory(status=Training.Status.CANCELLED)
    url = reverse("trainings_backoffice:training_cancel", args=[training.pk])

    response = office_client.post(url, {"reason": ""}, follow=True)

    assertContains(response, "Deze vorming is al geannuleerd.")


def test_an_unknown_training_answers_404(office_client):
    response = office_client.get(reverse("trainings_backoffice:training_detail", args=[999]))

    assert response.status_code == 404


def test_a_title_typed_over_several_lines_is_kept_as_one_line(office_client):
    venue = VenueFactory()
    day = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    data = training_data(
        venue, sessions=[(day, "09:30", "16:30")], title="Basisvorming\r\n  voor\tCLB"
    )

    office_client.post(CREATE_URL, data)

    assert Training.objects.get().title == "Basisvorming voor CLB"
