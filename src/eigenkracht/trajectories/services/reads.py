"""Looking is recorded too: trajectories viewed and lists of families shown, in the audit log."""

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import audit_record, audit_record_listing
from eigenkracht.trajectories.models import Trajectory


def trajectory_viewed(
    *, trajectory: Trajectory, actor: User, page: str, ip_address: str | None = None
) -> None:
    """Reading a trajectory is recorded too: who looked at what, and when."""
    audit_record(
        actor=actor,
        action="trajectory.view",
        obj=trajectory,
        data={"page": page},
        ip_address=ip_address,
    )


def trajectories_listed(
    *, actor: User, page: str, ids: list[int], ip_address: str | None = None
) -> None:
    """A list of trajectories (names of families) was shown: which ones, to whom."""
    audit_record_listing(
        actor=actor,
        action="trajectory.list",
        model=Trajectory,
        ids=ids,
        data={"page": page},
        ip_address=ip_address,
    )
