"""The family's consent: recording one (the referral's, a signed form that comes later) and its
withdrawal, which ends the trajectory with the reason "consent withdrawn" and starts the short
retention term. Names and notes stay in the records, not in the timeline or the audit log."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.trajectories.models import Consent, Trajectory
from eigenkracht.trajectories.services.follow_up import trajectory_stop
from eigenkracht.trajectories.services.transitions import TRANSITIONS, _transition
from eigenkracht.trajectories.timeline import TrajectoryRefused, _event, _lock

S = Trajectory.Status


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def consent_from_referral(
    *, trajectory: Trajectory, given_by_name: str = "", given_by_relation: str = ""
) -> Consent:
    """The first record, from what the referral form asks: when and how, and who when the
    referrer said so (someone who referred themselves is the main person), inside the
    referral's transaction."""
    if trajectory.consent_method == Trajectory.ConsentMethod.SELF:
        given_by_name = given_by_name or trajectory.referrer_name
        given_by_relation = given_by_relation or Consent.Relation.MAIN_PERSON
    if given_by_relation not in Consent.Relation.values:
        given_by_relation = Consent.Relation.UNKNOWN
    return Consent.objects.create(
        trajectory=trajectory,
        given_on=trajectory.consent_on,
        given_by_name=given_by_name.strip()[:120],
        given_by_relation=given_by_relation,
        method=trajectory.consent_method,
        scope=list(Consent.Scope.values),
        recorded_by=trajectory.referrer,
        recorded_at=timezone.now(),
    )


def consent_add(
    *,
    trajectory: Trajectory,
    given_on: dt.date,
    given_by_name: str,
    given_by_relation: str,
    method: str,
    scope: list[str],
    note: str = "",
    actor: User,
    ip_address: str | None = None,
) -> Consent:
    """Another consent for the family, for instance the signed form that came after the
    referral."""
    if not given_by_name.strip():
        raise TrajectoryRefused(_("Vul in wie de toestemming gaf."))
    if given_by_relation not in Consent.Relation.values or (
        given_by_relation == Consent.Relation.UNKNOWN
    ):
        raise TrajectoryRefused(_("Kies wie de toestemming gaf: de hoofdpersoon, een ouder, ..."))
    if method not in Trajectory.ConsentMethod.values:
        raise TrajectoryRefused(_("Kies hoe de toestemming gegeven werd."))
    if not scope or set(scope) - set(Consent.Scope.values):
        raise TrajectoryRefused(_("Kies waarvoor de toestemming geldt."))
    if given_on > timezone.localdate():
        raise TrajectoryRefused(_("Een toestemming kan niet in de toekomst gegeven zijn."))
    # Consent precedes the referral by days or weeks; a year earlier is a typing error.
    earliest = timezone.localdate(trajectory.referred_at) - dt.timedelta(days=365)
    if given_on < earliest:
        raise TrajectoryRefused(
            _("Die datum ligt meer dan een jaar voor de aanmelding. Kijk de datum na.")
        )
    with transaction.atomic():
        _lock(trajectory)
        if trajectory.consent_withdrawn_on:
            raise TrajectoryRefused(
                _(
                    "Het gezin trok zijn toestemming in op %(date)s. Een nieuwe toestemming "
                    "hoort bij een nieuwe aanmelding."
                )
                % {"date": _day(trajectory.consent_withdrawn_on)}
            )
        consent = Consent.objects.create(
            trajectory=trajectory,
            given_on=given_on,
            given_by_name=given_by_name.strip(),
            given_by_relation=given_by_relation,
            method=method,
            scope=[code for code in Consent.Scope.values if code in scope],
            note=note.strip(),
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        _event(
            trajectory,
            actor=actor,
            action="consent_added",
            description=_("Toestemming genoteerd: %(method)s, gegeven op %(date)s")
            % {"method": consent.get_method_display().lower(), "date": _day(given_on)},
            ip_address=ip_address,
            data={"consent": consent.pk},
        )
    return consent


def consent_withdraw(
    *,
    trajectory: Trajectory,
    withdrawn_on: dt.date,
    withdrawn_by: str,
    note: str = "",
    actor: User,
    ip_address: str | None = None,
) -> Trajectory:
    """Record that the family withdrew its consent. A running trajectory stops (reason "consent
    withdrawn"); a referral not yet decided on is declined; an ended one keeps its status. In
    every case `consent_withdrawn_on` is where the short retention term starts."""
    if not withdrawn_by.strip():
        raise TrajectoryRefused(_("Vul in wie de toestemming introk."))
    if withdrawn_on > timezone.localdate():
        raise TrajectoryRefused(_("De intrekking kan niet in de toekomst liggen."))
    with transaction.atomic():
        _lock(trajectory)
        if trajectory.consent_withdrawn_on:
            raise TrajectoryRefused(
                _("De intrekking van de toestemming is al genoteerd (op %(date)s).")
                % {"date": _day(trajectory.consent_withdrawn_on)}
            )
        first = trajectory.consents.order_by("given_on").values_list("given_on", flat=True).first()
        if first and withdrawn_on < first:
            raise TrajectoryRefused(
                _(
                    "De intrekking kan niet vóór de eerste toestemming liggen (%(date)s). "
                    "Kijk de datum na."
                )
                % {"date": _day(first)}
            )
        trajectory.consent_withdrawn_on = withdrawn_on
        trajectory.consent_withdrawn_by = withdrawn_by.strip()[:120]
        trajectory.consent_withdrawal_note = note.strip()
        trajectory.save(
            update_fields=[
                "consent_withdrawn_on",
                "consent_withdrawn_by",
                "consent_withdrawal_note",
            ]
        )
        _event(
            trajectory,
            actor=actor,
            action="consent_withdrawn",
            description=_("Toestemming ingetrokken op %(date)s") % {"date": _day(withdrawn_on)},
            ip_address=ip_address,
            data={"withdrawn_on": withdrawn_on.isoformat()},
        )
        reason = Trajectory.StopReason.CONSENT_WITHDRAWN
        if trajectory.status in TRANSITIONS["stop"].sources:
            trajectory_stop(
                trajectory=trajectory, reason=reason, actor=actor, ip_address=ip_address
            )
        elif trajectory.status == S.REFERRED:
            # Not yet accepted: there is nothing to stop, so the referral is declined; the
            # referrer is not mailed, they are the one who usually tells us.
            _transition(
                trajectory,
                "decline",
                actor=actor,
                reason=str(reason.label),
                ip_address=ip_address,
                intake_note=str(reason.label),
                stop_reason=reason,
                closed_at=timezone.now(),
            )
        # An ended trajectory keeps its status; the date above starts its short term.
    return trajectory
