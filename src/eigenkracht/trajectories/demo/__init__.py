"""Demo data for the EKc trajectories: four coordinators, a referrer login, and fifteen families in
every phase, from a fresh referral to a closed or stopped trajectory.

Everything goes through the services, so the timelines, the audit log and the outbox look exactly
as they would after real use. To spread the story over the past months, each step runs on a
*demo clock*: for the duration of one service call `django.utils.timezone.now` answers a moment in
the past (and runs on from there). The services' own date rules then hold for the demo as well:
a follow-up falls due four weeks after the plan was accepted, attendance is noted on the day of
the conference, and the timeline, the audit entries and the mails carry the same dates.

Idempotent: when the demo referrer already has referrals, nothing happens (and it says so).
"""

from eigenkracht.trajectories.demo.cast import (
    DEMO_COORDINATOR_EMAIL,
    DEMO_COORDINATOR_PASSWORD,
    DEMO_LOGINS,
    DEMO_REFERRER_EMAIL,
    DEMO_REFERRER_PASSWORD,
)
from eigenkracht.trajectories.demo.stories import demo_trajectories

__all__ = [
    "DEMO_COORDINATOR_EMAIL",
    "DEMO_COORDINATOR_PASSWORD",
    "DEMO_LOGINS",
    "DEMO_REFERRER_EMAIL",
    "DEMO_REFERRER_PASSWORD",
    "demo_trajectories",
]
