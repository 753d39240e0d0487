"""Every change to evaluations: the links after a conference and a training, the answers, the one
reminder. Answers are stored without a link to the invite (see models): the invite is only
marked used, with the date, by a conditional update that is also the guard against a second
answer through the same link (two submits at once: the second update finds no unused row)."""

import datetime as dt
import logging
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import audit_record
from eigenkracht.core.refusals import Refused
from eigenkracht.evaluations import emails
from eigenkracht.evaluations.groups import form_language, group_of, is_minor
from eigenkracht.evaluations.models import (
    Channel,
    ConferenceInvite,
    ConferenceResponse,
    EvaluationSettings,
    Propose,
    TrainingEvaluation,
    TrainingInvite,
    TrainingResponse,
)
from eigenkracht.evaluations.sms import SmsSender, sms_sender
from eigenkracht.evaluations.tallies import tally_add
from eigenkracht.trainings.models import Attendance, Registration, Training
from eigenkracht.trainings.models import Participant as Trainee
from eigenkracht.trajectories.models import Conference, ConferenceAttendance
from eigenkracht.trajectories.timeline import trajectory_event_record

logger = logging.getLogger(__name__)


class EvaluationRefused(Refused):
    """The answers are not stored; the message is meant for the person filling in."""


class AlreadyAnswered(EvaluationRefused):
    pass


def _sms_text(url: str) -> str:
    return _("Hoe was de Eigen Kracht-conferentie? Zeg het ons, anoniem: %(url)s") % {"url": url}


def deliver_conference_link(invite: ConferenceInvite, *, reminder: bool = False) -> None:
    """Mail the link, or text it when a gateway is configured; the channel says which."""
    if invite.channel == Channel.MAIL:
        emails.send_conference_link(invite, reminder=reminder)
    elif invite.channel == Channel.SMS:
        sender = sms_sender()
        if sender is not None:
            phone, text = invite.participant.phone, _sms_text(emails.conference_url(invite.token))
            transaction.on_commit(lambda: _text(sender, phone=phone, text=text))


def _text(sender: SmsSender, *, phone: str, text: str) -> None:
    """After commit: a gateway that fails must not fail the coordinator's page (the attendance
    is stored); the log says so, and the QR sheet (for everyone) still reaches the person."""
    try:
        sender(phone=phone, text=text)
    except Exception:
        logger.exception("Evaluation link by SMS failed")


@transaction.atomic(savepoint=False)
def conference_invites_create(
    *, conference: Conference, actor: User | None
) -> list[ConferenceInvite]:
    """A link for everyone who was at the conference (not for an interpreter), once each.

    Runs in the transaction that records the attendance (the trajectory is locked there), each
    time it is recorded: only people without a link yet get one, and an unused link of someone
    the correction marks absent stops working (they were not there to evaluate it). Follow-up
    conferences are not evaluated."""
    if conference.kind != Conference.Kind.CONFERENCE or not conference.held:
        return []
    trajectory = conference.trajectory
    present = ConferenceAttendance.objects.filter(conference=conference).values("participant_id")
    ConferenceInvite.objects.filter(trajectory=trajectory, used=False).exclude(
        participant_id__in=present
    ).delete()
    people = trajectory.participants.filter(pk__in=present).exclude(
        pk__in=ConferenceInvite.objects.filter(trajectory=trajectory).values("participant_id")
    )
    can_text = sms_sender() is not None
    created = []
    for participant in people:
        group = group_of(participant, conference.date)
        if group is None:
            continue
        if participant.email:
            channel = Channel.MAIL
        elif participant.phone:
            channel = Channel.SMS if can_text else Channel.SMS_UNAVAILABLE
        else:
            channel = Channel.HAND_OUT
        invite = ConferenceInvite.objects.create(
            trajectory=trajectory,
            participant=participant,
            group=group,
            child_form=is_minor(participant, conference.date),
            channel=channel,
            language=form_language(participant.languages),
        )
        deliver_conference_link(invite)
        created.append(invite)
    if created:
        reached = sum(invite.channel in {Channel.MAIL, Channel.SMS} for invite in created)
        trajectory_event_record(
            trajectory,
            actor=actor,
            action="evaluation_invited",
            description=_(
                "Evaluatielinks gemaakt: %(reached)s verstuurd, %(hand)s om als QR-code te geven"
            )
            % {"reached": reached, "hand": len(created) - reached},
            data={"count": len(created)},
        )
    return created


@dataclass(frozen=True)
class ConferenceAnswers:
    score_meeting: int
    score_plan: int
    score_coordinator: int
    decisions: int | None
    inclusion: int | None
    support: int | None
    comment: str = ""


@dataclass(frozen=True)
class TrainingAnswers:
    score_content: int
    score_trainer: int
    score_organisation: int
    would_propose: str
    comment: str = ""


