"""JSON API for trajectories (staff with an API key). No names or family details: references,
statuses and dates, for dashboards and funders' figures. The same policies as the pages decide;
a trajectory the key's owner may not see answers 404."""

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from eigenkracht.accounts.tokens import ApiTokenAuth
from eigenkracht.core.audit import audit_record
from eigenkracht.core.http import client_ip
from eigenkracht.trajectories.models import Trajectory
from eigenkracht.trajectories.policies import can_view_trajectory, trajectories_visible_to
from eigenkracht.trajectories.services import trajectory_viewed

router = Router(auth=ApiTokenAuth(), tags=["trajectories"])


class ErrorOut(Schema):
    detail: str


class TrajectoryOut(Schema):
    id: int
    reference: str
    status: str
    referred_at: dt.datetime
    status_changed_at: dt.datetime
    urgency: str
    referrer_type: str
    domains: list[str]
    postcode: str
    coordinator_id: int | None
    outcome: str
    stop_reason: str
    closed_at: dt.datetime | None


@router.get(
    "/trajectories",
    response={200: list[TrajectoryOut], 401: ErrorOut},
    summary="Trajectories the key's owner may see (no personal details)",
)
@paginate(LimitOffsetPagination, max_limit=500)
def trajectory_list(request: HttpRequest, status: str | None = None) -> QuerySet[Trajectory]:
    user = request.auth.user
    audit_record(
        actor=user,
        action="trajectory.api_list",
        obj=request.auth,
        data={"status": status or ""},
        ip_address=client_ip(request),
    )
    queryset = trajectories_visible_to(user, Trajectory.objects.order_by("-referred_at", "-id"))
    return queryset.filter(status=status) if status else queryset


@router.get(
    "/trajectories/{trajectory_id}",
    response={200: TrajectoryOut, 401: ErrorOut, 404: ErrorOut},
    summary="One trajectory (no personal details)",
)
def trajectory_detail(request: HttpRequest, trajectory_id: int) -> Trajectory:
    trajectory = Trajectory.objects.select_related("coordinator").filter(pk=trajectory_id).first()
    if trajectory is None or not can_view_trajectory(request.auth.user, trajectory):
        raise Http404
    trajectory_viewed(
        trajectory=trajectory, actor=request.auth.user, page="api", ip_address=client_ip(request)
    )
    return trajectory
