"""Every change to a trajectory. Statuses change only here, through named transitions, each
recorded on the trajectory's timeline and in the audit log, under a row lock so that two people
acting at the same time cannot both move the same trajectory.

One module per part of the work, and this package re-exports their public names: callers write
`services.referral_submit(...)` whichever module it lives in. The lock and the timeline are in
`trajectories.timeline`, the layer below, which the network map's services use too."""

from eigenkracht.trajectories.services.conference import (
    Presence,
    attendance_record,
    conference_save,
)
from eigenkracht.trajectories.services.consent import (
    consent_add,
    consent_from_referral,
    consent_withdraw,
)
from eigenkracht.trajectories.services.coordinators import (
    coordinator_assign,
    coordinator_save,
    preparation_start,
)
from eigenkracht.trajectories.services.follow_up import (
    follow_up_record,
    trajectory_close,
    trajectory_stop,
)
from eigenkracht.trajectories.services.invitations import invitation_mail
from eigenkracht.trajectories.services.participants import (
    note_add,
    participant_delete,
    participant_save,
)
from eigenkracht.trajectories.services.plan import (
    AgreementData,
    plan_accept,
    plan_present,
    plan_request_changes,
    plan_save,
)
from eigenkracht.trajectories.services.reads import trajectories_listed, trajectory_viewed
from eigenkracht.trajectories.services.referral import (
    referral_accept,
    referral_decline,
    referral_request_information,
    referral_submit,
)
from eigenkracht.trajectories.services.transitions import TRANSITIONS, Transition, allowed_actions
from eigenkracht.trajectories.timeline import TrajectoryRefused, TransitionNotAllowed

__all__ = [
    "TRANSITIONS",
    "AgreementData",
    "Presence",
    "TrajectoryRefused",
    "Transition",
    "TransitionNotAllowed",
    "allowed_actions",
    "attendance_record",
    "conference_save",
    "consent_add",
    "consent_from_referral",
    "consent_withdraw",
    "coordinator_assign",
    "coordinator_save",
    "follow_up_record",
    "invitation_mail",
    "note_add",
    "participant_delete",
    "participant_save",
    "plan_accept",
    "plan_present",
    "plan_request_changes",
    "plan_save",
    "preparation_start",
    "referral_accept",
    "referral_decline",
    "referral_request_information",
    "referral_submit",
    "trajectories_listed",
    "trajectory_close",
    "trajectory_stop",
    "trajectory_viewed",
]
