"""Reading trainers and, for a trainer who logs in, their own trainings."""

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.trainings.models import (
    Attendance,
    Participant,
    Registration,
    Session,
    Trainer,
    Training,
)


def trainer_line(training: Training) -> str:
    """The trainers' names as the certificate prints them ("An, Jan en Leen"); the older plain
    text `trainer_names` when the training has no trainers chosen."""
    names = [trainer.name for trainer in training.trainers.all()]
    if not names:
        return training.trainer_names
    if len(names) == 1:
        return names[0]
    return _("%(names)s en %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def trainers_for_office() -> QuerySet[Trainer]:
    return Trainer.objects.select_related("user").order_by("name", "id")


def trainings_taught_by(user: Any) -> QuerySet[Training]:
    """The trainings of the trainer who is this user (none for anyone else), with venue and
    sessions. Drafts are the office's to prepare: a trainer sees a training once published."""
    return (
        Training.objects.filter(trainers__user=user)
        .exclude(status=Training.Status.DRAFT)
        .select_related("venue")
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("date")))
        .distinct()
    )


def trainer_overview(user: Any, *, today: dt.date | None = None) -> dict[str, list[Training]]:
    """ "Mijn vormingen": upcoming (and running) first, soonest first; then past ones, latest
    first."""
    today = today or timezone.localdate()
    trainings = with_participant_count(trainings_taught_by(user))
    return {
        "upcoming": list(trainings.filter(ends_on__gte=today).order_by("starts_on", "title")),
        "past": list(trainings.filter(ends_on__lt=today).order_by("-starts_on", "title")),
    }


def taught_training(user: Any, pk: int) -> Training:
    """One of the user's trainings; Training.DoesNotExist for any other (a 404 to them)."""
    return trainings_taught_by(user).get(pk=pk)


def taught_session(user: Any, pk: int) -> Session:
    """A session of one of the user's trainings; Session.DoesNotExist for any other."""
    return (
        Session.objects.select_related("training__venue")
        .filter(training__in=trainings_taught_by(user).values("pk"))
        .get(pk=pk)
    )


def with_participant_count(trainings: QuerySet[Training]) -> QuerySet[Training]:
    confirmed = Q(
        participants__is_active=True,
        participants__registration__status=Registration.Status.CONFIRMED,
    )
    return trainings.annotate(
        participant_count=Count("participants", filter=confirmed, distinct=True)
    )


def attendance_grid(
    training: Training, participants: list[Participant], sessions: list[Session]
) -> list[tuple[Participant, list[bool | None]]]:
    """Per participant, per session: present (True), absent (False) or not recorded (None)."""
    recorded = {
        (participant_id, session_id): present
        for participant_id, session_id, present in Attendance.objects.filter(
            session__training=training
        ).values_list("participant_id", "session_id", "present")
    }
    return [
        (participant, [recorded.get((participant.pk, session.pk)) for session in sessions])
        for participant in participants
    ]
