"""The coordinators for one trajectory, ranked by fit, with the reasons in words."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.trajectories.matching import Candidate, MatchRequest, Ranked, rank
from eigenkracht.trajectories.models import Coordinator, Language, Trajectory
from eigenkracht.trajectories.regions import PROVINCES, province_of


@dataclass(frozen=True)
class RankedCoordinator:
    coordinator: Coordinator
    eligible: bool
    reasons: list[str]
    objections: list[str]


def _explain(ranked: Ranked, trajectory: Trajectory) -> tuple[list[str], list[str]]:
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
    }
    objections = {
        "language": _("spreekt geen %(language)s") % {"language": language.lower()},
        "gender": _("niet het gevraagde geslacht"),
        "region": _("werkt niet in deze regio"),
        "unavailable": _("niet beschikbaar"),
        "full": _("volzet (%(active)s van %(max)s trajecten)")
        % {"active": c.active_trajectories, "max": c.max_trajectories},
    }
    return [words[r] for r in ranked.reasons], [objections[o] for o in ranked.objections]


def ranked_coordinators(
    trajectory: Trajectory, coordinators: list[Coordinator]
) -> list[RankedCoordinator]:
    """`coordinators` must carry `active_count` (see selectors.coordinators_with_load)."""
    by_id = {c.pk: c for c in coordinators}
    today = timezone.localdate()
    request = MatchRequest(
        postcode=trajectory.postcode,
        language=trajectory.wish_language,
        gender=trajectory.wish_gender,
        background=trajectory.wish_background,
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
            and c.pk != trajectory.coordinator_id,
            active_trajectories=c.active_count,
            max_trajectories=c.max_trajectories,
        )
        for c in coordinators
    ]
    rows = []
    for ranked in rank(request, candidates):
        reasons, objections = _explain(ranked, trajectory)
        rows.append(
            RankedCoordinator(by_id[ranked.candidate.id], ranked.eligible, reasons, objections)
        )
    return rows
