"""Every page of a trajectory x every role x their own and someone else's trajectory.

"ok" means the page answered (200, or a redirect back into the trajectory after a POST); 404 means
the trajectory does not exist for that person; "login" means the login page (anonymous)."""

import pytest
from django.urls import reverse

from eigenkracht.accounts.models import Role
from eigenkracht.network.models import NetworkMember
from eigenkracht.network.services import snapshot_take
from eigenkracht.trajectories.models import Conference, ConferenceAttendance, Plan
from tests.factories import UserFactory
from tests.trajectories.factories import (
    AgreementFactory,
    ConferenceFactory,
    CoordinatorFactory,
    ParticipantFactory,
    PlanFactory,
    TrajectoryFactory,
)
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db

OK, NOT_FOUND, LOGIN, FORBIDDEN = "ok", 404, "login", 403

# (url name, method, extra kwargs, who may: "office" | "work" | "view" | "decide")
PAGES = [
    ("detail", "get", {}, "view"),
    ("intake", "get", {}, "office"),
    ("assign", "get", {}, "office"),
    ("preparation_start", "post", {}, "work"),
    ("stop", "get", {}, "work"),
    ("close", "get", {}, "work"),
    ("participants", "get", {}, "work"),
    ("participant_edit", "get", {"participant_pk": "participant"}, "work"),
    ("participant_delete", "get", {"participant_pk": "participant"}, "work"),
    ("conference", "get", {}, "work"),
    ("follow_up_conference", "get", {}, "work"),
    ("attendance", "get", {"conference_pk": "conference"}, "work"),
    (
        "invitation_letter",
        "get",
        {"conference_pk": "conference", "participant_pk": "participant"},
        "work",
    ),
    ("plan", "get", {}, "view"),
    ("plan_present", "post", {}, "work"),
    ("plan_decide", "post", {}, "decide"),
    ("plan_pdf", "get", {}, "view"),
    ("follow_up", "get", {}, "work"),
    ("note_add", "post", {}, "work"),
    ("network:map", "get", {}, "work"),
    ("network:member_add", "post", {}, "work"),
    ("network:members_paste", "post", {}, "work"),
    ("network:members_sort", "post", {}, "work"),
    ("network:member_edit", "get", {"member_pk": "member"}, "work"),
    ("network:member_move", "post", {"member_pk": "member"}, "work"),
    ("network:member_delete", "get", {"member_pk": "member"}, "work"),
    ("network:map_svg", "get", {}, "work"),
    ("network:map_pdf", "get", {}, "work"),
    ("network:map_pseudonymised_svg", "get", {}, "work"),
    ("network:snapshots", "get", {}, "work"),
    ("network:snapshot_compare", "get", {}, "work"),
    ("network:snapshot_svg", "get", {"snapshot_pk": "snapshot"}, "work"),
]
OFFICE_PAGES = ["list", "inbox", "coordinator_list", "coordinator_create", "network_export"]

# Who may, per role and whether the trajectory is theirs.
ALLOWED = {
    ("office", "own"): {"office", "work", "view"},
    ("manager", "own"): {"office", "work", "view"},
    ("coordinator", "own"): {"work", "view"},
    ("coordinator", "other"): set(),
    ("referrer", "own"): {"view", "decide"},
    ("referrer", "other"): set(),
    ("anonymous", "other"): set(),
}


@pytest.fixture
def world():
    coordinator = CoordinatorFactory()
    trajectory = TrajectoryFactory(status="follow_up", coordinator=coordinator)
    participant = ParticipantFactory(trajectory=trajectory, name="Oma Rita")
    conference = ConferenceFactory(trajectory=trajectory, held=True)
    ConferenceAttendance.objects.create(
        conference=conference, participant=participant, information_round=True
    )
    plan = PlanFactory(trajectory=trajectory, conference=conference, status=Plan.Status.ACCEPTED)
    AgreementFactory(plan=plan, responsible=[participant])
    member = NetworkMember.objects.create(
        trajectory=trajectory, name="Buurvrouw Mia", sector="friends", ring="middle"
    )
    snapshot = snapshot_take(trajectory=trajectory, reason="manual", actor=None)
    # Someone else's trajectory, with its own coordinator and referrer.
    elsewhere = TrajectoryFactory(status="preparation", coordinator=CoordinatorFactory())
    return {
        "trajectory": trajectory,
        "participant": participant,
        "conference": conference,
        "member": member,
        "snapshot": snapshot,
        "users": {
            ("office", "own"): UserFactory(role=Role.OFFICE),
            ("manager", "own"): UserFactory(role=Role.MANAGER),
            ("coordinator", "own"): coordinator.user,
            ("coordinator", "other"): elsewhere.coordinator.user,
            ("referrer", "own"): trajectory.referrer,
            ("referrer", "other"): elsewhere.referrer,
            ("anonymous", "other"): None,
        },
    }


