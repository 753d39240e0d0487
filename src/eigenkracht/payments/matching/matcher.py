"""The matcher: a `Decision` per transfer, from the registrations it was built with.

The rules and weights are described in the package's docstring (`payments/matching/__init__.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eigenkracht.banking.ogm import ogm_is_valid, ogm_shaped, ogm_windows
from eigenkracht.core.collector import collector_paused
from eigenkracht.payments.matching.evidence import (
    Context,
    TextEvidence,
    compact_code,
    dates_in,
    organisation_key,
)
from eigenkracht.payments.matching.names import (
    INITIAL_QUALITY,
    W_FIRST,
    W_SURNAME,
    NameReader,
    PairsByTraining,
    Person,
    Surname,
    Text,
    beside,
    read_person,
    surname_words,
)
from eigenkracht.payments.matching.reasons import FLAG_INACTIVE, Params, Reason
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
    Booked,
    Booking,
    Candidate,
    Decision,
    Strings,
    Suggestion,
)
from eigenkracht.payments.matching.words import (
    MONTHS,
    REGISTRATION_WORDS,
    UNRELATED_WORDS,
    as_written,
    fold,
    name_tokens,
)
from eigenkracht.payments.statements.base import Transaction

W_CITY = 0.15
W_DATE = 0.15
W_VENUE = 0.1
CITY_CONFLICT = 0.15  # the communication names another training's city
CONTRADICTED = 0.1  # a namesake whose first name is not the one written next to the surname
# Ranking only (suggestions): the payer is the registration's organisation, the amount fits.
W_ORGANISATION = 0.1
W_AMOUNT = 0.05
# Booking by name needs this much identity (a full name written exactly is 0.6; "M. Claes" needs
# the city too), and this lead over any other registration read from the same words: one typo
# ("Peeters" against a registered "Peters") is not enough of a lead, a city or a date is.
AUTO_MIN = 0.5
MARGIN = 0.12
MAX_SUGGESTIONS = 5
MAX_GROUP = 8  # registrations one transfer may pay for by name
# Of the registrations of one person, or of everyone with a surname, this many are weighed per
# transfer (those of mentioned trainings first): enough to see that a name is ambiguous.
SAMPLE = 8
NAMESAKES = 4  # of those who share only the surname: the best placed ones are the rivals
# A surname carried by this many persons or fewer: their first names are not indexed (an import
# reads thousands of surnames), each carrier is looked at.
FEW_CARRIERS = 8
_EPSILON = 1e-9
OGM_LENGTH = 12
# Codes are read anywhere in a communication, spaces and punctuation left out: a code of a few
# letters would be found in almost any text. Ours are "EK" and six more.
MIN_CODE_LENGTH = 6
MAX_CODE_NUMBER_LENGTH = 11  # 36 ** 12 fits a signed 64-bit number
# What was found besides the name, as (kind, value): ("city", "Gent"), ("organisation", "").
Evidence = tuple[str, str]
_BY_ORGANISATION: Evidence = ("organisation", "")
# Compiled once: `re.sub` with a pattern string looks it up in re's cache on every call.
_NON_DIGIT = re.compile(r"\D")
_NO_PAIRS = PairsByTraining({})
_INDEX = "i"  # the typecode of candidate indexes and person ids in arrays: 32 bits


@dataclass(slots=True)
class _Match:
    """The best reading of one person of one candidate in one field of a transfer."""

    index: int  # candidate index
    person: Person
    field: int  # 0 payer name, 1 communication
    span: frozenset[int]  # positions of the words read as this person's name
    surname_quality: float
    first_quality: float
    identity: float  # name and training evidence: what separates namesakes
    rank: float  # identity, organisation and amount: for ordering suggestions
    found: tuple[Evidence, ...]  # training evidence: ("city", "Gent"), ("date", "")
    inactive: bool
    training: int

    @property
    def strong(self) -> bool:
        return self.first_quality > 0 and self.identity >= AUTO_MIN - _EPSILON

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        if self.first_quality <= 0:
            what = "surname"
        elif self.first_quality <= INITIAL_QUALITY + _EPSILON:
            what = "initial"
        elif self.first_quality >= 1 and self.surname_quality >= 1:
            what = "name"
        else:
            what = "name_approx"
        return ((what, self.person.display), *self.found)


@dataclass(frozen=True, slots=True)
class _Contest:
    """A named person in the transfer: the best reading of those words and its closest rival."""

    head: _Match
    rival: _Match | None
    readings: list[_Match]  # head and every rival, best first

    @property
    def clear(self) -> bool:
        if not self.head.strong:
            return False
        return self.rival is None or (
            self.head.identity - _rival_identity(self.head, self.rival) >= MARGIN - _EPSILON
        )


@dataclass(slots=True)
class _Scope:
    """One transfer's evidence and what was already worked out for it."""

    evidence: TextEvidence
    amount: int
    by_training: dict[int, tuple[float, tuple[Evidence, ...]]]
    by_organisation: dict[int, bool]


# The matcher --------------------------------------------------------------------------------


