"""Every change to a trajectory. Statuses change only here, through named transitions, each
recorded on the trajectory's timeline and in the audit log, under a row lock so that two people
acting at the same time cannot both move the same trajectory."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigenkracht.accounts.models import Role, User
from eigenkracht.core.audit import audit_record, audit_record_listing
from eigenkracht.core.models import Organisation
from eigenkracht.core.throttle import attempt_allowed
from eigenkracht.trajectories import emails
from eigenkracht.trajectories.models import (
    ACTIVE_STATUSES,
    FINISHED_STATUSES,
    SATISFACTION_GROUPS,
    Agreement,
    Conference,
    ConferenceAttendance,
    Coordinator,
    FollowUp,
    Note,
    Participant,
    Plan,
    Trajectory,
    TrajectoryEvent,
)

S = Trajectory.Status


class TransitionNotAllowed(Exception):
    """The action is not possible from the trajectory's current status (perhaps someone else was
    quicker); the message is meant for the user."""


class TrajectoryRefused(Exception):
    """The change is refused; the message is meant for the user."""


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    label: Any


TRANSITIONS: dict[str, Transition] = {
    "accept": Transition(frozenset({S.REFERRED}), S.INTAKE, gettext_lazy("Aanmelding aanvaard")),
    "decline": Transition(
        frozenset({S.REFERRED}), S.DECLINED, gettext_lazy("Aanmelding niet aanvaard")
    ),
    "assign": Transition(frozenset({S.INTAKE}), S.ASSIGNED, gettext_lazy("Coördinator toegewezen")),
    "start_preparation": Transition(
        frozenset({S.ASSIGNED}), S.PREPARATION, gettext_lazy("Voorbereiding gestart")
    ),
    "plan_conference": Transition(
        frozenset({S.PREPARATION}), S.CONFERENCE_PLANNED, gettext_lazy("Conferentie gepland")
    ),
    "present_plan": Transition(
        frozenset({S.PREPARATION, S.CONFERENCE_PLANNED}),
        S.PLAN_MADE,
        gettext_lazy("Plan voorgesteld aan de aanmelder"),
    ),
    "accept_plan": Transition(
        frozenset({S.PLAN_MADE}), S.FOLLOW_UP, gettext_lazy("Plan aanvaard door de aanmelder")
    ),
    "close": Transition(frozenset({S.FOLLOW_UP}), S.CLOSED, gettext_lazy("Traject afgesloten")),
    "stop": Transition(
        frozenset(
            {
                S.INTAKE,
                S.ASSIGNED,
                S.PREPARATION,
                S.CONFERENCE_PLANNED,
                S.PLAN_MADE,
                S.FOLLOW_UP,
            }
        ),
        S.STOPPED,
        gettext_lazy("Traject gestopt"),
    ),
}


def allowed_actions(trajectory: Trajectory) -> set[str]:
    return {name for name, t in TRANSITIONS.items() if trajectory.status in t.sources}


def _lock(trajectory: Trajectory) -> Trajectory:
    locked = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    trajectory.__dict__.update(
        {f.attname: getattr(locked, f.attname) for f in Trajectory._meta.concrete_fields}
    )
    return trajectory


def _event(
    trajectory: Trajectory,
    *,
    actor: Any,
    action: str,
    description: str,
    reason: str = "",
    from_status: str = "",
    to_status: str = "",
    ip_address: str | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    TrajectoryEvent.objects.create(
        trajectory=trajectory,
        at=timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        description=description[:300],
        from_status=from_status,
        to_status=to_status,
        reason=reason,
    )
    audit_record(
        actor=actor,
        action=f"trajectory.{action}",
        obj=trajectory,
        data={"from": from_status, "to": to_status, "reason": reason, **(data or {})},
        ip_address=ip_address,
    )


def _transition(
    trajectory: Trajectory,
    action: str,
    *,
    actor: Any,
    reason: str = "",
    ip_address: str | None = None,
    **fields: Any,
) -> Trajectory:
    """Move a locked trajectory; refuses when the current status does not allow the action."""
    transition = TRANSITIONS[action]
    if trajectory.status not in transition.sources:
        raise TransitionNotAllowed(
            _(
                "Dit kan niet meer: het traject staat intussen op “%(status)s”. "
                "Vernieuw de pagina om te zien wat er veranderd is."
            )
            % {"status": trajectory.get_status_display()}
        )
    previous = trajectory.status
    now = timezone.now()
    trajectory.status = transition.target
    trajectory.status_changed_at = now
    for name, value in fields.items():
        setattr(trajectory, name, value)
    trajectory.save(update_fields=["status", "status_changed_at", *fields])
    _event(
        trajectory,
        actor=actor,
        action=action,
        description=str(transition.label),
        reason=reason,
        from_status=previous,
        to_status=trajectory.status,
        ip_address=ip_address,
    )
    return trajectory


# Referral ----------------------------------------------------------------------------------------


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
    ip_address: str | None = None,
) -> Trajectory:
    """A referral from the public form: the trajectory (status referred), its main people and
    children, the referrer's login, and the mails to the referrer and the office."""
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
        _network().snapshot_take(trajectory=trajectory, reason="intake", actor=actor)
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


