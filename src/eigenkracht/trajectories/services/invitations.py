"""Mailing a participant their invitation to the conference (the letter is the other way)."""

from django.db import transaction
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.trajectories import emails
from eigenkracht.trajectories.formatting import hour, long_day
from eigenkracht.trajectories.models import Conference, Participant
from eigenkracht.trajectories.timeline import (
    TrajectoryRefused,
    _event,
    _lock,
    _refuse_when_finished,
)


def invitation_mail(
    *,
    conference: Conference,
    participant: Participant,
    actor: User,
    ip_address: str | None = None,
) -> Participant:
    """Mail the invitation; a participant still "to invite" is then "invited"."""
    trajectory = conference.trajectory
    if participant.trajectory_id != trajectory.pk:
        raise TrajectoryRefused(_("Deze persoon neemt niet deel aan dit traject."))
    if not participant.email:
        raise TrajectoryRefused(
            _("%(name)s heeft geen e-mailadres; geef de brief mee of stuur hem op.")
            % {"name": participant.name}
        )
    with transaction.atomic():
        _lock(trajectory)
        _refuse_when_finished(trajectory)
        if conference.held:
            raise TrajectoryRefused(_("Deze conferentie is al gehouden."))
        emails.send_conference_invitation(
            conference,
            participant,
            day=long_day(conference.date),
            hour=hour(conference.start_time),
        )
        if participant.invitation == Participant.Invitation.TO_INVITE:
            participant.invitation = Participant.Invitation.INVITED
            participant.save(update_fields=["invitation"])
        _event(
            trajectory,
            actor=actor,
            action="invitation_mailed",
            description=_("Uitnodiging gemaild naar %(name)s") % {"name": participant.name},
            ip_address=ip_address,
            data={"participant": participant.pk, "conference": conference.pk},
        )
    return participant
