"""Reads for the network map: the members with their attendance, the snapshots, and the growth
figure of the office overview. Each costs a fixed number of queries, whatever the number of
members or trajectories."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Exists, F, OuterRef, QuerySet, Subquery

from eigenkracht.network.models import NetworkMember, NetworkSnapshot
from eigenkracht.trajectories.models import Conference, ConferenceAttendance, Trajectory


def attended_participant_ids(trajectory: Trajectory) -> set[int]:
    """The participants who were at the (main) Eigen Kracht-conference, for any part of it."""
    return set(
        ConferenceAttendance.objects.filter(
            conference__trajectory=trajectory, conference__kind=Conference.Kind.CONFERENCE
        ).values_list("participant_id", flat=True)
    )


def map_members(trajectory: Trajectory) -> list[NetworkMember]:
    """The trajectory's members, each with `attended` (was at the conference), in one query."""
    was_there = ConferenceAttendance.objects.filter(
        participant_id=OuterRef("participant_id"), conference__kind=Conference.Kind.CONFERENCE
    )
    return list(
        NetworkMember.objects.filter(trajectory=trajectory)
        .annotate(attended=Exists(was_there))
        .order_by("id")
    )


def snapshot_row(member: NetworkMember, *, attended: bool) -> dict[str, Any]:
    """A member as a snapshot keeps them."""
    return {
        "id": member.pk,
        "name": member.name,
        "sector": member.sector,
        "ring": member.ring,
        "tie": member.tie,
        "attended": bool(attended),
        "role": member.role,
        "domains": list(member.domains),
    }


def snapshots_for(trajectory: Trajectory) -> QuerySet[NetworkSnapshot]:
    """The list of a trajectory's snapshots, without their (possibly long) member data."""
    return (
        NetworkSnapshot.objects.filter(trajectory=trajectory)
        .select_related("taken_by")
        .defer("data")
        .order_by("taken_at", "id")
    )


@dataclass(frozen=True)
class Growth:
    trajectories: int
    at_intake: float
    at_close: float

    @property
    def average(self) -> float:
        return self.at_close - self.at_intake


def average_growth() -> Growth | None:
    """Over the closed trajectories with a snapshot at the intake and one at closure: the
    average number of people on the map at both moments. One query."""
    snapshots = NetworkSnapshot.objects.filter(trajectory=OuterRef("pk"))
    first_at_intake = (
        snapshots.filter(reason=NetworkSnapshot.Reason.INTAKE)
        .order_by("taken_at", "id")
        .values("member_count")[:1]
    )
    last_at_close = (
        snapshots.filter(reason=NetworkSnapshot.Reason.CLOSED)
        .order_by("-taken_at", "-id")
        .values("member_count")[:1]
    )
    figures = (
        Trajectory.objects.filter(status=Trajectory.Status.CLOSED)
        .annotate(at_intake=Subquery(first_at_intake), at_close=Subquery(last_at_close))
        .filter(at_intake__isnull=False, at_close__isnull=False)
        .aggregate(
            count=Count("id"),
            average_at_intake=Avg(F("at_intake")),
            average_at_close=Avg(F("at_close")),
        )
    )
    if not figures["count"]:
        return None
    return Growth(
        trajectories=figures["count"],
        at_intake=float(figures["average_at_intake"]),
        at_close=float(figures["average_at_close"]),
    )
