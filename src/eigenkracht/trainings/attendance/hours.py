"""Hours of attendance: one calculation for the certificate and the list to sign.

A session counts for its whole duration when the participant was present, else for nothing.
"""

import datetime as dt
from collections.abc import Collection, Iterable
from decimal import Decimal

from eigenkracht.trainings.models import Session

_HOUR = Decimal(3600)


def session_hours(session: Session) -> Decimal:
    """The session's duration in hours, to two decimals (2 h 20 min is 2.33)."""
    duration = dt.datetime.combine(session.date, session.end_time) - dt.datetime.combine(
        session.date, session.start_time
    )
    return (Decimal(int(duration.total_seconds())) / _HOUR).quantize(Decimal("0.01"))


def attended_hours(
    sessions: Iterable[Session], present_session_ids: Collection[int]
) -> list[tuple[Session, Decimal]]:
    """Each session with the hours attended: its duration when present, else zero."""
    return [(s, session_hours(s) if s.pk in present_session_ids else Decimal(0)) for s in sessions]


def hours_display(hours: Decimal) -> str:
    """Belgian notation without needless decimals: 3, 2,5 or 2,33."""
    text = f"{hours.normalize():f}" if hours else "0"
    return text.replace(".", ",")
