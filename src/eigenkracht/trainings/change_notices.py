"""Telling registrants that a published training moved: its dates, its hours or its venue.

What counts as a move: a session that has not begun gets another day or other hours, a session
is added or taken out, or the venue changes while a session is still to come. Correcting the
hours of a session that already took place, or editing the description, the price or the
capacity, tells nobody.

Who hears it: every active registration, the waiting list included: a seat may still be offered
to them, and whether they can take it depends on the new dates. Only those whose calendar holds
the training (their confirmation, with its calendar file, went out) get the updated file: for
the others it would put in their calendar a training they hold no seat for yet.
"""

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.core.formatting import session_line
from eigenkracht.core.outbox import mail_organisation, outbox_queue_later, render_mail
from eigenkracht.trainings import emails
from eigenkracht.trainings.ical import RemovedSession
from eigenkracht.trainings.models import Registration, Session, Training, Venue


@dataclass(frozen=True)
class ScheduleChange:
    """What moved, in sentences for the mail, and the sessions whose events are cancelled."""

    lines: tuple[str, ...]
    removed: tuple[RemovedSession, ...]

    @property
    def digest(self) -> str:
        """Names this change: the office confirms the preview of exactly this one."""
        return hashlib.sha256("\n".join(self.lines).encode()).hexdigest()[:16]


def _venue_line(venue: Venue) -> str:
    return f"{venue.name}, {venue.street}, {venue.postcode} {venue.city}"


def schedule_change(
    *,
    training_id: int,
    venue: Venue,
    sessions: Sequence[dict[str, Any]],
    now: dt.datetime | None = None,
) -> ScheduleChange | None:
    """How the stored training would move with this venue and these session rows (as
    `training_save` takes them); None when no registrant has to hear of it."""
    stored = Training.objects.select_related("venue").get(pk=training_id)
    if stored.status != Training.Status.PUBLISHED:
        return None
    now = now or timezone.now()
    existing = {session.pk: session for session in Session.objects.filter(training=stored)}
    lines: list[str] = []
    removed: list[RemovedSession] = []
    kept = {row.get("id") for row in sessions if row.get("id")}
    for pk, session in sorted(existing.items(), key=lambda item: item[1].starts_at):
        if pk not in kept and session.starts_at > now:
            removed.append(RemovedSession(pk, session.starts_at, session.ends_at))
            when = session_line(session.date, session.start_time, session.end_time)
            lines.append(_("De sessie van %(when)s vervalt.") % {"when": when})
    for row in sessions:
        new = session_line(row["date"], row["start_time"], row["end_time"])
        session = existing.get(row.get("id"))
        if session is None:
            starts = timezone.make_aware(dt.datetime.combine(row["date"], row["start_time"]))
            if starts > now:
                lines.append(_("Er komt een sessie bij: %(when)s.") % {"when": new})
            continue
        old = session_line(session.date, session.start_time, session.end_time)
        if old != new and session.starts_at > now:
            lines.append(_("De sessie van %(old)s wordt %(new)s.") % {"old": old, "new": new})
        if session.starts_at > now:
            lines.extend(_online_change(session, row, when=new))
    still_to_come = any(
        timezone.make_aware(dt.datetime.combine(row["date"], row["start_time"])) > now
        for row in sessions
    )
    if venue.pk != stored.venue_id and still_to_come:
        lines.append(
            _("De vorming gaat voortaan door in %(new)s (in plaats van %(old)s).")
            % {"new": _venue_line(venue), "old": _venue_line(stored.venue)}
        )
    if not lines:
        return None
    return ScheduleChange(tuple(lines), tuple(removed))


def _online_change(session: Session, row: dict[str, Any], *, when: str) -> list[str]:
    """How taking part changes: never the link itself (the notice also reaches registrations
    that are not confirmed; confirmed ones get the link in the same mail)."""
    url, online_only = row.get("meeting_url", ""), bool(row.get("online_only"))
    if online_only and not session.online_only:
        return [_("De sessie van %(when)s gaat voortaan enkel online door.") % {"when": when}]
    if session.online_only and not online_only:
        return [_("De sessie van %(when)s gaat voortaan op de locatie door.") % {"when": when}]
    if url and not session.meeting_url:
        return [_("De sessie van %(when)s kan je voortaan ook online volgen.") % {"when": when}]
    if session.meeting_url and not url:
        return [_("De sessie van %(when)s kan je niet meer online volgen.") % {"when": when}]
    if url != session.meeting_url:
        return [
            _("De link om de sessie van %(when)s online te volgen is veranderd.") % {"when": when}
        ]
    return []


def notice_recipients(training: Training) -> int:
    """How many registrations the notice goes to (one mail each)."""
    return Registration.objects.filter(
        training=training, status__in=Registration.ACTIVE_STATUSES
    ).count()


def notice_preview(
    *, training: Training, sessions: Sequence[dict[str, Any]], change: ScheduleChange
) -> dict[str, str]:
    """The mail as a registrant would read it, for the office to check before saving:
    `training` with the venue as edited (not saved), `sessions` the rows as typed."""
    registration = Registration(
        training=training,
        first_name=_("(voornaam)"),
        status=Registration.Status.CONFIRMED,
    )
    context = {
        "organisation": mail_organisation(),
        "site_url": settings.SITE_URL,
        "registration": registration,
        "training": training,
        "sessions": [
            Session(date=row["date"], start_time=row["start_time"], end_time=row["end_time"])
            for row in sessions
        ],
        "changes": change.lines,
        "with_calendar": True,
        "registration_url": _("(de link naar de inschrijving)"),
    }
    subject, text, _html = render_mail("trainings/emails/training_changed", context)
    return {"subject": subject, "text": text.strip()}


def notice_send(*, training: Training, change: ScheduleChange) -> int:
    """Raise the training's calendar SEQUENCE and store a notice for every active registration,
    in the caller's transaction (one write, composed by a task after commit); returns how many."""
    Training.objects.filter(pk=training.pk).update(calendar_sequence=F("calendar_sequence") + 1)
    training.refresh_from_db(fields=["calendar_sequence"])
    recipients = list(
        Registration.objects.filter(
            training=training, status__in=Registration.ACTIVE_STATUSES
        ).values_list("pk", "email")
    )
    params = {
        "changes": list(change.lines),
        "removed": [
            [session.pk, session.starts_at.isoformat(), session.ends_at.isoformat()]
            for session in change.removed
        ],
    }
    outbox_queue_later(
        [
            emails.later_mail(
                "training_changed", registration_id=pk, recipient=email, params=params
            )
            for pk, email in recipients
        ]
    )
    return len(recipients)
