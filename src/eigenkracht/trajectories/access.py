"""Loading a trajectory for a request: the policy decides, refusal is a 404, and every look at a
trajectory is written to the audit log."""

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from eigenkracht.core.http import client_ip
from eigenkracht.trajectories.models import Trajectory
from eigenkracht.trajectories.policies import can_work_on_trajectory
from eigenkracht.trajectories.services import trajectory_viewed


def trajectory_for(
    request: HttpRequest,
    pk: int,
    policy: Callable[[Any, Trajectory], bool],
    *,
    page: str,
) -> Trajectory:
    trajectory = get_object_or_404(
        Trajectory.objects.select_related("coordinator__user", "referrer"), pk=pk
    )
    if not policy(request.user, trajectory):
        raise Http404
    trajectory.display_title = display_title(request.user, trajectory)
    trajectory_viewed(
        trajectory=trajectory, actor=request.user, page=page, ip_address=client_ip(request)
    )
    return trajectory


def display_title(user: Any, trajectory: Trajectory) -> str:
    """The reference with the main people: as the file has them for those who work on it, as
    they were referred for the referrer (who does not see the participants)."""
    if can_work_on_trajectory(user, trajectory):
        return trajectory.title
    return trajectory.referrer_title
