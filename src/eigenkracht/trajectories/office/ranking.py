"""The coordinators for one trajectory, ranked by fit, with the reasons in words."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.trajectories.matching import Candidate, MatchRequest, Ranked, rank
from eigenkracht.trajectories.models import Coordinator, Language, Trajectory
from eigenkracht.trajectories.regions import PROVINCES, province_of
from eigenkracht.volunteers.duties import Facts, facts_for
from eigenkracht.volunteers.models import WEEKDAYS


@dataclass(frozen=True)
class RankedCoordinator:
    coordinator: Coordinator
    eligible: bool
    reasons: list[str]
    objections: list[str]
    facts: Facts

    @property
    def day_names(self) -> str:
        """The preferred days, shown whether or not the office asked for days."""
        return day_names(self.facts.preferred_days)


def day_names(days: tuple[int, ...] | list[int]) -> str:
    names = dict(WEEKDAYS)
    return ", ".join(str(names[d]) for d in sorted(days) if d in names)


def _explain(ranked: Ranked, trajectory: Trajectory, facts: Facts) -> tuple[list[str], list[str]]:
    c = ranked.candidate
    language = str(Language(trajectory.wish_language).label) if trajectory.wish_language else ""
    province = PROVINCES.get(province_of(trajectory.postcode) or "", "")
    room = c.max_trajectories - c.active_trajectories
    words = {
        "language": _("spreekt %(language)s, zoals gevraagd") % {"language": language.lower()},
        "gender": _("%(gender)s, zoals gevraagd")
        % {"gender": trajectory.get_wish_gender_display()},
        "background": _("achtergrond past bij de wens: %(background)s")
        % {"background": c.background},
        "postcode": _("werkt in postcode %(postcode)s") % {"postcode": trajectory.postcode},
        "province": _("werkt in %(province)s") % {"province": province},
        "room": _("nog plaats voor %(room)s (%(active)s van %(max)s trajecten)")
        % {"room": room, "active": c.active_trajectories, "max": c.max_trajectories},
        "days": _("kan op %(days)s") % {"days": day_names(c.days)},
        "trained": _("basisopleiding afgerond"),
    }
    objections = {
        "language": _("spreekt geen %(language)s") % {"language": language.lower()},
        "gender": _("niet het gevraagde geslacht"),
        "region": _("werkt niet in deze regio"),
        "unavailable": _("afwezig tot %(date)s") % {"date": facts.away_until.strftime("%d/%m/%Y")}
        if facts.away_until
        else _("niet beschikbaar"),
        "days": _("niet op de gevraagde dagen (%(days)s)") % {"days": day_names(c.days)}
        if c.days
        else _("niet op de gevraagde dagen"),
        "untrained": _("basisopleiding niet afgerond"),
        "duties": _("kan geen nieuw traject krijgen: %(problems)s")
        % {"problems": ", ".join(facts.duty_problems)},
        "full": _("volzet (%(active)s van %(max)s trajecten)")
        % {"active": c.active_trajectories, "max": c.max_trajectories},
    }
    return [words[r] for r in ranked.reasons], [objections[o] for o in ranked.objections]


def ranked_coordinators(
    trajectory: Trajectory,
    coordinators: list[Coordinator],
    *,
    only_trained: bool = False,
    days: tuple[int, ...] = (),
) -> list[RankedCoordinator]:
    """`coordinators` must carry `active_count` (see selectors.coordinators_with_load). `days`:
    the weekdays the office asks for; `only_trained` leaves out who did not finish the basic
    training."""
    today = timezone.localdate()
    facts = facts_for(coordinators, today=today)
    if only_trained:
        coordinators = [c for c in coordinators if facts[c.pk].trained]
    by_id = {c.pk: c for c in coordinators}
    request = MatchRequest(
        postcode=trajectory.postcode,
        language=trajectory.wish_language,
        gender=trajectory.wish_gender,
        background=trajectory.wish_background,
        days=days,
    )
    candidates = [
        Candidate(
            id=c.pk,
            name=str(c),
            languages=tuple(c.languages),
            gender=c.gender,
            background=c.background,
            provinces=tuple(c.provinces),
            postcodes=tuple(c.postcodes),
            available=c.available
            and not (c.unavailable_until and c.unavailable_until >= today)
            and facts[c.pk].away_until is None
            and c.pk != trajectory.coordinator_id,
            active_trajectories=c.active_count,
            max_trajectories=c.max_trajectories,
            trained=facts[c.pk].trained,
            duties_met=not facts[c.pk].duty_problems,
            days=facts[c.pk].preferred_days,
        )
        for c in coordinators
    ]
    rows = []
    for ranked in rank(request, candidates):
        row_facts = facts[ranked.candidate.id]
        reasons, objections = _explain(ranked, trajectory, row_facts)
        rows.append(
            RankedCoordinator(
                by_id[ranked.candidate.id], ranked.eligible, reasons, objections, row_facts
            )
        )
    return rows
