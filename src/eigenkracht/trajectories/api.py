"""JSON API for trajectories (staff with an API key). No names or family details: references,
statuses and dates, for dashboards and funders' figures. The same policies as the pages decide;
a trajectory the key's owner may not see answers 404."""

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator

from eigenkracht.accounts.tokens import ApiTokenAuth
from eigenkracht.core.api import (
    MAX_PAGE_SIZE,
    ObjectId,
    Pagination,
    detail_responses,
    known_status,
    list_responses,
    status_filter,
)
from eigenkracht.core.audit import audit_record
from eigenkracht.core.http import client_ip
from eigenkracht.trajectories.models import Trajectory
from eigenkracht.trajectories.policies import can_view_trajectory, trajectories_visible_to
from eigenkracht.trajectories.services import trajectory_viewed

router = Router(auth=ApiTokenAuth(), tags=["trajectories"])


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


class TrajectoryFilters(Schema):
    status: str = status_filter(Trajectory.Status.values)

    @field_validator("status")
    @classmethod
    def _known_status(cls, value: str) -> str:
        return known_status(value, Trajectory.Status.values)


@router.get(
    "/trajectories",
    response=list_responses(list[TrajectoryOut], auth=True),
    summary="Trajectories the key's owner may see (no personal details)",
)
@paginate(Pagination, max_limit=MAX_PAGE_SIZE)
def trajectory_list(
    request: HttpRequest, filters: Query[TrajectoryFilters]
) -> QuerySet[Trajectory]:
    user = request.auth.user
    audit_record(
        actor=user,
        action="trajectory.api_list",
        obj=request.auth,
        data={"status": filters.status},
        ip_address=client_ip(request),
    )
    queryset = trajectories_visible_to(user, Trajectory.objects.order_by("-referred_at", "-id"))
    return queryset.filter(status=filters.status) if filters.status else queryset


@router.get(
    "/trajectories/{trajectory_id}",
    response=detail_responses(TrajectoryOut, auth=True),
    summary="One trajectory (no personal details)",
)
def trajectory_detail(request: HttpRequest, trajectory_id: ObjectId) -> Trajectory:
    trajectory = Trajectory.objects.select_related("coordinator").filter(pk=trajectory_id).first()
    if trajectory is None or not can_view_trajectory(request.auth.user, trajectory):
        raise Http404
    trajectory_viewed(
        trajectory=trajectory, actor=request.auth.user, page="api", ip_address=client_ip(request)
    )
    return trajectory
