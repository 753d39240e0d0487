"""A conference recorded as held invites its people to evaluate it, in the same transaction."""

from django.dispatch import receiver

from eigenkracht.evaluations.services import conference_invites_create
from eigenkracht.trajectories.signals import conference_held


@receiver(conference_held, dispatch_uid="evaluations.conference_held")
def _invite_after_conference(sender, *, conference, actor, **kwargs) -> None:
    conference_invites_create(conference=conference, actor=actor)
