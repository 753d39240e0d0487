"""Rank coordinators for a trajectory by fit, with the reasons. Pure: no Django.

Requested language and gender weigh most (the family asked for them), then the region, then how
much room a coordinator has left, then the days the office asks for. Coordinators who are
unavailable, full or whose legal duties are not met stay in the list, last, so the office sees why
they are not proposed.
"""

from dataclasses import dataclass, field

from eigenkracht.trajectories.regions import province_of


@dataclass(frozen=True)
class MatchRequest:
    postcode: str = ""
    language: str = ""
    gender: str = ""
    background: str = ""
    days: tuple[int, ...] = ()  # weekdays (0 is Monday) the office would like


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    languages: tuple[str, ...] = ()
    gender: str = ""
    background: str = ""
    provinces: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    available: bool = True
    active_trajectories: int = 0
    max_trajectories: int = 2
    # None: not known (no basic-training modules to compare with).
    trained: bool | None = None
    duties_met: bool = True
    days: tuple[int, ...] = ()


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: int
    eligible: bool
    reasons: tuple[str, ...] = field(default=())
    objections: tuple[str, ...] = field(default=())


def _words(text: str) -> set[str]:
    return {
        w for w in "".join(c if c.isalnum() else " " for c in text.lower()).split() if len(w) > 2
    }


def rank(request: MatchRequest, candidates: list[Candidate]) -> list[Ranked]:
    province = province_of(request.postcode)
    ranked = []
    for c in candidates:
        score = 0
        reasons: list[str] = []
        objections: list[str] = []
        if request.language:
            if request.language in c.languages:
                score += 30
                reasons.append("language")
            else:
                objections.append("language")
        if request.gender:
            if c.gender == request.gender:
                score += 20
                reasons.append("gender")
            else:
                objections.append("gender")
        if request.background and _words(request.background) & _words(c.background):
            score += 10
            reasons.append("background")
        if request.postcode and request.postcode in c.postcodes:
            score += 15
            reasons.append("postcode")
        elif province and province in c.provinces:
            score += 10
            reasons.append("province")
        elif request.postcode:
            objections.append("region")
        if request.days:
            if set(request.days) & set(c.days):
                score += 5
                reasons.append("days")
            else:
                objections.append("days")
        if c.trained is True:
            reasons.append("trained")
        elif c.trained is False:
            objections.append("untrained")
        room = c.max_trajectories - c.active_trajectories
        score += 5 * max(room, 0)
        eligible = c.available and room > 0 and c.duties_met
        if not c.duties_met:
            objections.append("duties")
        if not c.available:
            objections.append("unavailable")
        elif room <= 0:
            objections.append("full")
        else:
            reasons.append("room")
        ranked.append(Ranked(c, score, eligible, tuple(reasons), tuple(objections)))
    return sorted(
        ranked, key=lambda r: (not r.eligible, -r.score, r.candidate.name, r.candidate.id)
    )
