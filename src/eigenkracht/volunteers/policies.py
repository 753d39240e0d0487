"""Who may do what with the volunteers. Pages answer 404 to everyone else: they need not know
the pages exist."""

from typing import Any

from eigenkracht.accounts.models import Role
from eigenkracht.trajectories.policies import can_manage_trajectories


def can_manage_volunteers(user: Any) -> bool:
    """The office and managers: applications, training, duties, availability."""
    return can_manage_trajectories(user)


def can_set_volunteer_terms(user: Any) -> bool:
    """The renewal term of the criminal-record check is a manager's decision."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.MANAGER)


def can_use_own_agenda(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role == Role.COORDINATOR
        and hasattr(user, "coordinator")
    )
