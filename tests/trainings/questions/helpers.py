"""Questions and answers for the tests of this folder."""

from eigenkracht.trainings.models import ParticipantAnswer, TrainingQuestion


def add_questions(training):
    """The four kinds, in this order: diet (choice, required), team (text), accessibility
    (several choices), lunch (yes/no, required)."""
    Kind = TrainingQuestion.Kind
    rows = [
        ("Dieetwens", Kind.CHOICE, "Geen\nVegetarisch\nVeganistisch", True),
        ("In welk team werk je?", Kind.TEXT, "", False),
        ("Wat heb je nodig om deel te nemen?", Kind.MULTIPLE, "Rolstoeltoegang\nTolk", False),
        ("Blijf je voor de lunch?", Kind.YES_NO, "", True),
    ]
    return [
        TrainingQuestion.objects.create(
            training=training, text=text, kind=kind, choices=choices, required=required, position=i
        )
        for i, (text, kind, choices, required) in enumerate(rows)
    ]


def answer(participant, question, value):
    return ParticipantAnswer.objects.create(participant=participant, question=question, value=value)
