"""Registering: each participant answers the training's questions on the public form."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenkracht.trainings.models import ParticipantAnswer, Registration
from tests.factories import TrainingFactory
from tests.trainings.questions.helpers import add_questions
from tests.trainings.test_public_pages import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def training():
    training = TrainingFactory()
    add_questions(training)
    return training


def _ids(training):
    return {q.text: q.pk for q in training.questions.all()}


def _answers(training, prefix, *, diet="Vegetarisch", team="", needs=(), lunch="ja"):
    ids = _ids(training)
    data = {
        f"{prefix}-vraag_{ids['Dieetwens']}": diet,
        f"{prefix}-vraag_{ids['In welk team werk je?']}": team,
        f"{prefix}-vraag_{ids['Blijf je voor de lunch?']}": lunch,
    }
    if needs:
        data[f"{prefix}-vraag_{ids['Wat heb je nodig om deel te nemen?']}"] = list(needs)
    return data


def _register(client, training, data):
    return client.post(reverse("trainings:register", args=[training.pk]), data)


def test_the_form_asks_each_question_for_the_registrant_and_every_colleague_row(client, training):
    page = client.get(reverse("trainings:register", args=[training.pk])).content.decode()

    assert page.count("Dieetwens") == 10  # the registrant and nine colleague rows
    assert "In welk team werk je? (niet verplicht)" in page
    assert page.count('value="Veganistisch"') == 10
    assert 'name="ik-vraag_' in page and 'name="collega-8-vraag_' in page


def test_each_participant_s_answers_are_saved_with_that_participant(client, training):
    data = form_data(
        **{
            "collega-0-first_name": "Bert",
            "collega-0-last_name": "Claes",
            "collega-0-email": "bert@example.be",
        },
        **_answers(training, "ik", team="Noord", needs=["Rolstoeltoegang", "Tolk"]),
        **_answers(training, "collega-0", diet="Geen", lunch="nee"),
    )

    response = _register(client, training, data)

    assert response.status_code == 302
    registration = Registration.objects.get()
    answers = {
        (a.participant.email, a.question.text): a.value
        for a in ParticipantAnswer.objects.select_related("participant", "question")
    }
    assert answers == {
        ("anne-sophie@example.be", "Dieetwens"): "Vegetarisch",
        ("anne-sophie@example.be", "In welk team werk je?"): "Noord",
        ("anne-sophie@example.be", "Wat heb je nodig om deel te nemen?"): [
            "Rolstoeltoegang",
            "Tolk",
        ],
        ("anne-sophie@example.be", "Blijf je voor de lunch?"): True,
        ("bert@example.be", "Dieetwens"): "Geen",
        ("bert@example.be", "Blijf je voor de lunch?"): False,
    }
    assert registration.seats == 2


def test_a_required_question_left_open_gets_a_dutch_message_next_to_it(client, training):
    data = form_data(
        **{
            "collega-0-first_name": "Bert",
            "collega-0-last_name": "Claes",
            "collega-0-email": "bert@example.be",
        },
        **_answers(training, "ik", diet=""),
        **_answers(training, "collega-0", lunch=""),
    )

    response = _register(client, training, data)

    page = response.content.decode()
    assert response.status_code == 200
    # Next to each question, and in the summary at the top as a link to it.
    assert page.count("Beantwoord deze vraag.") == 4
    # The errors are in the first rows: the seven further colleague rows stay folded away.
    assert "<details open>" not in page
    diet, lunch = _ids(training)["Dieetwens"], _ids(training)["Blijf je voor de lunch?"]
    assert f'id="id_ik-vraag_{diet}_error"' in page
    assert f'id="id_collega-0-vraag_{lunch}_error"' in page
    assert f'href="#id_ik-vraag_{diet}' in page and f'href="#id_collega-0-vraag_{lunch}' in page
    assert "Je inschrijving is nog niet verstuurd" in page
    # The summary says which question, and whose: two links reading "Beantwoord deze vraag." do
    # not, nor does the registrant's question repeated for a colleague.
    assert "Dieetwens: Beantwoord deze vraag." in page
    assert "Collega 1 (Bert Claes): Blijf je voor de lunch? Beantwoord deze vraag." in page
    assert not Registration.objects.exists()


def test_a_choice_that_is_not_in_the_list_is_refused(client, training):
    data = form_data(**_answers(training, "ik", diet="Alles", needs=["Een lift"]))

    page = _register(client, training, data).content.decode()

    assert "Kies een antwoord uit de lijst." in page
    assert "Kies enkel antwoorden uit de lijst." in page
    assert not Registration.objects.exists()


def test_whoever_does_not_take_part_answers_nothing(client, training):
    """The registrant who only registers colleagues, and the empty colleague rows."""
    data = form_data(
        attends="",
        **{
            "collega-0-first_name": "Bert",
            "collega-0-last_name": "Claes",
            "collega-0-email": "bert@example.be",
        },
        **_answers(training, "collega-0"),
    )

    response = _register(client, training, data)

    assert response.status_code == 302
    assert list(ParticipantAnswer.objects.values_list("participant__email", flat=True)) == [
        "bert@example.be",
        "bert@example.be",
    ]


def test_a_long_text_answer_is_refused_with_a_dutch_message(client, training):
    data = form_data(**_answers(training, "ik", team="x" * 301))

    page = _register(client, training, data).content.decode()

    assert "Houd het antwoord onder 300 tekens." in page
    assert not Registration.objects.exists()


def test_a_training_without_questions_registers_as_before(client):
    training = TrainingFactory()

    page = client.get(reverse("trainings:register", args=[training.pk])).content.decode()
    response = _register(client, training, form_data())

    assert "Vragen bij je deelname" not in page
    assert response.status_code == 302
    assert not ParticipantAnswer.objects.exists()


def test_the_form_costs_the_same_with_more_questions(client):
    few, many = TrainingFactory(), TrainingFactory()
    add_questions(few)
    add_questions(many)
    add_questions(many)

    def count(training):
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("trainings:register", args=[training.pk]))
        return len(context.captured_queries)

    count(few)  # warm up: the organisation row
    assert count(few) == count(many)
