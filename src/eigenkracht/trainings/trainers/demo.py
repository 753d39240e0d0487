"""Demo: two trainers on the published trainings; An Peeters logs in as trainer@example.org
(the demo command makes that account, with the other demo users)."""

from typing import TextIO

from eigenkracht.accounts.models import Role, User
from eigenkracht.trainings.models import Trainer, Training
from eigenkracht.trainings.trainers import services

DEMO_TRAINER_EMAIL = "trainer@example.org"
DEMO_TRAINER_PASSWORD = "demo-trainer-2026"  # noqa: S105 - public demo password

TRAINERS = (
    (
        "An Peeters",
        "Maatschappelijk werker en EK-coördinator sinds 2012. Begeleidt al tien jaar de "
        "basisvorming en de intervisie voor coördinatoren.",
        DEMO_TRAINER_EMAIL,
    ),
    (
        "Jan Claes",
        "Gezinsbegeleider in de jeugdhulp. Vertelt uit eigen praktijk hoe een conferentie een "
        "gezin en zijn netwerk zelf laat beslissen.",
        "",
    ),
)


def demo_trainers(*, actor: User, stdout: TextIO) -> None:
    if Trainer.objects.filter(name=TRAINERS[0][0]).exists():
        stdout.write("Lesgevers: bestaan al; niets veranderd.\n")
        return
    account = User.objects.filter(email=DEMO_TRAINER_EMAIL, role=Role.TRAINER).first()
    an, jan = (
        services.trainer_save(
            trainer=Trainer(
                name=name,
                bio=bio,
                email=email,
                user=account if email == DEMO_TRAINER_EMAIL else None,
            ),
            actor=actor,
        )
        for name, bio, email in TRAINERS
    )
    published = list(
        Training.objects.filter(status=Training.Status.PUBLISHED).order_by("starts_on", "pk")
    )
    for index, training in enumerate(published):
        services.training_trainers_set(
            training=training, trainers=[an, jan] if index == 0 else [an], actor=actor
        )
    login = f"inloggen als {DEMO_TRAINER_EMAIL}" if account else "zonder account"
    stdout.write(f"Lesgevers: 2 aangemaakt, An Peeters ({login}) op {len(published)} vormingen.\n")
