"""Matching incoming bank transfers to training registrations: a pure module, no Django.

The import service loads every open or recent registration once as a `Candidate`, builds one
`Matcher` and asks it for a `Decision` per transaction, in statement order. The matcher keeps
track of what it booked, so a second payment for the same registration within one import is
recognised as paid twice, and a later name-based match no longer sees that registration as open.

Rules, in this order (`Decision.rule`):

- ``ogm``: the bank marked the communication as structured and it is a registration's OGM.
- ``ogm_in_text``: an OGM typed in the free text (any spacing or punctuation, valid mod 97).
- ``code``: the registration code ("EK7KX3P9") in the free text, with or without separators
  (a code of fewer than six letters and digits is not looked for: it would be in any text).
- ``name``: the payer's name and the free text against the names on the registrations, with the
  training's city, venue and dates and the payer's organisation as extra evidence.

The first three identify the registration with certainty: the amount decides between matched,
partial and overpaid. A name is never certain: it books only when exactly one registration (or
one set of registrations for a group payment) clearly fits, clearly ahead of every other
registration with a similar name, and the amount equals what is still open. Everything else goes
to review, with ranked suggestions. Bookings never exceed what is open on a registration; the
part of a transfer that is not booked is `Decision.surplus_cents` (to refund), so that
``sum(bookings) + surplus == amount`` for every matched, partial or overpaid decision.

How a name is weighed (`identity`, 0..1): the surname (0.35) and the first name written next to
it (0.25), each counted fully when written exactly, 0.75 with one typing error (or one half of a
composed first name), 0.5 with two, 0.6 for one half of a double surname, 0.4 for an initial;
plus the training's city (0.15), a session date (0.15) and its venue (0.1) in the communication;
minus 0.15 when the communication names another training's city. A registration is booked on its
name only when its identity is at least `AUTO_MIN` (a full name written exactly is enough, an
initial needs the city) and at least `MARGIN` above every other registration read from the same
words (one letter between "Peeters" and "Peters" is not enough, the city or a date is).

The package: `types` (what goes in and comes out), `words` (word lists, folding), `names` (reading
names, the typo index), `evidence` (cities, venues, dates, organisations, codes), `reasons` (the
sentences) and `matcher` (`Matcher`, the rules). No Django: it is tested without a database.
Import from here; the modules are an implementation detail.
"""

from typing import TYPE_CHECKING

from eigenkracht.payments.matching.reasons import FLAG_INACTIVE, Reason
from eigenkracht.payments.matching.types import (
    BOOKABLE,
    IGNORED,
    INACTIVE,
    MATCHED,
    OVERPAID,
    PARTIAL,
    REVIEW,
    RULE_CODE,
    RULE_NAME,
    RULE_NONE,
    RULE_OGM,
    RULE_OGM_TEXT,
    RULE_OUTGOING,
    Booking,
    Candidate,
    Decision,
    Suggestion,
)
from eigenkracht.payments.matching.words import fold, name_tokens

if TYPE_CHECKING:
    from eigenkracht.payments.matching.matcher import Matcher


def __getattr__(name: str) -> object:
    # Loaded when used: the matcher and rapidfuzz cost about 40 ms at start-up, and the models, the
    # pages and `run_periodic` only word reasons (`matching.reasons`, which loads this package).
    if name == "Matcher":
        from eigenkracht.payments.matching.matcher import Matcher

        return Matcher
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BOOKABLE",
    "FLAG_INACTIVE",
    "IGNORED",
    "INACTIVE",
    "MATCHED",
    "OVERPAID",
    "PARTIAL",
    "REVIEW",
    "RULE_CODE",
    "RULE_NAME",
    "RULE_NONE",
    "RULE_OGM",
    "RULE_OGM_TEXT",
    "RULE_OUTGOING",
    "Booking",
    "Candidate",
    "Decision",
    "Matcher",
    "Reason",
    "Suggestion",
    "fold",
    "name_tokens",
]
