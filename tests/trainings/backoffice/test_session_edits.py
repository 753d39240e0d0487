"""Editing a training keeps its sessions, and the attendance recorded for them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from eigenkracht.trainings.attendance.services import attendance_record
from eigenkracht.trainings.models import Attendance, Registration, Session
from tests.factories import RegistrationFactory, TrainingFactory
from tests.trainings.backoffice.test_training_pages import training_data

pytestmark = pytest.mark.django_db


def _edit_url(training):
    return reverse("trainings_backoffice:training_edit", args=[training.pk])


def _row(session, *, start=None, end=None):
    return (
        f"{session.date:%Y-%m-%d}",
        start or f"{session.start_time:%H:%M}",
        end or f"{session.end_time:%H:%M}",
    )


def _post(client, training, rows, **overrides):
    """Post the edit form as the page shows it: each existing session with its hidden id; when
    the page first shows the mail to the registrants, confirm it."""
    data = training_data(training.venue, sessions=[row for _id, row in rows], **overrides)
    data["sessions-INITIAL_FORMS"] = str(sum(1 for pk, _row in rows if pk))
    for index, (pk, _row) in enumerate(rows):
        data[f"sessions-{index}-id"] = str(pk or "")
    response = client.post(_edit_url(training), data, follow=True)
    if response.context and response.context.get("notice"):
        data["notice"] = response.context["notice"]
        response = client.post(_edit_url(training), data, follow=True)
    return response


def _training_with_attendance(office_user):
    training = TrainingFactory(sessions=2)
    for _ in range(3):
        RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)
    first, second = training.sessions.all()
    present = list(training.participants.values_list("pk", flat=True))[:2]
    attendance_record(session=first, present_participant_ids=present, actor=office_user)
    attendance_record(session=second, present_participant_ids=present, actor=office_user)
    return training, first, second


def test_editing_the_description_and_a_sessions_time_keeps_every_attendance_row(
    office_client, office_user
):
    training, first, second = _training_with_attendance(office_user)
    recorded = set(Attendance.objects.values_list("pk", "session_id", "participant_id", "present"))
    assert len(recorded) == 6

    response = _post(
        office_client,
        training,
        [(first.pk, _row(first, start="10:00")), (second.pk, _row(second))],
        description="Een nieuwe beschrijving.",
    )

    assertContains(response, "De wijzigingen zijn bewaard.")
    first.refresh_from_db()
    assert first.start_time == dt.time(10, 0)
    assert set(training.sessions.values_list("pk", flat=True)) == {first.pk, second.pk}
    after = set(Attendance.objects.values_list("pk", "session_id", "participant_id", "present"))
    assert after == recorded


def test_the_edit_page_carries_each_sessions_identity(office_client):
    training = TrainingFactory(sessions=2)
    first, second = training.sessions.all()

    page = office_client.get(_edit_url(training))

    assertContains(page, f'name="sessions-0-id" value="{first.pk}"')
    assertContains(page, f'name="sessions-1-id" value="{second.pk}"')


def test_emptying_the_row_of_a_session_with_attendance_is_refused_and_changes_nothing(
    office_client, office_user
):
    training, first, second = _training_with_attendance(office_user)

    response = _post(office_client, training, [(first.pk, _row(first))], title="Een andere titel")

    assert response.status_code == 200
    assertContains(response, "kan niet weg: er is al aanwezigheid voor geregistreerd")
    assert Session.objects.filter(pk=second.pk).exists()
    assert Attendance.objects.count() == 6
    training.refresh_from_db()
    assert training.title != "Een andere titel"


def test_a_past_session_cannot_be_removed(office_client):
    training = TrainingFactory(
        sessions=2, sessions__first_date=timezone.localdate() - dt.timedelta(days=7)
    )
    past, later = training.sessions.all()

    response = _post(office_client, training, [(later.pk, _row(later))])

    assertContains(response, "is al voorbij en kan niet meer verwijderd worden")
    assert Session.objects.filter(pk=past.pk).exists()


def test_a_future_session_without_attendance_can_be_removed_and_a_new_one_added(office_client):
    training = TrainingFactory(sessions=2)
    first, second = training.sessions.all()
    new_day = second.date + dt.timedelta(days=7)

    _post(
        office_client,
        training,
        [(first.pk, _row(first)), (None, (f"{new_day:%Y-%m-%d}", "09:00", "12:00"))],
    )

    dates = list(training.sessions.values_list("pk", "date"))
    assert dates[0] == (first.pk, first.date)
    assert dates[1][1] == new_day
    assert not Session.objects.filter(pk=second.pk).exists()
    training.refresh_from_db()
    assert training.ends_on == new_day


def test_a_session_id_of_another_training_is_refused(office_client):
    training = TrainingFactory(sessions=1)
    foreign = TrainingFactory(sessions=1).sessions.get()

    response = _post(office_client, training, [(foreign.pk, _row(foreign))])

    assertContains(response, "Een van de sessies bestaat niet meer. Laad de pagina opnieuw.")
    assert Session.objects.filter(pk=foreign.pk, training__isnull=False).count() == 1
    assert foreign.training.sessions.count() == 1


def test_a_past_session_keeps_its_day_so_it_cannot_be_moved_away_and_then_removed(office_client):
    training = TrainingFactory(
        sessions=2, sessions__first_date=timezone.localdate() - dt.timedelta(days=7)
    )
    past, later = training.sessions.all()
    next_year = (past.date + dt.timedelta(days=365)).isoformat()

    response = _post(
        office_client,
        training,
        [(past.pk, (next_year, "09:30", "16:30")), (later.pk, _row(later))],
    )

    assertContains(response, "je kan de uren nog aanpassen, maar niet de datum")
    past.refresh_from_db()
    assert past.date == timezone.localdate() - dt.timedelta(days=7)


def test_the_hours_of_a_past_session_can_still_be_corrected(office_client):
    training = TrainingFactory(
        sessions=1, sessions__first_date=timezone.localdate() - dt.timedelta(days=7)
    )
    past = training.sessions.get()

    _post(office_client, training, [(past.pk, _row(past, start="09:00"))])

    past.refresh_from_db()
    assert past.start_time == dt.time(9, 0)
