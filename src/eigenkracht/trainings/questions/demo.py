"""Demo: questions on an open training's form (each kind), and a registration of two colleagues
who answered them. Made with the office's and the registrant's services."""

from typing import TextIO

from eigenkracht.accounts.models import User
from eigenkracht.trainings import services
from eigenkracht.trainings.models import Training, TrainingQuestion
from eigenkracht.trainings.questions.services import question_save
from eigenkracht.trainings.selectors import with_seats

Kind = TrainingQuestion.Kind
DEMO_QUESTIONS = (
    ("Heb je een dieetwens voor de lunch?", Kind.CHOICE, "Geen\nVegetarisch\nVeganistisch", True),
    ("In welk team werk je?", Kind.TEXT, "", False),
    (
        "Wat heb je nodig om vlot deel te nemen?",
        Kind.MULTIPLE,
        "Toegang met een rolstoel\nEen ringleiding\nPauzes op vaste tijden",
        False,
    ),
    ("Mogen we je foto gebruiken in onze nieuwsbrief?", Kind.YES_NO, "", True),
)


def _open_training() -> Training | None:
    """A published training that takes two more registrants now."""
    trainings = with_seats(
        Training.objects.filter(status=Training.Status.PUBLISHED).prefetch_related("sessions")
    ).order_by("starts_on", "pk")
    for training in trainings:
        if training.seats_left >= 2 and not services.registration_closed_reason(training):
            return training
    return None


def demo_questions(*, actor: User, stdout: TextIO) -> None:
    if TrainingQuestion.objects.exists():
        stdout.write("Vragen per vorming: bestaan al; niets veranderd.\n")
        return
    training = _open_training()
    if training is None:
        stdout.write("Vragen per vorming: geen open vorming met twee vrije plaatsen gevonden.\n")
        return
    questions = [
        question_save(
            question=TrainingQuestion(
                training=training, text=text, kind=kind, choices=choices, required=required
            ),
            actor=actor,
        )
        for text, kind, choices, required in DEMO_QUESTIONS
    ]
    diet, team, needs, photo = questions
    registration = services.registration_create(
        training=training,
        contact=services.ContactData(
            first_name="Hanne",
            last_name="Wuyts",
            email="hanne.wuyts@example.org",
            organisation="CAW Limburg",
        ),
        participants=[
            services.PersonData(
                "Hanne",
                "Wuyts",
                "hanne.wuyts@example.org",
                answers={diet.pk: "Vegetarisch", team.pk: "Team Genk", photo.pk: True},
            ),
            services.PersonData(
                "Youssef",
                "El Amrani",
                "youssef.elamrani@example.org",
                answers={
                    diet.pk: "Geen",
                    team.pk: "Team Genk",
                    needs.pk: ["Toegang met een rolstoel"],
                    photo.pk: False,
                },
            ),
        ],
        actor=actor,
    )
    stdout.write(
        f"Vragen per vorming: {len(questions)} vragen op het formulier van {training.title}; "
        f"inschrijving {registration.code} beantwoordde ze voor twee deelnemers.\n"
    )
