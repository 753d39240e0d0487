"""Every change to a network map: members added one by one or as a pasted list, sorted, moved
and removed; the participants kept in sync; snapshots taken. Each change locks the trajectory,
refuses when it is finished and is written on the trajectory's timeline and in the audit log,
in one transaction.

The hooks in `trajectories.services` call `participant_sync`, `snapshot_take` and
`conference_snapshot` inside their own transaction (the trajectory is locked there already). This
module builds on `trajectories.timeline`, never on the trajectories' services, which import it.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import actor_or_none
from eigenkracht.core.refusals import Refused
from eigenkracht.network.models import (
    NetworkMember,
    NetworkSnapshot,
    Ring,
    Sector,
    Tie,
    place_label,
)
from eigenkracht.network.selectors import attended_participant_ids, snapshot_row
from eigenkracht.trajectories.models import Domain, Participant, Trajectory
from eigenkracht.trajectories.timeline import trajectory_change_begin, trajectory_event_record

R = Participant.Role
# The main people are the centre of the map; an interpreter is not part of the network.
NOT_ON_MAP = frozenset({R.MAIN_PERSON, R.INTERPRETER})
# Where a participant first goes on the map, by role; the coordinator may move them afterwards.
ROLE_PLACES: dict[str, tuple[str, str]] = {
    R.CHILD: (Sector.FAMILY, Ring.CLOSE),
    R.FAMILY: (Sector.FAMILY, Ring.CLOSE),
    R.FRIEND: (Sector.FRIENDS, Ring.MIDDLE),
    R.PROFESSIONAL: (Sector.PROFESSIONALS, Ring.FAR),
    R.CONFIDANT: (Sector.FRIENDS, Ring.MIDDLE),
}
MAX_PASTE_LINES = 100
NAME_LENGTH = NetworkMember._meta.get_field("name").max_length
# "- Els", "* Els", "• Els", "1. Els", "2) Els": list marks from a pasted list are not names.
LIST_MARK = re.compile(r"^\s*(?:[-*\u2022\u00b7\u2013]|\d{1,3}[.)])\s+")


class NetworkRefused(Refused):
    """The change is refused; the message is meant for the user."""


def clean_name(name: str) -> str:
    return " ".join(name.split())


def _check_place(sector: str, ring: str, tie: str) -> None:
    if sector not in {"", *Sector.values}:
        raise NetworkRefused(_("Kies een sector uit de lijst."))
    if ring not in {"", *Ring.values}:
        raise NetworkRefused(_("Kies dichtbij, tussenin of veraf."))
    if tie not in Tie.values:
        raise NetworkRefused(_("Kies een sterke, zwakke of belastende band."))


def _check_name(name: str) -> str:
    name = clean_name(name)
    if not name:
        raise NetworkRefused(_("Vul de naam in."))
    if len(name) > NAME_LENGTH:
        raise NetworkRefused(_("Een naam is hoogstens %(max)s tekens lang.") % {"max": NAME_LENGTH})
    return name


def clean_domains(domains: Iterable[str]) -> list[str]:
    """Known domain codes only, once each, in the order of the domain list."""
    chosen = set(domains)
    return [code for code in Domain.values if code in chosen]


def _begin(trajectory: Trajectory) -> None:
    trajectory_change_begin(trajectory)


def _record(
    trajectory: Trajectory,
    *,
    actor: User | None,
    action: str,
    description: str,
    ip_address: str | None,
    data: dict[str, Any] | None = None,
) -> None:
    trajectory_event_record(
        trajectory,
        actor=actor,
        action=f"network.{action}",
        description=description,
        ip_address=ip_address,
        data=data,
    )


# Participants ------------------------------------------------------------------------------------


def _member_of(participant: Participant) -> NetworkMember | None:
    try:
        return participant.network_member
    except NetworkMember.DoesNotExist:
        return None


def _synced(
    participant: Participant, member: NetworkMember | None
) -> tuple[str, NetworkMember | None]:
    """What keeping `member` in step with `participant` takes: ("create" | "update" |
    "delete" | "", the member)."""
    if participant.role in NOT_ON_MAP:
        return ("delete" if member is not None else "", member)
    if member is None:
        sector, ring = ROLE_PLACES.get(participant.role, ("", ""))
        return "create", NetworkMember(
            trajectory_id=participant.trajectory_id,
            participant=participant,
            name=clean_name(participant.name)[:NAME_LENGTH],
            role=participant.role,
            sector=sector,
            ring=ring,
        )
    changed = False
    name = clean_name(participant.name)[:NAME_LENGTH]
    if member.name != name:
        member.name = name
        changed = True
    if member.role != participant.role:
        # Still where the old role put them: follow the new role. Moved by hand: stay.
        if (member.sector, member.ring) == ROLE_PLACES.get(member.role):
            member.sector, member.ring = ROLE_PLACES.get(participant.role, ("", ""))
        member.role = participant.role
        changed = True
    return ("update", member) if changed else ("", member)


def participant_sync(*, participant: Participant) -> None:
    """After a participant was saved: their member is created, renamed, or (when they became a
    main person or an interpreter) taken off the map."""
    # Read afresh: the participant may carry a copy of their member from before.
    current = NetworkMember.objects.filter(participant=participant).first()
    change, member = _synced(participant, current)
    if change == "create":
        member.save()
    elif change == "update":
        member.save(update_fields=["name", "role", "sector", "ring", "updated_at"])
    elif change == "delete":
        member.delete()


def participants_sync(
    *, trajectory: Trajectory, participants: Iterable[Participant] | None = None
) -> int:
    """Every participant of the trajectory on the map (also those written without the services:
    older trajectories, imports). Idempotent; a few queries whatever the number of people.
    `participants` may be given with `network_member` selected already."""
    if participants is None:
        participants = trajectory.participants.select_related("network_member")
    changes: dict[str, list[NetworkMember]] = {"create": [], "update": [], "delete": []}
    for participant in participants:
        change, member = _synced(participant, _member_of(participant))
        if change:
            changes[change].append(member)
    if changes["create"]:
        # Two requests may sync at the same time: the second one's rows are simply skipped.
        NetworkMember.objects.bulk_create(changes["create"], ignore_conflicts=True)
    if changes["update"]:
        for member in changes["update"]:
            member.updated_at = timezone.now()
        NetworkMember.objects.bulk_update(
            changes["update"], ["name", "role", "sector", "ring", "updated_at"]
        )
    if changes["delete"]:
        NetworkMember.objects.filter(pk__in=[m.pk for m in changes["delete"]]).delete()
    return sum(len(members) for members in changes.values())


# Members -----------------------------------------------------------------------------------------


def _locked(member: NetworkMember) -> NetworkMember:
    """The member's row, locked; refused when someone else removed them in the meantime."""
    locked = NetworkMember.objects.select_for_update().filter(pk=member.pk).first()
    if locked is None:
        raise NetworkRefused(
            _("%(name)s staat intussen niet meer op de kaart.") % {"name": member.name}
        )
    return locked


