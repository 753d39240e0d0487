"""Every change to the volunteers: applications and their steps, the account of an accepted
applicant, training and intervision, duties, availability, the agenda link and the settings."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import audit_record
from eigenkracht.core.refusals import Refused
from eigenkracht.core.throttle import attempt_allowed
from eigenkracht.trajectories import services as trajectory_services
from eigenkracht.trajectories.models import Coordinator
from eigenkracht.volunteers import emails
from eigenkracht.volunteers.models import (
    Application,
    ApplicationStep,
    AwayPeriod,
    IntervisionSession,
    ModuleFollowed,
    TrainingModule,
    Volunteer,
    VolunteerSettings,
    new_feed_token,
)

Step = Application.Step


class VolunteerRefused(Refused):
    pass


# The named moves of an application: from each step, where it may go, with the button's words.
MOVES: dict[str, dict[str, str]] = {
    Step.APPLIED: {Step.INTAKE: "invite_for_intake", Step.STOPPED: "stop"},
    Step.INTAKE: {Step.TRAINING: "start_training", Step.PAUSED: "pause", Step.STOPPED: "stop"},
    Step.TRAINING: {Step.ACTIVE: "activate", Step.PAUSED: "pause", Step.STOPPED: "stop"},
    Step.ACTIVE: {Step.PAUSED: "pause", Step.STOPPED: "stop"},
    Step.PAUSED: {
        Step.INTAKE: "resume_intake",
        Step.TRAINING: "resume_training",
        Step.ACTIVE: "resume",
        Step.STOPPED: "stop",
    },
    # A stop chosen by mistake, or a candidate who comes back: to an intake again.
    Step.STOPPED: {Step.INTAKE: "resume_intake"},
}
# A coordinator in these steps is not proposed for new trajectories.
NOT_AVAILABLE_STEPS = frozenset({Step.PAUSED, Step.STOPPED})
# An account is made from the training onwards: the basic training needs the login.
ACCOUNT_STEPS = frozenset({Step.TRAINING, Step.ACTIVE, Step.PAUSED})


def application_submit(*, data: dict[str, Any], ip_address: str | None = None) -> Application:
    """An application from the public page, its first step, and the two mails."""
    if not attempt_allowed(
        scope="volunteer_application",
        key=ip_address,
        limit=settings.REFERRAL_BURST_LIMIT,
        within=dt.timedelta(hours=1),
    ):
        raise VolunteerRefused(
            _(
                "Van deze verbinding kwamen het voorbije uur al veel kandidaturen. Probeer het "
                "later opnieuw, of mail ons."
            )
        )
    if not data.pop("consent", False):
        raise VolunteerRefused(_("Zonder je toestemming kunnen we je kandidatuur niet bewaren."))
    with transaction.atomic():
        now = timezone.now()
        application = Application.objects.create(
            consent_at=now, applied_at=now, step_on=timezone.localdate(now), **data
        )
        ApplicationStep.objects.create(
            application=application, step=Step.APPLIED, on=application.step_on
        )
        audit_record(
            actor=None,
            action="volunteer_application.submitted",
            obj=application,
            ip_address=ip_address,
        )
        emails.send_application_received(application)
        emails.send_application_to_office(application)
    return application


def application_move(
    *,
    application: Application,
    step: str,
    on: dt.date,
    note: str,
    actor: User,
    ip_address: str | None = None,
) -> Application:
    """Move an application to the next step, dated, with a note; stopping needs the reason."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if step not in MOVES[application.step]:
            raise VolunteerRefused(
                _("Van “%(from)s” kan de kandidatuur niet naar “%(to)s”.")
                % {"from": application.get_step_display(), "to": Step(step).label}
            )
        if step == Step.STOPPED and not note.strip():
            raise VolunteerRefused(_("Schrijf waarom de kandidaat stopt."))
        if on > timezone.localdate():
            raise VolunteerRefused(_("Een stap kan niet in de toekomst liggen."))
        if on < application.step_on:
            raise VolunteerRefused(
                _("De vorige stap was op %(date)s: kies die datum of later.")
                % {"date": application.step_on.strftime("%d/%m/%Y")}
            )
        previous = application.step
        application.step, application.step_on = step, on
        application.stop_reason = note.strip() if step == Step.STOPPED else ""
        application.save(update_fields=["step", "step_on", "stop_reason"])
        # Paused or stopped: not proposed; active (again): proposed. Moving back to an intake
        # or to the training leaves the coordinator as a pause or stop left them.
        available = None
        if step in NOT_AVAILABLE_STEPS:
            available = False
        elif step == Step.ACTIVE:
            available = True
        if application.coordinator_id and available is not None:
            Coordinator.objects.filter(pk=application.coordinator_id).update(available=available)
        ApplicationStep.objects.create(
            application=application, step=step, on=on, note=note.strip(), actor=actor
        )
        audit_record(
            actor=actor,
            action="volunteer_application.moved",
            obj=application,
            data={"from": previous, "to": step}
            | (
                {"available": available}
                if application.coordinator_id and available is not None
                else {}
            ),
            ip_address=ip_address,
        )
    return application


