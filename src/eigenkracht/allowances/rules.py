"""The rules of Belgian volunteer law for what a coordinator declares, without Django.

Per calendar year the office chooses one system per volunteer:
- FLAT: a flat-rate allowance per day worked, no receipts. Per day at most the day cap, per year
  at most the year cap; both caps hold across every organisation the volunteer works for, so what
  the volunteer declared receiving elsewhere that year counts toward the year cap. Real travel
  costs may be added, for at most 2,000 km in the calendar year.
- REAL: real costs with a receipt each, and kilometres at the rate of the quarter, without a
  limit in km. No flat-rate days.
Nothing of the other system may be declared in a year, and the system of a year cannot change
once something was declared under it. Returned declarations no longer count.

Amounts are integer cents; a km amount is km x the quarter's rate (EUR per km, four decimals),
rounded half up to the cent. `refusal` answers "" -> None or a `Refusal` (a code and plain
parameters, worded by `allowances.words`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

FLAT = "flat"
REAL = "real"
DAY, KM, COST = "day", "km", "cost"
KM_LIMIT_ON_FLAT = 2000  # the law's number, not indexed


@dataclass(frozen=True, slots=True)
class Caps:
    year: int
    day_cap_cents: int
    year_cap_cents: int


@dataclass(frozen=True, slots=True)
class Entry:
    """One declaration that counts (not returned): a day, a trip in km, or a real cost."""

    kind: str
    on: dt.date
    amount_cents: int = 0
    km: int = 0


@dataclass(frozen=True, slots=True)
class Year:
    """What a coordinator has in one calendar year."""

    year: int
    system: str | None  # FLAT, REAL, or None when the office chose none yet
    caps: Caps | None
    entries: Sequence[Entry] = ()
    elsewhere_cents: int = 0

    def flat_cents(self) -> int:
        return sum(e.amount_cents for e in self.entries if e.kind == DAY)

    def flat_on(self, day: dt.date) -> int:
        return sum(e.amount_cents for e in self.entries if e.kind == DAY and e.on == day)

    def km(self) -> int:
        return sum(e.km for e in self.entries if e.kind == KM)

    def year_room_cents(self) -> int | None:
        """What may still be paid as a flat rate this year, counting what came from elsewhere."""
        if self.caps is None:
            return None
        return max(self.caps.year_cap_cents - self.elsewhere_cents - self.flat_cents(), 0)


@dataclass(frozen=True, slots=True)
class Refusal:
    code: str
    params: dict[str, int | str]


def km_amount_cents(km: int, rate_per_km: Decimal) -> int:
    return int((Decimal(km) * rate_per_km * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def refusal(year: Year, new: Entry) -> Refusal | None:
    """Why `new` may not be added to `year`, or None."""
    if new.on.year != year.year:
        return Refusal("other_year", {"year": year.year})
    if year.system is None:
        return Refusal("no_system", {"year": year.year})
    if new.kind == DAY:
        if year.system != FLAT:
            return Refusal("day_on_real", {"year": year.year})
        if year.caps is None:
            return Refusal("no_caps", {"year": year.year})
        if new.amount_cents <= 0:
            return Refusal("amount_positive", {})
        day_total = year.flat_on(new.on) + new.amount_cents
        if day_total > year.caps.day_cap_cents:
            return Refusal(
                "over_day_cap",
                {
                    "cap": year.caps.day_cap_cents,
                    "already": year.flat_on(new.on),
                    "amount": new.amount_cents,
                },
            )
        total = year.elsewhere_cents + year.flat_cents() + new.amount_cents
        if total > year.caps.year_cap_cents:
            return Refusal(
                "over_year_cap",
                {
                    "cap": year.caps.year_cap_cents,
                    "already": year.flat_cents(),
                    "elsewhere": year.elsewhere_cents,
                    "amount": new.amount_cents,
                },
            )
        return None
    if new.kind == KM:
        if new.km <= 0:
            return Refusal("km_positive", {})
        if year.system == FLAT and year.km() + new.km > KM_LIMIT_ON_FLAT:
            return Refusal(
                "over_km_limit",
                {"limit": KM_LIMIT_ON_FLAT, "already": year.km(), "km": new.km},
            )
        return None
    if new.kind == COST:
        if year.system != REAL:
            return Refusal("cost_on_flat", {"year": year.year})
        if new.amount_cents <= 0:
            return Refusal("amount_positive", {})
        return None
    raise ValueError(f"Unknown kind {new.kind!r}")


def system_change_refusal(year: Year, system: str) -> Refusal | None:
    """The office may choose a system for a year, and change it while nothing was declared."""
    if year.system is None or year.system == system:
        return None
    if year.entries:
        return Refusal("second_system", {"year": year.year, "count": len(year.entries)})
    return None


def elsewhere_refusal(year: Year, elsewhere_cents: int) -> Refusal | None:
    """What the volunteer received elsewhere may not push this year's flat rates over the cap."""
    if elsewhere_cents < 0:
        return Refusal("amount_positive", {})
    if year.system != FLAT or year.caps is None:
        return None
    if year.flat_cents() + elsewhere_cents > year.caps.year_cap_cents:
        return Refusal(
            "elsewhere_over_year_cap",
            {
                "cap": year.caps.year_cap_cents,
                "already": year.flat_cents(),
                "elsewhere": elsewhere_cents,
            },
        )
    return None