def member_add(
    *,
    trajectory: Trajectory,
    name: str,
    sector: str = "",
    ring: str = "",
    tie: str = Tie.STRONG,
    domains: Iterable[str] = (),
    actor: User | None,
    ip_address: str | None = None,
) -> NetworkMember:
    name = _check_name(name)
    _check_place(sector, ring, tie)
    with transaction.atomic():
        _begin(trajectory)
        member = NetworkMember.objects.create(
            trajectory=trajectory,
            name=name,
            sector=sector,
            ring=ring,
            tie=tie,
            domains=clean_domains(domains),
        )
        _record(
            trajectory,
            actor=actor,
            action="member_add",
            description=_("Netwerkkaart: %(name)s toegevoegd (%(place)s)")
            % {"name": name, "place": place_label(sector, ring)},
            ip_address=ip_address,
            data={"member": member.pk, "sector": sector, "ring": ring, "tie": tie},
        )
    return member


@dataclass(frozen=True)
class PasteResult:
    added: list[NetworkMember] = field(default_factory=list)
    repeated: int = 0  # twice or more in the pasted list
    already_there: int = 0  # already on the map


def paste_names(text: str) -> list[str]:
    """The names in a pasted list: one per line, list marks and spaces trimmed, empty lines
    left out. Refuses too many lines and names that are too long."""
    names = [clean_name(LIST_MARK.sub("", line)) for line in text.splitlines()]
    names = [name for name in names if name]
    if not names:
        raise NetworkRefused(_("Plak minstens één naam, één per regel."))
    if len(names) > MAX_PASTE_LINES:
        raise NetworkRefused(
            _(
                "Plak hoogstens %(max)s namen tegelijk; dit waren er %(count)s. "
                "Verdeel de lijst in stukken."
            )
            % {"max": MAX_PASTE_LINES, "count": len(names)}
        )
    too_long = [name for name in names if len(name) > NAME_LENGTH]
    if too_long:
        raise NetworkRefused(
            _("Een naam is hoogstens %(max)s tekens lang. Te lang: “%(name)s…”.")
            % {"max": NAME_LENGTH, "name": too_long[0][:40]}
        )
    return names


