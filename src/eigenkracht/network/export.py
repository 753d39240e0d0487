"""The research export: the snapshots of many trajectories, without names or references.

A trajectory, a snapshot and a member are known by a pseudo-id: an HMAC (SHA-256, with the site's
SECRET_KEY) of the database id, shortened to 16 hex digits. The same member keeps the same
pseudo-id in every snapshot of their trajectory, so growth can be followed; without the key the
ids cannot be traced back to a trajectory. Dates are days, not moments.
"""

import csv
import hashlib
import hmac
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.network.drawing import draw, pseudonymise, rows_from_snapshot
from eigenkracht.network.models import NetworkSnapshot
from eigenkracht.trajectories.models import Trajectory

COLUMNS = (
    "traject",
    "status_traject",
    "momentopname",
    "moment",
    "datum",
    "persoon",
    "label_op_kaart",
    "sector",
    "nabijheid",
    "band",
    "rol",
    "op_conferentie",
    "steunt_bij",
)
# A ZIP draws every map: beyond this many the request would take too long.
MAX_MAPS_IN_ZIP = 300


def pseudo_id(kind: str, pk: int) -> str:
    message = f"network-export:{kind}:{pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True)
class Criteria:
    statuses: list[str]
    referred_from: Any = None  # date
    referred_until: Any = None  # date


def snapshots_for_export(criteria: Criteria) -> QuerySet[NetworkSnapshot]:
    trajectories = Trajectory.objects.filter(status__in=criteria.statuses)
    if criteria.referred_from:
        trajectories = trajectories.filter(referred_at__date__gte=criteria.referred_from)
    if criteria.referred_until:
        trajectories = trajectories.filter(referred_at__date__lte=criteria.referred_until)
    return (
        NetworkSnapshot.objects.filter(trajectory__in=trajectories.values("pk"))
        .select_related("trajectory")
        .only("trajectory__status", "trajectory_id", "reason", "taken_at", "data")
        .order_by("trajectory_id", "taken_at", "id")
    )


def _rows(snapshots: Iterable[NetworkSnapshot]) -> Iterator[list[str]]:
    yield list(COLUMNS)
    for snapshot in snapshots:
        trajectory = pseudo_id("trajectory", snapshot.trajectory_id)
        moment = pseudo_id("snapshot", snapshot.pk)
        day = timezone.localdate(snapshot.taken_at).isoformat()
        rows = rows_from_snapshot(snapshot)
        labels = {row.id: label.name for row, label in _pseudonyms(rows)}
        for row in rows:
            yield [
                trajectory,
                snapshot.trajectory.status,
                moment,
                snapshot.reason,
                day,
                pseudo_id("member", row.id),
                labels[row.id],
                row.sector,
                row.ring,
                row.tie,
                row.role,
                "1" if row.attended else "0",
                ";".join(row.domains),
            ]


def _pseudonyms(rows: list) -> list[tuple[Any, Any]]:
    """Each row with its pseudonymised twin ("Familie 2"); `pseudonymise` numbers by id."""
    return list(zip(sorted(rows, key=lambda r: r.id), pseudonymise(rows), strict=True))


def export_csv(snapshots: Iterable[NetworkSnapshot]) -> tuple[bytes, int]:
    """The CSV (UTF-8 with a BOM, so that Excel reads the accents) and its number of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    count = -1
    for row in _rows(snapshots):
        writer.writerow(row)
        count += 1
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), count


class TooManyMaps(Exception):
    pass


def export_zip(snapshots: QuerySet[NetworkSnapshot]) -> tuple[bytes, int]:
    """The CSV plus every snapshot drawn without names, as `<trajectory>/<snapshot>.svg`."""
    snapshots = list(snapshots)
    if len(snapshots) > MAX_MAPS_IN_ZIP:
        raise TooManyMaps(
            _(
                "Dat zijn %(count)s kaarten; een ZIP kan er hoogstens %(max)s bevatten. Kies een "
                "kortere periode of exporteer alleen de CSV."
            )
            % {"count": len(snapshots), "max": MAX_MAPS_IN_ZIP}
        )
    content, count = export_csv(snapshots)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("netwerkkaarten.csv", content)
        for snapshot in snapshots:
            rows = pseudonymise(rows_from_snapshot(snapshot))
            drawn = draw(rows, centre=_("Hoofdpersoon"), title=_("Netwerkkaart (zonder namen)"))
            name = (
                f"{pseudo_id('trajectory', snapshot.trajectory_id)}/"
                f"{timezone.localdate(snapshot.taken_at).isoformat()}-{snapshot.reason}-"
                f"{pseudo_id('snapshot', snapshot.pk)}.svg"
            )
            archive.writestr(name, drawn.svg)
    return buffer.getvalue(), count