def _answer(response) -> object:
    if response.status_code == 302 and "/account/aanmelden/" in response["Location"]:
        return LOGIN
    if response.status_code in (200, 302):
        return OK
    return response.status_code


@pytest.mark.parametrize("who", list(ALLOWED), ids=lambda who: "-".join(who))
def test_each_role_gets_exactly_what_the_policies_allow(client, world, who):
    user = world["users"][who]
    if user is not None:
        login_verified(client, user)
    trajectory = world["trajectory"]
    answers, expected = {}, {}
    for name, method, extra, group in PAGES:
        kwargs = {"pk": trajectory.pk, **{k: world[v].pk for k, v in extra.items()}}
        response = getattr(client, method)(reverse(f"trajectories:{name}", kwargs=kwargs))
        answers[name] = _answer(response)
        if user is None:
            expected[name] = LOGIN
        else:
            expected[name] = OK if group in ALLOWED[who] else NOT_FOUND
    for name in OFFICE_PAGES:
        answers[name] = _answer(client.get(reverse(f"trajectories:{name}")))
        if user is None:
            expected[name] = LOGIN
        elif name == "list" or who[0] in {"office", "manager"}:
            expected[name] = OK
        else:
            expected[name] = FORBIDDEN
    assert answers == expected


def test_a_session_without_the_second_factor_is_sent_to_the_login(client, world):
    client.force_login(world["users"][("office", "own")])
    response = client.get(reverse("trajectories:detail", args=[world["trajectory"].pk]))
    assert _answer(response) == LOGIN


def test_the_referrer_never_sees_the_coordinators_notes(client, world):
    from eigenkracht.trajectories.models import Note

    Note.objects.create(trajectory=world["trajectory"], text="Vader drinkt, opletten.")
    login_verified(client, world["users"][("referrer", "own")])
    content = client.get(reverse("trajectories:detail", args=[world["trajectory"].pk])).content
    assert b"Vader drinkt" not in content
    assert world["trajectory"].limits.encode() in content


def test_a_conference_or_participant_of_another_trajectory_is_not_found(client, world):
    login_verified(client, world["users"][("coordinator", "own")])
    stranger = ParticipantFactory(name="Vreemde")
    other_conference = ConferenceFactory(trajectory=stranger.trajectory)
    pk = world["trajectory"].pk
    assert (
        client.get(reverse("trajectories:participant_edit", args=[pk, stranger.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("trajectories:attendance", args=[pk, other_conference.pk])).status_code
        == 404
    )
    assert (
        client.get(
            reverse(
                "trajectories:invitation_letter",
                args=[pk, world["conference"].pk, stranger.pk],
            )
        ).status_code
        == 404
    )
    assert Conference.objects.count() == 2


def test_the_referrer_sees_the_family_as_referred_not_as_the_file_grew(client, world):
    trajectory = world["trajectory"]
    trajectory.referred_names = "Sarah Janssens"
    trajectory.save()
    ParticipantFactory(trajectory=trajectory, name="Nieuwe Partner", role="main_person")
    login_verified(client, world["users"][("referrer", "own")])
    for url in (
        reverse("trajectories:list"),
        reverse("trajectories:detail", args=[trajectory.pk]),
        reverse("trajectories:plan", args=[trajectory.pk]),
    ):
        content = client.get(url).content.decode()
        assert "Sarah Janssens" in content
        assert "Nieuwe Partner" not in content


def test_pages_for_a_logged_in_person_are_not_kept_by_the_browser(client, world):
    login_verified(client, world["users"][("office", "own")])
    response = client.get(reverse("trajectories:detail", args=[world["trajectory"].pk]))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_lists_of_families_are_audited_with_what_they_showed(client, world):
    from eigenkracht.core.models import AuditEntry

    login_verified(client, world["users"][("office", "own")])
    client.get(reverse("trajectories:list"))
    entry = AuditEntry.objects.get(action="trajectory.list")
    assert str(world["trajectory"].pk) in entry.data["ids"]