def members_add_many(
    *,
    trajectory: Trajectory,
    text: str,
    sector: str = "",
    ring: str = "",
    actor: User | None,
    ip_address: str | None = None,
) -> PasteResult:
    """A pasted list of names, one per line, all with the same sector and ring (or none: then
    they wait to be sorted). A name twice in the list, or already on the map (whatever the
    capitals), is added once; another person with the same name goes through the single form."""
    names = paste_names(text)
    _check_place(sector, ring, Tie.STRONG)
    with transaction.atomic():
        _begin(trajectory)
        present = {
            name.casefold()
            for name in NetworkMember.objects.filter(trajectory=trajectory).values_list(
                "name", flat=True
            )
        }
        seen: set[str] = set()
        fresh: list[str] = []
        repeated = already_there = 0
        for name in names:
            key = name.casefold()
            if key in seen:
                repeated += 1
            elif key in present:
                already_there += 1
            else:
                fresh.append(name)
            seen.add(key)
        added = NetworkMember.objects.bulk_create(
            NetworkMember(trajectory=trajectory, name=name, sector=sector, ring=ring)
            for name in fresh
        )
        if added:
            _record(
                trajectory,
                actor=actor,
                action="members_add",
                description=_("Netwerkkaart: %(count)s personen toegevoegd uit een lijst")
                % {"count": len(added)},
                ip_address=ip_address,
                data={"count": len(added), "sector": sector, "ring": ring},
            )
    return PasteResult(added=added, repeated=repeated, already_there=already_there)


def member_update(
    *,
    member: NetworkMember,
    sector: str,
    ring: str,
    tie: str,
    name: str | None = None,
    domains: Iterable[str] | None = None,
    actor: User | None,
    ip_address: str | None = None,
) -> NetworkMember:
    """Move a member (sector, ring, tie) and, when given, rename them or change the domains in
    which they support the person. A participant's name is changed with the participants."""
    _check_place(sector, ring, tie)
    trajectory = member.trajectory
    with transaction.atomic():
        _begin(trajectory)
        member = _locked(member)
        changed: list[str] = []
        if name is not None:
            name = _check_name(name)
            if name != member.name:
                if member.participant_id is not None:
                    raise NetworkRefused(
                        _(
                            "%(name)s is een deelnemer: wijzig de naam bij de deelnemers, "
                            "dan volgt de kaart."
                        )
                        % {"name": member.name}
                    )
                member.name = name
                changed.append("name")
        values = {"sector": sector, "ring": ring, "tie": tie}
        if domains is not None:
            values["domains"] = clean_domains(domains)
        for attribute, value in values.items():
            if getattr(member, attribute) != value:
                setattr(member, attribute, value)
                changed.append(attribute)
        if not changed:
            return member
        member.save(update_fields=[*changed, "updated_at"])
        moved = {"sector", "ring", "tie"} & set(changed)
        _record(
            trajectory,
            actor=actor,
            action="member_move" if moved else "member_update",
            description=(
                _("Netwerkkaart: %(name)s verplaatst naar %(place)s, %(tie)s")
                if moved
                else _("Netwerkkaart: gegevens van %(name)s gewijzigd")
            )
            % {
                "name": member.name,
                "place": place_label(member.sector, member.ring),
                "tie": str(Tie(member.tie).label).lower(),
            },
            ip_address=ip_address,
            data={"member": member.pk, "fields": sorted(changed)},
        )
    return member


@dataclass(frozen=True)
class Placement:
    sector: str
    ring: str
    tie: str = Tie.STRONG


def members_sort(
    *,
    trajectory: Trajectory,
    placements: dict[int, Placement],
    actor: User | None,
    ip_address: str | None = None,
) -> int:
    """Give several members their place at once (the list still to be sorted). Members of
    another trajectory are refused; returns how many changed."""
    for placement in placements.values():
        _check_place(placement.sector, placement.ring, placement.tie)
    with transaction.atomic():
        _begin(trajectory)
        members = list(
            NetworkMember.objects.select_for_update().filter(
                trajectory=trajectory, pk__in=placements
            )
        )
        if len(members) != len(placements):
            raise NetworkRefused(_("Iemand in de lijst staat niet (meer) op deze kaart."))
        changed = []
        for member in members:
            placement = placements[member.pk]
            if (member.sector, member.ring, member.tie) != (
                placement.sector,
                placement.ring,
                placement.tie,
            ):
                member.sector, member.ring, member.tie = (
                    placement.sector,
                    placement.ring,
                    placement.tie,
                )
                member.updated_at = timezone.now()
                changed.append(member)
        if changed:
            NetworkMember.objects.bulk_update(changed, ["sector", "ring", "tie", "updated_at"])
            _record(
                trajectory,
                actor=actor,
                action="members_sort",
                description=_("Netwerkkaart: %(count)s personen gesorteerd")
                % {"count": len(changed)},
                ip_address=ip_address,
                data={"members": sorted(m.pk for m in changed)},
            )
    return len(changed)


