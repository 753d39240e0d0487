"""The office adds, edits, orders, closes and deletes the questions of a training."""

import pytest
from django.urls import reverse

from eigenkracht.core.models import AuditEntry
from eigenkracht.trainings.models import TrainingQuestion
from tests.factories import RegistrationFactory, TrainingFactory
from tests.trainings.questions.helpers import add_questions, answer

pytestmark = pytest.mark.django_db


def _list(training):
    return reverse("trainings_backoffice:question_list", args=[training.pk])


def _url(name, question):
    return reverse(f"trainings_backoffice:{name}", args=[question.training_id, question.pk])


@pytest.mark.parametrize(
    ("kind", "choices"),
    [("text", ""), ("choice", "Noord\nZuid"), ("multiple", "Noord\nZuid"), ("yes_no", "")],
)
def test_the_office_adds_a_question_of_each_kind(office_client, kind, choices):
    training = TrainingFactory()

    response = office_client.post(
        _list(training),
        {"text": "In welk team werk je?", "kind": kind, "choices": choices, "required": "on"},
    )

    assert response.status_code == 302
    question = training.questions.get()
    assert (question.text, question.kind) == ("In welk team werk je?", kind)
    assert question.required
    assert question.choice_list() == choices.splitlines()
    assert AuditEntry.objects.filter(action="question.created").count() == 1
    page = office_client.get(reverse("trainings_backoffice:training_detail", args=[training.pk]))
    assert "In welk team werk je?" in page.content.decode()


def test_a_choice_question_needs_two_different_choices(office_client):
    training = TrainingFactory()

    once = office_client.post(_list(training), {"text": "Team", "kind": "choice", "choices": "A"})
    twice = office_client.post(
        _list(training), {"text": "Team", "kind": "multiple", "choices": "A\nA"}
    )
    empty = office_client.post(_list(training), {"text": "", "kind": ""})

    assert "Geef minstens twee keuzes" in once.content.decode()
    assert "maar één keer in de lijst" in twice.content.decode()
    assert "Schrijf de vraag." in empty.content.decode()
    assert "Kies de soort antwoord." in empty.content.decode()
    assert not TrainingQuestion.objects.exists()


def test_the_office_moves_a_question_up_and_down(office_client):
    training = TrainingFactory()
    diet, team, needs, lunch = add_questions(training)

    office_client.post(_url("question_move", lunch), {"direction": "up"})
    office_client.post(_url("question_move", diet), {"direction": "down"})
    office_client.post(_url("question_move", team), {"direction": "up"})  # already first

    assert [q.text for q in training.questions.all()] == [
        team.text,
        diet.text,
        lunch.text,
        needs.text,
    ]


def test_a_question_without_answers_is_deleted_after_a_confirmation(office_client):
    training = TrainingFactory()
    question = add_questions(training)[1]

    confirm = office_client.get(_url("question_delete", question))
    office_client.post(_url("question_delete", question))

    assert "Ja, vraag verwijderen" in confirm.content.decode()
    assert not TrainingQuestion.objects.filter(pk=question.pk).exists()
    assert AuditEntry.objects.filter(action="question.deleted").exists()


def test_an_answered_question_is_closed_not_deleted(office_client):
    training = TrainingFactory()
    question = add_questions(training)[1]
    answer(RegistrationFactory(training=training).participants.get(), question, "Team Noord")

    confirm = office_client.get(_url("question_delete", question)).content.decode()
    refused = office_client.post(_url("question_delete", question), follow=True)
    office_client.post(_url("question_open", question), {"open": "0"})

    assert "Ja, vraag verwijderen" not in confirm
    assert "haal ze van het formulier" in refused.content.decode()
    question.refresh_from_db()
    assert question.is_open is False
    form = office_client.get(reverse("trainings:register", args=[training.pk])).content.decode()
    assert question.text not in form


def test_an_answered_question_keeps_its_kind_and_the_choices_people_picked(office_client):
    training = TrainingFactory()
    diet = add_questions(training)[0]
    answer(RegistrationFactory(training=training).participants.get(), diet, "Vegetarisch")
    edit = _url("question_edit", diet)

    kind = office_client.post(edit, {"text": diet.text, "kind": "text"})
    dropped = office_client.post(edit, {"text": diet.text, "kind": "choice", "choices": "A\nB"})
    added = office_client.post(
        edit,
        {"text": "Eet je iets niet?", "kind": "choice", "choices": diet.choices + "\nHalal"},
    )

    assert "de soort antwoord kan niet meer veranderen" in kind.content.decode()
    assert "Deze keuzes werden al gekozen en blijven daarom in de lijst: Vegetarisch" in (
        dropped.content.decode()
    )
    assert added.status_code == 302
    diet.refresh_from_db()
    assert diet.text == "Eet je iets niet?"
    assert diet.choice_list()[-1] == "Halal"
    entry = AuditEntry.objects.get(action="question.updated")
    assert entry.data["text"] == {"old": "Dieetwens", "new": "Eet je iets niet?"}


def test_questions_of_another_training_answer_404(office_client):
    question = add_questions(TrainingFactory())[0]
    other = TrainingFactory()

    url = reverse("trainings_backoffice:question_edit", args=[other.pk, question.pk])

    assert office_client.get(url).status_code == 404


def test_only_staff_reach_the_question_pages(client):
    training = TrainingFactory()

    response = client.get(_list(training))

    assert response.status_code == 302
    assert "/account/" in response["Location"]
