"""The evaluations' work on a clock (`manage.py run_periodic`): the links the day after a
training's last session, and the one reminder. Both are claimed so that a run twice, or two runs
at once, send nothing twice."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from eigenkracht.core.audit import audit_record
from eigenkracht.evaluations import emails
from eigenkracht.evaluations.models import (
    STILL_ASKED,
    Channel,
    ConferenceInvite,
    EvaluationSettings,
    TrainingInvite,
)
from eigenkracht.evaluations.services import deliver_conference_link, training_invites_create
from eigenkracht.evaluations.sms import sms_sender
from eigenkracht.trainings.models import Training

# Training links go out the day after the last session, for trainings that ended at most this
# long ago (so that a first run does not mail the trainees of years past).
TRAINING_WINDOW = dt.timedelta(days=30)


def trainings_evaluate(*, today: dt.date | None = None) -> int:
    """The periodic job: trainings whose last session was before today (and not long ago) get
    their evaluation links. Returns how many links went out."""
    today = today or timezone.localdate()
    due = Training.objects.filter(
        status=Training.Status.PUBLISHED,
        ends_on__lt=today,
        ends_on__gte=today - TRAINING_WINDOW,
        evaluation_round__isnull=True,
    )
    return sum(len(training_invites_create(training=training)) for training in due)


def evaluation_reminders_send(*, now: dt.datetime | None = None) -> int:
    """One reminder for a link not used after the office's number of days; never a second one.
    Each is claimed by a conditional update (reminded_at still empty) in the transaction that
    stores its mail, so two runs at once remind nobody twice."""
    now = now or timezone.now()
    days = EvaluationSettings.current().reminder_after_days
    if not days:
        return 0
    cutoff = now - dt.timedelta(days=days)
    due = {"used": False, "reminded_at__isnull": True, "created_at__lte": cutoff}
    reachable = [Channel.MAIL] + ([Channel.SMS] if sms_sender() is not None else [])
    sent = 0
    # Not after the family withdrew its consent or the trajectory was made anonymous, nor to
    # someone whose address or number was wiped.
    open_invites = ConferenceInvite.objects.filter(
        channel__in=reachable, **due, **STILL_ASKED
    ).exclude(
        Q(channel=Channel.MAIL, participant__email="")
        | Q(channel=Channel.SMS, participant__phone="")
    )
    for pk in open_invites.values_list("pk", flat=True):
        with transaction.atomic():
            if ConferenceInvite.objects.filter(pk=pk, **due).update(reminded_at=now):
                invite = ConferenceInvite.objects.select_related("participant").get(pk=pk)
                deliver_conference_link(invite, reminder=True)
                audit_record(actor=None, action="evaluation.reminded", obj=invite.participant)
                sent += 1
    trainees = TrainingInvite.objects.filter(~Q(participant__email=""), **due)
    for pk in trainees.values_list("pk", flat=True):
        with transaction.atomic():
            if TrainingInvite.objects.filter(pk=pk, **due).update(reminded_at=now):
                invite = TrainingInvite.objects.select_related("participant", "training").get(pk=pk)
                emails.send_training_link(invite, reminder=True)
                audit_record(actor=None, action="evaluation.reminded", obj=invite.participant)
                sent += 1
    return sent
