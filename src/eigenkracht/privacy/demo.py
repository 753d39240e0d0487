"""Demo data for privacy: a training of three years ago and trajectories that ended long ago, so
that the retention proposal has content; an access request and an overdue erasure request."""

import datetime as dt
from typing import TextIO

from django.utils import timezone

from eigenkracht.accounts.models import User
from eigenkracht.network.models import NetworkMember, NetworkSnapshot, Ring, Sector
from eigenkracht.payments.demo_past import PastTrainee, past_training_create
from eigenkracht.privacy.models import PrivacyRequest
from eigenkracht.privacy.requests import privacy_request_create
from eigenkracht.privacy.retention import retention_propose
from eigenkracht.trainings.models import Training
from eigenkracht.trajectories.models import Agreement, Conference, Consent, Plan, Trajectory
from eigenkracht.trajectories.models import Participant as TrajectoryParticipant

OLD_TRAINING = "Basisvorming Eigen Kracht-conferenties (voorjaar 2023)"
OLD_REGISTRANTS = (
    PastTrainee("Griet", "Van Damme", "griet.vandamme@example.be", "CLB Gent"),
    PastTrainee("Koen", "Desmet", "koen.desmet@example.be", "OCMW Aalst"),
    PastTrainee("Nadia", "El Amrani", "nadia.elamrani@example.be", "CAW Oost-Vlaanderen"),
    PastTrainee("Bart", "Willems", "bart.willems@example.be", "Jeugdhulp Vlaanderen"),
)
OLD_CLOSED = "EK-2019-90001"
OLD_DECLINED = "EK-2026-90002"


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=timezone.get_current_timezone())


def _old_training(*, actor: User, today: dt.date) -> int:
    if Training.objects.filter(title=OLD_TRAINING).exists():
        return 0
    _training, registrations = past_training_create(
        title=OLD_TRAINING,
        description="De basisvorming van het voorjaar 2023.",
        first_day=_three_years_back(today),
        trainees=OLD_REGISTRANTS,
        actor=actor,
    )
    return len(registrations)


def _three_years_back(today: dt.date) -> dt.date:
    """A Monday about three years ago: the old training's first day."""
    first = today.replace(year=today.year - 3) - dt.timedelta(days=20)
    return first - dt.timedelta(days=first.weekday())


def _old_trajectory(reference: str, *, status: str, ended: dt.date, names: list[str]) -> None:
    trajectory = Trajectory.objects.create(
        reference=reference,
        status=status,
        referred_at=_at(ended - dt.timedelta(days=120)),
        status_changed_at=_at(ended),
        closed_at=_at(ended) if status == Trajectory.Status.CLOSED else None,
        outcome=Trajectory.Outcome.PLAN_WITH_CONFERENCE if status == "closed" else "",
        referrer_type=Trajectory.ReferrerType.PROFESSIONAL,
        referrer_name="Hanne Goossens",
        referrer_organisation="CLB Gent",
        referrer_role="CLB-medewerker",
        referrer_email="hanne.goossens@example.be",
        referrer_phone="09 222 33 44",
        referred_names=names[0],
        postcode="9000",
        domains=["school", "parenting"],
        central_question=f"Hoe kan {names[0]} weer elke dag naar school gaan?",
        concerns=f"{names[0]} blijft vaak thuis sinds de scheiding van de ouders.",
        limits="Elke schooldag naar school.",
        consent_given=True,
        consent_on=ended - dt.timedelta(days=125),
        consent_method=Trajectory.ConsentMethod.WRITTEN,
    )
    Consent.objects.create(
        trajectory=trajectory,
        given_on=trajectory.consent_on,
        given_by_name=names[0],
        given_by_relation=Consent.Relation.PARENT,
        method=Trajectory.ConsentMethod.WRITTEN,
        scope=list(Consent.Scope.values),
        recorded_at=trajectory.referred_at,
    )
    if status == Trajectory.Status.CLOSED:
        conference = Conference.objects.create(
            trajectory=trajectory,
            date=ended - dt.timedelta(days=60),
            start_time=dt.time(14),
            place="Buurthuis De Brug",
            address="Brugstraat 2, 9000 Gent",
            languages=["nl"],
            held=True,
        )
        plan = Plan.objects.create(
            trajectory=trajectory,
            conference=conference,
            status=Plan.Status.ACCEPTED,
            accepted_at=_at(ended - dt.timedelta(days=55)),
        )
        for n, what in enumerate(("Oma brengt Tibo elke maandag naar school.",
                                  "Papa belt elke zondag met de school.")):  # fmt: skip
            Agreement.objects.create(plan=plan, what=what, due="elke week", position=n)
    members = []
    for n, name in enumerate(names):
        role = (
            TrajectoryParticipant.Role.MAIN_PERSON if n == 0 else TrajectoryParticipant.Role.FAMILY
        )
        participant = TrajectoryParticipant.objects.create(
            trajectory=trajectory, name=name, role=role, phone=f"0470 00 00 {10 + n:02d}"
        )
        members.append(
            NetworkMember.objects.create(
                trajectory=trajectory,
                participant=participant,
                name=name,
                sector=Sector.FAMILY,
                ring=Ring.CLOSE,
                role=role,
            )
        )
    NetworkSnapshot.objects.create(
        trajectory=trajectory,
        taken_at=_at(ended - dt.timedelta(days=60)),
        reason=NetworkSnapshot.Reason.CONFERENCE,
        member_count=len(members),
        data=[{"id": m.pk, "name": m.name, "sector": m.sector, "ring": m.ring} for m in members],
    )


def demo_privacy(*, actor: User, stdout: TextIO) -> None:
    today = timezone.localdate()
    registrations = _old_training(actor=actor, today=today)
    # Old data made now is searched at once, even if a periodic run searched a moment ago; a
    # second run of the demo keeps its proposal.
    made_now = not Trajectory.objects.filter(reference=OLD_CLOSED).exists()
    if made_now:
        _old_trajectory(
            OLD_CLOSED,
            status=Trajectory.Status.CLOSED,
            ended=today.replace(year=today.year - 6),
            names=["Tibo Claeys", "Ann Claeys", "Dirk Claeys"],
        )
        _old_trajectory(
            OLD_DECLINED,
            status=Trajectory.Status.DECLINED,
            ended=today - dt.timedelta(days=250),
            names=["Yana Peeters", "Els Peeters"],
        )
    if not PrivacyRequest.objects.exists():
        privacy_request_create(
            data={
                "kind": PrivacyRequest.Kind.ACCESS,
                "received_on": today - dt.timedelta(days=10),
                "requested_by": "Griet Van Damme",
                "subject_name": "Griet Van Damme",
                "subject_email": "griet.vandamme@example.be",
                "details": "Vraagt welke gegevens we van haar hebben sinds haar vorming.",
            },
            actor=actor,
        )
        privacy_request_create(
            data={
                "kind": PrivacyRequest.Kind.ERASURE,
                "received_on": today - dt.timedelta(days=40),
                "requested_by": "Koen Desmet",
                "subject_name": "Koen Desmet",
                "subject_email": "koen.desmet@example.be",
                "details": "Wil niet langer in onze bestanden staan.",
            },
            actor=actor,
        )
    proposal = retention_propose(force=made_now)
    stdout.write(
        f"Privacy: {registrations} oude inschrijvingen, "
        f"voorstel om anoniem te maken: {proposal.total if proposal else 0} items."
    )
