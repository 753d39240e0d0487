"""The network map's services: participants kept on the map, a pasted list, moves and removals,
and the snapshots the trajectory takes by itself at intake, conference and closure."""

import datetime as dt

import pytest
from django.utils import timezone

from eigenkracht.core.models import AuditEntry
from eigenkracht.network import services
from eigenkracht.network.models import NetworkMember, NetworkSnapshot
from eigenkracht.trajectories import services as trajectory_services
from eigenkracht.trajectories.models import Participant, Trajectory, TrajectoryEvent
from eigenkracht.trajectories.services import Presence, TransitionNotAllowed
from tests.network.conftest import add_members
from tests.trajectories.factories import ConferenceFactory, ParticipantFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db
S = Trajectory.Status


def _save_participant(trajectory, actor, participant=None, **data):
    return trajectory_services.participant_save(
        trajectory=trajectory, participant=participant, data=data, actor=actor
    )


# Participants ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "place"),
    [
        ("child", ("family", "close")),
        ("family", ("family", "close")),
        ("friend", ("friends", "middle")),
        ("professional", ("professionals", "far")),
        ("confidant", ("friends", "middle")),
    ],
)
def test_a_new_participant_goes_on_the_map_by_role(trajectory, coordinator, role, place):
    participant = _save_participant(trajectory, coordinator.user, name="Els Peeters", role=role)
    member = participant.network_member
    assert (member.name, member.sector, member.ring, member.tie) == (
        "Els Peeters",
        *place,
        "strong",
    )
    assert member.role == role


@pytest.mark.parametrize("role", ["main_person", "interpreter"])
def test_main_people_and_interpreters_are_not_on_the_map(trajectory, coordinator, role):
    _save_participant(trajectory, coordinator.user, name="Ahmed", role=role)
    assert not NetworkMember.objects.filter(trajectory=trajectory).exists()


def test_the_map_follows_a_participant_s_name_and_role(trajectory, coordinator):
    els = _save_participant(trajectory, coordinator.user, name="Els", role="family")
    _save_participant(trajectory, coordinator.user, els, name="Els Peeters", role="professional")
    member = NetworkMember.objects.get(participant=els)
    # Still where her first role put her, so she follows the new role.
    assert (member.name, member.sector, member.ring, member.role) == (
        "Els Peeters",
        "professionals",
        "far",
        "professional",
    )
    # Moved by hand, she stays where the coordinator put her.
    services.member_update(
        member=member, sector="school_work", ring="close", tie="weak", actor=coordinator.user
    )
    _save_participant(trajectory, coordinator.user, els, role="friend")
    member.refresh_from_db()
    assert (member.sector, member.ring, member.tie, member.role) == (
        "school_work",
        "close",
        "weak",
        "friend",
    )
    # Become a main person: in the centre, no longer a member.
    _save_participant(trajectory, coordinator.user, els, role="main_person")
    assert not NetworkMember.objects.filter(trajectory=trajectory).exists()


def test_a_removed_participant_stays_on_the_map_unlinked(trajectory, coordinator):
    els = _save_participant(trajectory, coordinator.user, name="Els", role="family")
    trajectory_services.participant_delete(participant=els, actor=coordinator.user)
    member = NetworkMember.objects.get(trajectory=trajectory)
    assert member.participant is None
    assert (member.name, member.sector, member.role) == ("Els", "family", "family")
    # Now she can be removed from the map as well.
    services.member_delete(member=member, actor=coordinator.user)
    assert not NetworkMember.objects.exists()


def test_syncing_catches_up_participants_written_directly_and_is_idempotent(trajectory):
    ParticipantFactory(trajectory=trajectory, name="Oma", role="family")
    ParticipantFactory(trajectory=trajectory, name="Juf", role="professional")
    assert services.participants_sync(trajectory=trajectory) == 2
    assert services.participants_sync(trajectory=trajectory) == 0
    assert NetworkMember.objects.filter(trajectory=trajectory).count() == 2