# Coordinators ------------------------------------------------------------------------------------


def coordinator_save(
    *,
    coordinator: Coordinator | None,
    user_data: dict[str, Any],
    data: dict[str, Any],
    actor: User,
    ip_address: str | None = None,
) -> Coordinator:
    with transaction.atomic():
        if coordinator is None:
            user = User.objects.create_user(
                email=user_data["email"], password=None, role=Role.COORDINATOR
            )
            coordinator = Coordinator(user=user)
            action = "coordinator.create"
        else:
            user = coordinator.user
            action = "coordinator.update"
        for name, value in user_data.items():
            setattr(user, name, value)
        user.save()
        for name, value in data.items():
            setattr(coordinator, name, value)
        coordinator.save()
        audit_record(
            actor=actor,
            action=action,
            obj=coordinator,
            data={"fields": sorted([*user_data, *data])},
            ip_address=ip_address,
        )
        if action == "coordinator.create":
            emails.send_coordinator_welcome(coordinator)
    return coordinator


def coordinator_assign(
    *,
    trajectory: Trajectory,
    coordinator: Coordinator,
    actor: User,
    reason: str = "",
    replacing: int | None = None,
    ip_address: str | None = None,
) -> Trajectory:
    """Assign (or replace) the coordinator; they get a mail with a link, never the family's
    details. `replacing` is the coordinator the acting person saw (None: none yet): when someone
    else assigned one meanwhile, this is refused instead of silently replacing theirs."""
    with transaction.atomic():
        _lock(trajectory)
        if trajectory.coordinator_id != replacing:
            raise TransitionNotAllowed(
                _(
                    "Intussen koos iemand anders een coördinator voor dit traject (%(name)s). "
                    "Vernieuw de pagina voor je een andere kiest."
                )
                % {"name": trajectory.coordinator or _("geen")}
            )
        if trajectory.coordinator_id == coordinator.pk:
            raise TrajectoryRefused(_("Deze coördinator is al toegewezen aan dit traject."))
        if trajectory.status == S.INTAKE:
            _transition(
                trajectory,
                "assign",
                actor=actor,
                reason=reason,
                ip_address=ip_address,
                coordinator=coordinator,
                assigned_at=timezone.now(),
            )
        elif trajectory.status in ACTIVE_STATUSES:
            previous = trajectory.coordinator
            trajectory.coordinator = coordinator
            trajectory.assigned_at = timezone.now()
            trajectory.save(update_fields=["coordinator", "assigned_at"])
            _event(
                trajectory,
                actor=actor,
                action="reassign",
                description=_("Andere coördinator: %(new)s in plaats van %(old)s")
                % {"new": coordinator, "old": previous},
                reason=reason,
                ip_address=ip_address,
            )
        else:
            raise TransitionNotAllowed(
                _("In de status “%(status)s” kan geen coördinator toegewezen worden.")
                % {"status": trajectory.get_status_display()}
            )
        emails.send_coordinator_assigned(trajectory)
    return trajectory


def preparation_start(
    *, trajectory: Trajectory, actor: User, ip_address: str | None = None
) -> Trajectory:
    with transaction.atomic():
        _lock(trajectory)
        _transition(trajectory, "start_preparation", actor=actor, ip_address=ip_address)
    return trajectory


