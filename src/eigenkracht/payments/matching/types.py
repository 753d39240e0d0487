"""The matcher's data: what the import service hands it (`Candidate`) and what it answers
(`Decision`, with its `Booking`s and ranked `Suggestion`s, and what it `Booked` on), with the
values they carry."""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import accumulate
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


class Strings:
    """Strings in one UTF-8 buffer, with where each ends: an import keeps a code for each of
    hundreds of thousands of candidates, and a string object costs 49 bytes besides its letters."""

    __slots__ = ("_data", "_ends")

    def __init__(self, strings: Iterable[str] = ()) -> None:
        encoded = [string.encode() for string in strings]
        self._data = bytearray().join(encoded)
        self._ends = array("I", accumulate(map(len, encoded)))  # a buffer under 4 GB

    def _encoded(self, index: int) -> bytearray:
        return self._data[self._ends[index - 1] if index > 0 else 0 : self._ends[index]]

    def __getitem__(self, index: int) -> str:
        return self._encoded(index).decode()

    def taken(self, indexes: Iterable[int]) -> Strings:
        """The strings at `indexes`, in that order, copied a string at a time."""
        taken = Strings()
        for index in indexes:
            taken._data += self._encoded(index)
            taken._ends.append(len(taken._data))
        return taken

    def __len__(self) -> int:
        return len(self._ends)


class Booked(Mapping[int, tuple[int, str]]):
    """The registrations a matcher booked on, by registration id: what was paid and their status
    when loaded (the import checks them again when it writes), and their codes. Columns in id
    order, not a dict of tuples: an import may book on a hundred thousand registrations."""

    def __init__(
        self, ids: array[int], paid: array[int], statuses: list[str], codes: Strings
    ) -> None:
        self._ids, self._paid, self._statuses, self._codes = ids, paid, statuses, codes

    def _at(self, registration_id: int) -> int:
        at = bisect_left(self._ids, registration_id)
        if at == len(self._ids) or self._ids[at] != registration_id:
            raise KeyError(registration_id)
        return at

    def __getitem__(self, registration_id: int) -> tuple[int, str]:
        at = self._at(registration_id)
        return self._paid[at], self._statuses[at]

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def code(self, registration_id: int) -> str:
        return self._codes[self._at(registration_id)]