def _check(answers: ConferenceAnswers | TrainingAnswers) -> None:
    values = asdict(answers)
    scores = [v for k, v in values.items() if k.startswith("score_")]
    agree = [values.get(k) for k in ("decisions", "inclusion", "support")]
    if not all(isinstance(v, int) and 1 <= v <= 10 for v in scores):
        raise EvaluationRefused(_("Geef elk cijfer tussen 1 en 10."))
    if not all(v is None or 1 <= v <= 5 for v in agree):
        raise EvaluationRefused(_("Kies bij elke uitspraak een van de antwoorden."))
    if "would_propose" in values and values["would_propose"] not in Propose.values:
        raise EvaluationRefused(_("Kies ja, misschien of nee."))
    if len(values["comment"]) > 2000:
        raise EvaluationRefused(_("Je opmerking is te lang (hoogstens 2000 tekens)."))


def _mark_used(model: type[ConferenceInvite | TrainingInvite], pk: int, today: dt.date) -> None:
    """The guard: only one transaction turns the link from unused to used."""
    if not model.objects.filter(pk=pk, used=False).update(used=True, used_on=today):
        raise AlreadyAnswered(_("Deze vragenlijst is al ingevuld. Bedankt!"))


def conference_response_submit(
    *, invite: ConferenceInvite, answers: ConferenceAnswers
) -> ConferenceResponse:
    """Store the answers without a link to the person, once per link. No audit entry: its time
    and object would tie the answers back to the invite (docs/decisions.md)."""
    _check(answers)
    today = timezone.localdate()
    with transaction.atomic():
        _mark_used(ConferenceInvite, invite.pk, today)
        response = ConferenceResponse.objects.create(
            trajectory_id=invite.trajectory_id,
            group=invite.group,
            child_form=invite.child_form,
            submitted_on=today,
            language=invite.language,
            **asdict(answers),
        )
        tally_add(response)
    return response


def training_response_submit(
    *, invite: TrainingInvite, answers: TrainingAnswers
) -> TrainingResponse:
    """As `conference_response_submit`, for a training."""
    _check(answers)
    today = timezone.localdate()
    with transaction.atomic():
        _mark_used(TrainingInvite, invite.pk, today)
        return TrainingResponse.objects.create(
            training_id=invite.training_id,
            submitted_on=today,
            language=invite.language,
            **asdict(answers),
        )


def training_trainees(training: Training) -> tuple[list[Trainee], bool]:
    """Who evaluates a training: the active seats of confirmed registrations that were present
    at a session when attendance was recorded, else all of them; and whether attendance
    decided."""
    seats = Trainee.objects.filter(
        training=training, is_active=True, registration__status=Registration.Status.CONFIRMED
    ).select_related("registration")
    recorded = Attendance.objects.filter(session__training=training).exists()
    if recorded:
        seats = seats.filter(
            pk__in=Attendance.objects.filter(session__training=training, present=True).values(
                "participant_id"
            )
        )
    return list(seats), recorded


def training_invites_create(
    *, training: Training, actor: User | None = None
) -> list[TrainingInvite]:
    """Mail each trainee their link, once per training: the round's row is the claim (a second
    run, or one at the same time, finds it and sends nothing)."""
    with transaction.atomic():
        trainees, by_attendance = training_trainees(training)
        _round, created = TrainingEvaluation.objects.get_or_create(
            training=training,
            defaults={"invited_at": timezone.now(), "by_attendance": by_attendance},
        )
        if not created:
            return []
        invites = []
        for trainee in trainees:
            invite = TrainingInvite.objects.create(
                training=training,
                participant=trainee,
                language=trainee.registration.language,
            )
            emails.send_training_link(invite)
            invites.append(invite)
        audit_record(
            actor=actor,
            action="training.evaluation_invited",
            obj=training,
            data={"count": len(invites), "by_attendance": by_attendance},
        )
    return invites


def evaluation_settings_save(*, reminder_after_days: int, actor: User) -> EvaluationSettings:
    with transaction.atomic():
        settings = EvaluationSettings.current()
        old = settings.reminder_after_days
        settings.reminder_after_days = reminder_after_days
        settings.save(update_fields=["reminder_after_days"])
        audit_record(
            actor=actor,
            action="evaluation_settings.saved",
            obj=settings,
            data={"reminder_after_days": {"old": old, "new": reminder_after_days}},
        )
    return settings


def conference_link_mail(*, invite: ConferenceInvite, actor: User) -> ConferenceInvite:
    """Mail an unused link again, to the address the participant has now (added after the
    conference, or corrected); the link itself stays the same."""
    with transaction.atomic():
        invite = (
            ConferenceInvite.objects.select_for_update()
            .select_related("participant")
            .get(pk=invite.pk)
        )
        if invite.used:
            raise EvaluationRefused(_("Deze persoon vulde de evaluatie al in."))
        if not invite.participant.email:
            raise EvaluationRefused(
                _("Vul eerst een e-mailadres in bij de deelnemer; dan kan de link vertrekken.")
            )
        invite.channel = Channel.MAIL
        invite.save(update_fields=["channel"])
        deliver_conference_link(invite)
        audit_record(actor=actor, action="evaluation.mailed", obj=invite.participant)
    return invite
