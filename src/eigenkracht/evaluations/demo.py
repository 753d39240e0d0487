"""Demo evaluations: for the demo trajectories whose conference was held (their links were made
when the demo recorded the attendance), answers through the real service from about three in
four of the links, each on the day after its conference. The groups come out as they are: across
the demo, family and professionals pass the threshold of 5, the adult main persons and the
network do not (tests/evaluations/test_demo.py).

The demo's trainings all lie ahead, but for the one of three years ago that the privacy demo
keeps for its retention term: no training evaluations in the demo (see the report)."""

import datetime as dt
from typing import TextIO
from unittest import mock

from django.utils import timezone

from eigenkracht.accounts.models import User
from eigenkracht.evaluations import services
from eigenkracht.evaluations.models import ConferenceInvite, ConferenceResponse

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
