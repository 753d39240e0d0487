"""Who may see and do what with allowances; anyone else gets 404."""

from typing import Any

from eigenkracht.accounts.models import Role
from eigenkracht.allowances.models import Declaration
from eigenkracht.trajectories.models import Coordinator
from eigenkracht.trajectories.policies import can_manage_trajectories


def declaring_coordinator(user: Any) -> Coordinator | None:
    """The coordinator the logged-in user declares as, or None when they may not declare."""
    if not (user.is_authenticated and user.is_active and user.role == Role.COORDINATOR):
        return None
    return Coordinator.objects.filter(user=user).first()


def can_manage_allowances(user: Any) -> bool:
    """Caps, systems, decisions, payouts and the nominative list are the office's."""
    return can_manage_trajectories(user)


def can_see_receipt(user: Any, declaration: Declaration) -> bool:
    """A receipt is shown to the office and to the coordinator who declared it, nobody else."""
    if can_manage_allowances(user):
        return True
    coordinator = declaring_coordinator(user)
    return coordinator is not None and declaration.coordinator_id == coordinator.pk
