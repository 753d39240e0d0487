"""Reading names: a registration's names split the Flemish way, the index of every name word
with its typing errors, and where in a transfer's words a person is named."""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from sys import intern
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from eigenkracht.payments.matching.words import PARTICLES, STOPWORDS, TOKEN_RE, fold, name_tokens

W_SURNAME = 0.35
W_FIRST = 0.25
TYPO_QUALITY = {0: 1.0, 1: 0.75, 2: 0.5}  # by number of typing errors
LOOSE_QUALITY = 0.75  # a short first name one letter off or cut short ("Hsns", "Ja")
PART_QUALITY = 0.75  # one half of a composed first name ("Anne" for Anne-Sophie)
# One half of a double surname ("Peeters" for Peeters-Vermeulen, or "Peeters" written where the
# registration says only Peeters and the text "Peeters-Vermeulen"): it may be the same person,
# but a whole name written exactly must be able to win against it.
SURNAME_PART_QUALITY = 0.6
INITIAL_QUALITY = 0.4  # "M. Claes"
FAR_TYPOS = 8  # words two typing errors away that are weighed for one written word


class Person(NamedTuple):
    """One name on a registration, split the Flemish way: the surname is the last word plus the
    particles and double-name parts before it ("Jan | Van den Broeck", "Marie Louise | Claes",
    "Tine | Dupont-Van den Broeck"). A named tuple: an import makes one per registration, and a
    tuple is made (and hashed) several times faster than a frozen dataclass."""

    display: str
    first_parts: tuple[str, ...]
    first_joined: str  # "annesophie" for "Anne-Sophie", else ""
    initial: str
    surname_parts: tuple[str, ...]  # significant words: "broeck" of "Van den Broeck"
    surname_joined: str  # "vandenbroeck", "dhondt", "peetersvermeulen"

    @classmethod
    def parse(cls, name: str, shared: dict[str, tuple[str]] | None = None) -> Person | None:
        """The person named, or None for a name without a surname. `shared`: one-word tuples
        kept for the caller's other persons (an import parses one per registration)."""
        words = name.split()
        if not words:
            return None
        # Most names are plain ASCII: lower case is their folding (one call, not one a word).
        folded = name.lower().split() if name.isascii() else [fold(word) for word in words]
        if len(folded) == 2 and name.isascii():
            # Most names are two plain words ("Marie Claes"): what the general rules below make
            # of them, without their loops (an import parses every registration's names).
            first, last = folded
            if first.isalpha() and last.isalpha() and len(last) >= 2 and last not in PARTICLES:
                last = intern(last)
                display = " ".join(words)
                return cls(
                    display=name if display == name else display,
                    first_parts=_one(intern(first), shared) if len(first) >= 2 else (),
                    first_joined="",
                    initial=first[0],
                    surname_parts=_one(last, shared),
                    surname_joined=last,
                )
        cut = len(words) - 1 if len(words) > 1 else 0
        while cut > 1:
            before = folded[cut - 1].strip(".'\u2019")
            linked = before.endswith("-") or before.rsplit("-", 1)[-1] in PARTICLES
            if before in PARTICLES or ("-" in before and linked):
                cut -= 1
            else:
                break
        first = _tokens(folded[:cut])
        surname = _tokens(folded[cut:])
        joined = intern("".join(surname))
        parts = distinct(intern(t) for t in surname if t not in PARTICLES and len(t) >= 2)
        if not parts and len(joined) >= 2:
            parts = (joined,)
        if not parts:
            return None
        first_parts = distinct(intern(t) for t in first if len(t) >= 2)
        display = " ".join(words)
        # An import holds a person per registration: the strings it shares are kept once.
        return cls(
            display=name if display == name else display,
            first_parts=first_parts,
            first_joined="".join(first_parts) if len(first_parts) > 1 else "",
            initial=first[0][0] if first else "",
            surname_parts=parts,
            surname_joined=joined,
        )

    @property
    def key(self) -> str:
        """Folded words, to recognise the same person on two registrations (not kept: only a
        few rivals are compared, and every registration holds a person)."""
        return " ".join(name_tokens(self.display))


@dataclass(slots=True)
class Surname:
    """Everyone carrying one surname word: found by the first name or initial written next to
    it, or, as a namesake on the surname alone, by training. The first names and initials are
    indexed for a surname many carry; the few carriers of the others are each looked at."""

    people: Sequence[int]  # person ids
    by_first: dict[str, int | list[int]] | None  # first-name word -> person id, or ids
    by_initial: dict[str, int | list[int]] | None
    by_training: PairsByTraining


