"""Participants (kept in step with the network map) and the coordinator's notes."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import audit_record
from eigenkracht.core.once import once_claim
from eigenkracht.network import services as network_services
from eigenkracht.trajectories.models import Note, Participant, Trajectory
from eigenkracht.trajectories.timeline import (
    TrajectoryRefused,
    _event,
    _lock,
    _refuse_when_finished,
)


def participant_save(
    *,
    trajectory: Trajectory,
    participant: Participant | None,
    data: dict[str, Any],
    actor: User,
    ip_address: str | None = None,
) -> Participant:
    with transaction.atomic():
        _lock(trajectory)
        _refuse_when_finished(trajectory)
        created = participant is None
        participant = participant or Participant(trajectory=trajectory)
        for name, value in data.items():
            setattr(participant, name, value)
        participant.save()
        network_services.participant_sync(participant=participant)
        _event(
            trajectory,
            actor=actor,
            action="participant.add" if created else "participant.update",
            description=(
                _("Deelnemer toegevoegd: %(name)s")
                if created
                else _("Deelnemer gewijzigd: %(name)s")
            )
            % {"name": participant.name},
            ip_address=ip_address,
            data={"participant": participant.pk, "fields": sorted(data)},
        )
    return participant


def participant_delete(
    *, participant: Participant, actor: User, ip_address: str | None = None
) -> None:
    trajectory = participant.trajectory
    with transaction.atomic():
        _lock(trajectory)
        _refuse_when_finished(trajectory)
        if participant.agreements.exists() or participant.agreements_checked.exists():
            raise TrajectoryRefused(
                _("%(name)s staat in een afspraak van het plan; pas eerst het plan aan.")
                % {"name": participant.name}
            )
        if participant.attendance.exists():
            raise TrajectoryRefused(
                _("%(name)s was aanwezig op een conferentie en blijft daarom in het traject.")
                % {"name": participant.name}
            )
        name = participant.name
        participant.delete()
        _event(
            trajectory,
            actor=actor,
            action="participant.delete",
            description=_("Deelnemer verwijderd: %(name)s") % {"name": name},
            ip_address=ip_address,
        )


def note_add(
    *,
    trajectory: Trajectory,
    text: str,
    actor: User,
    ip_address: str | None = None,
    once: str = "",
) -> Note:
    """A note for the coordinator and the office; the same form sent again (`once`, its token)
    raises `SentBefore` and adds nothing."""
    with transaction.atomic():
        # Locked like every other change: the retention weighs and ends a trajectory under the
        # same lock, and a note never lands on one made anonymous.
        _lock(trajectory)
        once_claim(scope="note", token=once)
        if trajectory.anonymised_at is not None:
            raise TrajectoryRefused(_("Dit traject werd anoniem gemaakt: er kan niets meer bij."))
        note = Note.objects.create(trajectory=trajectory, author=actor, text=text)
        audit_record(actor=actor, action="trajectory.note", obj=trajectory, ip_address=ip_address)
    return note
