"""The statuses of a registration and the named transitions between them.

Every module that changes a registration's status (registering aside, which sets the first one)
goes through this table, as trajectories do: one place says what may follow what.

- confirm: paid in full, or a free seat taken (pending -> confirmed)
- expire: the payment deadline passed (pending -> expired)
- lapse_offer: an offered seat was not taken in time (waiting -> expired)
- take_offer: a seat offered from the waiting list is taken (waiting -> pending or confirmed)
- cancel: by the registrant or the office (pending, confirmed, waiting -> cancelled)
- reinstate: money arrived for a cancelled or expired registration after all
  (cancelled, expired -> pending or confirmed)
- undo_payment: a statement import is undone (confirmed -> pending)
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from eigenkracht.core.refusals import Refused
from eigenkracht.trainings.models import Registration

S = Registration.Status


class TransitionNotAllowed(Refused):
    """A status change that is not allowed from the current status; the message is for the user."""


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    targets: frozenset[str]


REGISTRATION_TRANSITIONS: dict[str, Transition] = {
    "confirm": Transition(frozenset({S.PENDING}), frozenset({S.CONFIRMED})),
    "expire": Transition(frozenset({S.PENDING}), frozenset({S.EXPIRED})),
    "lapse_offer": Transition(frozenset({S.WAITING}), frozenset({S.EXPIRED})),
    "take_offer": Transition(frozenset({S.WAITING}), frozenset({S.PENDING, S.CONFIRMED})),
    "cancel": Transition(frozenset({S.PENDING, S.CONFIRMED, S.WAITING}), frozenset({S.CANCELLED})),
    "reinstate": Transition(
        frozenset({S.CANCELLED, S.EXPIRED}), frozenset({S.PENDING, S.CONFIRMED})
    ),
    "undo_payment": Transition(frozenset({S.CONFIRMED}), frozenset({S.PENDING})),
}


def next_status(current: str, transition: str, target: str | None = None) -> str:
    """The status after `transition` from `current`; refuses what the table does not allow.

    `target` chooses among the transition's targets when it has more than one.
    """
    allowed = REGISTRATION_TRANSITIONS[transition]
    if target is None:
        (target,) = allowed.targets
    if current not in allowed.sources or target not in allowed.targets:
        raise TransitionNotAllowed(
            _("Dit kan niet meer: de inschrijving staat intussen op „%(status)s”.")
            % {"status": S(current).label if current in S.values else current}
        )
    return target


def registration_transition(
    registration: Registration, transition: str, target: str | None = None
) -> str:
    """Move a (locked) registration through `transition`; returns the status it had."""
    previous = registration.status
    registration.status = next_status(previous, transition, target)
    return previous
