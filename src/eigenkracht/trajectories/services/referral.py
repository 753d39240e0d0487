"""Referral: the public form's submission, and the office's answer (accept, decline, ask for more
information)."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import Role, User
from eigenkracht.core.once import once_claim
from eigenkracht.core.throttle import attempt_allowed
from eigenkracht.network import services as network_services
from eigenkracht.trajectories import emails
from eigenkracht.trajectories.models import Participant, Trajectory
from eigenkracht.trajectories.services.consent import consent_from_referral
from eigenkracht.trajectories.services.transitions import _transition
from eigenkracht.trajectories.timeline import TrajectoryRefused, TransitionNotAllowed, _event, _lock

S = Trajectory.Status


def _referrer_user(*, email: str, name: str) -> User | None:
    """The referrer's login, made when the address is new. An address that belongs to an account
    with another role (staff, a coordinator) gets no access through a public form: anyone can type
    any address there."""
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user if user.role == Role.REFERRER else None
    first, _space, last = name.strip().partition(" ")
    return User.objects.create_user(
        email=email, password=None, role=Role.REFERRER, first_name=first[:80], last_name=last[:80]
    )


def referral_submit(
    *,
    referral: dict[str, Any],
    main_people: list[dict[str, Any]],
    children: list[dict[str, Any]],
    consent_by_name: str = "",
    consent_by_relation: str = "",
    ip_address: str | None = None,
    once: str = "",
) -> Trajectory:
    """A referral from the public form: the trajectory (status referred), its main people and
    children, the first record of the family's consent (with who gave it when the referrer
    said), the referrer's login, and the mails to the referrer and the office. The same form
    sent again (`once`, its token) raises `SentBefore` and makes nothing."""
    # Every try counts, also one that is refused below: the limit is on sending, not on success.
    if not attempt_allowed(
        scope="referral",
        key=ip_address,
        limit=settings.REFERRAL_BURST_LIMIT,
        within=dt.timedelta(hours=1),
    ):
        raise TrajectoryRefused(
            _(
                "Van deze verbinding kwamen het voorbije uur al veel aanmeldingen. Probeer het "
                "later opnieuw, of bel of mail ons."
            )
        )
    if not referral.get("consent_given"):
        raise TrajectoryRefused(_("Zonder toestemming van het gezin kan de aanmelding niet door."))
    if not main_people:
        raise TrajectoryRefused(_("Vul minstens één hoofdpersoon in."))
    with transaction.atomic():
        once_claim(scope="referral", token=once)
        referrer = _referrer_user(email=referral["referrer_email"], name=referral["referrer_name"])
        now = timezone.now()
        trajectory = Trajectory(
            referrer=referrer,
            referred_at=now,
            status_changed_at=now,
            reference=f"tmp-{now.timestamp()}"[:16],
            referred_names=", ".join(p["name"] for p in main_people)[:300],
            **referral,
        )
        trajectory.save()
        trajectory.reference = f"EK-{timezone.localdate(now).year}-{trajectory.pk:05d}"
        trajectory.save(update_fields=["reference"])
        Participant.objects.bulk_create(
            [
                Participant(trajectory=trajectory, role=Participant.Role.MAIN_PERSON, **p)
                for p in main_people
            ]
            + [
                Participant(trajectory=trajectory, role=Participant.Role.CHILD, **c)
                for c in children
            ]
        )
        consent_from_referral(
            trajectory=trajectory,
            given_by_name=consent_by_name,
            given_by_relation=consent_by_relation,
        )
        _event(
            trajectory,
            actor=None,
            action="referred",
            description=_("Aangemeld door %(name)s") % {"name": trajectory.referrer_name},
            to_status=S.REFERRED,
            ip_address=ip_address,
        )
        emails.send_referral_received(trajectory)
        emails.send_new_referral_to_office(trajectory)
    return trajectory


def referral_accept(
    *, trajectory: Trajectory, actor: User, reason: str = "", ip_address: str | None = None
) -> Trajectory:
    with transaction.atomic():
        _lock(trajectory)
        _transition(
            trajectory,
            "accept",
            actor=actor,
            reason=reason,
            ip_address=ip_address,
            accepted_at=timezone.now(),
            intake_note=reason,
        )
        network_services.snapshot_take(trajectory=trajectory, reason="intake", actor=actor)
        emails.send_referral_accepted(trajectory)
    return trajectory


def referral_decline(
    *, trajectory: Trajectory, actor: User, reason: str, ip_address: str | None = None
) -> Trajectory:
    if not reason.strip():
        raise TrajectoryRefused(_("Geef de reden waarom de aanmelding niet aanvaard wordt."))
    with transaction.atomic():
        _lock(trajectory)
        _transition(
            trajectory,
            "decline",
            actor=actor,
            reason=reason,
            ip_address=ip_address,
            intake_note=reason,
            closed_at=timezone.now(),
        )
        emails.send_referral_declined(trajectory)
    return trajectory


def referral_request_information(
    *, trajectory: Trajectory, actor: User, question: str, ip_address: str | None = None
) -> Trajectory:
    if not question.strip():
        raise TrajectoryRefused(_("Schrijf welke informatie je nog nodig hebt."))
    with transaction.atomic():
        _lock(trajectory)
        if trajectory.status != S.REFERRED:
            raise TransitionNotAllowed(
                _("Over deze aanmelding is al beslist; meer informatie vragen kan niet meer.")
            )
        _event(
            trajectory,
            actor=actor,
            action="information_requested",
            description=_("Meer informatie gevraagd aan de aanmelder"),
            reason=question,
            ip_address=ip_address,
        )
        emails.send_information_request(trajectory)
    return trajectory