# Participants and notes --------------------------------------------------------------------------


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
        _network().participant_sync(participant=participant)
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
    *, trajectory: Trajectory, text: str, actor: User, ip_address: str | None = None
) -> Note:
    with transaction.atomic():
        note = Note.objects.create(trajectory=trajectory, author=actor, text=text)
        audit_record(actor=actor, action="trajectory.note", obj=trajectory, ip_address=ip_address)
    return note


def _refuse_when_finished(trajectory: Trajectory) -> None:
    if trajectory.status in FINISHED_STATUSES:
        raise TransitionNotAllowed(
            _("Dit traject is %(status)s; er kan niets meer aan veranderen.")
            % {"status": trajectory.get_status_display().lower()}
        )


# The conference ----------------------------------------------------------------------------------


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
            _network().conference_snapshot(trajectory=trajectory, actor=actor)
        _event(
            trajectory,
            actor=actor,
            action="conference.attendance",
            description=_("Aanwezigheden genoteerd: %(kind)s")
            % {"kind": conference.get_kind_display()},
            ip_address=ip_address,
        )
    return conference


# The plan ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementData:
    what: str
    responsible: list[Participant]
    due: str
    checked_by: Participant | None = None
    domain: str = ""


def plan_save(
    *,
    trajectory: Trajectory,
    evaluation_on: dt.date | None,
    if_things_go_differently: str,
    agreements: list[AgreementData],
    actor: User,
    ip_address: str | None = None,
) -> Plan:
    """Write the plan as the family made it. While the referrer has it, it cannot change."""
    for agreement in agreements:
        if not agreement.responsible:
            raise TrajectoryRefused(_("Elke afspraak heeft minstens één verantwoordelijke nodig."))
        if any(p.trajectory_id != trajectory.pk for p in agreement.responsible):
            raise TrajectoryRefused(_("Iemand in een afspraak hoort niet bij dit traject."))
    with transaction.atomic():
        _lock(trajectory)
        _refuse_when_finished(trajectory)
        if trajectory.status not in {S.PREPARATION, S.CONFERENCE_PLANNED, S.PLAN_MADE}:
            raise TransitionNotAllowed(
                _("Een plan maken kan vanaf de voorbereiding, niet in de status “%(status)s”.")
                % {"status": trajectory.get_status_display()}
            )
        plan = trajectory.plans.select_for_update().order_by("-id").first()
        conference = trajectory.conferences.filter(kind=Conference.Kind.CONFERENCE).first()
        if plan is None:
            plan = Plan(trajectory=trajectory, conference=conference)
        elif plan.status == Plan.Status.PRESENTED:
            raise TrajectoryRefused(
                _("Het plan ligt bij de aanmelder. Wacht op het antwoord voor je het aanpast.")
            )
        elif plan.status == Plan.Status.ACCEPTED:
            raise TrajectoryRefused(_("Het plan is aanvaard en kan niet meer wijzigen."))
        elif plan.status == Plan.Status.CHANGES_REQUESTED:
            plan.revision += 1
            plan.status = Plan.Status.DRAFT
        plan.conference = plan.conference or conference  # planned after the first draft
        plan.evaluation_on = evaluation_on
        plan.if_things_go_differently = if_things_go_differently
        plan.save()
        plan.agreements.all().delete()
        for position, data in enumerate(agreements):
            agreement = Agreement.objects.create(
                plan=plan,
                what=data.what,
                due=data.due,
                checked_by=data.checked_by,
                domain=data.domain,
                position=position,
            )
            agreement.responsible.set(data.responsible)
        _event(
            trajectory,
            actor=actor,
            action="plan.save",
            description=_("Plan opgeslagen (versie %(revision)s, %(count)s afspraken)")
            % {"revision": plan.revision, "count": len(agreements)},
            ip_address=ip_address,
        )
    return plan


