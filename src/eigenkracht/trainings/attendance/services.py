"""Attendance per session and the certificates of attendance that follow from it."""

import datetime as dt
import secrets
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, Max, Q, QuerySet
from django.utils import timezone

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import actor_or_none, audit_record
from eigenkracht.core.throttle import attempt_allowed
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
            participant.certificate_code = participant.certificate_code or _unused_code()
            participant.save(update_fields=["certificate_sent_at", "certificate_code"])
            emails.send_certificate(participant, issued_on=today)
            audit_record(actor=None, action="participant.certificate_sent", obj=participant)
            sent += 1
    return sent


# Verification codes ----------------------------------------------------------------------------

# Without 0/O, 1/I/L: a code typed over from paper is read right. 31 signs, 10 of them: 49
# bits, so a code cannot be guessed, and the public check is rate-limited besides.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
CHECKS_PER_HOUR = 30


def _unused_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Participant.objects.filter(certificate_code=code).exists():
            return code


def certificate_code_clean(value: str) -> str:
    """A code as typed (lower case, spaces, dashes) in its stored form; "" when it cannot be one."""
    code = "".join(ch for ch in value.upper() if ch not in " -.")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return ""
    return code


def certificate_check_allowed(*, client_ip: str | None) -> bool:
    """At most CHECKS_PER_HOUR code checks an hour from one address, found or not."""
    return attempt_allowed(
        scope="certificate_check",
        key=client_ip,
        limit=CHECKS_PER_HOUR,
        within=dt.timedelta(hours=1),
    )


def certificate_find(code: str) -> Participant | None:
    """The participant whose certificate carries this code, if any was sent."""
    code = certificate_code_clean(code)
    if not code:
        return None
    return (
        Participant.objects.select_related("training")
        .filter(certificate_code=code, certificate_sent_at__isnull=False)
        .first()
    )