class PairsByTraining:
    """Training -> candidate index, person id, candidate index, person id... (flat), in two
    arrays of 32-bit numbers: `trainings` in the order given, and where each one's pairs start
    followed by the pairs. An import holds one for every surname it reads; as a dict of tuples
    that cost four times as much."""

    __slots__ = ("_flat", "trainings")

    def __init__(self, groups: dict[int, list[int]]) -> None:
        self.trainings = array("i", groups)
        lengths = map(len, groups.values())
        starts = accumulate(lengths, initial=len(groups) + 1)
        self._flat = array("i", chain(starts, *groups.values()))

    def pairs(self, at: int) -> array[int]:
        """The pairs of `trainings[at]`."""
        return self._flat[self._flat[at] : self._flat[at + 1]]


@dataclass(slots=True)
class Text:
    """One field of a transfer (payer name or communication), looked up word by word."""

    tokens: list[str]
    at: list[dict[str, float]]  # position -> vocabulary word -> quality
    hits: dict[str, list[tuple[int, int, float]]]  # vocabulary word -> (start, end, quality)
    links: frozenset[int]  # i: words i and i+1 are joined by a hyphen ("Peeters-Janssens")


class NameReader:
    """Every word of every name on the registrations (the typo index), and a field of a
    transfer read against them: exactly, one typing error away, or two for long words.

    The index is built on the first read, from `persons` as the matcher filled it; lookups are
    cached per written word for the whole import."""

    def __init__(self, persons: Sequence[Person], place_words: set[str]) -> None:
        self._persons = persons
        self._place_words = place_words  # training cities: read as a name, they count for half
        self._vocabulary_set: set[str] | None = None
        # Built on the first fuzzy lookup: deletion variant -> the word, or the words.
        self._deletions: dict[str, str | tuple[str, ...]] | None = None
        self._by_length: dict[int, list[str]] | None = None  # idem, long words by length
        self._lookups: dict[str, tuple[tuple[str, float], ...]] = {}
        self._loose_lookups: dict[str, tuple[str, ...]] = {}  # short first names one letter off
        self._far_lookups: dict[str, tuple[str, ...]] = {}  # long words two typing errors off

    def read(self, text: str) -> Text:
        folded = fold(text)
        found = list(TOKEN_RE.finditer(folded))
        tokens = [m.group() for m in found]
        links = frozenset(
            i for i in range(len(found) - 1) if folded[found[i].end() : found[i + 1].start()] == "-"
        )
        at: list[dict[str, float]] = [{} for _ in tokens]
        hits: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
        for position, token in enumerate(tokens):
            if token in PARTICLES:
                for width in (2, 3):
                    if position + width <= len(tokens):
                        joined = "".join(tokens[position : position + width])
                        for word, quality in self._lookup(joined):
                            hits[word].append((position, position + width - 1, quality))
                continue
            if len(token) < 2 or token in STOPWORDS or token.isdigit():
                continue
            # A training's city read as a name ("Gent" as "Van Gent") counts for half.
            factor = 0.5 if token in self._place_words else 1.0
            for word, quality in self._lookup(token):
                hits[word].append((position, position, quality * factor))
                at[position][word] = quality * factor
            if _could_be_short_first_name(token):
                # Only as a first name next to a surname: "Hsns" for Hans, "Ja" for Jan.
                for word in self._loose_lookup(token):
                    at[position].setdefault(word, LOOSE_QUALITY * factor)
        # Two typing errors in a long word: only where it stands next to a name that was found
        # (elsewhere it would be an ordinary word, and the search costs time).
        for position, token in enumerate(tokens):
            if (
                len(token) < 8
                or not token.isalpha()
                or token in self.vocabulary
                or token in STOPWORDS
                or token in self._place_words
            ):
                continue
            if not any(
                at[p] or len(tokens[p]) == 1
                for p in (position - 1, position + 1)
                if 0 <= p < len(tokens)
            ):
                continue
            for word in self._far(token):
                if word not in at[position]:
                    hits[word].append((position, position, TYPO_QUALITY[2]))
                    at[position][word] = TYPO_QUALITY[2]
        return Text(tokens, at, dict(hits), links)

    def _lookup(self, token: str) -> tuple[tuple[str, float], ...]:
        """Vocabulary words equal to `token` or one typing error away, with quality."""
        cached = self._lookups.get(token)
        if cached is not None:
            return cached
        exact = token in self.vocabulary
        found: list[tuple[str, float]] = [(token, 1.0)] if exact else []
        if len(token) >= 4:
            for word in sorted(self._near(token)):
                if _typo_limit(token, word) and OSA.distance(token, word, score_cutoff=1) == 1:
                    found.append((word, TYPO_QUALITY[1]))
        result = tuple(found)
        self._lookups[token] = result
        return result

    def _loose_lookup(self, token: str) -> tuple[str, ...]:
        """Short vocabulary words one letter off `token`, or `token` plus one final letter."""
        cached = self._loose_lookups.get(token)
        if cached is None:
            cached = tuple(word for word in sorted(self._near(token)) if _loosely(token, word))
            self._loose_lookups[token] = cached
        return cached

    @property
    def vocabulary(self) -> set[str]:
        if self._vocabulary_set is None:
            self._vocabulary_set = {
                word
                for person in self._persons
                for words in (person.surname_parts, person.first_parts)
                for word in words
            }
            self._vocabulary_set.update(p.surname_joined for p in self._persons)
            self._vocabulary_set.update(p.first_joined for p in self._persons if p.first_joined)
        return self._vocabulary_set

    def _far(self, token: str) -> tuple[str, ...]:
        """Vocabulary words of 8 letters or more exactly two typing errors away, the first few.
        Only asked for a word that is not in the vocabulary itself (a reading two errors away
        never beats the exact one)."""
        cached = self._far_lookups.get(token)
        if cached is not None:
            return cached
        if self._by_length is None:
            self._by_length = defaultdict(list)
            for word in sorted(self.vocabulary):
                if len(word) >= 8:
                    self._by_length[len(word)].append(word)
        far: list[str] = []
        for length in range(max(8, len(token) - 2), len(token) + 3):
            words = self._by_length.get(length, ())
            for word, distance, _index in process.extract(
                token, words, scorer=OSA.distance, score_cutoff=2, limit=None
            ):
                if distance == 2:
                    far.append(word)
        result = tuple(sorted(far)[:FAR_TYPOS])
        self._far_lookups[token] = result
        return result

    def _near(self, token: str) -> set[str]:
        """Vocabulary words sharing a deletion variant with `token` (candidates for a typo)."""
        if self._deletions is None:
            self._deletions = _deletion_index(self.vocabulary)
        near: set[str] = set()
        for variant in _deletion_variants(token):
            words = self._deletions.get(variant)
            if words is None:
                continue
            if isinstance(words, str):
                near.add(words)
            else:
                near.update(words)
        near.discard(token)
        return near


