"""Evidence in a communication besides names: the training's city, venue and dates, the payer's
organisation, and registration codes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eigenkracht.payments.matching.types import Candidate
from eigenkracht.payments.matching.words import (
    CITY_ALIASES,
    GENERIC_VENUE_WORDS,
    LEGAL_FORMS,
    MONTHS,
    name_tokens,
)

_DAY_RE = re.compile(r"([0-9]{1,2})(?:e|ste|de|er)?")
_NOT_CODE = re.compile(r"[^A-Z0-9]")


@dataclass(frozen=True, slots=True)
class Context:
    """What a training looks like in a communication."""

    city: str
    venue: str
    places: frozenset[str]  # "sint niklaas", with aliases ("gand")
    venue_words: frozenset[str]
    days: frozenset[tuple[int, int]]
    dates: frozenset[tuple[int, int, int]]

    @classmethod
    def of(cls, candidate: Candidate) -> Context:
        city_words = place_tokens(candidate.training_city)
        places = {" ".join(city_words)} if city_words else set()
        if len(city_words) == 1:
            places.update(CITY_ALIASES.get(city_words[0], ()))
        venue = {
            w
            for w in place_tokens(candidate.venue_name)
            if len(w) >= 5 and w not in GENERIC_VENUE_WORDS and w not in city_words
        }
        return cls(
            city=candidate.training_city,
            venue=candidate.venue_name,
            places=frozenset(places),
            venue_words=frozenset(venue),
            days=frozenset((d.day, d.month) for d in candidate.session_dates),
            dates=frozenset((d.day, d.month, d.year) for d in candidate.session_dates),
        )


@dataclass(frozen=True, slots=True)
class TextEvidence:
    places: frozenset[str]  # training cities written in the communication
    words: frozenset[str]
    days: frozenset[tuple[int, int]]
    dated: tuple[tuple[int, int, int], ...]  # dates written with a year
    payer_organisation: str


def dates_in(
    tokens: list[str],
) -> tuple[frozenset[tuple[int, int]], tuple[tuple[int, int, int], ...]]:
    """Day-month pairs written in a text: "2/2", "12-03-2025", "12 maart", "3de feb"."""
    days: set[tuple[int, int]] = set()
    dated: list[tuple[int, int, int]] = []
    # The tokenizer split "12/3" on its punctuation: read dates from consecutive tokens.
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        day_match = _DAY_RE.fullmatch(a)
        if day_match is None:
            continue
        day = int(day_match.group(1))
        if not 1 <= day <= 31:
            continue
        if b in MONTHS:
            days.add((day, MONTHS[b]))
        elif b.isdigit() and len(b) <= 2 and a.isdigit() and 1 <= int(b) <= 12:
            month = int(b)
            days.add((day, month))
            year = tokens[i + 2] if i + 2 < len(tokens) else ""
            if year.isdigit() and len(year) in (2, 4):
                dated.append((day, month, int(year) if len(year) == 4 else 2000 + int(year)))
    return frozenset(days), tuple(dated)


def place_tokens(text: str) -> list[str]:
    return [("sint" if t == "st" else t) for t in name_tokens(text)]


def organisation_key(name: str) -> str:
    words = [w for w in name_tokens(name) if w not in LEGAL_FORMS and len(w) >= 2]
    return "".join(words)


def compact_code(code: str) -> str:
    return _NOT_CODE.sub("", code.upper())
