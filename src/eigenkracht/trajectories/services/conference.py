"""The conference and follow-up conferences: planning them, and who was there."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.network import services as network_services
from eigenkracht.trajectories.models import Conference, ConferenceAttendance, Trajectory
from eigenkracht.trajectories.services.transitions import _transition
from eigenkracht.trajectories.signals import conference_held
from eigenkracht.trajectories.timeline import (
    TrajectoryRefused,
    TransitionNotAllowed,
    _event,
    _lock,
    _refuse_when_finished,
)

S = Trajectory.Status


def conference_save(
    *,
    trajectory: Trajectory,
    conference: Conference | None,
    kind: str,
    data: dict[str, Any],
    actor: User,
    ip_address: str | None = None,
) -> Conference:
    """Plan (or change) the conference or a follow-up conference."""
    with transaction.atomic():
        _lock(trajectory)
        if conference is not None:
            # Read it again under the lock: attendance may have been recorded meanwhile.
            conference = Conference.objects.select_for_update().get(pk=conference.pk)
        elif (
            kind == Conference.Kind.CONFERENCE and trajectory.conferences.filter(kind=kind).exists()
        ):
            raise TrajectoryRefused(
                _("Er is intussen al een conferentie gepland. Vernieuw de pagina om ze te zien.")
            )
        if conference is not None and conference.held:
            raise TrajectoryRefused(_("Deze conferentie is al gehouden en kan niet meer wijzigen."))
        if kind == Conference.Kind.CONFERENCE:
            if trajectory.status not in {S.PREPARATION, S.CONFERENCE_PLANNED}:
                raise TransitionNotAllowed(
                    _(
                        "Een conferentie plannen kan tijdens de voorbereiding, "
                        "niet in de status “%(status)s”."
                    )
                    % {"status": trajectory.get_status_display()}
                )
        elif trajectory.status != S.FOLLOW_UP:
            raise TransitionNotAllowed(_("Een vervolgconferentie kan pas tijdens de opvolging."))
        created = conference is None
        conference = conference or Conference(trajectory=trajectory, kind=kind)
        for name, value in data.items():
            setattr(conference, name, value)
        conference.save()
        if trajectory.status == S.PREPARATION:
            _transition(trajectory, "plan_conference", actor=actor, ip_address=ip_address)
        else:
            _event(
                trajectory,
                actor=actor,
                action="conference.plan" if created else "conference.update",
                description=(
                    _("%(kind)s gepland op %(date)s")
                    if created
                    else _("%(kind)s gewijzigd (%(date)s)")
                )
                % {
                    "kind": conference.get_kind_display(),
                    "date": conference.date.strftime("%d/%m/%Y"),
                },
                ip_address=ip_address,
            )
    return conference


@dataclass(frozen=True)
class Presence:
    information_round: bool
    family_time: bool
    plan_presentation: bool


def attendance_record(
    *,
    conference: Conference,
    presence: dict[int, Presence],
    private_time_minutes: int | None,
    actor: User,
    ip_address: str | None = None,
) -> Conference:
    """Who was there for each part, and how long the family time lasted. Marks it held."""
    trajectory = conference.trajectory
    if conference.date > timezone.localdate():
        raise TrajectoryRefused(_("De aanwezigheden kunnen pas op de dag van de conferentie."))
    participant_ids = set(trajectory.participants.values_list("pk", flat=True))
    if not set(presence) <= participant_ids:
        raise TrajectoryRefused(_("Iemand in de lijst hoort niet bij dit traject."))
    with transaction.atomic():
        _lock(trajectory)
        _refuse_when_finished(trajectory)
        ConferenceAttendance.objects.filter(conference=conference).delete()
        ConferenceAttendance.objects.bulk_create(
            ConferenceAttendance(
                conference=conference,
                participant_id=pk,
                information_round=p.information_round,
                family_time=p.family_time,
                plan_presentation=p.plan_presentation,
            )
            for pk, p in presence.items()
            if p.information_round or p.family_time or p.plan_presentation
        )
        conference.held = True
        conference.private_time_minutes = private_time_minutes
        conference.save(update_fields=["held", "private_time_minutes"])
        if conference.kind == Conference.Kind.CONFERENCE:
            network_services.conference_snapshot(trajectory=trajectory, actor=actor)
        _event(
            trajectory,
            actor=actor,
            action="conference.attendance",
            description=_("Aanwezigheden genoteerd: %(kind)s")
            % {"kind": conference.get_kind_display()},
            ip_address=ip_address,
        )
        conference_held.send(sender=Conference, conference=conference, actor=actor)
    return conference