class Matcher:
    """Decides transaction by transaction; indexes are built once, in the constructor, but for
    the names: read on the first transfer that needs them (a statement of structured
    communications never does, and the names are most of the work)."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        with collector_paused():
            self._build(candidates)
        self._names_indexed = False

    def _build(self, candidates: Iterable[Candidate]) -> None:
        # The candidates as columns, by candidate index: an import holds hundreds of thousands,
        # and needs only these of each (an object per candidate cost 136 bytes, its number 32).
        self._ids = array("q")  # registration id
        self._codes: Strings  # as written: made after the loop below
        self._statuses: list[str] = []
        self._due = array("q")
        self._paid = array("q")  # paid, with what this import booked
        self._registrants: list[str] = []
        self._participants: dict[int, tuple[str, ...]] = {}  # only where there are any
        self._training_of = array(_INDEX)
        self._organisation_of = array(_INDEX)
        self._trainings: list[Context] = []
        self._training_facts: list[tuple[str, str, str, tuple[dt.date, ...]]] = []
        self._organisations: list[str] = []
        self._code_prefixes: set[str] = set()
        self._code_lengths: set[int] = set()
        self._by_organisation: dict[str, array[int]] = {}
        # The name index, compact (an import holds it for every open registration): the
        # candidates of a person and the persons of a candidate, an int where there is one.
        self._persons: list[Person] = []
        # Person -> its candidate index, or -(k + 1) for the k-th of the lists of several.
        self._registrations_of = array(_INDEX)
        self._registered_many: list[list[int]] = []
        # Candidate -> its person id, or -(k + 1) for the k-th of the others (none, several).
        self._persons_of = array(_INDEX)
        self._persons_many: list[tuple[int, ...]] = [()]
        self._surname_people: dict[str, array[int]] = {}  # surname word -> person ids
        self._surnames: dict[str, Surname] = {}  # of the words looked up: built when first read
        self._trainings_by_place: dict[str, list[int]] = defaultdict(list)
        self._trainings_by_day: dict[tuple[int, int], list[int]] = defaultdict(list)
        self._trainings_by_venue_word: dict[str, list[int]] = defaultdict(list)
        self._place_words: set[str] = set()
        self._mentioned_cache: dict[tuple, dict[int, int]] = {}
        self._names = NameReader(self._persons, self._place_words)
        training_ids: dict[tuple[str, str, str, tuple[dt.date, ...]], int] = {}
        organisation_ids: dict[str, int] = {}  # as written -> id of its key
        organisation_keys: dict[str, int] = {}
        ogms = array("q")  # as numbers: most OGMs are 12 ASCII digits
        odd_ogms: dict[str, int] = {}  # the others, as written
        codes = array("q")  # compact, as numbers: "EK7KX3P9" (see `_code_number`)
        odd_codes: dict[str, int] = {}  # the others, compact
        ogm_at = array(_INDEX)
        code_at = array(_INDEX)
        # Bound once: this loop runs for every candidate of every import.
        written_codes: list[str] = []
        add_id, add_code, add_status = self._ids.append, written_codes.append, self._statuses.append
        add_due, add_paid, add_registrant = (
            self._due.append,
            self._paid.append,
            self._registrants.append,
        )
        add_training, add_organisation = self._training_of.append, self._organisation_of.append
        for index, candidate in enumerate(candidates):
            add_id(candidate.registration_id)
            add_code(candidate.code)
            add_status(candidate.status)
            add_due(candidate.amount_due_cents)
            add_paid(candidate.amount_paid_cents)
            add_registrant(candidate.registrant_name)
            if candidate.participant_names:
                self._participants[index] = candidate.participant_names
            ogm = candidate.ogm if candidate.ogm.isdigit() else _NON_DIGIT.sub("", candidate.ogm)
            if len(ogm) == OGM_LENGTH and ogm.isascii():
                ogms.append(int(ogm))
                ogm_at.append(index)
            elif ogm:
                odd_ogms[ogm] = index
            code = candidate.code if candidate.code.isupper() else candidate.code.upper()
            if not code.isalnum():
                code = compact_code(code)
            if len(code) >= MIN_CODE_LENGTH:
                number = _code_number(code)
                if number is None:
                    odd_codes[code] = index
                else:
                    codes.append(number)
                    code_at.append(index)
                self._code_prefixes.add(code[:2])
                self._code_lengths.add(len(code))
            training = (
                candidate.training_title,
                candidate.training_city,
                candidate.venue_name,
                tuple(candidate.session_dates),
            )
            training_id = training_ids.get(training)
            if training_id is None:
                training_id = training_ids[training] = len(self._trainings)
                self._training_facts.append(training)
                self._add_training(training_id, Context.of(candidate))
            add_training(training_id)
            organisation_id = organisation_ids.get(candidate.organisation)
            if organisation_id is None:
                organisation = organisation_key(candidate.organisation)
                organisation_id = organisation_keys.get(organisation)
                if organisation_id is None:
                    organisation_id = organisation_keys[organisation] = len(self._organisations)
                    self._organisations.append(organisation)
                organisation_ids[candidate.organisation] = organisation_id
            add_organisation(organisation_id)
            organisation = self._organisations[organisation_id]
            if organisation:
                if organisation not in self._by_organisation:
                    self._by_organisation[organisation] = array(_INDEX)
                self._by_organisation[organisation].append(index)
        self._codes = Strings(written_codes)
        self._paid_loaded = array("q", self._paid)  # to tell what this import booked
        self._by_ogm = _SortedIndex(ogms, ogm_at)
        self._odd_ogms = odd_ogms
        self._by_code = _SortedIndex(codes, code_at)
        self._odd_codes = odd_codes

    def _index_names(self) -> None:
        """Every name on every candidate, split into persons, by surname, first name and
        training (in candidate order, whenever it runs)."""
        parsed: dict[str, int | None] = {}  # name as written -> person id
        person_ids: dict[Person, int] = {}
        shared: dict[str, tuple[str]] = {}  # one-word tuples the persons share
        registrations_of, registered_many = self._registrations_of, self._registered_many
        persons_of, persons_many = self._persons_of, self._persons_many
        participants = self._participants
        for index, registrant in enumerate(self._registrants):
            seen: list[int] = []
            names = (registrant, *participants[index]) if index in participants else (registrant,)
            for name in names:
                person_id = parsed.get(name, -1)
                if person_id == -1:
                    person_id = None  # a name without a surname to read ("Marie V"): no person
                    person = Person.parse(name, shared)
                    if person is not None:
                        person_id = person_ids.get(person)
                        if person_id is None:
                            person_id = person_ids[person] = len(self._persons)
                            self._add_person(person_id, person)
                            registrations_of.append(index)  # most persons have one registration
                            seen.append(person_id)
                            parsed[name] = person_id
                            continue
                    parsed[name] = person_id
                if person_id is None or person_id in seen:
                    continue
                seen.append(person_id)
                at = registrations_of[person_id]
                if at >= 0:
                    registered_many.append([at, index])
                    registrations_of[person_id] = -len(registered_many)
                else:
                    registered_many[-at - 1].append(index)
            if len(seen) == 1:
                persons_of.append(seen[0])
            elif not seen:
                persons_of.append(-1)  # the empty tuple persons_many starts with
            else:
                persons_many.append(tuple(seen))
                persons_of.append(-len(persons_many))
        self._names_indexed = True

    def _add_training(self, training_id: int, context: Context) -> None:
        self._trainings.append(context)
        for place in sorted(context.places):
            self._trainings_by_place[place].append(training_id)
            self._place_words.update(place.split())
        for day in sorted(context.days):
            self._trainings_by_day[day].append(training_id)
        for word in sorted(context.venue_words):
            self._trainings_by_venue_word[word].append(training_id)

    def _add_person(self, person_id: int, person: Person) -> None:
        self._persons.append(person)
        for word in surname_words(person):
            people = self._surname_people.get(word)
            if people is None:
                self._surname_people[word] = array(_INDEX, (person_id,))
            else:
                people.append(person_id)

    def _surname(self, word: str) -> Surname | None:
        """Everyone carrying a surname word, by first name, initial and training: built from the
        compact index when a transfer first reads the word (in person and candidate order)."""
        surname = self._surnames.get(word)
        if surname is not None:
            return surname
        people = self._surname_people.get(word)
        if people is None:
            return None
        surname = self._surnames[word] = Surname(people, None, None, _NO_PAIRS)
        if len(people) > FEW_CARRIERS:
            by_first: dict[str, int | list[int]] = {}
            by_initial: dict[str, int | list[int]] = {}
            for person_id in people:
                person = self._persons[person_id]
                for first in person.first_parts:
                    _add_id(by_first, first, person_id)
                if person.first_joined:
                    _add_id(by_first, person.first_joined, person_id)
                if person.initial:
                    _add_id(by_initial, person.initial, person_id)
            surname.by_first, surname.by_initial = by_first, by_initial
        carriers = set(people)
        indexes: set[int] = set()
        for person_id in people:
            indexes.update(self._registered(person_id))
        by_training: dict[int, list[int]] = {}
        for index in sorted(indexes):
            training_id = self._training_of[index]
            for person_id in self._persons_at(index):
                if person_id in carriers:
                    by_training.setdefault(training_id, []).extend((index, person_id))
        surname.by_training = PairsByTraining(by_training)
        return surname

    def _registered(self, person_id: int) -> Sequence[int]:
        """A person's candidate indexes, in order."""
        at = self._registrations_of[person_id]
        return (at,) if at >= 0 else self._registered_many[-at - 1]

    def _persons_at(self, index: int) -> Sequence[int]:
        """A candidate's person ids, in the order of its names."""
        at = self._persons_of[index]
        return (at,) if at >= 0 else self._persons_many[-at - 1]

    def _by_training(self, person_id: int) -> dict[int, list[int]]:
        """A person's candidates by training (in order of first registration)."""
        at = self._registrations_of[person_id]
        if at >= 0:
            return {self._training_of[at]: [at]}
        by_training: dict[int, list[int]] = {}
        for index in self._registered_many[-at - 1]:
            by_training.setdefault(self._training_of[index], []).append(index)
        return by_training

    # The rules ------------------------------------------------------------------------------

    def decide(self, transaction: Transaction) -> Decision:
        amount = transaction.amount_cents
        if amount < 0:
            return Decision(IGNORED, (), Reason("outgoing", {}), RULE_OUTGOING)
        if amount == 0:
            return Decision(IGNORED, (), Reason("no_amount", {}), RULE_NONE)
        if transaction.currency.upper() != "EUR":
            return Decision(
                REVIEW,
                (),
                Reason("foreign_currency", {"currency": transaction.currency}),
                RULE_NONE,
            )
        digits = _NON_DIGIT.sub("", transaction.communication) if transaction.structured else ""
        if digits:
            index = self._ogm_index(digits)
            if index is not None:
                return self._identified([index], RULE_OGM, amount)
            return self._by_name(transaction, blocked={"blocked": "unknown_ogm", "ogm": digits})
        found_ogm = self._ogms_in_text(transaction.communication)
        found_code = self._codes_in_text(transaction.communication)
        if found_ogm or found_code:
            indexes = list(dict.fromkeys(found_ogm + found_code))
            return self._identified(indexes, RULE_OGM_TEXT if found_ogm else RULE_CODE, amount)
        unknown = ogm_shaped(transaction.communication)
        if unknown:
            # The payer meant one particular registration, which we cannot tell: never guess it
            # from the name.
            return self._by_name(
                transaction, blocked={"blocked": "unknown_ogm_in_text", "written": unknown}
            )
        return self._by_name(transaction)

    def _ogms_in_text(self, text: str) -> list[int]:
        found: list[int] = []
        for window in ogm_windows(text):
            index = self._ogm_index(window)
            if index is not None and index not in found and ogm_is_valid(window):
                found.append(index)
        return found

    def _ogm_index(self, digits: str) -> int | None:
        if len(digits) == OGM_LENGTH and digits.isascii():
            return self._by_ogm.get(int(digits))
        return self._odd_ogms.get(digits)

    def _code_index(self, code: str) -> int | None:
        number = _code_number(code)
        return self._odd_codes.get(code) if number is None else self._by_code.get(number)

    def _codes_in_text(self, text: str) -> list[int]:
        if not self._by_code and not self._odd_codes:
            return []
        compact = compact_code(fold(text))
        found: list[int] = []
        for prefix in sorted(self._code_prefixes):
            start = compact.find(prefix)
            while start >= 0:
                for length in sorted(self._code_lengths):
                    index = self._code_index(compact[start : start + length])
                    if index is not None and index not in found:
                        found.append(index)
                start = compact.find(prefix, start + 1)
        return found

    # Certain identity: OGM or code --------------------------------------------------------

    def _identified(self, indexes: list[int], rule: str, amount: int) -> Decision:
        if len(indexes) == 1:
            return self._identified_one(indexes[0], rule, amount)
        return self._identified_many(indexes, rule, amount)

    def _identified_one(self, index: int, rule: str, amount: int) -> Decision:
        registration_id, status = self._ids[index], self._statuses[index]
        open_cents = self._open(index)
        said: Params = {"via": rule, "amount": amount, "registration": self._registration(index)}
        if status in INACTIVE:
            said["state"] = status
            return Decision(
                REVIEW,
                (),
                Reason("identified_inactive", said),
                rule,
                self._certain([index], rule),
                flag=FLAG_INACTIVE,
            )
        if status not in BOOKABLE:
            return Decision(
                REVIEW,
                (),
                Reason("identified_waiting", said),
                rule,
                self._certain([index], rule),
            )
        if open_cents == 0:
            return Decision(
                OVERPAID,
                (),
                Reason("identified_paid_twice", said),
                rule,
                self._certain([index], rule),
                surplus_cents=amount,
            )
        booked = min(amount, open_cents)
        self._paid[index] += booked
        booking = (Booking(registration_id, booked),)
        if amount == open_cents:
            return Decision(MATCHED, booking, Reason("identified_paid", said), rule)
        said["open"] = open_cents
        if amount < open_cents:
            return Decision(PARTIAL, booking, Reason("identified_partial", said), rule)
        return Decision(
            OVERPAID,
            booking,
            Reason("identified_overpaid", said),
            rule,
            surplus_cents=amount - open_cents,
        )

    def _identified_many(self, indexes: list[int], rule: str, amount: int) -> Decision:
        codes = [self._codes[i] for i in indexes]
        inactive = [i for i in indexes if self._statuses[i] in INACTIVE]
        if inactive:
            said = {"via": rule, "codes": codes, "inactive": self._registrations(inactive)}
            return Decision(
                REVIEW,
                (),
                Reason("identified_many_inactive", said),
                rule,
                self._certain(indexes, rule),
                flag=FLAG_INACTIVE,
            )
        waiting = [i for i in indexes if self._statuses[i] not in BOOKABLE]
        if waiting:
            said = {"via": rule, "codes": codes, "waiting": self._registrations(waiting)}
            return Decision(
                REVIEW,
                (),
                Reason("identified_many_waiting", said),
                rule,
                self._certain(indexes, rule),
            )
        opens = [self._open(i) for i in indexes]
        if all(opens) and sum(opens) == amount:
            for index, open_cents in zip(indexes, opens, strict=True):
                self._paid[index] += open_cents
            said = {"via": rule, "amount": amount, "registrations": self._registrations(indexes)}
            return Decision(
                MATCHED,
                tuple(Booking(self._ids[i], o) for i, o in zip(indexes, opens, strict=True)),
                Reason("identified_many_paid", said),
                rule,
            )
        said = {"via": rule, "codes": codes, "amount": amount, "open": sum(opens)}
        return Decision(
            REVIEW,
            (),
            Reason("identified_many_mismatch", said),
            rule,
            self._certain(indexes, rule),
        )

    def _certain(self, indexes: list[int], rule: str) -> tuple[Suggestion, ...]:
        """The registrations an OGM or code names, as suggestions: made only for a transfer
        that books nothing (most are booked)."""
        return tuple(
            Suggestion(self._ids[i], 1.0, Reason("identified", {"via": rule}))
            for i in indexes[:MAX_SUGGESTIONS]
        )

    # Names ----------------------------------------------------------------------------------

    def _by_name(self, transaction: Transaction, *, blocked: Params | None = None) -> Decision:
        if not self._names_indexed:
            with collector_paused():
                self._index_names()
        amount = transaction.amount_cents
        payer = self._names.read(transaction.counterparty_name)
        text = self._names.read(transaction.communication)
        unrelated = sorted(UNRELATED_WORDS.intersection(text.tokens))
        if unrelated and not blocked:
            word = as_written(unrelated[0], transaction.communication) or unrelated[0]
            blocked = {"blocked": "unrelated", "word": word}
        scope = _Scope(self._evidence(text.tokens, transaction.counterparty_name), amount, {}, {})
        matches = self._name_matches((payer, text), scope)

        # Who is named, per field: a clear reading, or words several registrations fit.
        leaders: dict[int, list[_Contest]] = {0: [], 1: []}
        unclear: dict[int, list[_Contest]] = {0: [], 1: []}
        for contest in _contests(matches):
            if contest.head.first_quality <= 0:
                continue  # a surname alone: evidence for ranking, not a named person
            (leaders if contest.clear else unclear)[contest.head.field].append(contest)

        suggestions = self._suggestions(matches, scope)
        # The communication says whom the money is for; the payer's name counts when the
        # communication names nobody, or together with it (a colleague paying for both).
        attempts: list[tuple[int, ...]] = [(1,)] if leaders[1] or unclear[1] else []
        if leaders[0] or unclear[0]:
            attempts.append((1, 0) if attempts else (0,))
        outcome: Reason | None = None
        for fields in attempts:
            chosen = [c.head for f in fields for c in leaders[f]]
            doubtful = [c for f in fields for c in unclear[f]]
            reason = self._why_not(chosen, doubtful, amount)
            if reason is None and fields == (0,):
                reason = self._unexplained_text(chosen, text, transaction.communication)
            if reason is None:
                if not blocked:
                    return self._book_by_name(chosen, amount)
                reason = Reason("blocked_named", {**blocked, "named": self._named(chosen)})
            outcome = outcome or reason
            if doubtful or blocked:
                break  # a named person is ambiguous: adding the payer's name cannot fix that

        if not matches and not suggestions:
            reason = Reason("blocked_no_name", blocked) if blocked else Reason("nothing_found", {})
            return Decision(REVIEW, (), reason, RULE_NONE)
        if outcome is None:
            outcome = Reason("blocked", blocked) if blocked else self._weak_reason(matches)
        return Decision(REVIEW, (), outcome, RULE_NAME if matches else RULE_NONE, suggestions)

    def _why_not(
        self, chosen: list[_Match], doubtful: list[_Contest], amount: int
    ) -> Reason | None:
        """None when the registrations of `chosen` may be booked, else why not."""
        if doubtful:
            contest = doubtful[0]
            head = contest.head
            if contest.rival is not None and (
                head.identity - _rival_identity(head, contest.rival) < MARGIN - _EPSILON
            ):
                readings = {m.index: m for m in reversed(contest.readings)}  # best per candidate
                rivals = list(dict.fromkeys(m.index for m in contest.readings))[:3]
                listed = [self._registration(i, readings[i].person, where=True) for i in rivals]
                said = {"name": head.person.display, "registrations": listed}
                return Reason("ambiguous_name", said)
            said = {"registration": self._registration(head.index, where=True)}
            return Reason("name_partly_recognised", said)
        unique = {head.index: head for head in reversed(chosen)}
        if not unique:
            return Reason("no_name", {})
        if len(unique) > MAX_GROUP:
            return Reason("too_many", {"count": len(unique)})
        for index, head in sorted(unique.items()):
            status = self._statuses[index]
            said = {"registration": self._registration(index, head.person)}
            if status in INACTIVE:
                return Reason("name_inactive", {**said, "state": status})
            if status not in BOOKABLE:
                return Reason("name_waiting", said)
            if self._open(index) == 0:
                return Reason("name_paid", said)
        total = sum(self._open(i) for i in unique)
        if total != amount:
            code = "name_amount_differs" if len(unique) == 1 else "group_amount_differs"
            return Reason(code, {"named": self._named(chosen), "amount": amount, "open": total})
        return None

    def _unexplained_text(
        self, chosen: list[_Match], text: Text, communication: str
    ) -> Reason | None:
        """Booking on the payer's name alone: the communication must say nothing else than that
        it is a registration, for which training (city, venue, date, title) and for whom (the
        payer's own name). Another name ("Mraie Claes" typed by a partner whose own name is
        registered too) or another subject ("bestelling boek") goes to a person."""
        ours: set[str] = set()
        allowed: set[str] = set(REGISTRATION_WORDS)
        for head in chosen:
            person = head.person
            ours.update(person.first_parts, person.surname_parts)
            ours.update({person.first_joined, person.surname_joined} - {""})
            context = self._trainings[self._training_of[head.index]]
            allowed.update(word for place in context.places for word in place.split())
            allowed.update(context.venue_words)
            allowed.update(name_tokens(self._training_facts[self._training_of[head.index]][0]))
        explained = {
            position
            for word, word_hits in text.hits.items()
            if word in ours
            for start, end, _quality in word_hits
            for position in range(start, end + 1)
        }
        for position, written in enumerate(text.tokens):
            if position in explained or len(written) == 1:
                continue
            if written in allowed or (written == "st" and "sint" in allowed):
                continue
            if any(ch.isdigit() for ch in written) or written in MONTHS:
                continue
            typed = as_written(written, communication)
            if written in self._surname_people or any(
                word in self._surname_people for word in text.at[position]
            ):
                said = {"named": self._named(chosen), "word": typed or written.title()}
                return Reason("payer_other_name", said)
            said = {"named": self._named(chosen), "word": typed or written}
            return Reason("payer_other_subject", said)
        return None

    def _named(self, chosen: list[_Match]) -> list[Params]:
        """Each registration of `chosen` with the name read, once."""
        named = {(m.index, m.person.display): m for m in chosen}
        return [self._registration(m.index, m.person) for m in named.values()]

    def _book_by_name(self, chosen: list[_Match], amount: int) -> Decision:
        unique: dict[int, _Match] = {}
        for head in chosen:
            unique.setdefault(head.index, head)
        bookings = []
        for index in unique:
            open_cents = self._open(index)
            self._paid[index] += open_cents
            bookings.append(Booking(self._ids[index], open_cents))
        heads = list(unique.values())
        if len(heads) == 1:
            head = heads[0]
            said = {
                "evidence": list(head.evidence),
                "registration": self._registration(head.index, head.person),
                "amount": amount,
            }
            reason = Reason("name_paid_exactly", said)
        else:
            said = {
                "amount": amount,
                "registrations": [self._registration(m.index, m.person) for m in heads],
            }
            reason = Reason("group_paid_exactly", said)
        return Decision(MATCHED, tuple(bookings), reason, RULE_NAME)

    def _weak_reason(self, matches: list[_Match]) -> Reason:
        if any(m.first_quality > 0 for m in matches):
            return Reason("name_uncertain", {})
        if matches:
            return Reason("surname_only", {})
        return Reason("organisation_only", {})

    # Reading names ------------------------------------------------------------------------

    def _name_matches(self, fields: tuple[Text, Text], scope: _Scope) -> list[_Match]:
        """Candidates named in the transfer, read at their best per field, best first.

        Bounded work per transfer however common a name is: people are looked up by surname plus
        the first name (or initial) written next to it, and of the registrations of one person
        only the best placed few are weighed (those of trainings the text mentions first). Of
        everyone sharing only a surname, a few best placed namesakes are added where a named
        person is read (they are the rivals), and fewer elsewhere (suggestions only)."""
        best: dict[tuple[int, int, int], _Match] = {}
        trainings = self._mentioned(scope)
        for field_index, text in enumerate(fields):
            people: dict[int, tuple[float, float, float, frozenset[int]]] = {}
            surnames: list[tuple[Surname, frozenset[int], float]] = []
            for word, word_hits in text.hits.items():
                surname = self._surname(word)
                if surname is None:
                    continue
                for start, end, quality in word_hits:
                    surnames.append((surname, frozenset(range(start, end + 1)), quality))
                    for person_id in sorted(self._people_next_to(surname, text, start, end)):
                        if person_id not in people:
                            reading = read_person(self._persons[person_id], text)
                            if reading is not None and reading[2] > 0:
                                people[person_id] = reading
            named: list[frozenset[int]] = []
            for person_id, (_name, surname_q, first_q, span) in people.items():
                person = self._persons[person_id]
                named.append(span)
                for index in _sample_indexes(self._by_training(person_id), trainings):
                    self._keep(
                        best,
                        person_id,
                        self._match(index, person, field_index, span, surname_q, first_q, scope),
                    )
            for surname, span, quality in surnames:
                # Rivals of a named person: namesakes in mentioned trainings first (they may be
                # placed better), then any (only a surname written exactly can do better then).
                # Elsewhere a couple of exact namesakes, as suggestions.
                exact = quality >= 1 - _EPSILON
                if any(span & other for other in named):
                    size = NAMESAKES if exact else NAMESAKES // 2
                elif exact:
                    size = NAMESAKES // 2
                else:
                    continue
                for index, person_id in _sample(surname.by_training, trainings, size, exact):
                    person = self._persons[person_id]
                    self._keep(
                        best,
                        person_id,
                        self._match(index, person, field_index, span, quality, 0, scope),
                    )
        return sorted(
            best.values(),
            key=lambda m: (
                -m.identity,
                m.inactive,
                -m.rank,
                self._ids[m.index],
                m.field,
            ),
        )

    @staticmethod
    def _keep(best: dict[tuple[int, int, int], _Match], person_id: int, match: _Match) -> None:
        key = (match.index, match.field, person_id)
        current = best.get(key)
        if current is None or (match.identity, match.rank) > (current.identity, current.rank):
            best[key] = match

    def _people_next_to(self, surname: Surname, text: Text, start: int, end: int) -> set[int]:
        """The carriers of the surname whose first name or initial stands next to it."""
        found: set[int] = set()
        positions = beside(text.tokens, start, end)
        if surname.by_first is None or surname.by_initial is None:
            beside_words = [(text.at[p].keys(), text.tokens[p]) for p in positions]
            for person_id in surname.people:
                person = self._persons[person_id]
                for words, token in beside_words:
                    if (
                        not words.isdisjoint(person.first_parts)
                        or person.first_joined in words  # never "": words have two letters
                        or (token == person.initial and len(token) == 1)
                    ):
                        found.add(person_id)
                        break
            return found
        for position in positions:
            for word in text.at[position]:
                _found_add(found, surname.by_first.get(word))
            token = text.tokens[position]
            if len(token) == 1:
                _found_add(found, surname.by_initial.get(token))
        return found

    def _match(
        self,
        index: int,
        person: Person,
        field_index: int,
        span: frozenset[int],
        surname_q: float,
        first_q: float,
        scope: _Scope,
    ) -> _Match:
        training = self._training_of[index]
        context, found = self._training_evidence(training, scope)
        identity = W_SURNAME * surname_q + W_FIRST * first_q + context
        rank = identity
        if self._open(index) == scope.amount:
            rank += W_AMOUNT
        if self._organisation_evidence(index, scope):
            rank += W_ORGANISATION
            found = (*found, _BY_ORGANISATION)
        return _Match(
            index=index,
            person=person,
            field=field_index,
            span=span,
            surname_quality=surname_q,
            first_quality=first_q,
            identity=identity,
            rank=min(max(rank, 0.0), 1.0),
            found=found,
            inactive=self._statuses[index] in INACTIVE,
            training=training,
        )

    def _evidence(self, tokens: list[str], payer: str) -> TextEvidence:
        """What the communication says about a training: places, words, dates."""
        words = [("sint" if t == "st" else t) for t in tokens]
        places: set[str] = set()
        for width in (1, 2, 3):
            for start in range(len(words) - width + 1):
                if start > 0 and words[start - 1] == "van":
                    continue  # "Van Gent" is a name
                phrase = " ".join(words[start : start + width])
                if phrase in self._trainings_by_place:
                    places.add(phrase)
        days, dated = dates_in(tokens)
        return TextEvidence(
            places=frozenset(places),
            words=frozenset(words),
            days=days,
            dated=dated,
            payer_organisation=organisation_key(payer),
        )

    def _mentioned(self, scope: _Scope) -> dict[int, int]:
        """The mentioned trainings, each with its place (best first), kept per import by what
        their scores read: many transfers name the same city or date."""
        evidence = scope.evidence
        venue_words = self._trainings_by_venue_word
        key = (
            evidence.places,
            evidence.days,
            evidence.dated,
            frozenset(word for word in evidence.words if word in venue_words),
        )
        mentioned = self._mentioned_cache.get(key)
        if mentioned is None:
            trainings = self._mentioned_trainings(scope)
            mentioned = self._mentioned_cache[key] = {t: place for place, t in enumerate(trainings)}
        return mentioned

    def _mentioned_trainings(self, scope: _Scope) -> list[int]:
        """Trainings whose city, venue or a session date the communication mentions, best
        first."""
        evidence = scope.evidence
        found: set[int] = set()
        for place in evidence.places:
            found.update(self._trainings_by_place[place])
        for day in evidence.days:
            found.update(self._trainings_by_day.get(day, ()))
        for word in evidence.words:
            found.update(self._trainings_by_venue_word.get(word, ()))
        scored = [(self._training_evidence(t, scope)[0], t) for t in found]
        return [t for score, t in sorted(scored, key=lambda st: (-st[0], st[1])) if score > 0]

    def _training_evidence(
        self, training: int, scope: _Scope
    ) -> tuple[float, tuple[Evidence, ...]]:
        """How much the communication says about a training: its city, venue or a session date
        (or another training city, which counts against it)."""
        cached = scope.by_training.get(training)
        if cached is not None:
            return cached
        context = self._trainings[training]
        evidence = scope.evidence
        found: list[Evidence] = []
        score = 0.0
        if context.places & evidence.places:
            score += W_CITY
            found.append(("city", context.city))
        elif evidence.places and context.places:
            score -= CITY_CONFLICT
        if context.venue_words & evidence.words:
            score += W_VENUE
            found.append(("venue", context.venue))
        if context.days & evidence.days and not any(
            (d, m) in context.days and (d, m, y) not in context.dates for d, m, y in evidence.dated
        ):
            score += W_DATE
            found.append(("date", ""))
        result = (score, tuple(found))
        scope.by_training[training] = result
        return result

    def _organisation_evidence(self, index: int, scope: _Scope) -> bool:
        """The payer is the registration's organisation (an employer paying)."""
        organisation_id = self._organisation_of[index]
        cached = scope.by_organisation.get(organisation_id)
        if cached is None:
            ours, payer = self._organisations[organisation_id], scope.evidence.payer_organisation
            cached = bool(ours and payer) and (
                ours == payer
                or (min(len(ours), len(payer)) >= 6 and (ours in payer or payer in ours))
            )
            scope.by_organisation[organisation_id] = cached
        return cached

    def _suggestions(self, matches: list[_Match], scope: _Scope) -> tuple[Suggestion, ...]:
        """The best candidates for the review queue, best first, each with why."""
        ranked: dict[int, tuple[float, tuple[Evidence, ...]]] = {}
        for match in matches:
            current = ranked.get(match.index)
            if current is None or current[0] < match.rank:
                ranked[match.index] = (match.rank, match.evidence)
        payer_organisation = scope.evidence.payer_organisation
        if payer_organisation and len(ranked) < MAX_SUGGESTIONS:
            for index in self._by_organisation.get(payer_organisation, ()):
                if index in ranked or self._statuses[index] not in BOOKABLE:
                    continue
                if self._open(index) == 0:
                    continue
                context, found = self._training_evidence(self._training_of[index], scope)
                score = W_ORGANISATION + context
                if self._open(index) == scope.amount:
                    score += W_AMOUNT
                ranked[index] = (min(max(score, 0.0), 1.0), (_BY_ORGANISATION, *found))
        order = sorted(
            ranked.items(),
            key=lambda item: (-item[1][0], self._ids[item[0]]),
        )
        return tuple(
            Suggestion(
                self._ids[index],
                round(score, 3),
                self._suggestion_reason(index, found, scope.amount),
            )
            for index, (score, found) in order[:MAX_SUGGESTIONS]
        )

    def _suggestion_reason(self, index: int, found: Sequence[Evidence], amount: int) -> Reason:
        status = self._statuses[index]
        open_cents = self._open(index)
        if status in INACTIVE:
            money = "inactive"
        elif status not in BOOKABLE:
            money = "waiting"
        elif open_cents == 0:
            money = "paid"
        elif open_cents == amount:
            money = "exact"
        else:
            money = "open"
        said = {
            "registration": self._registration(index, where=True),
            "evidence": list(found),
            "money": money,
            "open": open_cents,
        }
        return Reason("suggested_several" if len(found) > 1 else "suggested", said)

    # Helpers --------------------------------------------------------------------------------

    def _open(self, index: int) -> int:
        return max(self._due[index] - self._paid[index], 0)

    def booked(self) -> Booked:
        """The registrations this matcher booked on (every booking is above zero)."""
        paid, loaded = self._paid, self._paid_loaded
        booked = array(
            _INDEX, (index for index in range(len(paid)) if paid[index] != loaded[index])
        )
        ids = array("q", map(self._ids.__getitem__, booked))
        if any(map(int.__gt__, ids, ids[1:])):  # candidates given out of id order
            order = sorted(range(len(ids)), key=ids.__getitem__)
            booked = array(_INDEX, map(booked.__getitem__, order))
            ids = array("q", map(self._ids.__getitem__, booked))
        return Booked(
            ids,
            array("q", map(loaded.__getitem__, booked)),
            list(map(self._statuses.__getitem__, booked)),
            self._codes.taken(booked),
        )

    def _registration(
        self, index: int, person: Person | None = None, *, where: bool = False
    ) -> dict[str, str]:
        """A registration as a reason names it: its code and the name read (or the registrant),
        with `where` also the training's city and first day ("EK7KX3P9 (Marie Claes, Gent
        02/02)")."""
        name = person.display if person is not None else " ".join(self._registrants[index].split())
        said = {"code": self._codes[index], "name": name}
        if where:
            _title, city, _venue, session_dates = self._training_facts[self._training_of[index]]
            said["city"] = city
            first_day = min(session_dates, default=None)
            if first_day:
                said["date"] = first_day.isoformat()
        return said

    def _registrations(self, indexes: Iterable[int]) -> list[dict[str, str]]:
        return [self._registration(index) for index in indexes]