def member_delete(
    *, member: NetworkMember, actor: User | None, ip_address: str | None = None
) -> None:
    trajectory = member.trajectory
    with transaction.atomic():
        _begin(trajectory)
        member = _locked(member)
        if member.participant_id is not None:
            raise NetworkRefused(
                _(
                    "%(name)s is een deelnemer en blijft op de kaart. Verwijder de persoon eerst "
                    "bij de deelnemers; verplaatsen kan wel."
                )
                % {"name": member.name}
            )
        name, pk = member.name, member.pk
        member.delete()
        _record(
            trajectory,
            actor=actor,
            action="member_delete",
            description=_("Netwerkkaart: %(name)s verwijderd") % {"name": name},
            ip_address=ip_address,
            data={"member": pk},
        )


# Snapshots ---------------------------------------------------------------------------------------


def snapshot_take(
    *,
    trajectory: Trajectory,
    reason: str,
    actor: User | None,
    note: str = "",
    ip_address: str | None = None,
) -> NetworkSnapshot:
    """Freeze the map as it is now. By hand (`manual`) it is a change of its own, refused on a
    finished trajectory; the automatic ones (intake, conference, closed) are taken inside the
    transition that causes them."""
    if reason not in NetworkSnapshot.Reason.values:
        raise NetworkRefused(_("Onbekend moment voor een momentopname."))
    manual = reason == NetworkSnapshot.Reason.MANUAL
    with transaction.atomic():
        if manual:
            _begin(trajectory)
        participants_sync(trajectory=trajectory)
        attended = attended_participant_ids(trajectory)
        rows = [
            snapshot_row(member, attended=member.participant_id in attended)
            for member in NetworkMember.objects.filter(trajectory=trajectory).order_by("id")
        ]
        snapshot = NetworkSnapshot.objects.create(
            trajectory=trajectory,
            taken_at=timezone.now(),
            reason=reason,
            taken_by=actor_or_none(actor),
            note=clean_name(note)[:160],
            member_count=len(rows),
            data=rows,
        )
        if manual:
            _record(
                trajectory,
                actor=actor,
                action="snapshot",
                description=_("Netwerkkaart vastgelegd (%(count)s personen)")
                % {"count": len(rows)},
                ip_address=ip_address,
                data={"snapshot": snapshot.pk},
            )
    return snapshot


@transaction.atomic(savepoint=False)
def conference_snapshot(*, trajectory: Trajectory, actor: User | None) -> NetworkSnapshot:
    """When the conference's attendance is recorded: the map at the conference. Recorded again
    (a correction), the same snapshot gets the corrected attendance and nothing else."""
    existing = (
        NetworkSnapshot.objects.select_for_update()
        .filter(trajectory=trajectory, reason=NetworkSnapshot.Reason.CONFERENCE)
        .first()
    )
    if existing is None:
        return snapshot_take(
            trajectory=trajectory, reason=NetworkSnapshot.Reason.CONFERENCE, actor=actor
        )
    attended = attended_participant_ids(trajectory)
    linked = dict(
        NetworkMember.objects.filter(trajectory=trajectory).values_list("pk", "participant_id")
    )
    for row in existing.data:
        row["attended"] = linked.get(row["id"]) in attended
    existing.save(update_fields=["data"])
    return existing


def sector_counts_recount() -> int:
    """Count every snapshot's members per sector again from its data, for snapshots that code
    from before the counts existed took while a server migrated. Returns how many changed."""
    changed = []
    snapshots = NetworkSnapshot.objects.only("pk", "data", "sector_counts")
    for snapshot in snapshots.iterator(chunk_size=500):
        counts = NetworkSnapshot.sector_counts_of(snapshot.data)
        if counts != snapshot.sector_counts:
            snapshot.sector_counts = counts
            changed.append(snapshot)
    NetworkSnapshot.objects.bulk_update(changed, ["sector_counts"], batch_size=500)
    return len(changed)
