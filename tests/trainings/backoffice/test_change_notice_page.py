"""Before a published training moves, the office sees who gets a mail and reads it; saving
then mails them."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from eigenkracht.core.formatting import day
from eigenkracht.core.models import OutboxMessage
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory
from tests.trainings.backoffice.test_training_pages import training_data

pytestmark = pytest.mark.django_db


def _form(training, *, days=0, **overrides):
    session = training.sessions.get()
    moved = session.date + dt.timedelta(days=days)
    data = training_data(
        training.venue,
        sessions=[(f"{moved:%Y-%m-%d}", "09:30", "16:30")],
        **overrides,
    )
    data["sessions-INITIAL_FORMS"] = "1"
    data["sessions-0-id"] = str(session.pk)
    return data


def _url(training):
    return reverse("trainings_backoffice:training_edit", args=[training.pk])


@pytest.fixture
def training():
    training = TrainingFactory()
    RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)
    RegistrationFactory(training=training)
    RegistrationFactory(training=training, status=Registration.Status.CANCELLED)
    return training


def test_moving_shows_who_gets_which_mail_before_anything_is_saved(office_client, training):
    old_date = training.sessions.get().date

    page = office_client.post(_url(training), _form(training, days=7))

    assertContains(page, "2 inschrijvingen krijgen hierover een mail")
    assertContains(page, "Gewijzigd: Basisvorming voor CLB-medewerkers")
    assertContains(page, day(old_date + dt.timedelta(days=7)))
    assertContains(page, "Opslaan en mailen")
    assertContains(page, 'role="alert"')
    assert training.sessions.get().date == old_date
    assert not OutboxMessage.objects.filter(kind="training_changed").exists()


def test_the_mail_shown_has_the_title_as_typed_in_its_subject(office_client):
    training = TrainingFactory(title="Ouders & kinderen")
    RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)

    page = office_client.post(_url(training), _form(training, days=7, title="Ouders & kinderen"))

    # Escaped once by the page: the subject itself holds "&", not "&amp;".
    assertContains(page, "Gewijzigd: Ouders &amp; kinderen")
    assertNotContains(page, "&amp;amp;")


def test_the_mail_shown_reads_the_new_dates_as_how_the_training_looks_now(office_client, training):
    old_date = training.sessions.get().date

    page = office_client.post(_url(training), _form(training, days=7))

    now = page.context["notice_mail"]["text"].split("Zo ziet de vorming er nu uit")[1]
    assert day(old_date + dt.timedelta(days=7)) in now
    assert day(old_date) not in now


def test_confirming_saves_and_mails(office_client, training, django_capture_on_commit_callbacks):
    data = _form(training, days=7)
    data["notice"] = office_client.post(_url(training), data).context["notice"]

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(_url(training), data, follow=True)

    assertContains(response, "De wijzigingen zijn bewaard.")
    assert OutboxMessage.objects.filter(kind="training_changed").count() == 2


def test_a_changed_move_after_the_preview_is_shown_again(office_client, training):
    data = _form(training, days=7)
    data["notice"] = office_client.post(_url(training), data).context["notice"]

    page = office_client.post(
        _url(training), {**_form(training, days=14), "notice": data["notice"]}
    )

    assertContains(page, "2 inschrijvingen krijgen hierover een mail")
    assert not OutboxMessage.objects.filter(kind="training_changed").exists()


def test_a_new_description_is_saved_without_asking(office_client, training):
    response = office_client.post(
        _url(training), _form(training, description="Nieuw."), follow=True
    )

    assertContains(response, "De wijzigingen zijn bewaard.")
    assertNotContains(response, "Opslaan en mailen")
