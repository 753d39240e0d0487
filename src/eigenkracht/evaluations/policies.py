"""Who may see what of the evaluations. Nobody sees one person's answers: they are not stored
with the person. Staff see who was invited and whether they filled in, and totals."""

from typing import Any

from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.trajectories.models import Trajectory
from eigenkracht.trajectories.policies import can_work_on_trajectory


def can_follow_evaluation_invites(user: Any, trajectory: Trajectory) -> bool:
    """The invites of a trajectory and their QR sheet: whoever works on the file (the office,
    the trajectory's own coordinator)."""
    return can_work_on_trajectory(user, trajectory)


def can_see_training_evaluations(user: Any) -> bool:
    """The results per training and per trainer, and the reminder setting: the office."""
    return can_use_backoffice(user)
