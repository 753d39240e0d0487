"""The map page: the map and the table of the same people, and every change made on it, with
and without JavaScript. Only the office and the trajectory's own coordinator get in."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenkracht.core.models import AuditEntry
from eigenkracht.network.models import NetworkMember
from eigenkracht.trajectories.models import Trajectory, TrajectoryEvent
from tests.network.conftest import add_members
from tests.trajectories.factories import (
    ConferenceFactory,
    ParticipantFactory,
    TrajectoryFactory,
)

pytestmark = pytest.mark.django_db

FRAGMENT = {"HTTP_X_NETWORK_FRAGMENT": "1"}


def _url(trajectory, name="map", *args):
    return reverse(f"trajectories:network:{name}", args=[trajectory.pk, *args])


def _member_names_in_svg(page):
    svg = page[page.index("<svg") : page.index("</svg>")]
    return re.findall(r"<g class=\"member\" data-member=\"\d+\"><title>([^<]*)</title>", svg)


def test_the_map_shows_everyone_on_the_map_and_in_the_table(coordinator_client, trajectory):
    add_members(trajectory, 6)
    NetworkMember.objects.create(trajectory=trajectory, name="Nog Niet Gesorteerd")
    page = coordinator_client.get(_url(trajectory)).content.decode()
    assert sorted(_member_names_in_svg(page)) == [f"Persoon {n}" for n in range(1, 7)]
    table = page[page.index('<table id="network-members"') :]
    table = table[: table.index("</table>")]
    for n in range(1, 7):
        assert f"Persoon {n}" in table
    # The one still to be sorted is listed to be sorted, not drawn.
    assert "Nog Niet Gesorteerd" not in table
    assert "Nog te sorteren (1)" in page
    # The SVG has a title and a description, and its <style> stays out (the CSP forbids it).
    assert '<title id="map-title">Netwerkkaart van Sarah Janssens</title>' in page
    assert '<desc id="map-desc">6 personen rond Sarah Janssens.' in page
    assert "<style>" not in page
    assert "network/network.js" in page


def test_participants_are_on_the_map_in_the_sector_of_their_role(coordinator_client, trajectory):
    ParticipantFactory(trajectory=trajectory, name="Oma Rita", role="family")
    ParticipantFactory(trajectory=trajectory, name="Juf Annelies", role="professional")
    ParticipantFactory(trajectory=trajectory, name="Tolk Ahmed", role="interpreter")
    page = coordinator_client.get(_url(trajectory)).content.decode()
    assert sorted(_member_names_in_svg(page)) == ["Juf Annelies", "Oma Rita"]
    rita = NetworkMember.objects.get(name="Oma Rita")
    assert (rita.sector, rita.ring, rita.role) == ("family", "close", "family")


def test_attendance_at_the_conference_is_marked(coordinator_client, trajectory):
    from eigenkracht.trajectories.models import ConferenceAttendance

    rita = ParticipantFactory(trajectory=trajectory, name="Oma Rita", role="family")
    ParticipantFactory(trajectory=trajectory, name="Papa Jonas", role="family")
    conference = ConferenceFactory(trajectory=trajectory)
    ConferenceAttendance.objects.create(
        conference=conference, participant=rita, information_round=True
    )
    page = coordinator_client.get(_url(trajectory)).content.decode()
    rita_member = NetworkMember.objects.get(participant=rita)
    rita_row = page[page.index(f'<tr id="member-{rita_member.pk}">') :]
    rita_row = rita_row[: rita_row.index("</tr>")]
    assert "Oma Rita" in rita_row
    assert "was er" in rita_row
    assert "1 was op de conferentie" in page
    # On the map: an extra ring around her dot only.
    svg = page[page.index("<svg") : page.index("</svg>")]
    rita_group = svg[svg.index("<title>Oma Rita</title>") :]
    rita_group = rita_group[: rita_group.index("</g>")]
    assert 'r="9.0" fill="none"' in rita_group
    jonas_group = svg[svg.index("<title>Papa Jonas</title>") :]
    assert 'r="9.0" fill="none"' not in jonas_group[: jonas_group.index("</g>")]


def test_adding_one_person_without_javascript(coordinator_client, trajectory):
    response = coordinator_client.post(
        _url(trajectory, "member_add"),
        {
            "add-name": "  Buurvrouw   Fatima ",
            "add-sector": "friends",
            "add-ring": "middle",
            "add-tie": "weak",
            "add-domains": ["parenting", "living"],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _url(trajectory)
    fatima = NetworkMember.objects.get(trajectory=trajectory)
    assert (fatima.name, fatima.sector, fatima.ring, fatima.tie) == (
        "Buurvrouw Fatima",
        "friends",
        "middle",
        "weak",
    )
    assert fatima.domains == ["living", "parenting"]
    event = TrajectoryEvent.objects.get(trajectory=trajectory, action="network.member_add")
    assert "Buurvrouw Fatima" in event.description
    page = coordinator_client.get(_url(trajectory)).content.decode()
    assert "Buurvrouw Fatima staat op de kaart." in page
    assert "steunt bij: Zelfstandig wonen, Opvoeding" in page


def test_adding_without_a_name_is_refused_with_the_form_shown_again(coordinator_client, trajectory):
    response = coordinator_client.post(
        _url(trajectory, "member_add"),
        {"add-name": "   ", "add-sector": "friends", "add-ring": "middle", "add-tie": "weak"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vul de naam in." in page
    assert "De persoon is nog niet toegevoegd." in page
    assert not NetworkMember.objects.exists()


def test_with_javascript_the_answer_is_the_map_region_only(coordinator_client, trajectory):
    response = coordinator_client.post(
        _url(trajectory, "member_add"),
        {"add-name": "Tante Els", "add-sector": "family", "add-ring": "close", "add-tie": "strong"},
        **FRAGMENT,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="network-region"')
    assert "<html" not in page
    assert "Tante Els staat op de kaart." in page
    assert "<title>Tante Els</title>" in page  # the new map
    assert "data-network-notice" in page


def test_pasting_a_list_adds_everyone_to_be_sorted(coordinator_client, trajectory):
    NetworkMember.objects.create(
        trajectory=trajectory, name="Oma Rita", sector="family", ring="close"
    )
    text = "\n".join(
        ["- Tante Els", "", "oma rita", "Nonkel Marc", "  Tante Els  ", "• Juf Annelies"]
    )
    response = coordinator_client.post(_url(trajectory, "members_paste"), {"paste-names": text})
    assert response.status_code == 302
    names = set(NetworkMember.objects.filter(sector="").values_list("name", flat=True))
    assert names == {"Tante Els", "Nonkel Marc", "Juf Annelies"}
    page = coordinator_client.get(_url(trajectory)).content.decode()
    assert "3 personen toegevoegd. 1 stonden al op de kaart. 1 namen stonden meer dan eens" in page
    assert "Nog te sorteren (3)" in page


def test_pasting_too_many_names_is_refused(coordinator_client, trajectory):
    text = "\n".join(f"Persoon {n}" for n in range(101))
    response = coordinator_client.post(_url(trajectory, "members_paste"), {"paste-names": text})
    assert response.status_code == 200
    assert "Plak hoogstens 100 namen tegelijk; dit waren er 101." in response.content.decode()
    assert not NetworkMember.objects.exists()


def test_sorting_the_unsorted(coordinator_client, trajectory):
    els, marc = (
        NetworkMember.objects.create(trajectory=trajectory, name=name) for name in ("Els", "Marc")
    )
    response = coordinator_client.post(
        _url(trajectory, "members_sort"),
        {
            f"sort-sector_{els.pk}": "family",
            f"sort-ring_{els.pk}": "close",
            f"sort-tie_{els.pk}": "stressful",
            f"sort-sector_{marc.pk}": "",
            f"sort-ring_{marc.pk}": "",
            f"sort-tie_{marc.pk}": "strong",
        },
    )
    assert response.status_code == 302
    els.refresh_from_db()
    marc.refresh_from_db()
    assert (els.sector, els.ring, els.tie) == ("family", "close", "stressful")
    assert (marc.sector, marc.ring) == ("", "")
    page = coordinator_client.get(_url(trajectory)).content.decode()
    assert "1 personen gesorteerd." in page
    assert "<title>Els</title>" in page


def test_moving_a_member_without_and_with_javascript(coordinator_client, trajectory):
    [member] = add_members(trajectory, 1)
    response = coordinator_client.post(
        _url(trajectory, "member_move", member.pk),
        {"sector": "professionals", "ring": "far", "tie": "weak"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.sector, member.ring, member.tie) == ("professionals", "far", "weak")
    assert TrajectoryEvent.objects.filter(action="network.member_move").count() == 1

    response = coordinator_client.post(
        _url(trajectory, "member_move", member.pk),
        {"sector": "family", "ring": "close", "tie": "stressful"},
        **FRAGMENT,
    )
    page = response.content.decode()
    assert "Persoon 1 staat nu bij Familie, dichtbij, met een belastende band." in page
    assert 'class="tie stressful"' in page


def test_an_impossible_move_is_refused(coordinator_client, trajectory):
    [member] = add_members(trajectory, 1)
    response = coordinator_client.post(
        _url(trajectory, "member_move", member.pk),
        {"sector": "neighbours", "ring": "close", "tie": "strong"},
    )
    assert response.status_code == 200
    assert (
        "Persoon 1 is niet verplaatst: Kies een sector uit de lijst." in response.content.decode()
    )
    member.refresh_from_db()
    assert member.sector == "family"


def test_removing_a_member_after_confirmation(coordinator_client, trajectory):
    [member] = add_members(trajectory, 1)
    confirm = coordinator_client.get(_url(trajectory, "member_delete", member.pk))
    assert "Persoon 1 van de kaart halen?" in confirm.content.decode()
    assert NetworkMember.objects.filter(pk=member.pk).exists()
    response = coordinator_client.post(_url(trajectory, "member_delete", member.pk))
    assert response.status_code == 302
    assert not NetworkMember.objects.filter(pk=member.pk).exists()
    assert TrajectoryEvent.objects.filter(action="network.member_delete").exists()


def test_a_participant_cannot_be_removed_from_the_map(coordinator_client, trajectory):
    ParticipantFactory(trajectory=trajectory, name="Oma Rita", role="family")
    coordinator_client.get(_url(trajectory))  # puts her on the map
    rita = NetworkMember.objects.get(name="Oma Rita")
    response = coordinator_client.post(_url(trajectory, "member_delete", rita.pk), **FRAGMENT)
    assert "Oma Rita is een deelnemer en blijft op de kaart." in response.content.decode()
    assert NetworkMember.objects.filter(pk=rita.pk).exists()


def test_editing_name_and_domains_on_its_own_page(coordinator_client, trajectory):
    [member] = add_members(trajectory, 1)
    url = _url(trajectory, "member_edit", member.pk)
    assert "Persoon 1" in coordinator_client.get(url).content.decode()
    response = coordinator_client.post(
        url,
        {
            "name": "Buurman Jef",
            "sector": "friends",
            "ring": "far",
            "tie": "strong",
            "domains": ["work"],
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.name, member.sector, member.ring, member.domains) == (
        "Buurman Jef",
        "friends",
        "far",
        ["work"],
    )


def test_a_finished_trajectory_shows_the_map_without_forms(coordinator_client, trajectory):
    add_members(trajectory, 3)
    Trajectory.objects.filter(pk=trajectory.pk).update(status=Trajectory.Status.CLOSED)
    page = coordinator_client.get(_url(trajectory)).content.decode()
    assert "de kaart kan niet meer veranderen" in page
    assert "data-network-form" not in page
    response = coordinator_client.post(
        _url(trajectory, "member_add"),
        {"add-name": "Laat", "add-sector": "family", "add-ring": "close", "add-tie": "strong"},
    )
    assert "Dit traject is afgesloten" in response.content.decode()
    assert NetworkMember.objects.filter(trajectory=trajectory).count() == 3


@pytest.mark.parametrize("who", ["stranger_client", "referrer_client"])
@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("map", "get"),
        ("member_add", "post"),
        ("map_svg", "get"),
        ("map_pdf", "get"),
        ("map_pseudonymised_svg", "get"),
        ("snapshots", "get"),
    ],
)
def test_others_get_404(request, trajectory, who, name, method):
    client = request.getfixturevalue(who)
    add_members(trajectory, 2)
    response = getattr(client, method)(_url(trajectory, name))
    assert response.status_code == 404
    assert NetworkMember.objects.filter(trajectory=trajectory).count() == 2


def test_a_member_of_another_trajectory_is_404(coordinator_client, trajectory):
    other = TrajectoryFactory()
    [elsewhere] = add_members(other, 1)
    response = coordinator_client.post(
        _url(trajectory, "member_move", elsewhere.pk),
        {"sector": "family", "ring": "close", "tie": "strong"},
    )
    assert response.status_code == 404


def test_the_office_may_work_on_the_map(office_client, trajectory):
    assert office_client.get(_url(trajectory)).status_code == 200


def test_looking_at_the_map_is_audited(coordinator_client, coordinator, trajectory):
    coordinator_client.get(_url(trajectory), REMOTE_ADDR="203.0.113.7")
    entry = AuditEntry.objects.get(action="trajectory.view")
    assert entry.actor == coordinator.user
    assert entry.data == {"page": "network_map"}
    assert entry.object_id == str(trajectory.pk)
    assert entry.ip_address == "203.0.113.7"


def test_the_map_page_costs_the_same_for_5_and_60_members(coordinator_client, coordinator):
    def trajectory_with(count):
        t = TrajectoryFactory(status="preparation", coordinator=coordinator)
        for n in range(3):
            ParticipantFactory(trajectory=t, name=f"Deelnemer {n}")
        add_members(t, count, domains=["work"])
        NetworkMember.objects.create(trajectory=t, name="Te sorteren")
        return t

    small, large = trajectory_with(5), trajectory_with(60)

    def queries(t):
        with CaptureQueriesContext(connection) as context:
            response = coordinator_client.get(_url(t))
        assert response.status_code == 200
        return len(context.captured_queries)

    queries(small)  # warm up, and the participants go on the map
    queries(large)
    assert queries(small) == queries(large)


def test_a_name_with_markup_is_shown_as_text(coordinator_client, trajectory):
    NetworkMember.objects.create(
        trajectory=trajectory, name="<script>alert(1)</script> & Co", sector="friends", ring="far"
    )
    page = coordinator_client.get(_url(trajectory)).content.decode()
    assert "<script>alert(1)" not in page
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</title>" in page
