"""The trajectory work on a staff home page (the office's /beheer/, a coordinator's /trajecten/):
each count in one query (selectors.work_counts) with the filter of the list it links to."""

from typing import Any

from django.urls import reverse
from django.utils.translation import ngettext

from eigenkracht.accounts.models import Role
from eigenkracht.core.models import Organisation
from eigenkracht.core.work import WorkItem
from eigenkracht.trajectories.policies import can_manage_trajectories
from eigenkracht.trajectories.selectors import norms_now, work_counts


def trajectory_work(user: Any, organisation: Organisation) -> list[WorkItem]:
    # A referrer follows their families but does none of this work.
    if not (can_manage_trajectories(user) or user.role == Role.COORDINATOR):
        return []
    counts = work_counts(user, norms=norms_now(organisation))
    listed = reverse("trajectories:list")
    items = []
    if can_manage_trajectories(user):
        n = counts["referred"]
        items.append(
            WorkItem(
                "referred",
                n,
                ngettext("nieuwe aanmelding van een gezin", "nieuwe aanmeldingen van gezinnen", n),
                reverse("trajectories:inbox"),
            )
        )
    n = counts["follow_up_due"]
    items.append(
        WorkItem(
            "follow_up_due",
            n,
            ngettext("opvolging aan de beurt", "opvolgingen aan de beurt", n),
            f"{listed}?warning=follow_up_due",
        )
    )
    n, days = counts["late_coordinator"], organisation.norm_coordinator_working_days
    items.append(
        WorkItem(
            "late_coordinator",
            n,
            ngettext(
                "traject zonder coördinator na %(days)s werkdagen",
                "trajecten zonder coördinator na %(days)s werkdagen",
                n,
            )
            % {"days": days},
            f"{listed}?warning=late_coordinator",
            late=True,
        )
    )
    n, weeks = counts["late_conference"], organisation.norm_conference_weeks
    items.append(
        WorkItem(
            "late_conference",
            n,
            ngettext(
                "traject zonder conferentie na %(weeks)s weken",
                "trajecten zonder conferentie na %(weeks)s weken",
                n,
            )
            % {"weeks": weeks},
            f"{listed}?warning=late_conference",
            late=True,
        )
    )
    return items