class _SortedIndex:
    """Key -> candidate index, the last one added where keys repeat (as a dict would keep):
    two sorted arrays, for the OGMs and codes of every candidate of an import, where a dict
    holds an object per key and per index."""

    def __init__(self, keys: Sequence, indexes: array[int]) -> None:
        order = sorted(range(len(keys)), key=keys.__getitem__)  # stable: repeats in order added
        self._keys = (
            array(keys.typecode, map(keys.__getitem__, order))
            if isinstance(keys, array)
            else [keys[i] for i in order]
        )
        self._indexes = array(_INDEX, map(indexes.__getitem__, order))

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, key: int | str) -> int | None:
        at = bisect_right(self._keys, key) - 1
        if at >= 0 and self._keys[at] == key:
            return self._indexes[at]
        return None


def _code_number(code: str) -> int | None:
    """A compact code ("EK7KX3P9") as a number, base 36 behind a leading 1 (so that "0A" and
    "A" differ); None for one that does not fit 64 bits or is not ASCII letters and digits."""
    if len(code) <= MAX_CODE_NUMBER_LENGTH and code.isascii() and code.isalnum():
        return int("1" + code, 36)
    return None


def _rival_identity(head: _Match, rival: _Match) -> float:
    """A namesake found by surname only, in a communication that writes another first name next
    to that surname, is contradicted by it."""
    if rival.field == 1 and rival.first_quality <= 0 < head.first_quality:
        return rival.identity - CONTRADICTED
    return rival.identity


