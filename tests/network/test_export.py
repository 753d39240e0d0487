"""The research export: many trajectories at once, without names or references, for the office
only."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse

from eigenkracht.core.models import AuditEntry
from eigenkracht.network import services
from eigenkracht.network.models import NetworkMember
from eigenkracht.trajectories.models import Trajectory
from tests.trajectories.factories import ParticipantFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db
URL = reverse("trajectories:network_export")


@pytest.fixture
def closed_trajectories(db):
    """Two closed trajectories (an intake and a closed snapshot each) and one in preparation."""
    result = []
    for reference, names in (
        ("EK-2026-00101", ["Oma Rita", "Juf Annelies"]),
        ("EK-2026-00102", ["Buurman Jef"]),
    ):
        trajectory = TrajectoryFactory(reference=reference, main_person="Sarah Janssens")
        ParticipantFactory(trajectory=trajectory, name="Tante Els", role="family")
        services.snapshot_take(trajectory=trajectory, reason="intake", actor=None)
        for name in names:
            NetworkMember.objects.create(
                trajectory=trajectory, name=name, sector="friends", ring="far", tie="weak"
            )
        services.snapshot_take(trajectory=trajectory, reason="closed", actor=None)
        Trajectory.objects.filter(pk=trajectory.pk).update(status="closed")
        result.append(trajectory)
    busy = TrajectoryFactory(reference="EK-2026-00103", status="preparation")
    NetworkMember.objects.create(trajectory=busy, name="Nog Bezig", sector="family", ring="close")
    services.snapshot_take(trajectory=busy, reason="manual", actor=None)
    return result


def _csv(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_has_one_row_per_person_per_snapshot_and_no_names(
    office_client, office_user, closed_trajectories
):
    response = office_client.get(URL, {"statuses": ["closed"], "file_format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    for secret in ["Rita", "Annelies", "Jef", "Els", "Sarah", "Janssens", "EK-2026", "Nog Bezig"]:
        assert secret not in text
    rows = _csv(response)
    # Trajectory 1: intake (Els), closed (Els, Rita, Annelies); trajectory 2: 1 + 2.
    assert len(rows) == 1 + 3 + 1 + 2
    assert {r["traject"] for r in rows} == {
        services_pseudo("trajectory", t.pk) for t in closed_trajectories
    }
    assert all(len(r["traject"]) == 16 and r["status_traject"] == "closed" for r in rows)
    els_rows = [r for r in rows if r["rol"] == "family"]
    # The same person keeps the same pseudo-id in both snapshots of their trajectory.
    assert len({r["persoon"] for r in els_rows}) == 2 and len(els_rows) == 4
    friend = next(r for r in rows if r["sector"] == "friends")
    assert (friend["nabijheid"], friend["band"], friend["op_conferentie"]) == ("far", "weak", "0")
    assert {r["moment"] for r in rows} == {"intake", "closed"}
    entry = AuditEntry.objects.get(action="network.export")
    assert entry.actor == office_user and entry.data["rows"] == 7


def services_pseudo(kind, pk):
    from eigenkracht.network.export import pseudo_id

    return pseudo_id(kind, pk)


def test_the_pseudo_ids_depend_on_the_secret_key(settings):
    from eigenkracht.network.export import pseudo_id

    first = pseudo_id("trajectory", 1)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only"
    assert pseudo_id("trajectory", 1) != first


def test_the_zip_holds_the_csv_and_each_map_without_names(office_client, closed_trajectories):
    response = office_client.get(URL, {"statuses": ["closed"], "file_format": "zip"})
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "netwerkkaarten.csv" in names
    maps = [n for n in names if n.endswith(".svg")]
    assert len(maps) == 4
    for name in maps:
        svg = archive.read(name).decode()
        assert "Rita" not in svg and "Sarah" not in svg and "EK-2026" not in name
        assert "<svg" in svg


def test_filtering_by_status_and_period(office_client, closed_trajectories):
    rows = _csv(office_client.get(URL, {"statuses": ["preparation"], "file_format": "csv"}))
    assert [r["moment"] for r in rows] == ["manual"]
    rows = _csv(
        office_client.get(
            URL,
            {
                "statuses": ["closed"],
                "referred_from": "2000-01-01",
                "referred_until": "2000-12-31",
                "file_format": "csv",
            },
        )
    )
    assert rows == []


def test_an_impossible_period_is_refused(office_client):
    response = office_client.get(
        URL,
        {
            "statuses": ["closed"],
            "referred_from": "2026-05-01",
            "referred_until": "2026-01-01",
            "file_format": "csv",
        },
    )
    assert response.status_code == 200
    assert "De einddatum ligt voor de begindatum." in response.content.decode()


def test_the_export_page_is_for_the_office_only(client, office_client, coordinator):
    assert office_client.get(URL).status_code == 200
    from tests.two_factor import login_verified

    login_verified(client, coordinator.user)
    assert client.get(URL, {"statuses": ["closed"], "file_format": "csv"}).status_code == 403
    assert not AuditEntry.objects.filter(action="network.export").exists()


def test_no_status_chosen_is_refused(office_client):
    response = office_client.get(URL, {"file_format": "csv"})
    assert response.status_code == 200
    assert "Kies minstens één status." in response.content.decode()
