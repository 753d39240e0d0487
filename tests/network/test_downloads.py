"""The map as a file: SVG and PDF with names for the coordinator, an SVG without names for
research."""

import re

import pytest
from django.urls import reverse

from eigenkracht.network.layout import short_label
from eigenkracht.network.models import NetworkMember
from eigenkracht.trajectories.models import Participant, Trajectory
from tests.core.pdf_reader import NAMES_IN_SCRIPTS, drawn, shown
from tests.network.conftest import FAMILY_NAMES
from tests.trajectories.factories import ParticipantFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db


def _url(trajectory, name):
    return reverse(f"trajectories:network:{name}", args=[trajectory.pk])


@pytest.fixture
def family(trajectory):
    sectors = ["family", "family", "family", "family", "friends", "school_work", "school_work"]
    sectors += ["professionals"]
    return NetworkMember.objects.bulk_create(
        NetworkMember(trajectory=trajectory, name=name, sector=sector, ring="middle")
        for name, sector in zip(FAMILY_NAMES, sectors, strict=True)
    )


def test_the_svg_download_has_everyone_and_a_title(coordinator_client, trajectory, family):
    response = coordinator_client.get(_url(trajectory, "map_svg"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="netwerkkaart-{trajectory.reference}.svg"'
    )
    assert response["Cache-Control"] == "private, no-store"
    svg = response.content.decode()
    assert svg.startswith("<svg xmlns=")
    assert '<title id="map-title">Netwerkkaart van Sarah Janssens</title>' in svg
    assert 'stroke="#55565b"' in svg  # styled by attributes: it looks the same anywhere
    labels = re.findall(r"<title>([^<]*)</title>", svg)
    assert sorted(labels) == sorted(FAMILY_NAMES)


def test_the_same_map_gives_the_same_file(coordinator_client, trajectory, family):
    first = coordinator_client.get(_url(trajectory, "map_svg")).content
    assert coordinator_client.get(_url(trajectory, "map_svg")).content == first


def test_the_pdf_is_one_a4_page_with_the_reference(coordinator_client, trajectory, family):
    response = coordinator_client.get(_url(trajectory, "map_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response.content.count(b"/Type /Page\n") + response.content.count(b"/Type /Page>") == 1
    assert b"/MediaBox [0 0 595.28 841.89]" in response.content


def test_the_pseudonymised_svg_has_no_names_and_no_reference(
    coordinator_client, trajectory, family
):
    response = coordinator_client.get(_url(trajectory, "map_pseudonymised_svg"))
    assert response.status_code == 200
    assert trajectory.reference not in response["Content-Disposition"]
    svg = response.content.decode()
    for name in [*FAMILY_NAMES, "Sarah", "Janssens", trajectory.reference]:
        assert name not in svg
    labels = sorted(re.findall(r"<title>([^<]*)</title>", svg))
    assert labels == [
        "Familie 1",
        "Familie 2",
        "Familie 3",
        "Familie 4",
        "Professional 1",
        "School of werk 1",
        "School of werk 2",
        "Vriend of buur 1",
    ]
    assert "Hoofdpersoon" in svg
    # Not the database's ids either (on each member's dot and tie).
    ids = re.findall(r'data-member="(\d+)"', svg)
    assert sorted(set(ids)) == sorted(str(n) for n in range(1, 9))


def test_a_pdf_with_eighty_members_is_still_one_page(coordinator_client, trajectory):
    from tests.network.conftest import add_members

    add_members(trajectory, 80)
    response = coordinator_client.get(_url(trajectory, "map_pdf"))
    assert response.content.startswith(b"%PDF")
    assert response.content.count(b"/Type /Page\n") + response.content.count(b"/Type /Page>") == 1


def test_the_pdf_writes_every_name_in_its_script_and_the_main_people_in_full(
    coordinator_client, coordinator
):
    trajectory = TrajectoryFactory(
        status=Trajectory.Status.PREPARATION, coordinator=coordinator, main_person="Kevin Van Damme"
    )
    ParticipantFactory(
        trajectory=trajectory, role=Participant.Role.MAIN_PERSON, name="Nadia El Amrani"
    )
    names = [" ".join(parts) for parts in NAMES_IN_SCRIPTS.values()]
    NetworkMember.objects.bulk_create(
        NetworkMember(trajectory=trajectory, name=name, sector="family", ring="middle")
        for name in names
    )

    response = coordinator_client.get(_url(trajectory, "map_pdf"))

    assert response.status_code == 200
    shown_texts = shown(response.content)
    for name in names:  # a member's name is shortened on the map, never transliterated
        assert drawn(short_label(name)) in shown_texts, name
    centre = shown_texts.index("Kevin Van Damme,")
    assert shown_texts[centre + 1] == "Nadia El Amrani"
