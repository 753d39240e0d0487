"""The plan: written as the family made it, presented to the referrer, accepted or sent back."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.models import Organisation
from eigenkracht.trajectories import emails
from eigenkracht.trajectories.models import Agreement, Conference, Participant, Plan, Trajectory
from eigenkracht.trajectories.services.transitions import _transition
from eigenkracht.trajectories.timeline import (
    TrajectoryRefused,
    TransitionNotAllowed,
    _event,
    _lock,
    _refuse_when_finished,
)

S = Trajectory.Status


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
