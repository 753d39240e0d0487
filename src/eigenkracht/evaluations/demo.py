"""Demo evaluations: for the demo trajectories whose conference was held (their links were made
when the demo recorded the attendance), answers through the real service from about three in
four of the links, each on the day after its conference. The groups come out as they are: across
the demo, family and professionals pass the threshold of 5, the adult main persons and the
network do not (tests/evaluations/test_demo.py).

A basic training of some months ago has its trainees' evaluations (six answers to eight links)."""

import datetime as dt
from typing import TextIO
from unittest import mock

from django.utils import timezone

from eigenkracht.accounts.models import User
from eigenkracht.evaluations import services
from eigenkracht.evaluations.models import ConferenceInvite, ConferenceResponse, Propose
from eigenkracht.payments.demo_past import PastTrainee, past_training_create
from eigenkracht.trainings.models import Trainer, Training
from eigenkracht.trainings.trainers.services import training_trainers_set

COMMENTS = (
    "Iedereen kon zijn zegje doen.",
    "",
    "Het duurde lang, maar het plan is van ons.",
    "",
    "Ik had graag meer uitleg vooraf gehad.",
)


def _answers(index: int, child: bool) -> services.ConferenceAnswers:
    """Varied but fixed answers, so that a demo made twice looks the same."""
    if child:
        face = (8, 10, 6, 8)[index % 4]
        return services.ConferenceAnswers(face, face, 10, 5, (5, 3)[index % 2], 3)
    spread = (0, 1, -1, 2, -2, 1)[index % 6]
    return services.ConferenceAnswers(
        score_meeting=8 + min(spread, 2),
        score_plan=7 + spread // 2,
        score_coordinator=9 - abs(spread) // 2,
        decisions=(4, 5, 4, 3)[index % 4],
        inclusion=(5, 4, 5, 5)[index % 4],
        support=(4, None, 3, 4)[index % 4],
        comment=COMMENTS[index % len(COMMENTS)],
    )


def demo_evaluations(*, actor: User, stdout: TextIO) -> None:
    if ConferenceResponse.objects.exists():
        stdout.write("Evaluaties: er zijn al antwoorden; niets veranderd.\n")
        return
    invites = list(
        ConferenceInvite.objects.filter(used=False)
        .select_related("trajectory")
        .prefetch_related("trajectory__conferences")
        .order_by("pk")
    )
    answered = 0
    real_now = timezone.now
    for index, invite in enumerate(invites):
        if index % 4 == 3:
            continue  # not everyone fills in
        held = max(c.date for c in invite.trajectory.conferences.all() if c.held)
        answered_at = timezone.make_aware(dt.datetime.combine(held, dt.time(20)))
        answered_at += dt.timedelta(days=1)
        if answered_at > real_now():
            continue
        # The answers are dated the day after the conference, as a participant would send them.
        with mock.patch.object(timezone, "now", lambda at=answered_at: at):
            services.conference_response_submit(
                invite=invite, answers=_answers(index, invite.child_form)
            )
        answered += 1
    stdout.write(f"Evaluaties: {answered} antwoorden op {len(invites)} links na een conferentie.\n")


# A basic training of some months ago, before most demo referrals: its trainees evaluated it, and
# the organisations of some of them referred a family afterwards (the figures' funnel).
PAST_TRAINING = "Basisvorming Eigen Kracht-conferenties (vorige reeks)"


def _trainee(first: str, last: str, organisation: str, sector: str, postcode: str) -> PastTrainee:
    email = f"{first}.{last}@example.be".lower().replace(" ", "")
    return PastTrainee(first, last, email, organisation, sector, postcode)


PAST_TRAINEES = (
    _trainee("Lotte", "Maes", "CLB Antwerpen", "CLB", "2000"),
    _trainee("Sander", "Wouters", "CAW Oost-Vlaanderen", "CAW", "9000"),
    _trainee("Hilde", "Jacobs", "OCMW Ninove", "OCMW", "9400"),
    _trainee("Youssef", "Amrani", "Jeugdhulp Limburg", "Jeugdhulp", "3500"),
    _trainee("Eva", "De Clercq", "Basisschool De Linde", "School", "8500"),
    _trainee("Tom", "Verbeke", "Politiezone Gent", "Politie", "9000"),
    _trainee("Ines", "Van Laere", "Huisartsenpraktijk Ter Beke", "Gezondheidszorg", "9300"),
    _trainee("Wim", "Lenaerts", "Justitiehuis Hasselt", "Justitie", "3500"),
)
TRAINING_ANSWERS = (
    services.TrainingAnswers(9, 9, 8, Propose.YES, "Heel concreet, ik ga het voorstellen."),
    services.TrainingAnswers(8, 9, 7, Propose.YES),
    services.TrainingAnswers(7, 8, 6, Propose.MAYBE, "Meer voorbeelden uit de jeugdhulp graag."),
    services.TrainingAnswers(9, 10, 9, Propose.YES),
    services.TrainingAnswers(6, 7, 8, Propose.MAYBE),
    services.TrainingAnswers(8, 8, 5, Propose.NO, "Het lokaal was te klein."),
)


def demo_training_evaluations(*, actor: User, stdout: TextIO) -> None:
    """The past training through the services, its links as the periodic job makes them the day
    after the last session, and six of eight trainees answering in the week after."""
    if Training.objects.filter(title=PAST_TRAINING).exists():
        stdout.write("Evaluaties van vormingen: bestaan al; niets veranderd.\n")
        return
    first_day = timezone.localdate() - dt.timedelta(days=200)
    first_day -= dt.timedelta(days=first_day.weekday())  # a Monday and a Tuesday
    training, _registrations = past_training_create(
        title=PAST_TRAINING,
        description="De basisvorming van de vorige reeks.",
        first_day=first_day,
        trainees=PAST_TRAINEES,
        actor=actor,
    )
    training_trainers_set(
        training=training, trainers=list(Trainer.objects.order_by("pk")[:2]), actor=actor
    )
    sent_at = timezone.make_aware(dt.datetime.combine(training.ends_on, dt.time(8)))
    with mock.patch.object(timezone, "now", lambda: sent_at + dt.timedelta(days=1)):
        invites = services.training_invites_create(training=training)
    for index, (invite, answers) in enumerate(zip(invites, TRAINING_ANSWERS, strict=False)):
        answered_at = sent_at + dt.timedelta(days=2 + index)
        with mock.patch.object(timezone, "now", lambda at=answered_at: at):
            services.training_response_submit(invite=invite, answers=answers)
    stdout.write(
        f"Evaluaties van vormingen: {PAST_TRAINING}, {min(len(invites), len(TRAINING_ANSWERS))} "
        f"antwoorden op {len(invites)} links.\n"
    )
