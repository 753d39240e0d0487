"""The answers on the registration's pages, in the exports and on the attendance list."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from eigenkracht.core.models import AuditEntry
from eigenkracht.trainings.models import Registration, TrainingQuestion
from tests.core.pdf_reader import pdf_text
from tests.factories import RegistrationFactory, TrainingFactory
from tests.trainings.questions.helpers import add_questions, answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def training():
    return TrainingFactory(title="Basisvorming Gent")


@pytest.fixture
def registration(training):
    diet, team, needs, lunch = add_questions(training)
    registration = RegistrationFactory(
        training=training,
        status=Registration.Status.CONFIRMED,
        first_name="An",
        last_name="Peeters",
        seats=2,
        participants=[("An", "Peeters", "an@example.be"), ("Bert", "Claes", "bert@example.be")],
    )
    an, bert = registration.participants.order_by("id")
    answer(an, diet, "Vegetarisch")
    answer(an, needs, ["Rolstoeltoegang", "Tolk"])
    answer(an, lunch, True)
    answer(bert, diet, "Geen")
    answer(bert, team, "Team Noord")
    answer(bert, lunch, False)
    return registration


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8").lstrip("\ufeff")), delimiter=";"))


def test_the_office_sees_each_participant_s_answers_and_the_look_is_audited(
    office_client, registration
):
    url = reverse("trainings_backoffice:registration_detail", args=[registration.pk])

    page = office_client.get(url).content.decode()

    assert "<dt>Dieetwens</dt><dd>Vegetarisch</dd>" in page
    assert "<dd>Rolstoeltoegang, Tolk</dd>" in page
    assert "<dt>Blijf je voor de lunch?</dt><dd>nee</dd>" in page
    assert "<dd>Team Noord</dd>" in page
    assert AuditEntry.objects.filter(action="registration.view").count() == 1


def test_the_registrant_sees_the_answers_on_their_own_page(client, registration):
    client.get(reverse("trainings:registration_link", args=[registration.token]))

    page = client.get(reverse("trainings:registration", args=[registration.code])).content.decode()

    assert "<dt>Dieetwens</dt><dd>Vegetarisch</dd>" in page
    assert "<dd>Team Noord</dd>" in page


def test_the_training_s_csv_has_a_column_per_question(office_client, registration):
    url = reverse("trainings_backoffice:training_export", args=[registration.training_id])

    header, an, bert = _csv(office_client.get(url).content)

    assert header[-4:] == [
        "Dieetwens",
        "In welk team werk je?",
        "Wat heb je nodig om deel te nemen?",
        "Blijf je voor de lunch?",
    ]
    assert an[-4:] == ["Vegetarisch", "", "Rolstoeltoegang, Tolk", "ja"]
    assert bert[-4:] == ["Geen", "Team Noord", "", "nee"]
    assert AuditEntry.objects.filter(action="registration.list").count() == 1


def test_the_export_page_gives_a_column_per_question_in_xlsx(office_client, registration):
    response = office_client.get(
        reverse("trainings_exports:export_form"),
        {"kind": "participants", "training": registration.training_id, "file_format": "xlsx"},
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][-4:] == [
        "Dieetwens",
        "In welk team werk je?",
        "Wat heb je nodig om deel te nemen?",
        "Blijf je voor de lunch?",
    ]
    assert rows[1][-4:] == ["Vegetarisch", None, "Rolstoeltoegang, Tolk", "ja"]
    assert rows[2][-4:] == ["Geen", "Team Noord", None, "nee"]


def test_a_period_s_export_puts_all_answers_in_one_column(office_client, registration):
    starts = registration.training.starts_on.isoformat()
    response = office_client.get(
        reverse("trainings_exports:export_form"),
        {"kind": "participants", "date_from": starts, "date_to": starts, "file_format": "csv"},
    )

    rows = _csv(response.content)
    assert rows[0][-1] == "Antwoorden op de vragen"
    assert rows[1][-1] == (
        "Dieetwens: Vegetarisch; Wat heb je nodig om deel te nemen?: Rolstoeltoegang, Tolk; "
        "Blijf je voor de lunch?: ja"
    )


def test_a_question_that_starts_like_a_formula_stays_text(office_client, training):
    TrainingQuestion.objects.create(training=training, text="=1+1 personen?", kind="text")
    RegistrationFactory(training=training)
    response = office_client.get(
        reverse("trainings_exports:export_form"),
        {"kind": "participants", "training": training.pk, "file_format": "xlsx"},
    )
    csv_response = office_client.get(
        reverse("trainings_backoffice:training_export", args=[training.pk])
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=1, column=sheet.max_column).data_type == "s"
    assert _csv(csv_response.content)[0][-1] == "'=1+1 personen?"


def test_the_attendance_list_shows_the_answers_meant_for_it(office_client, registration):
    # Off the list unless the office ticks it: here all but the sensitive one.
    TrainingQuestion.objects.exclude(text="Wat heb je nodig om deel te nemen?").update(
        on_attendance_list=True
    )
    session = registration.training.sessions.get()
    url = reverse("trainings_attendance:session_attendance_pdf", args=[session.pk])

    text = pdf_text(office_client.get(url).content)

    assert "Antwoorden" in text
    assert "Dieetwens: Vegetarisch" in text
    assert "Team Noord" in text
    assert "Rolstoeltoegang" not in text
    assert AuditEntry.objects.filter(
        action="registration.list", data__page=f"attendance-list:{session.pk}"
    ).exists()


def test_without_answers_for_it_the_attendance_list_is_as_before(office_client, training):
    add_questions(training)
    session = training.sessions.get()
    RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)
    url = reverse("trainings_attendance:session_attendance_pdf", args=[session.pk])

    text = pdf_text(office_client.get(url).content)

    assert "Antwoorden" not in text
    assert not AuditEntry.objects.filter(action="registration.list").exists()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _answered(training, *, seats: int, registrations: int) -> Registration:
    questions = add_questions(training)
    for _index in range(registrations):
        registration = RegistrationFactory(
            training=training, status=Registration.Status.CONFIRMED, seats=seats
        )
        for participant in registration.participants.all():
            answer(participant, questions[0], "Geen")
            answer(participant, questions[1], "Zuid")
            answer(participant, questions[3], True)
    return registration


def test_pages_and_exports_cost_the_same_with_more_questions_and_participants(office_client):
    small, large = TrainingFactory(), TrainingFactory()
    few = _answered(small, seats=1, registrations=1)
    many = _answered(large, seats=5, registrations=4)
    add_questions(large)  # eight questions instead of four

    def urls(training, registration):
        session = training.sessions.get()
        return [
            reverse("trainings_backoffice:registration_detail", args=[registration.pk]),
            reverse("trainings_backoffice:training_export", args=[training.pk]),
            reverse("trainings_attendance:session_attendance_pdf", args=[session.pk]),
            reverse("trainings_exports:export_form")
            + f"?kind=participants&training={training.pk}&file_format=csv",
        ]

    for url in urls(small, few):  # warm up: the organisation row and the login session
        office_client.get(url)
    assert [_queries(office_client, u) for u in urls(small, few)] == [
        _queries(office_client, u) for u in urls(large, many)
    ]