def plan_present(*, plan: Plan, actor: User, ip_address: str | None = None) -> Plan:
    """Hand the plan to the referrer, who accepts it or says what is missing."""
    trajectory = plan.trajectory
    with transaction.atomic():
        _lock(trajectory)
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if plan.status not in {Plan.Status.DRAFT}:
            raise TransitionNotAllowed(_("Dit plan is al voorgesteld."))
        if not plan.agreements.exists():
            raise TrajectoryRefused(_("Een plan zonder afspraken kan niet voorgesteld worden."))
        if plan.evaluation_on is None:
            raise TrajectoryRefused(_("Vul de evaluatiedatum in voor je het plan voorstelt."))
        if trajectory.conferences.filter(kind=Conference.Kind.CONFERENCE, held=False).exists():
            raise TrajectoryRefused(
                _(
                    "De conferentie is nog niet gehouden: noteer eerst wie er was. Een plan "
                    "zonder conferentie stel je voor zolang er geen conferentie gepland is."
                )
            )
        plan.status = Plan.Status.PRESENTED
        plan.presented_at = timezone.now()
        plan.save(update_fields=["status", "presented_at"])
        if trajectory.status == S.PLAN_MADE:
            _event(
                trajectory,
                actor=actor,
                action="plan.present",
                description=_("Aangepast plan opnieuw voorgesteld (versie %(revision)s)")
                % {"revision": plan.revision},
                ip_address=ip_address,
            )
        else:
            _transition(trajectory, "present_plan", actor=actor, ip_address=ip_address)
        emails.send_plan_presented(trajectory)
    return plan


def plan_accept(*, plan: Plan, actor: User, ip_address: str | None = None) -> Plan:
    trajectory = plan.trajectory
    with transaction.atomic():
        _lock(trajectory)
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if plan.status != Plan.Status.PRESENTED:
            raise TransitionNotAllowed(_("Dit plan wacht niet (meer) op je beslissing."))
        today = timezone.localdate()
        plan.status = Plan.Status.ACCEPTED
        plan.accepted_at = timezone.now()
        plan.accepted_by = actor
        plan.save(update_fields=["status", "accepted_at", "accepted_by"])
        weeks = Organisation.current().follow_up_weeks
        _transition(
            trajectory,
            "accept_plan",
            actor=actor,
            ip_address=ip_address,
            follow_up_due_on=today + dt.timedelta(weeks=weeks),
        )
        emails.send_plan_decided(trajectory, accepted=True)
    return plan


def plan_request_changes(
    *, plan: Plan, actor: User, feedback: str, ip_address: str | None = None
) -> Plan:
    if not feedback.strip():
        raise TrajectoryRefused(
            _("Schrijf wat er volgens jou ontbreekt, met het oog op de grenzen.")
        )
    trajectory = plan.trajectory
    with transaction.atomic():
        _lock(trajectory)
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if plan.status != Plan.Status.PRESENTED:
            raise TransitionNotAllowed(_("Dit plan wacht niet (meer) op je beslissing."))
        plan.status = Plan.Status.CHANGES_REQUESTED
        plan.referrer_feedback = feedback
        plan.save(update_fields=["status", "referrer_feedback"])
        _event(
            trajectory,
            actor=actor,
            action="plan.changes_requested",
            description=_("De aanmelder vraagt het plan aan te vullen"),
            reason=feedback,
            ip_address=ip_address,
        )
        emails.send_plan_decided(trajectory, accepted=False)
    return plan


# Follow-up and the end ---------------------------------------------------------------------------


def follow_up_record(
    *,
    trajectory: Trajectory,
    held_on: dt.date,
    note: str,
    progress: dict[int, str],
    actor: User,
    satisfaction: dict[str, int | None] | None = None,
    ip_address: str | None = None,
) -> FollowUp:
    satisfaction = {k: v for k, v in (satisfaction or {}).items() if v is not None}
    if set(satisfaction) - set(SATISFACTION_GROUPS) or not all(
        1 <= v <= 10 for v in satisfaction.values()
    ):
        raise TrajectoryRefused(_("Een tevredenheidsscore ligt tussen 1 en 10."))
    if held_on > timezone.localdate():
        raise TrajectoryRefused(_("Een opvolging in de toekomst kan nog niet genoteerd worden."))
    with transaction.atomic():
        _lock(trajectory)
        if trajectory.status != S.FOLLOW_UP:
            raise TransitionNotAllowed(_("Opvolgen kan pas als het plan aanvaard is."))
        follow_up = FollowUp.objects.create(
            trajectory=trajectory, held_on=held_on, note=note, author=actor, **satisfaction
        )
        agreements = {
            a.pk: a for a in Agreement.objects.filter(plan__trajectory=trajectory, pk__in=progress)
        }
        for pk, value in progress.items():
            if pk in agreements and value in Agreement.Progress.values:
                agreements[pk].progress = value
        Agreement.objects.bulk_update(agreements.values(), ["progress"])
        trajectory.follow_up_due_on = None
        trajectory.save(update_fields=["follow_up_due_on"])
        _event(
            trajectory,
            actor=actor,
            action="follow_up",
            description=_("Opvolging op %(date)s") % {"date": held_on.strftime("%d/%m/%Y")},
            ip_address=ip_address,
        )
    return follow_up


