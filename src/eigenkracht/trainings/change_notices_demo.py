"""Demo: a published training that moved a week, so its registrants got the change notice."""

import datetime as dt
from typing import TextIO

from django.db.models import Count, Q
from django.utils import timezone

from eigenkracht.accounts.models import User
from eigenkracht.trainings import services
from eigenkracht.trainings.models import Registration, Training


def demo_moved_training(*, actor: User, stdout: TextIO) -> None:
    if Training.objects.filter(status=Training.Status.PUBLISHED, calendar_sequence__gt=0).exists():
        stdout.write("Verplaatste vorming: bestaat al; niets veranderd.\n")
        return
    training = (
        Training.objects.filter(
            status=Training.Status.PUBLISHED, starts_on__gt=timezone.localdate()
        )
        .annotate(
            active=Count(
                "registrations",
                filter=Q(registrations__status__in=Registration.ACTIVE_STATUSES),
            )
        )
        .filter(active__gt=0)
        .order_by("-active", "pk")
        .first()
    )
    if training is None:
        stdout.write("Verplaatste vorming: geen gepubliceerde vorming met inschrijvingen.\n")
        return
    training.what_to_bring = "Je lunch, en een casus uit je eigen werk om over te praten."
    moved = services.training_save(
        training=training,
        sessions=[
            {
                "id": session.pk,
                "date": session.date + dt.timedelta(days=7),
                "start_time": session.start_time,
                "end_time": session.end_time,
            }
            for session in training.sessions.all()
        ],
        actor=actor,
    )
    stdout.write(
        f"Verplaatste vorming: {moved.title} een week later; {training.active} inschrijvingen "
        "kregen een mail.\n"
    )
