"""Attendance per session: who may record it, what is stored, and at what cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenkracht.core.models import AuditEntry
from eigenkracht.trainings.attendance.pdf import attendance_list_pdf
from eigenkracht.trainings.attendance.services import attendance_record, session_participants
from eigenkracht.trainings.models import Attendance, Registration
from tests.core.pdf_reader import NAMES_IN_SCRIPTS, drawn, pdf_text
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def _session_with(count: int, **registration):
    training = TrainingFactory(capacity=200, sessions=2)
    for _ in range(count):
        RegistrationFactory(training=training, status=Registration.Status.CONFIRMED, **registration)
    return training.sessions.first()


@pytest.mark.parametrize("role", ["coordinator", "referrer"])
def test_only_the_office_may_record_attendance(login_as, role):
    session = _session_with(1)
    client = login_as(role)
    for name in ("session_attendance", "session_attendance_pdf"):
        url = reverse(f"trainings_attendance:{name}", args=[session.pk])
        assert client.get(url).status_code == 403
    assert (
        client.post(
            reverse("trainings_attendance:session_attendance", args=[session.pk])
        ).status_code
        == 403
    )


def test_anonymous_visitors_go_to_the_login_page(client):
    session = _session_with(1)
    response = client.get(reverse("trainings_attendance:session_attendance", args=[session.pk]))
    assert response.status_code == 302


def test_the_page_lists_only_active_participants_of_confirmed_registrations(office_client):
    session = _session_with(2, organisation="CAW Oost-Vlaanderen")
    RegistrationFactory(training=session.training, first_name="Pending")
    RegistrationFactory(
        training=session.training, status=Registration.Status.CANCELLED, first_name="Weg"
    )
    response = office_client.get(
        reverse("trainings_attendance:session_attendance", args=[session.pk])
    )
    assert response.status_code == 200
    assert len(response.context["rows"]) == 2
    assert b"CAW Oost-Vlaanderen" in response.content
    assert b"Pending" not in response.content and b"Weg " not in response.content
    assert response.content.count(b'type="checkbox" name="present"') == 2


def test_recording_saves_everyone_at_once_and_is_audited_once(office_client, office_user):
    session = _session_with(3)
    first, second, third = session_participants(session)
    url = reverse("trainings_attendance:session_attendance", args=[session.pk])

    response = office_client.post(url, {"present": [first.pk, third.pk]})
    assert response.status_code == 302
    present = dict(
        Attendance.objects.filter(session=session).values_list("participant_id", "present")
    )
    assert present == {first.pk: True, second.pk: False, third.pk: True}
    assert Attendance.objects.get(session=session, participant=first).recorded_by == office_user
    entry = AuditEntry.objects.get(action="session.attendance_recorded")
    assert entry.data == {"present": 2, "absent": 1}

    # Correcting overwrites, it does not add rows.
    response = office_client.post(url, {"present": [second.pk]})
    assert Attendance.objects.filter(session=session).count() == 3
    assert set(
        Attendance.objects.filter(session=session, present=True).values_list(
            "participant_id", flat=True
        )
    ) == {second.pk}
    page = office_client.get(url)
    assert page.content.count(b" checked>") == 1


def test_ids_of_other_trainings_are_ignored_by_the_service(office_user):
    session = _session_with(1)
    stranger = RegistrationFactory(status=Registration.Status.CONFIRMED).participants.get()
    counts = attendance_record(
        session=session,
        present_participant_ids=[
            stranger.pk,
            *session_participants(session).values_list("pk", flat=True),
        ],
        actor=office_user,
    )
    assert counts == {"present": 1, "absent": 0}
    assert not Attendance.objects.filter(participant=stranger).exists()


def _queries(callable_) -> int:
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def test_the_page_and_saving_cost_the_same_with_5_or_30_participants(office_client):
    small = _session_with(5)
    large = _session_with(30)

    def get(session):
        url = reverse("trainings_attendance:session_attendance", args=[session.pk])
        return lambda: office_client.get(url)

    def post(session):
        url = reverse("trainings_attendance:session_attendance", args=[session.pk])
        ids = list(session_participants(session).values_list("pk", flat=True))
        return lambda: office_client.post(url, {"present": ids[::2]})

    get(small)()  # warm up: the organisation row and the login session
    assert _queries(get(small)) == _queries(get(large))
    assert _queries(post(small)) == _queries(post(large))
    assert Attendance.objects.filter(session=large).count() == 30


def test_the_list_pdf_has_every_name_and_a_header_on_every_page(office_client):
    session = _session_with(40, organisation="OCMW Gent")
    RegistrationFactory(
        training=session.training,
        status=Registration.Status.CONFIRMED,
        first_name="Ayşe",
        last_name="Şahin",
    )
    response = office_client.get(
        reverse("trainings_attendance:session_attendance_pdf", args=[session.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    for participant in session_participants(session):
        assert participant.full_name in text
    assert "Ayşe Şahin" in text
    assert text.count(session.training.title) >= 2  # repeated on page 2
    assert text.count("Handtekening") >= 2


def test_the_list_prints_names_in_every_script():
    session = _session_with(0)
    for first_name, last_name in NAMES_IN_SCRIPTS.values():
        RegistrationFactory(
            training=session.training,
            status=Registration.Status.CONFIRMED,
            first_name=first_name,
            last_name=last_name,
            organisation=f"Vzw {last_name}",
        )
    content = attendance_list_pdf(session=session, participants=session_participants(session))
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    for first_name, last_name in NAMES_IN_SCRIPTS.values():
        assert drawn(f"{first_name} {last_name}") in text
        assert drawn(last_name) in text  # and in the organisation's column