# A pasted list -----------------------------------------------------------------------------------


def test_a_pasted_list_is_trimmed_and_skips_empties_and_duplicates(trajectory, coordinator):
    NetworkMember.objects.create(trajectory=trajectory, name="Oma Rita")
    result = services.members_add_many(
        trajectory=trajectory,
        text="  Tante   Els \r\n\r\n- Nonkel Marc\n1. Juf Annelies\nTANTE ELS\noma rita\n   \n",
        sector="family",
        actor=coordinator.user,
    )
    assert [m.name for m in result.added] == ["Tante Els", "Nonkel Marc", "Juf Annelies"]
    assert (result.repeated, result.already_there) == (1, 1)
    added = NetworkMember.objects.filter(trajectory=trajectory, sector="family")
    assert set(added.values_list("ring", flat=True)) == {""}  # still to be sorted: no ring
    event = TrajectoryEvent.objects.get(action="network.members_add")
    assert event.description == "Netwerkkaart: 3 personen toegevoegd uit een lijst"
    assert AuditEntry.objects.filter(action="trajectory.network.members_add").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("\n".join(f"Persoon {n}" for n in range(101)), "hoogstens 100 namen"),
        ("\n  \n", "minstens één naam"),
        ("Els\n" + "x" * 121, "hoogstens 120 tekens"),
    ],
)
def test_an_impossible_list_is_refused_and_adds_nobody(trajectory, coordinator, text, message):
    with pytest.raises(services.NetworkRefused, match=message):
        services.members_add_many(trajectory=trajectory, text=text, actor=coordinator.user)
    assert not NetworkMember.objects.exists()


def test_exactly_100_names_are_fine(trajectory, coordinator):
    text = "\n".join(f"Persoon {n}" for n in range(100))
    result = services.members_add_many(trajectory=trajectory, text=text, actor=coordinator.user)
    assert len(result.added) == 100


# Moving and removing -----------------------------------------------------------------------------


def test_a_participant_s_name_changes_with_the_participants_only(trajectory, coordinator):
    els = _save_participant(trajectory, coordinator.user, name="Els", role="family")
    with pytest.raises(services.NetworkRefused, match="wijzig de naam bij de deelnemers"):
        services.member_update(
            member=els.network_member,
            name="Elsje",
            sector="family",
            ring="close",
            tie="strong",
            actor=coordinator.user,
        )


def test_a_move_that_changes_nothing_writes_nothing(trajectory, coordinator):
    [member] = add_members(trajectory, 1)
    services.member_update(
        member=member, sector=member.sector, ring=member.ring, tie=member.tie, actor=None
    )
    assert not TrajectoryEvent.objects.filter(action__startswith="network.").exists()


def test_sorting_refuses_someone_of_another_trajectory(trajectory, coordinator):
    [elsewhere] = add_members(TrajectoryFactory(), 1)
    with pytest.raises(services.NetworkRefused):
        services.members_sort(
            trajectory=trajectory,
            placements={elsewhere.pk: services.Placement("family", "close")},
            actor=coordinator.user,
        )


def test_a_finished_trajectory_refuses_changes(trajectory, coordinator):
    [member] = add_members(trajectory, 1)
    Trajectory.objects.filter(pk=trajectory.pk).update(status=S.STOPPED)
    with pytest.raises(TransitionNotAllowed):
        services.member_add(trajectory=trajectory, name="Els", actor=coordinator.user)
    with pytest.raises(TransitionNotAllowed):
        services.member_delete(member=member, actor=coordinator.user)
    with pytest.raises(TransitionNotAllowed):
        services.snapshot_take(trajectory=trajectory, reason="manual", actor=coordinator.user)


# Snapshots ---------------------------------------------------------------------------------------


