"""Attendance per session and the certificates of attendance that follow from it."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, Max, Q, QuerySet
from django.utils import timezone

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import actor_or_none, audit_record
from eigenkracht.trainings import emails
from eigenkracht.trainings.models import Attendance, Participant, Registration, Session, Training


def session_participants(session: Session) -> QuerySet[Participant]:
    """Active participants of confirmed registrations for the session's training, by name."""
    return (
        Participant.objects.filter(
            training_id=session.training_id,
            is_active=True,
            registration__status=Registration.Status.CONFIRMED,
        )
        .select_related("registration")
        .order_by("last_name", "first_name", "id")
    )


def attendance_record(
    *, session: Session, present_participant_ids: Iterable[int], actor: User | None
) -> dict[str, int]:
    """Store who was present at the session, all at once; ids of others are ignored."""
    wanted = {int(pk) for pk in present_participant_ids}
    now = timezone.now()
    recorded_by = actor_or_none(actor)
    with transaction.atomic():
        participant_ids = list(session_participants(session).values_list("pk", flat=True))
        Attendance.objects.bulk_create(
            [
                Attendance(
                    participant_id=pk,
                    session=session,
                    present=pk in wanted,
                    recorded_by=recorded_by,
                    recorded_at=now,
                )
                for pk in participant_ids
            ],
            update_conflicts=True,
            unique_fields=["participant", "session"],
            update_fields=["present", "recorded_by", "recorded_at"],
        )
        counts = {
            "present": sum(1 for pk in participant_ids if pk in wanted),
            "absent": sum(1 for pk in participant_ids if pk not in wanted),
        }
        audit_record(actor=actor, action="session.attendance_recorded", obj=session, data=counts)
    return counts


def _eligible(today: dt.date) -> QuerySet[Participant]:
    """Participants of ended trainings, present at every session, without a certificate yet."""
    ended = (
        Training.objects.exclude(status=Training.Status.CANCELLED)
        .annotate(last_session=Max("sessions__date"))
        .filter(last_session__lt=today)
    )
    return (
        Participant.objects.filter(
            training__in=ended,
            is_active=True,
            registration__status=Registration.Status.CONFIRMED,
            certificate_sent_at__isnull=True,
        )
        .annotate(
            sessions_total=Count("training__sessions", distinct=True),
            sessions_present=Count(
                "attendances", filter=Q(attendances__present=True), distinct=True
            ),
        )
        .filter(sessions_total__gt=0, sessions_present=F("sessions_total"))
    )


def certificates_send(*, today: dt.date | None = None) -> int:
    """Mail a certificate to everyone who attended every session of a training that ended.

    Each participant is claimed under a row lock that a parallel run skips, and re-checked under
    that lock, so nobody gets two certificates, even from two runs at once.
    """
    today = today or timezone.localdate()
    sent = 0
    for pk in list(_eligible(today).values_list("pk", flat=True)):
        with transaction.atomic():
            participant = (
                Participant.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, certificate_sent_at__isnull=True)
                .first()
            )
            if participant is None:
                continue
            participant.certificate_sent_at = timezone.now()
            participant.save(update_fields=["certificate_sent_at"])
            emails.send_certificate(participant, issued_on=today)
            audit_record(actor=None, action="participant.certificate_sent", obj=participant)
            sent += 1
    return sent
