"""Demo: a training with a hybrid session and an online one, and a confirmed participant whose
confirmation (in the outbox) carries the meeting links. Made with the office's services."""

import datetime as dt
from typing import TextIO

from django.utils import timezone

from eigenkracht.accounts.models import User
from eigenkracht.trainings import services
from eigenkracht.trainings.demo_dates import demo_day
from eigenkracht.trainings.models import Training, Venue

DEMO_ONLINE_TITLE = "Intervisie voor coördinatoren (hybride en online)"
DEMO_MEETING_URL = "https://meet.example.org/eigenkracht-intervisie"


def demo_online_session(*, actor: User, stdout: TextIO) -> None:
    if Training.objects.filter(title=DEMO_ONLINE_TITLE).exists():
        stdout.write("Online vorming: bestaat al; niets veranderd.\n")
        return
    venue = Venue.objects.order_by("pk").first() or services.venue_save(
        venue=Venue(
            name="Vormingscentrum De Brug", street="Kerkstraat 12", postcode="9000", city="Gent"
        ),
        actor=actor,
    )
    today = timezone.localdate()
    training = services.training_save(
        training=Training(
            title=DEMO_ONLINE_TITLE,
            description=(
                "Twee korte sessies: de eerste op de locatie én online te volgen, de tweede "
                "enkel online. De link staat in de bevestigingsmail."
            ),
            venue=venue,
            capacity=12,
            fee_cents=0,
            trainer_names="An Peeters",
            learning_goals=(
                "Een moeilijke conferentie met collega's bespreken.\n"
                "Het eigen handelen als coördinator bijsturen."
            ),
        ),
        sessions=[
            {
                "date": demo_day(today, 21),
                "start_time": dt.time(13, 30),
                "end_time": dt.time(16, 30),
                "meeting_url": DEMO_MEETING_URL,
                "online_only": False,
            },
            {
                "date": demo_day(today, 35),
                "start_time": dt.time(19, 0),
                "end_time": dt.time(21, 0),
                "meeting_url": DEMO_MEETING_URL + "-2",
                "online_only": True,
            },
        ],
        actor=actor,
    )
    training = services.training_publish(training=training, actor=actor)
    # Free: the registration is confirmed at once, so its confirmation holds the links.
    registration = services.registration_create(
        training=training,
        contact=services.ContactData(
            first_name="Lotte", last_name="Verbeke", email="lotte.verbeke@example.org"
        ),
        participants=[
            services.PersonData("Lotte", "Verbeke", "lotte.verbeke@example.org"),
        ],
        actor=actor,
    )
    stdout.write(
        f"Online vorming: {training.title}, met een hybride en een online sessie; "
        f"inschrijving {registration.code} is bevestigd en kreeg de link.\n"
    )
