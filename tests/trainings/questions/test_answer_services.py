"""The answers when the form changes meanwhile, when a seat is handed on, when a date moves."""

import pytest

from eigenkracht.trainings import seat_changes, services
from eigenkracht.trainings.models import ParticipantAnswer, Registration, TrainingQuestion
from eigenkracht.trainings.questions.services import AnswersInvalid
from tests.factories import RegistrationFactory
from tests.trainings.questions.helpers import add_questions, answer
from tests.trainings.test_seat_changes import COLLEAGUE, dated, transfer

pytestmark = pytest.mark.django_db

CONTACT = services.ContactData("Anne", "Maes", "anne@example.be")


def _register(training, answers):
    return services.registration_create(
        training=training,
        contact=CONTACT,
        participants=[services.PersonData("Anne", "Maes", "anne@example.be", answers=answers)],
    )


def test_a_required_question_added_while_someone_filled_in_the_form_refuses_it():
    training = dated(30)
    diet, team, _needs, _lunch = add_questions(training)

    with pytest.raises(AnswersInvalid, match="beantwoord de vraag “Blijf je voor de lunch\\?”"):
        _register(training, {diet.pk: "Geen", team.pk: "Noord"})

    assert not Registration.objects.exists()


def test_a_choice_outside_the_list_is_refused_by_the_service_too():
    training = dated(30)
    diet, _team, _needs, lunch = add_questions(training)

    with pytest.raises(AnswersInvalid, match="Dieetwens"):
        _register(training, {diet.pk: "Alles", lunch.pk: True})

    assert not Registration.objects.exists()


def test_the_answer_to_a_question_closed_meanwhile_is_left_out():
    training = dated(30)
    diet, team, _needs, lunch = add_questions(training)
    TrainingQuestion.objects.filter(pk=team.pk).update(is_open=False)

    _register(training, {diet.pk: "Geen", team.pk: "Noord", lunch.pk: True})

    assert set(ParticipantAnswer.objects.values_list("question__text", flat=True)) == {
        "Dieetwens",
        "Blijf je voor de lunch?",
    }


def test_a_seat_handed_on_does_not_carry_the_previous_person_s_answers():
    training = dated(30)
    diet = add_questions(training)[0]
    registration = RegistrationFactory(training=training)
    answer(registration.participants.get(), diet, "Veganistisch")

    participant = transfer(registration)

    assert participant.email == COLLEAGUE.email.lower()
    assert not ParticipantAnswer.objects.exists()


def test_a_seat_handed_on_keeps_the_colleague_s_own_answers():
    training = dated(30)
    diet, _team, _needs, lunch = add_questions(training)
    registration = RegistrationFactory(training=training)
    answer(registration.participants.get(), diet, "Veganistisch")

    participant = transfer(registration, answers={diet.pk: "Geen", lunch.pk: False})

    assert dict(
        ParticipantAnswer.objects.filter(participant=participant).values_list(
            "question__text", "value"
        )
    ) == {"Dieetwens": "Geen", "Blijf je voor de lunch?": False}


def test_a_move_keeps_the_answers_to_the_same_questions_on_the_new_date():
    now, later = dated(30), dated(60)
    diet, team, _needs, _lunch = add_questions(now)
    TrainingQuestion.objects.create(
        training=later, text="Dieetwens", kind="choice", choices="Geen\nHalal", position=0
    )
    registration = RegistrationFactory(training=now, status=Registration.Status.CONFIRMED)
    participant = registration.participants.get()
    answer(participant, team, "Noord")
    answer(participant, diet, "Geen")
    registration.amount_paid_cents = registration.amount_due_cents
    registration.save()

    seat_changes.registration_move(registration=registration, training=later, actor=None)

    moved = ParticipantAnswer.objects.get()
    assert (moved.question.training, moved.question.text, moved.value) == (
        later,
        "Dieetwens",
        "Geen",
    )