def test_a_snapshot_is_frozen(trajectory, coordinator):
    [member] = add_members(trajectory, 1)
    snapshot = services.snapshot_take(
        trajectory=trajectory, reason="manual", note="na het huisbezoek", actor=coordinator.user
    )
    services.member_update(
        member=member, sector="professionals", ring="far", tie="weak", actor=coordinator.user
    )
    services.member_add(trajectory=trajectory, name="Later", actor=coordinator.user)
    snapshot.refresh_from_db()
    assert snapshot.member_count == 1
    assert snapshot.data == [
        {
            "id": member.pk,
            "name": "Persoon 1",
            "sector": "family",
            "ring": "close",
            "tie": "strong",
            "attended": False,
            "role": "",
            "domains": [],
        }
    ]
    assert snapshot.taken_by == coordinator.user and snapshot.note == "na het huisbezoek"
    assert TrajectoryEvent.objects.filter(action="network.snapshot").count() == 1


def test_accepting_a_referral_takes_the_intake_snapshot_with_the_children(office_user):
    trajectory = TrajectoryFactory()
    Participant.objects.create(trajectory=trajectory, name="Emma", role="child")
    trajectory_services.referral_accept(trajectory=trajectory, actor=office_user)
    snapshot = NetworkSnapshot.objects.get(trajectory=trajectory)
    assert snapshot.reason == "intake" and snapshot.taken_by == office_user
    assert [(r["name"], r["sector"], r["role"]) for r in snapshot.data] == [
        ("Emma", "family", "child")
    ]


def test_the_conference_snapshot_knows_who_attended(trajectory, coordinator):
    rita = _save_participant(trajectory, coordinator.user, name="Oma Rita", role="family")
    jonas = _save_participant(trajectory, coordinator.user, name="Papa Jonas", role="family")
    add_members(trajectory, 1)
    conference = ConferenceFactory(trajectory=trajectory, date=timezone.localdate())

    def record(*present):
        trajectory_services.attendance_record(
            conference=conference,
            presence={p.pk: Presence(True, True, True) for p in present},
            private_time_minutes=90,
            actor=coordinator.user,
        )

    record(rita)
    snapshot = NetworkSnapshot.objects.get(trajectory=trajectory, reason="conference")
    assert {r["name"]: r["attended"] for r in snapshot.data} == {
        "Oma Rita": True,
        "Papa Jonas": False,
        "Persoon 1": False,
    }
    # A correction of the attendance corrects the same snapshot.
    services.member_add(trajectory=trajectory, name="Na de conferentie", actor=coordinator.user)
    record(rita, jonas)
    snapshot = NetworkSnapshot.objects.get(trajectory=trajectory, reason="conference")
    assert snapshot.member_count == 3
    assert {r["name"]: r["attended"] for r in snapshot.data}["Papa Jonas"] is True


def test_a_follow_up_conference_takes_no_conference_snapshot(trajectory, coordinator):
    Trajectory.objects.filter(pk=trajectory.pk).update(status=S.FOLLOW_UP)
    trajectory.refresh_from_db()
    follow_up = ConferenceFactory(
        trajectory=trajectory, kind="follow_up", date=timezone.localdate() - dt.timedelta(days=1)
    )
    trajectory_services.attendance_record(
        conference=follow_up, presence={}, private_time_minutes=None, actor=coordinator.user
    )
    assert not NetworkSnapshot.objects.exists()


@pytest.mark.parametrize("how", ["close", "stop"])
def test_closing_or_stopping_takes_the_closed_snapshot(trajectory, coordinator, how):
    add_members(trajectory, 4)
    Trajectory.objects.filter(pk=trajectory.pk).update(status=S.FOLLOW_UP)
    trajectory.refresh_from_db()
    if how == "close":
        trajectory_services.trajectory_close(
            trajectory=trajectory, outcome="plan_without_conference", actor=coordinator.user
        )
    else:
        trajectory_services.trajectory_stop(
            trajectory=trajectory, reason="no_network", actor=coordinator.user
        )
    snapshot = NetworkSnapshot.objects.get(trajectory=trajectory)
    assert (snapshot.reason, snapshot.member_count) == ("closed", 4)