def _contests(matches: list[_Match]) -> list[_Contest]:
    """Each named person in the transfer: the best reading of some words (matches come best
    first) and everything else read from any of the same words."""
    contests: list[_Contest] = []
    taken: list[tuple[int, frozenset[int]]] = []
    for match in matches:
        if any(field == match.field and span & match.span for field, span in taken):
            continue
        taken.append((match.field, match.span))
        rivals = [
            other
            for other in matches
            if other.field == match.field
            and other.index != match.index
            and other.span & match.span
            and not _superseded(other, match)
        ]
        rival = max(rivals, key=lambda m: _rival_identity(match, m), default=None)
        contests.append(_Contest(match, rival, [match, *rivals]))
    return contests


def _superseded(other: _Match, head: _Match) -> bool:
    """A cancelled or expired registration of the same person for the same training is the
    old attempt of someone who registered again, not a rival."""
    return (
        other.inactive
        and not head.inactive
        and other.person.key == head.person.key
        and other.training == head.training
    )


def _sample(
    by_training: PairsByTraining,
    mentioned: dict[int, int],
    size: int,
    anywhere: bool,
) -> list[tuple[int, int]]:
    """Up to `size` (candidate index, person id) pairs of `by_training` (which keeps them flat):
    those of the mentioned trainings first (in their order), then, `anywhere`, of the others in
    index order."""
    chosen: list[int] = []
    limit = 2 * size
    trainings = by_training.trainings
    for training in _in_order(trainings, mentioned):
        chosen.extend(by_training.pairs(trainings.index(training)))
        if len(chosen) >= limit:
            del chosen[limit:]
            return list(zip(chosen[::2], chosen[1::2], strict=True))
    if anywhere:
        for at, training in enumerate(trainings):
            if training not in mentioned:
                chosen.extend(by_training.pairs(at)[: limit - len(chosen)])
            if len(chosen) >= limit:
                break
    return list(zip(chosen[::2], chosen[1::2], strict=True))


