"""Calendar files read back exactly what was written, whatever the office typed."""

import re

import pytest
from icalendar import Calendar

from eigenkracht.trainings.ical import trainings_ical
from tests.factories import RegistrationFactory, TrainingFactory, VenueFactory
from tests.trainings.links import registrant_url

pytestmark = pytest.mark.django_db

AWKWARD = "Vorming\nmet een regeleinde; een puntkomma, een komma en een \\ backslash " + "x" * 60


def _calendar_name(calendar: Calendar) -> str:
    """An X- property is read back untyped: undo RFC 5545's text escapes by hand."""
    raw = calendar["X-WR-CALNAME"].to_ical().decode()
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)


def test_a_title_with_line_breaks_and_separators_reads_back_unchanged():
    venue = VenueFactory(name="Zaal\nDe Linde", street="Kerkstraat 1; achteraan")
    training = TrainingFactory(title=AWKWARD, venue=venue, sessions=2)

    ics = trainings_ical([training], name=training.title)

    calendar = Calendar.from_ical(ics)
    assert _calendar_name(calendar) == AWKWARD
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == [f"{AWKWARD} (1/2)", f"{AWKWARD} (2/2)"]
    assert str(events[0]["LOCATION"]).startswith("Zaal\nDe Linde, Kerkstraat 1; achteraan")
    # Folded at 75 octets, as RFC 5545 asks.
    assert all(len(line) <= 75 for line in ics.split(b"\r\n"))


def test_the_registrants_calendar_file_answers_for_such_a_title(client):
    registration = RegistrationFactory(training=TrainingFactory(title=AWKWARD))

    response = client.get(registrant_url(client, "calendar", registration))

    assert response.status_code == 200
    assert _calendar_name(Calendar.from_ical(response.content)) == AWKWARD
