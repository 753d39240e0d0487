"""Snapshots by hand, their list, and two moments side by side: counts per sector and ring, who
is new, who attended."""

import pytest
from django.urls import reverse

from eigenkracht.network import services
from eigenkracht.network.comparison import compare
from eigenkracht.network.drawing import MapRow
from eigenkracht.network.models import NetworkMember, NetworkSnapshot
from eigenkracht.trajectories.models import ConferenceAttendance
from tests.trajectories.factories import ConferenceFactory, ParticipantFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db


def _url(trajectory, name, *args):
    return reverse(f"trajectories:network:{name}", args=[trajectory.pk, *args])


def test_taking_a_snapshot_by_hand(coordinator_client, coordinator, trajectory):
    NetworkMember.objects.create(trajectory=trajectory, name="Oma", sector="family", ring="close")
    response = coordinator_client.post(_url(trajectory, "snapshots"), {"note": "na huisbezoek"})
    assert response.status_code == 302
    snapshot = NetworkSnapshot.objects.get(trajectory=trajectory)
    assert (snapshot.reason, snapshot.member_count, snapshot.note) == ("manual", 1, "na huisbezoek")
    page = coordinator_client.get(_url(trajectory, "snapshots")).content.decode()
    assert "De kaart is vastgelegd zoals ze nu is." in page
    assert "Met de hand" in page and "na huisbezoek" in page


def test_a_snapshot_can_be_downloaded_with_and_without_names(
    coordinator_client, coordinator, trajectory
):
    NetworkMember.objects.create(trajectory=trajectory, name="Oma", sector="family", ring="close")
    snapshot = services.snapshot_take(trajectory=trajectory, reason="manual", actor=None)
    NetworkMember.objects.update(name="Grootmoeder")
    named = coordinator_client.get(_url(trajectory, "snapshot_svg", snapshot.pk)).content.decode()
    assert "<title>Oma</title>" in named  # as it was
    plain = coordinator_client.get(
        _url(trajectory, "snapshot_svg", snapshot.pk) + "?namen=nee"
    ).content.decode()
    assert "Oma" not in plain and "<title>Familie 1</title>" in plain


def test_comparing_two_moments_shows_growth_new_people_and_attendance(
    coordinator_client, coordinator, trajectory
):
    oma = NetworkMember.objects.create(
        trajectory=trajectory, name="Oma", sector="family", ring="close"
    )
    intake = services.snapshot_take(trajectory=trajectory, reason="intake", actor=None)
    els = ParticipantFactory(trajectory=trajectory, name="Tante Els", role="family")
    services.participants_sync(trajectory=trajectory)
    NetworkMember.objects.create(
        trajectory=trajectory, name="Juf", sector="school_work", ring="far"
    )
    oma.ring = "middle"
    oma.save()
    ConferenceAttendance.objects.create(
        conference=ConferenceFactory(trajectory=trajectory), participant=els, family_time=True
    )
    held = services.snapshot_take(trajectory=trajectory, reason="conference", actor=None)

    page = coordinator_client.get(
        _url(trajectory, "snapshot_compare"), {"earlier": intake.pk, "later": held.pk}
    ).content.decode()
    assert "Van 1 naar 3 personen" in page and "(+2)" in page
    new = page[page.index('id="new-heading"') :]
    new = new[: new.index("</section>")]
    assert "Tante Els" in new and "Juf" in new and "Oma" not in new
    attended = page[page.index('id="attended-heading"') :]
    assert "Op de conferentie (1)" in attended and "Tante Els" in attended
    assert "Oma: Familie, dichtbij, sterke band → Familie, tussenin, sterke band" in page
    # Both maps are drawn, each with its own title ids.
    assert page.count("<svg") == 2
    assert 'id="before-title"' in page and 'id="after-title"' in page


def test_comparing_with_the_map_now(coordinator_client, trajectory):
    intake = services.snapshot_take(trajectory=trajectory, reason="intake", actor=None)
    NetworkMember.objects.create(trajectory=trajectory, name="Buur", sector="friends", ring="far")
    page = coordinator_client.get(
        _url(trajectory, "snapshot_compare"), {"earlier": intake.pk, "later": ""}
    ).content.decode()
    assert "Van 0 naar 1 personen" in page
    assert "De kaart nu" in page


def test_a_snapshot_of_another_trajectory_cannot_be_compared(coordinator_client, trajectory):
    mine = services.snapshot_take(trajectory=trajectory, reason="intake", actor=None)
    other = services.snapshot_take(trajectory=TrajectoryFactory(), reason="intake", actor=None)
    response = coordinator_client.get(
        _url(trajectory, "snapshot_compare"), {"earlier": other.pk, "later": mine.pk}
    )
    assert response.status_code == 302
    assert coordinator_client.get(_url(trajectory, "snapshot_svg", other.pk)).status_code == 404


def test_the_comparison_counts_per_sector_and_ring():
    before = [MapRow(1, "A", "family", "close", "strong"), MapRow(2, "B", "", "", "strong")]
    after = [
        MapRow(1, "A", "family", "close", "strong", attended=True),
        MapRow(3, "C", "family", "far", "weak"),
        MapRow(4, "D", "professionals", "middle", "strong"),
    ]
    result = compare(before, after)
    family = result.lines[0]
    assert family.sector == "family"
    assert family.cells == [(1, 1, 0), (0, 0, 0), (0, 1, 1), (1, 2, 1)]
    assert result.lines[3].cells[-1] == (0, 1, 1)
    unsorted = result.lines[-1]
    assert unsorted.sector == "" and unsorted.cells[-1] == (1, 0, -1)
    assert [r.id for r in result.new] == [3, 4]
    assert [r.id for r in result.gone] == [2]
    assert [r.id for r in result.attended] == [1]
    assert result.growth == 1


def test_the_snapshot_list_costs_the_same_for_2_or_12_snapshots(
    coordinator_client, trajectory, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    NetworkMember.objects.create(trajectory=trajectory, name="Oma", sector="family", ring="close")

    def take(count: int) -> None:
        for _ in range(count):
            services.snapshot_take(trajectory=trajectory, reason="manual", actor=None)

    url = _url(trajectory, "snapshots")
    take(2)
    coordinator_client.get(url)
    with CaptureQueriesContext(connection) as context:
        coordinator_client.get(url)

    take(10)

    with django_assert_num_queries(len(context.captured_queries)):
        page = coordinator_client.get(url).content.decode()
    snapshots = NetworkSnapshot.objects.filter(trajectory=trajectory)
    assert snapshots.count() == 12
    assert all(_url(trajectory, "snapshot_svg", s.pk) in page for s in snapshots)
