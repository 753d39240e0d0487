"""The coordinator's forms: participants, the conference, attendance, the plan, follow-up, notes.

They refuse impossible data with a message the coordinator understands; the services change
state. Choices among the trajectory's participants are built from one list that the view loads
once, so that a page with thirty agreements costs as many queries as one with three.

One module per tab of the work pages; this package re-exports their public names.
"""

from eigenkracht.trajectories.work.forms.common import MAX_YEARS_AHEAD, language_labels
from eigenkracht.trajectories.work.forms.conference import (
    MAX_CHILDREN_ARRANGEMENTS,
    MAX_PRIVATE_TIME_MINUTES,
    MAX_REMARKS,
    AttendanceForm,
    ConferenceForm,
)
from eigenkracht.trajectories.work.forms.follow_up import PROGRESS_CHOICES, FollowUpForm, NoteForm
from eigenkracht.trajectories.work.forms.participants import (
    EARLIEST_BIRTH_YEAR,
    MAX_NEEDS,
    InvitationsForm,
    ParticipantForm,
)
from eigenkracht.trajectories.work.forms.plan import (
    AgreementForm,
    BaseAgreementFormSet,
    PlanDecisionForm,
    PlanForm,
    agreement_formset,
)

__all__ = [
    "EARLIEST_BIRTH_YEAR",
    "MAX_CHILDREN_ARRANGEMENTS",
    "MAX_NEEDS",
    "MAX_PRIVATE_TIME_MINUTES",
    "MAX_REMARKS",
    "MAX_YEARS_AHEAD",
    "PROGRESS_CHOICES",
    "AgreementForm",
    "AttendanceForm",
    "BaseAgreementFormSet",
    "ConferenceForm",
    "FollowUpForm",
    "InvitationsForm",
    "NoteForm",
    "ParticipantForm",
    "PlanDecisionForm",
    "PlanForm",
    "agreement_formset",
    "language_labels",
]
