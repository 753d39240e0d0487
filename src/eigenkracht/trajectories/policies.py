"""Who may see and do what in a trajectory: one function per question, used by views, selectors,
files and the API alike. Whoever a policy refuses gets 404, as if the trajectory did not exist.
Whether someone may use trajectories at all is a question of roles: accounts.policies answers it
(`can_use_trajectories`), as the login's landing page asks it too."""

from typing import Any

from django.db.models import QuerySet

from eigenkracht.accounts.models import Role
from eigenkracht.trajectories.models import Plan, Trajectory

OFFICE_ROLES = frozenset({Role.OFFICE, Role.MANAGER})


def _active(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _is_office(user: Any) -> bool:
    return _active(user) and user.role in OFFICE_ROLES


def _is_assigned_coordinator(user: Any, trajectory: Trajectory) -> bool:
    return (
        _active(user)
        and user.role == Role.COORDINATOR
        and trajectory.coordinator_id is not None
        and trajectory.coordinator.user_id == user.pk
    )


def _is_referrer(user: Any, trajectory: Trajectory) -> bool:
    return (
        _active(user)
        and user.role == Role.REFERRER
        and trajectory.referrer_id is not None
        and trajectory.referrer_id == user.pk
    )


def can_manage_trajectories(user: Any) -> bool:
    """The office: the referral inbox, intake, the coordinator pool, assignment, the overview."""
    return _is_office(user)


def can_decide_intake_and_assignment(user: Any, trajectory: Trajectory) -> bool:
    """Intake decisions and choosing the coordinator of a trajectory are the office's."""
    return _is_office(user)


def trajectories_visible_to(user: Any, queryset: QuerySet[Trajectory]) -> QuerySet[Trajectory]:
    """The trajectories `user` may see at all; the same rule as `can_view_trajectory`."""
    if _is_office(user):
        return queryset
    if not _active(user):
        return queryset.none()
    if user.role == Role.COORDINATOR:
        return queryset.filter(coordinator__user=user)
    if user.role == Role.REFERRER:
        return queryset.filter(referrer=user)
    return queryset.none()


def can_view_trajectory(user: Any, trajectory: Trajectory) -> bool:
    return (
        _is_office(user)
        or _is_assigned_coordinator(user, trajectory)
        or _is_referrer(user, trajectory)
    )


def can_work_on_trajectory(user: Any, trajectory: Trajectory) -> bool:
    """The full file: participants, conference, plan, notes, follow-up. Not the referrer, and
    nobody once the file is anonymised (what is left is only read, on the summary page)."""
    if trajectory.anonymised_at is not None:
        return False
    return _is_office(user) or _is_assigned_coordinator(user, trajectory)


def can_see_plan(user: Any, trajectory: Trajectory, plan: Plan) -> bool:
    """The referrer sees a plan once it is presented to them; the workers always."""
    if can_work_on_trajectory(user, trajectory):
        return True
    return _is_referrer(user, trajectory) and plan.status != Plan.Status.DRAFT


def can_decide_on_plan(user: Any, trajectory: Trajectory) -> bool:
    """Accepting the plan, or saying what is missing, is the referrer's call; the office records
    it for a referrer without a login."""
    if trajectory.referrer_id is None:
        return _is_office(user)
    return _is_referrer(user, trajectory)


def referrer_sees_only(user: Any, trajectory: Trajectory) -> bool:
    """True when the page must be limited to what a referrer may know."""
    return can_view_trajectory(user, trajectory) and not can_work_on_trajectory(user, trajectory)


def can_record_consent(user: Any, trajectory: Trajectory) -> bool:
    """Seeing the family's consent, adding one and recording its withdrawal: whoever works on
    the file (the office, the trajectory's own coordinator), never the referrer."""
    return can_work_on_trajectory(user, trajectory)