# Reading names in a field ---------------------------------------------------------------------


def _tokens(folded: list[str]) -> list[str]:
    """TOKEN_RE's words of folded words joined by spaces; a plain word is its own."""
    if len(folded) == 1:
        word = folded[0]
        if word.isalpha() and word.isascii() and word.islower():
            return [word]
    return TOKEN_RE.findall(" ".join(folded))


def _one(word: str, shared: dict[str, tuple[str]] | None) -> tuple[str]:
    if shared is None:
        return (word,)
    found = shared.get(word)
    if found is None:
        found = shared[word] = (word,)
    return found


def distinct(words: Iterable[str]) -> tuple[str, ...]:
    found: list[str] = []
    for word in words:
        if word not in found:
            found.append(word)
    return tuple(found)


def surname_words(person: Person) -> list[str]:
    return sorted(w for w in {*person.surname_parts, person.surname_joined} if len(w) >= 2)


def read_person(person: Person, text: Text) -> tuple[float, float, float, frozenset[int]] | None:
    """(name score, surname quality, first-name quality, positions used) at the best mention."""
    mentions: list[tuple[int, int, float]] = []
    hits = text.hits
    if person.surname_joined not in person.surname_parts:
        mentions.extend(hits.get(person.surname_joined, ()))
    if len(person.surname_parts) == 1:
        mentions.extend(hits.get(person.surname_parts[0], ()))
    else:
        found = [hits.get(part, ()) for part in person.surname_parts]
        for part_hits in found:
            mentions.extend((s, e, q * SURNAME_PART_QUALITY) for s, e, q in part_hits)
        if all(found):
            firsts = [min(part_hits, key=lambda h: (-h[2], h[0])) for part_hits in found]
            start = min(h[0] for h in firsts)
            end = max(h[1] for h in firsts)
            if end - start <= 2 * len(firsts):
                quality = sum(h[2] for h in firsts) / len(firsts)
                mentions.append((start, end, quality))
    best: tuple[float, float, float, frozenset[int]] | None = None
    for start, end, surname_q in mentions:
        if (start - 1) in text.links or end in text.links:
            surname_q *= SURNAME_PART_QUALITY  # the written surname goes on: "D'Hondt-Hermans"
        first_q, first_span = _first_name_near(person, text, start, end)
        score = W_SURNAME * surname_q + W_FIRST * first_q
        if best is None or score > best[0]:
            best = (score, surname_q, first_q, frozenset(range(start, end + 1)) | first_span)
    return best


