"""The coordinator's private calendar feed. Only trajectory references: the feed lives in a
calendar app outside the login, so no names of families, places or addresses go in it."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.core.ical_zones import timezones_add
from eigenkracht.trajectories.models import Coordinator
from eigenkracht.volunteers import agenda

CONFERENCE_HOURS = 3


def _uid(kind: str, pk: int, day: dt.date | None = None) -> str:
    suffix = f"-{day:%Y%m%d}" if day else ""
    return f"coordinator-{kind}-{pk}{suffix}@eigenkracht"


def coordinator_ical(coordinator: Coordinator) -> bytes:
    # Loaded when used, as trainings/ical.py does: icalendar is slow to import.
    from icalendar import Calendar, Event, vText

    calendar = Calendar()
    calendar.add("prodid", "-//Eigen Kracht//Agenda coördinator//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", vText(_("Eigen Kracht: mijn agenda")))
    stamp = timezone.now()
    tz = timezone.get_current_timezone()

    def url(trajectory_pk: int) -> str:
        return settings.SITE_URL + reverse("trajectories:detail", args=[trajectory_pk])

    for conference in agenda.coordinator_conferences(coordinator.pk):
        start = dt.datetime.combine(conference.date, conference.start_time, tzinfo=tz)
        event = Event()
        event.add("uid", _uid("conference", conference.pk))
        event.add(
            "summary",
            f"{conference.get_kind_display()} {conference.trajectory.reference}",
        )
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(hours=CONFERENCE_HOURS))
        event.add("dtstamp", stamp)
        event.add("url", url(conference.trajectory.pk))
        calendar.add_component(event)
    for trajectory in agenda.coordinator_follow_ups(coordinator.pk):
        event = Event()
        event.add("uid", _uid("follow-up", trajectory.pk, trajectory.follow_up_due_on))
        event.add("summary", _("Opvolging %(reference)s") % {"reference": trajectory.reference})
        event.add("dtstart", trajectory.follow_up_due_on)
        event.add("dtend", trajectory.follow_up_due_on + dt.timedelta(days=1))
        event.add("dtstamp", stamp)
        event.add("url", url(trajectory.pk))
        calendar.add_component(event)
    for deadline in agenda.norm_deadlines(coordinator_id=coordinator.pk):
        event = Event()
        event.add("uid", _uid("norm", deadline.trajectory.pk, deadline.day))
        event.add(
            "summary",
            _("Tijdsnorm conferentie %(reference)s") % {"reference": deadline.trajectory.reference},
        )
        event.add("dtstart", deadline.day)
        event.add("dtend", deadline.day + dt.timedelta(days=1))
        event.add("dtstamp", stamp)
        event.add("url", url(deadline.trajectory.pk))
        calendar.add_component(event)
    timezones_add(calendar)
    return calendar.to_ical()
