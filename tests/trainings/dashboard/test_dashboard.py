"""The trainings dashboard: who may see it, the figures it shows and what it costs."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eigenkracht.trainings.dashboard.selectors import registrations_per_week
from eigenkracht.trainings.models import Registration, Training
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

URL = reverse("trainings_dashboard:dashboard")
Status = Registration.Status


def test_anonymous_visitors_go_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_referrers_are_refused(login_as):
    assert login_as("referrer").get(URL).status_code == 403


@pytest.mark.parametrize("role", ["office", "manager"])
def test_office_staff_see_the_dashboard(login_as, role):
    response = login_as(role).get(URL)
    assert response.status_code == 200
    assert b"trainings/dashboard.css" in response.content
    assert b"style=" not in response.content


@pytest.fixture
def figures():
    """Two upcoming trainings, one of last month and one of long ago."""
    today = timezone.localdate()
    first = TrainingFactory(title="Basisvorming Gent", capacity=10, fee_cents=2000)
    RegistrationFactory(training=first, seats=2, amount_paid_cents=1000)  # partly paid
    RegistrationFactory(training=first, seats=3, status=Status.CONFIRMED, amount_paid_cents=6000)
    RegistrationFactory(training=first, seats=2, status=Status.WAITING)
    RegistrationFactory(training=first, seats=1, status=Status.CANCELLED)
    RegistrationFactory(training=first, seats=1, status=Status.EXPIRED)
    # Pending but past its deadline: still registered and owing, but no longer holding a seat.
    RegistrationFactory(training=first, seats=1, payment_deadline=today - dt.timedelta(days=1))
    second = TrainingFactory(title="Verdieping Leuven", capacity=20, venue__city="Leuven")
    RegistrationFactory(training=second, status=Status.CONFIRMED, amount_paid_cents=2000)
    recent = TrainingFactory(
        title="Vorige maand", sessions__first_date=today - dt.timedelta(days=30)
    )
    RegistrationFactory(training=recent, seats=2, status=Status.CONFIRMED, amount_paid_cents=4000)
    old = TrainingFactory(title="Lang geleden", sessions__first_date=today - dt.timedelta(days=200))
    RegistrationFactory(training=old, seats=2, status=Status.CONFIRMED, amount_paid_cents=4000)
    return {"first": first, "second": second, "recent": recent, "old": old}


def _rows(response) -> dict[str, Training]:
    return {training.title: training for training in response.context["trainings"]}


def test_the_figures_per_training_and_the_totals(office_client, figures):
    response = office_client.get(URL)
    rows = _rows(response)
    assert list(rows) == ["Basisvorming Gent", "Verdieping Leuven"]  # upcoming, soonest first

    first = rows["Basisvorming Gent"]
    assert first.registered_seats == 6  # pending 2 + 1, confirmed 3
    assert first.paid_seats == 3
    assert first.waiting_seats == 2
    assert first.seats_left == 5  # 10 - confirmed 3 - pending within its deadline 2
    assert first.received_cents == 7000
    assert first.outstanding_cents == 5000  # 4000 - 1000, plus 2000

    second = rows["Verdieping Leuven"]
    assert (second.registered_seats, second.paid_seats, second.waiting_seats) == (1, 1, 0)
    assert (second.seats_left, second.received_cents, second.outstanding_cents) == (19, 2000, 0)

    totals = response.context["totals"]
    assert (totals.registered_seats, totals.paid_seats, totals.waiting_seats) == (7, 4, 2)
    assert (totals.seats_left, totals.received_cents, totals.outstanding_cents) == (24, 9000, 5000)

    html = response.content.decode()
    detail = reverse("trainings_backoffice:training_detail", args=[figures["first"].pk])
    assert f'href="{detail}"' in html
    assert "Leuven" in html
    for amount in ("€ 70,00", "€ 50,00", "€ 90,00", "€ 20,00"):
        assert amount in html
    assert "Totaal (2 vormingen)" in html


def test_the_period_filter(office_client, figures):
    recent = _rows(office_client.get(URL, {"period": "recent"}))
    assert list(recent) == ["Vorige maand"]
    everything = _rows(office_client.get(URL, {"period": "all"}))
    assert set(everything) == {
        "Basisvorming Gent",
        "Verdieping Leuven",
        "Vorige maand",
        "Lang geleden",
    }
    unknown = _rows(office_client.get(URL, {"period": "morgen"}))
    assert list(unknown) == ["Basisvorming Gent", "Verdieping Leuven"]


def test_no_trainings_in_the_period(office_client):
    response = office_client.get(URL)
    assert "Geen vormingen in deze periode." in response.content.decode()
    assert "Geen inschrijvingen in deze periode." in response.content.decode()


def test_the_chart_counts_seats_per_week(office_client, figures):
    response = office_client.get(URL)
    weeks = response.context["weeks"]
    assert len(weeks) == 26
    assert weeks[0].starts_on.weekday() == 0
    # Everything was registered this week: confirmed 3 + 1 + 2 + 2, other 2 + 2 + 1 + 1 + 1.
    assert (weeks[-1].confirmed, weeks[-1].other) == (8, 7)
    assert sum(week.total for week in weeks[:-1]) == 0
    html = response.content.decode()
    assert 'role="img"' in html
    assert '<th scope="col">Week van</th>' in html  # the same numbers as a table


def test_the_chart_for_one_training(office_client, figures):
    first = figures["first"]
    response = office_client.get(URL, {"training": first.pk})
    assert (response.context["weeks"][-1].confirmed, response.context["weeks"][-1].other) == (3, 7)
    assert "Inschrijvingen per week voor Basisvorming Gent" in response.content.decode()


def test_a_training_outside_the_period_gives_the_chart_for_all(office_client, figures):
    response = office_client.get(URL, {"training": figures["old"].pk})
    assert response.context["weeks"][-1].total == 15
    assert "Die vorming staat niet in deze periode: we tonen de grafiek voor alle vormingen." in (
        response.content.decode()
    )


def test_an_unknown_period_says_the_upcoming_trainings_are_shown(office_client, figures):
    page = office_client.get(URL, {"period": "volgend-jaar"}).content.decode()
    assert "Onbekende periode: we tonen de komende vormingen." in page
    assert "grafiek voor alle vormingen" not in page


def test_registrations_land_in_their_week():
    today = timezone.localdate()
    training = TrainingFactory()
    ten_weeks_ago = RegistrationFactory(training=training, seats=2)
    too_old = RegistrationFactory(training=training)

    def noon(weeks_ago: int) -> dt.datetime:
        # At noon, local time: "now" minus whole weeks crosses a day when summer time differs.
        day = today - dt.timedelta(weeks=weeks_ago)
        return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))

    Registration.objects.filter(pk=ten_weeks_ago.pk).update(created_at=noon(10))
    Registration.objects.filter(pk=too_old.pk).update(created_at=noon(27))
    weeks = registrations_per_week(today=today)
    assert weeks[-1].starts_on <= today < weeks[-1].starts_on + dt.timedelta(days=7)
    assert weeks[-11].other == 2
    assert sum(week.total for week in weeks) == 2


def _trainings(count: int) -> None:
    for index in range(count):
        training = TrainingFactory(sessions=1 + index % 2)
        RegistrationFactory(training=training)
        RegistrationFactory(training=training, status=Status.CONFIRMED, seats=2)
        RegistrationFactory(training=training, status=Status.WAITING)


def _count_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("params", [{}, {"period": "all"}, {"training": "first"}])
def test_the_dashboard_costs_the_same_with_5_or_50_trainings(
    office_client, django_assert_num_queries, params
):
    _trainings(5)
    if params.get("training"):
        params = {"training": Training.objects.order_by("starts_on", "title").first().pk}
    office_client.get(URL, params)  # warm up: the organisation row and the session
    with_five = _count_queries(office_client, params)

    _trainings(45)

    with django_assert_num_queries(with_five):
        response = office_client.get(URL, params)
    assert len(response.context["trainings"]) == 50