def trajectory_close(
    *,
    trajectory: Trajectory,
    outcome: str,
    reason: str = "",
    actor: User,
    ip_address: str | None = None,
) -> Trajectory:
    if outcome not in {
        Trajectory.Outcome.PLAN_WITH_CONFERENCE,
        Trajectory.Outcome.PLAN_WITHOUT_CONFERENCE,
    }:
        raise TrajectoryRefused(_("Kies de uitkomst van het traject."))
    with transaction.atomic():
        _lock(trajectory)
        held = trajectory.conferences.filter(kind=Conference.Kind.CONFERENCE, held=True).exists()
        if held != (outcome == Trajectory.Outcome.PLAN_WITH_CONFERENCE):
            raise TrajectoryRefused(
                _("Er werd een conferentie gehouden: kies “plan gemaakt op een conferentie”.")
                if held
                else _("Er werd geen conferentie gehouden: kies “plan gemaakt zonder conferentie”.")
            )
        _transition(
            trajectory,
            "close",
            actor=actor,
            reason=reason,
            ip_address=ip_address,
            outcome=outcome,
            closed_at=timezone.now(),
            follow_up_due_on=None,
        )
        _network().snapshot_take(trajectory=trajectory, reason="closed", actor=actor)
    return trajectory


def trajectory_stop(
    *,
    trajectory: Trajectory,
    reason: str,
    explanation: str = "",
    actor: User,
    ip_address: str | None = None,
) -> Trajectory:
    if reason not in Trajectory.StopReason.values:
        raise TrajectoryRefused(_("Kies waarom het traject stopt."))
    if reason == Trajectory.StopReason.OTHER and not explanation.strip():
        raise TrajectoryRefused(_("Licht de reden toe als je “andere reden” kiest."))
    with transaction.atomic():
        _lock(trajectory)
        _transition(
            trajectory,
            "stop",
            actor=actor,
            reason=f"{Trajectory.StopReason(reason).label}. {explanation}".strip(),
            ip_address=ip_address,
            outcome=Trajectory.Outcome.STOPPED,
            stop_reason=reason,
            stop_reason_text=explanation,
            closed_at=timezone.now(),
            follow_up_due_on=None,
        )
        _network().snapshot_take(trajectory=trajectory, reason="closed", actor=actor)
    return trajectory


def trajectory_viewed(
    *, trajectory: Trajectory, actor: User, page: str, ip_address: str | None = None
) -> None:
    """Reading a trajectory is recorded too: who looked at what, and when."""
    audit_record(
        actor=actor,
        action="trajectory.view",
        obj=trajectory,
        data={"page": page},
        ip_address=ip_address,
    )


def trajectories_listed(
    *, actor: User, page: str, ids: list[int], ip_address: str | None = None
) -> None:
    """A list of trajectories (names of families) was shown: which ones, to whom."""
    audit_record_listing(
        actor=actor,
        action="trajectory.list",
        model=Trajectory,
        ids=ids,
        data={"page": page},
        ip_address=ip_address,
    )


# For the network map (eigenkracht.network) -------------------------------------------------------


def trajectory_change_begin(trajectory: Trajectory) -> Trajectory:
    """Lock the trajectory for a change made by another app, inside that app's transaction;
    refuses when the trajectory is finished."""
    _lock(trajectory)
    _refuse_when_finished(trajectory)
    return trajectory


def trajectory_event_record(
    trajectory: Trajectory,
    *,
    actor: Any,
    action: str,
    description: str,
    ip_address: str | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Write another app's change on the trajectory's timeline and in the audit log."""
    _event(
        trajectory,
        actor=actor,
        action=action,
        description=description,
        ip_address=ip_address,
        data=data,
    )


def _network() -> Any:
    """The network map's services, imported when first needed: they import this module."""
    from eigenkracht.network import services

    return services