def application_account_create(
    *, application: Application, actor: User, ip_address: str | None = None
) -> Coordinator:
    """The coordinator and login for an accepted applicant, through the office's own way of
    adding a coordinator (which mails the one-time link to choose a password)."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.coordinator_id is not None:
            raise VolunteerRefused(_("Deze kandidaat heeft al een account."))
        if application.step not in ACCOUNT_STEPS:
            raise VolunteerRefused(
                _("Een account maak je vanaf de opleiding, niet in de stap “%(step)s”.")
                % {"step": application.get_step_display()}
            )
        if User.objects.filter(email__iexact=application.email).exists():
            raise VolunteerRefused(
                _(
                    "Er bestaat al een account met %(email)s. Maak de coördinator aan bij de "
                    "coördinatoren, of vraag de kandidaat om een ander adres."
                )
                % {"email": application.email}
            )
        first, _space, last = application.name.strip().partition(" ")
        coordinator = trajectory_services.coordinator_save(
            coordinator=None,
            user_data={"email": application.email, "first_name": first[:80], "last_name": last},
            data={"phone": application.phone, "languages": list(application.languages)},
            actor=actor,
            ip_address=ip_address,
        )
        if application.postcode:
            coordinator.postcodes = [application.postcode]
            coordinator.save(update_fields=["postcodes"])
        Volunteer.objects.get_or_create(coordinator=coordinator)
        application.coordinator = coordinator
        application.save(update_fields=["coordinator"])
        audit_record(
            actor=actor,
            action="volunteer_application.account_created",
            obj=application,
            ip_address=ip_address,
        )
    return coordinator


def volunteer_duties_save(
    *, coordinator: Coordinator, data: dict[str, Any], actor: User, ip_address: str | None = None
) -> Volunteer:
    with transaction.atomic():
        volunteer, _created = Volunteer.objects.select_for_update().get_or_create(
            coordinator=coordinator
        )
        changes = {}
        for name, value in data.items():
            old = getattr(volunteer, name)
            if old != value:
                changes[name] = {"old": str(old or ""), "new": str(value or "")}
                setattr(volunteer, name, value)
        volunteer.save()
        audit_record(
            actor=actor,
            action="volunteer.duties_saved",
            obj=coordinator,
            data=changes,
            ip_address=ip_address,
        )
    return volunteer


def volunteer_training_save(
    *,
    coordinator: Coordinator,
    modules: dict[int, dt.date | None],
    intervisions: set[int],
    actor: User,
    ip_address: str | None = None,
) -> None:
    """The date each module was followed (None: not yet), and the intervisions attended."""
    with transaction.atomic():
        for module_id, followed_on in modules.items():
            if followed_on is None:
                ModuleFollowed.objects.filter(coordinator=coordinator, module_id=module_id).delete()
            else:
                ModuleFollowed.objects.update_or_create(
                    coordinator=coordinator,
                    module_id=module_id,
                    defaults={"followed_on": followed_on},
                )
        coordinator.intervisions.set(intervisions)
        audit_record(
            actor=actor,
            action="volunteer.training_saved",
            obj=coordinator,
            data={"modules": sorted(m for m, d in modules.items() if d)},
            ip_address=ip_address,
        )


def volunteer_availability_save(
    *,
    coordinator: Coordinator,
    preferred_days: list[int],
    preferred_parts: list[str],
    max_trajectories: int,
    away: list[tuple[dt.date, dt.date, str]],
    actor: User,
    ip_address: str | None = None,
) -> None:
    """Replace the preferred days and parts, the maximum and the periods away."""
    with transaction.atomic():
        volunteer, _created = Volunteer.objects.select_for_update().get_or_create(
            coordinator=coordinator
        )
        volunteer.preferred_days = sorted(preferred_days)
        volunteer.preferred_parts = list(preferred_parts)
        volunteer.save(update_fields=["preferred_days", "preferred_parts"])
        coordinator.max_trajectories = max_trajectories
        coordinator.save(update_fields=["max_trajectories"])
        coordinator.away_periods.all().delete()
        AwayPeriod.objects.bulk_create(
            AwayPeriod(coordinator=coordinator, starts_on=start, ends_on=end, note=note)
            for start, end, note in away
        )
        audit_record(
            actor=actor,
            action="volunteer.availability_saved",
            obj=coordinator,
            data={"away_periods": len(away), "max_trajectories": max_trajectories},
            ip_address=ip_address,
        )


def feed_token_renew(
    *, coordinator: Coordinator, actor: User, ip_address: str | None = None
) -> Volunteer:
    """A new secret link for the agenda; the old one stops working at once."""
    with transaction.atomic():
        volunteer, _created = Volunteer.objects.select_for_update().get_or_create(
            coordinator=coordinator
        )
        volunteer.feed_token = new_feed_token()
        volunteer.save(update_fields=["feed_token"])
        audit_record(
            actor=actor, action="volunteer.feed_renewed", obj=coordinator, ip_address=ip_address
        )
    return volunteer


def training_module_save(
    *, module: TrainingModule | None, data: dict[str, Any], actor: User
) -> TrainingModule:
    with transaction.atomic():
        module = module or TrainingModule()
        for name, value in data.items():
            setattr(module, name, value)
        module.save()
        audit_record(actor=actor, action="training_module.saved", obj=module)
    return module


def intervision_save(
    *,
    session: IntervisionSession | None,
    data: dict[str, Any],
    attendees: list[Coordinator],
    actor: User,
) -> IntervisionSession:
    with transaction.atomic():
        session = session or IntervisionSession()
        for name, value in data.items():
            setattr(session, name, value)
        session.save()
        session.attendees.set(attendees)
        audit_record(
            actor=actor,
            action="intervision.saved",
            obj=session,
            data={"attendees": len(attendees)},
        )
    return session


def volunteer_settings_save(*, record_renewal_years: int, actor: User) -> VolunteerSettings:
    with transaction.atomic():
        current = VolunteerSettings.current()
        old = current.record_renewal_years
        current.record_renewal_years = record_renewal_years
        current.save()
        audit_record(
            actor=actor,
            action="volunteer_settings.saved",
            obj=current,
            data={"record_renewal_years": {"old": old, "new": record_renewal_years}},
        )
    return current