def _add_id(index: dict[str, int | list[int]], key: str, person_id: int) -> None:
    """One more person id under `key`: an int while it is the only one (most are), a list after
    (an import holds these for every surname it reads)."""
    known = index.get(key)
    if known is None:
        index[key] = person_id
    elif isinstance(known, int):
        index[key] = [known, person_id]
    else:
        known.append(person_id)


def _found_add(found: set[int], ids: int | list[int] | None) -> None:
    if ids is None:
        return
    if isinstance(ids, int):
        found.add(ids)
    else:
        found.update(ids)


def _sample_indexes(by_training: dict[int, list[int]], mentioned: dict[int, int]) -> list[int]:
    chosen: list[int] = []
    for training in _in_order(by_training, mentioned):
        chosen.extend(by_training[training])
        if len(chosen) >= SAMPLE:
            return chosen
    for training, indexes in by_training.items():
        if training not in mentioned:
            chosen.extend(indexes[: SAMPLE - len(chosen)])
        if len(chosen) >= SAMPLE:
            break
    return chosen


def _in_order(
    by_training: dict[int, list[int]] | array[int], mentioned: dict[int, int]
) -> list[int]:
    """The mentioned trainings (training -> place, best first) found in `by_training`, best
    first: whichever of the two is smaller is walked (a city can mention dozens of trainings,
    a person has one or two)."""
    if len(by_training) < len(mentioned):
        found = [t for t in by_training if t in mentioned]
        if len(found) > 1:  # mostly none or one: the sort's set-up would cost more than it does
            found.sort(key=mentioned.__getitem__)
        return found
    return [t for t in mentioned if t in by_training]
