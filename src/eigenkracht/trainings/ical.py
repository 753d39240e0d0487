"""iCalendar (RFC 5545) for training sessions: the public feed and the confirmation attachment."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext

from eigenkracht.trainings.models import Training

if TYPE_CHECKING:
    from icalendar import Calendar


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


def trainings_ical(trainings: Iterable[Training], *, name: str) -> bytes:
    """One event per session; trainings must come with venue and sessions loaded."""
    from icalendar import Event  # loaded when used, as in _calendar

    calendar = _calendar(name)
    for training in trainings:
        venue = training.venue
        sessions = list(training.sessions.all())
        for number, session in enumerate(sessions, start=1):
            event = Event()
            event.add("uid", f"training-{training.pk}-session-{session.pk}@eigenkracht")
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
    return calendar.to_ical()
