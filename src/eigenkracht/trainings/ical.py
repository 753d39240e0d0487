"""iCalendar (RFC 5545) for training sessions: the public feed and the confirmation attachment."""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext

from eigenkracht.core.ical_zones import timezones_add
from eigenkracht.trainings.models import Training

if TYPE_CHECKING:
    from icalendar import Calendar


@dataclass(frozen=True)
class RemovedSession:
    """A session the office took out of a training: its event is cancelled in the calendars."""

    pk: int
    starts_at: dt.datetime
    ends_at: dt.datetime


def session_uid(training_id: int, session_id: int) -> str:
    return f"training-{training_id}-session-{session_id}@eigenkracht"


def _calendar(name: str) -> "Calendar":
    # Loaded when used: icalendar costs every process that registers the mails 35 ms at start-up.
    from icalendar import Calendar, vText

    calendar = Calendar()
    calendar.add("prodid", "-//Eigen Kracht//Vormingen//NL")
    calendar.add("version", "2.0")
    # An X- property is written as given unless typed: vText escapes line breaks, commas and
    # semicolons like every other text property.
    calendar.add("x-wr-calname", vText(name))
    return calendar


def trainings_ical(
    trainings: Iterable[Training],
    *,
    name: str,
    method: str = "",
    organizer: tuple[str, str] | None = None,
    removed: Sequence[RemovedSession] = (),
) -> bytes:
    """One event per session; trainings must come with venue and sessions loaded.

    Every event carries the training's SEQUENCE, raised with each move, so that a calendar
    replaces the event it holds (same UID) instead of adding one. A mail's file names its
    `method` (RFC 5546: PUBLISH for the current sessions, CANCEL when the training is called
    off) and `organizer` (name, address), which both methods require; `removed` sessions (of the
    one training in the file) come along as cancelled events.
    """
    from icalendar import Event, vCalAddress  # loaded when used, as in _calendar

    calendar = _calendar(name)
    if method:
        calendar.add("method", method)
    for training in trainings:
        venue = training.venue
        sessions = list(training.sessions.all())
        for number, session in enumerate(sessions, start=1):
            event = Event()
            event.add("uid", session_uid(training.pk, session.pk))
            event.add("sequence", training.calendar_sequence)
            summary = training.title
            if len(sessions) > 1:
                summary = f"{training.title} ({number}/{len(sessions)})"
            event.add("summary", summary)
            event.add("dtstart", session.starts_at)
            event.add("dtend", session.ends_at)
            event.add("dtstamp", training.updated_at)
            # Never the meeting link: this feed is public (the link goes to participants by mail).
            if session.online_only:
                event.add("location", gettext("Online"))
            else:
                event.add(
                    "location", f"{venue.name}, {venue.street}, {venue.postcode} {venue.city}"
                )
            event.add("url", f"{settings.SITE_URL}/vormingen/{training.pk}/")
            if training.status == Training.Status.CANCELLED:
                event.add("status", "CANCELLED")
            calendar.add_component(event)
        for session in removed:
            event = Event()
            event.add("uid", session_uid(training.pk, session.pk))
            event.add("sequence", training.calendar_sequence)
            event.add("summary", training.title)
            event.add("dtstart", session.starts_at)
            event.add("dtend", session.ends_at)
            event.add("dtstamp", training.updated_at)
            event.add("status", "CANCELLED")
            calendar.add_component(event)
    if organizer is not None:
        organizer_name, address = organizer
        person = vCalAddress(f"mailto:{address}")
        person.params["cn"] = organizer_name
        for event in calendar.walk("VEVENT"):
            event.add("organizer", person)
    timezones_add(calendar)
    return calendar.to_ical()


def cancelled_ical(training: Training, *, organizer: tuple[str, str]) -> bytes:
    """METHOD:CANCEL for every session of `training` in one registrant's calendar (they moved
    to another date): each event cancelled, one SEQUENCE above what their calendar holds."""
    from icalendar import Event, vCalAddress  # loaded when used, as in _calendar

    calendar = _calendar(training.title)
    calendar.add("method", "CANCEL")
    organizer_name, address = organizer
    person = vCalAddress(f"mailto:{address}")
    person.params["cn"] = organizer_name
    for session in training.sessions.all():
        event = Event()
        event.add("uid", session_uid(training.pk, session.pk))
        event.add("sequence", training.calendar_sequence + 1)
        event.add("summary", training.title)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("dtstamp", training.updated_at)
        event.add("status", "CANCELLED")
        event.add("organizer", person)
        calendar.add_component(event)
    timezones_add(calendar)
    return calendar.to_ical()