def beside(tokens: list[str], start: int, end: int) -> list[int]:
    """Positions where a first name may stand next to a surname written at start..end: right
    before it (skipping particles: "Jan van den Broeck") or right after it ("Claes Marie")."""
    positions = []
    position = start - 1
    while position >= 0:
        positions.append(position)
        if tokens[position] not in PARTICLES or position <= start - 4:
            break
        position -= 1
    if end + 1 < len(tokens):
        positions.append(end + 1)
    return positions


def _first_name_near(
    person: Person, text: Text, start: int, end: int
) -> tuple[float, frozenset[int]]:
    """The first name right before or right after a surname mention ("Marie Claes", "Claes
    Marie", "Claes, M."): its quality and its positions."""
    if not person.first_parts:
        return 0.0, frozenset()
    best = (0.0, frozenset[int]())
    for position in beside(text.tokens, start, end):
        step = -1 if position < start else 1
        if person.first_joined:
            quality, span = _composed_first_name(person, text, position, step)
        else:
            quality = text.at[position].get(person.first_parts[0], 0.0)
            span = frozenset({position})
            # The written first name goes on ("Marie-Louise" where this person is Marie).
            if quality and (position if step > 0 else position - 1) in text.links:
                quality *= PART_QUALITY
        if quality <= 0 and text.tokens[position] == person.initial:
            quality, span = INITIAL_QUALITY, frozenset({position})
        if quality > best[0]:
            best = (quality, span | frozenset(range(min(position, start), max(position, end))))
    return best


def _composed_first_name(
    person: Person, text: Text, position: int, step: int
) -> tuple[float, frozenset[int]]:
    joined = text.at[position].get(person.first_joined, 0.0)
    if joined:
        return joined, frozenset({position})
    qualities: dict[str, float] = {}
    used: set[int] = set()
    while 0 <= position < len(text.tokens) and len(used) < len(person.first_parts):
        here = {p: q for p, q in text.at[position].items() if p in person.first_parts}
        if not here:
            break
        for part, quality in here.items():
            qualities[part] = max(qualities.get(part, 0.0), quality)
        used.add(position)
        position += step
    if not qualities:
        return 0.0, frozenset()
    if len(qualities) == len(person.first_parts):
        return sum(qualities.values()) / len(qualities), frozenset(used)
    return PART_QUALITY * max(qualities.values()), frozenset(used)


def _could_be_short_first_name(token: str) -> bool:
    return 2 <= len(token) <= 4 and token.isalpha() and token not in STOPWORDS


def _loosely(token: str, word: str) -> bool:
    """A short first name one letter off ("Hsns" for Hans) or cut short ("Ja" for Jan)."""
    if len(word) < 3 or len(word) > 5 or word == token:
        return False
    if word.startswith(token) and len(word) - len(token) == 1:
        return True
    return abs(len(word) - len(token)) <= 1 and OSA.distance(token, word, score_cutoff=1) <= 1


def _deletion_variants(word: str) -> set[str]:
    """The word and every way of dropping one letter: words one typing error apart share one."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _deletion_index(vocabulary: Iterable[str]) -> dict[str, str | tuple[str, ...]]:
    """Deletion variant -> the vocabulary word(s) it comes from; a string where there is one
    (most variants: the index holds several per word of every registered name)."""
    index: dict[str, str | tuple[str, ...]] = {}
    get = index.get
    for word in vocabulary:
        if len(word) >= 3:
            for variant in _deletion_variants(word):
                found = get(variant)
                if found is None:
                    index[variant] = word
                elif isinstance(found, str):
                    index[variant] = (found, word)
                else:
                    index[variant] = (*found, word)
    return index


def _typo_limit(a: str, b: str) -> int:
    """Typing errors tolerated between two words: none below 4 letters, two from 8."""
    shortest, longest = min(len(a), len(b)), max(len(a), len(b))
    if shortest >= 8:
        return 2
    if shortest >= 4 and longest >= 5:
        return 1
    return 0
