"""The matcher's data: what the import service hands it (`Candidate`) and what it answers
(`Decision`, with its `Booking`s and ranked `Suggestion`s), with the values they carry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from eigenkracht.payments.matching.reasons import Reason, render

# Results and rules as the import service stores them (flags: see reasons.py).
MATCHED, PARTIAL, OVERPAID, REVIEW, IGNORED = "matched", "partial", "overpaid", "review", "ignored"
# Set after matching, never by the matcher: an outgoing transfer that pays one of our refunds.
REFUND = "refund"
RULE_OGM, RULE_OGM_TEXT, RULE_CODE, RULE_NAME = "ogm", "ogm_in_text", "code", "name"
RULE_NONE, RULE_OUTGOING = "none", "outgoing"

PENDING, CONFIRMED, WAITING, CANCELLED, EXPIRED = (
    "pending",
    "confirmed",
    "waiting",
    "cancelled",
    "expired",
)
INACTIVE = frozenset({CANCELLED, EXPIRED})
BOOKABLE = frozenset({PENDING, CONFIRMED})


@dataclass(slots=True)
class Candidate:
    """An open or recent registration, loaded in bulk by the import service and read once, by
    the matcher's constructor. Not frozen: a frozen dataclass sets each field through
    `object.__setattr__`, which tripled the time of building an import's 20,000 candidates."""

    registration_id: int
    code: str  # "EK7KX3P9"
    ogm: str  # 12 digits
    status: str  # "pending" | "confirmed" | "waiting" | "cancelled" | "expired"
    amount_due_cents: int
    amount_paid_cents: int
    registrant_name: str  # "Marie Claes"
    participant_names: tuple[str, ...]  # everyone on it; empty for the registrant alone
    organisation: str
    training_title: str
    training_city: str
    venue_name: str
    session_dates: tuple[dt.date, ...]


@dataclass(frozen=True, slots=True)
class Booking:
    registration_id: int
    amount_cents: int  # the part of the transfer booked on this registration (never above open)


class _Explained:
    """A reason as stored (`reason_code`, `reason_params`) and as the Dutch sentence."""

    __slots__ = ()  # its dataclasses keep slots: an import holds one per transfer
    why: Reason

    @property
    def reason_code(self) -> str:
        return self.why.code

    @property
    def reason_params(self) -> dict[str, Any]:
        return self.why.params

    @property
    def reason(self) -> str:
        return render(self.why.code, self.why.params)


@dataclass(frozen=True, slots=True)
class Suggestion(_Explained):
    registration_id: int
    score: float  # 0..1, for ranking
    why: Reason  # why this candidate


@dataclass(frozen=True, slots=True)
class Decision(_Explained):
    result: str  # "matched" | "partial" | "overpaid" | "review" | "ignored"
    bookings: tuple[Booking, ...]  # empty for review/ignored (and for a registration paid twice)
    why: Reason  # one sentence (`reason`), stored as code and parameters
    rule: str  # "ogm" | "ogm_in_text" | "code" | "name" | "none" | "outgoing"
    suggestions: tuple[Suggestion, ...] = ()  # ranked, best first (at most 5)
    surplus_cents: int = 0  # for "overpaid": the part not booked, to refund
    flag: str = ""  # "inactive_registration" when paid for a cancelled/expired registration
