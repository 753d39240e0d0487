"""A trajectory moves only through named transitions; each leaves a trace on the timeline and in
the audit log, and a transition that does not fit the current status is refused."""

import datetime as dt

import pytest
from django.utils import timezone

from eigenkracht.accounts.models import Role, User
from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.trajectories import services
from eigenkracht.trajectories.models import Participant, Plan, Trajectory
from tests.factories import UserFactory
from tests.trajectories.factories import (
    AgreementFactory,
    CoordinatorFactory,
    PlanFactory,
    TrajectoryFactory,
)

pytestmark = pytest.mark.django_db
S = Trajectory.Status


def referral(**overrides):
    return {
        "referrer_type": "professional",
        "referrer_name": "Inge Maes",
        "referrer_organisation": "CAW",
        "referrer_role": "maatschappelijk werker",
        "referrer_email": "inge.maes@example.be",
        "referrer_phone": "",
        "postcode": "9000",
        "domains": ["parenting"],
        "central_question": "Hoe blijft Emma veilig thuis wonen?",
        "concerns": "Emma gaat niet naar school.",
        "limits": "Er is elke avond een volwassene thuis.",
        "urgency": "normal",
        "wish_language": "",
        "wish_gender": "",
        "wish_background": "",
        "consent_given": True,
        "consent_on": timezone.localdate(),
        "consent_method": "written",
        **overrides,
    }


def test_a_referral_creates_the_trajectory_its_people_a_referrer_login_and_two_mails(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        trajectory = services.referral_submit(
            referral=referral(),
            main_people=[{"name": "Sarah Janssens", "birth_year": 1988}],
            children=[{"name": "Emma", "birth_date": dt.date(2014, 5, 1), "birth_year": 2014}],
        )
    assert trajectory.status == S.REFERRED
    assert trajectory.reference == f"EK-{timezone.localdate().year}-{trajectory.pk:05d}"
    assert [p.role for p in trajectory.participants.all()] == ["main_person", "child"]
    referrer = User.objects.get(email="inge.maes@example.be")
    assert referrer.role == Role.REFERRER and not referrer.has_usable_password()
    to_referrer = OutboxMessage.objects.get(kind="referral_received")
    assert to_referrer.recipient == "inge.maes@example.be"
    assert trajectory.reference in to_referrer.subject
    assert to_referrer.confidential  # it carries the one-time link to choose a password
    assert trajectory.referred_names == "Sarah Janssens"
    to_office = OutboxMessage.objects.get(kind="referral_new")
    assert "Sarah" not in to_office.body_text and "Emma" not in to_office.body_text


def test_a_referral_without_consent_is_refused_and_nothing_is_written():
    with pytest.raises(services.TrajectoryRefused, match="toestemming"):
        services.referral_submit(
            referral=referral(consent_given=False), main_people=[{"name": "X"}], children=[]
        )
    assert not Trajectory.objects.exists()
    assert not User.objects.filter(email="inge.maes@example.be").exists()


def test_a_referrer_who_already_has_a_login_keeps_it():
    existing = UserFactory(email="inge.maes@example.be", role=Role.REFERRER)
    trajectory = services.referral_submit(
        referral=referral(), main_people=[{"name": "Sarah"}], children=[]
    )
    assert trajectory.referrer == existing


def test_the_whole_path_from_referral_to_closure_leaves_a_timeline(office_user):
    trajectory = TrajectoryFactory()
    coordinator = CoordinatorFactory()
    services.referral_accept(trajectory=trajectory, actor=office_user, reason="Past goed.")
    services.coordinator_assign(trajectory=trajectory, coordinator=coordinator, actor=office_user)
    services.preparation_start(trajectory=trajectory, actor=coordinator.user)
    services.conference_save(
        trajectory=trajectory,
        conference=None,
        kind="conference",
        data={
            "date": timezone.localdate(),
            "start_time": dt.time(18),
            "place": "Buurthuis",
            "address": "Straat 1, 9000 Gent",
            "languages": ["nl"],
        },
        actor=coordinator.user,
    )
    grandmother = Participant.objects.create(trajectory=trajectory, name="Oma Rita", role="family")
    plan = services.plan_save(
        trajectory=trajectory,
        evaluation_on=timezone.localdate() + dt.timedelta(days=42),
        if_things_go_differently="We komen opnieuw samen.",
        agreements=[
            services.AgreementData(
                what="Oma brengt Emma naar school.", responsible=[grandmother], due="elke dag"
            )
        ],
        actor=coordinator.user,
    )
    services.attendance_record(
        conference=trajectory.conferences.get(),
        presence={grandmother.pk: services.Presence(True, True, True)},
        private_time_minutes=120,
        actor=coordinator.user,
    )
    services.plan_present(plan=plan, actor=coordinator.user)
    services.plan_accept(plan=plan, actor=trajectory.referrer)
    trajectory.refresh_from_db()
    assert trajectory.status == S.FOLLOW_UP
    assert trajectory.follow_up_due_on == timezone.localdate() + dt.timedelta(weeks=4)
    services.follow_up_record(
        trajectory=trajectory,
        held_on=timezone.localdate(),
        note="Loopt goed.",
        progress={plan.agreements.get().pk: "done"},
        actor=coordinator.user,
    )
    services.trajectory_close(
        trajectory=trajectory, outcome="plan_with_conference", actor=coordinator.user
    )
    trajectory.refresh_from_db()
    assert trajectory.status == S.CLOSED and trajectory.outcome == "plan_with_conference"
    transitions = list(trajectory.events.exclude(to_status="").values_list("to_status", flat=True))
    assert transitions == [
        S.INTAKE,
        S.ASSIGNED,
        S.PREPARATION,
        S.CONFERENCE_PLANNED,
        S.PLAN_MADE,
        S.FOLLOW_UP,
        S.CLOSED,
    ]
    accepted = trajectory.events.get(action="accept")
    assert accepted.actor == office_user and accepted.reason == "Past goed."
    assert AuditEntry.objects.filter(action="trajectory.close", object_id=str(trajectory.pk))
    assert plan.agreements.get().progress == "done"


def test_a_transition_from_the_wrong_status_is_refused(office_user):
    trajectory = TrajectoryFactory(status=S.CLOSED)
    with pytest.raises(services.TransitionNotAllowed, match="Afgesloten"):
        services.referral_accept(trajectory=trajectory, actor=office_user)
    with pytest.raises(services.TransitionNotAllowed):
        services.trajectory_stop(trajectory=trajectory, reason="no_network", actor=office_user)


def test_a_stale_copy_cannot_act_after_someone_else_decided(office_user):
    """Two office workers open the same referral; the second click finds it already declined."""
    mine = TrajectoryFactory()
    theirs = Trajectory.objects.get(pk=mine.pk)
    services.referral_decline(trajectory=theirs, actor=office_user, reason="Buiten ons gebied.")
    with pytest.raises(services.TransitionNotAllowed, match="Niet aanvaard"):
        services.referral_accept(trajectory=mine, actor=office_user)


def test_stopping_needs_a_reason_and_an_explanation_for_other(office_user):
    trajectory = TrajectoryFactory(status=S.PREPARATION)
    with pytest.raises(services.TrajectoryRefused):
        services.trajectory_stop(trajectory=trajectory, reason="", actor=office_user)
    with pytest.raises(services.TrajectoryRefused, match="toe"):
        services.trajectory_stop(trajectory=trajectory, reason="other", actor=office_user)
    services.trajectory_stop(
        trajectory=trajectory,
        reason="consent_withdrawn",
        explanation="Moeder wil niet meer.",
        actor=office_user,
    )
    trajectory.refresh_from_db()
    assert trajectory.status == S.STOPPED and trajectory.outcome == "stopped"
    assert trajectory.events.get(action="stop").reason.startswith("Toestemming ingetrokken")


def test_the_referrer_hears_that_the_trajectory_stopped_without_why():
    trajectory = TrajectoryFactory(status=S.PREPARATION, main_person="Sarah Janssens")

    services.trajectory_stop(
        trajectory=trajectory,
        reason="consent_withdrawn",
        explanation="Moeder wil niet meer.",
        actor=trajectory.referrer,
    )

    told = OutboxMessage.objects.get(kind="trajectory_stopped")
    assert told.recipient == trajectory.referrer_email
    assert told.subject == f"Het traject {trajectory.reference} is gestopt"
    assert "Heb je er vragen over, neem dan contact met ons op." in told.body_text
    assert "Moeder" not in told.body_text + told.body_html
    assert "Sarah" not in told.body_text + told.body_html


def test_a_referrer_without_a_login_is_asked_to_contact_us_not_pointed_to_a_page(office_user):
    trajectory = TrajectoryFactory(
        status=S.REFERRED, referrer=None, referrer_email="inge.maes@example.be"
    )

    services.referral_decline(trajectory=trajectory, actor=office_user, reason="Buiten ons gebied.")

    told = OutboxMessage.objects.get(kind="referral_declined")
    assert "Neem contact met ons op" in told.body_text
    assert "lees je bij de aanmelding" not in told.body_text


def test_the_referrer_decides_on_a_presented_plan_only(office_user):
    trajectory = TrajectoryFactory(status=S.PLAN_MADE)
    plan = PlanFactory(trajectory=trajectory, status=Plan.Status.DRAFT)
    AgreementFactory(plan=plan)
    with pytest.raises(services.TransitionNotAllowed):
        services.plan_accept(plan=plan, actor=trajectory.referrer)
    services.plan_present(plan=plan, actor=office_user)
    services.plan_request_changes(
        plan=plan, actor=trajectory.referrer, feedback="Wie is er 's avonds thuis?"
    )
    plan.refresh_from_db()
    assert plan.status == Plan.Status.CHANGES_REQUESTED
    revised = services.plan_save(
        trajectory=trajectory,
        evaluation_on=plan.evaluation_on,
        if_things_go_differently="",
        agreements=[
            services.AgreementData(
                what="Tante Els slaapt er op dinsdag.",
                responsible=list(trajectory.participants.all()[:1]),
                due="elke dinsdag",
            )
        ],
        actor=office_user,
    )
    assert revised.revision == 2 and revised.status == Plan.Status.DRAFT


def test_an_agreement_without_anyone_responsible_is_refused(office_user):
    trajectory = TrajectoryFactory(status=S.CONFERENCE_PLANNED)
    with pytest.raises(services.TrajectoryRefused, match="verantwoordelijke"):
        services.plan_save(
            trajectory=trajectory,
            evaluation_on=None,
            if_things_go_differently="",
            agreements=[services.AgreementData(what="Iets", responsible=[], due="ooit")],
            actor=office_user,
        )
    assert not trajectory.plans.exists()


def test_reassigning_mails_the_new_coordinator_without_the_family_details(
    office_user, django_capture_on_commit_callbacks
):
    first, second = CoordinatorFactory(), CoordinatorFactory()
    trajectory = TrajectoryFactory(status=S.INTAKE, main_person="Sarah Janssens")
    services.coordinator_assign(trajectory=trajectory, coordinator=first, actor=office_user)
    with django_capture_on_commit_callbacks(execute=True):
        services.coordinator_assign(
            trajectory=trajectory, coordinator=second, replacing=first.pk, actor=office_user
        )
    trajectory.refresh_from_db()
    assert trajectory.status == S.ASSIGNED and trajectory.coordinator == second
    mail = OutboxMessage.objects.filter(kind="coordinator_assigned").latest("id")
    assert mail.recipient == second.user.email
    assert trajectory.reference in mail.body_text
    assert "Sarah" not in mail.body_text and "Emma" not in mail.body_text
    assert trajectory.events.filter(action="reassign").exists()
    # The first coordinator may still declare the days they worked on it (allowances).
    (earlier,) = trajectory.past_assignments.all()
    assert (earlier.coordinator, earlier.until_on) == (first, timezone.localdate())
    # The trajectory leaves the first coordinator's list: they hear why, without the family.
    told = OutboxMessage.objects.get(kind="coordinator_unassigned")
    assert told.recipient == first.user.email
    assert told.subject == f"Traject {trajectory.reference} gaat naar een andere coördinator"
    assert "kan je nog aangeven bij je onkosten" in told.body_text
    assert "/trajecten/onkosten/" in told.body_text
    assert "Sarah" not in told.body_text + told.body_html
    # The referrer heard of the first coordinator, once.
    assert OutboxMessage.objects.filter(kind="referral_coordinator_found").count() == 1


def test_the_referrer_hears_a_coordinator_was_found_as_the_acceptance_promised(
    office_user, django_capture_on_commit_callbacks
):
    trajectory = TrajectoryFactory(status=S.REFERRED, main_person="Sarah Janssens")
    services.referral_accept(trajectory=trajectory, actor=office_user)
    accepted = OutboxMessage.objects.get(kind="referral_accepted")
    assert "je hoort van ons zodra die gevonden is" in accepted.body_text

    with django_capture_on_commit_callbacks(execute=True):
        services.coordinator_assign(
            trajectory=trajectory, coordinator=CoordinatorFactory(), actor=office_user
        )

    found = OutboxMessage.objects.get(kind="referral_coordinator_found")
    assert found.recipient == trajectory.referrer_email
    assert found.subject == f"Er is een coördinator voor {trajectory.reference}"
    assert "We vonden een coördinator" in found.body_text
    assert "Sarah" not in found.body_text + found.body_html


def test_two_people_assigning_at_once_do_not_silently_replace_each_other(office_user):
    first, second = CoordinatorFactory(), CoordinatorFactory()
    trajectory = TrajectoryFactory(status=S.INTAKE)
    stale = Trajectory.objects.get(pk=trajectory.pk)
    services.coordinator_assign(trajectory=trajectory, coordinator=first, actor=office_user)
    with pytest.raises(services.TransitionNotAllowed, match="Intussen koos iemand anders"):
        services.coordinator_assign(trajectory=stale, coordinator=second, actor=office_user)
    trajectory.refresh_from_db()
    assert trajectory.coordinator == first


def test_planning_the_conference_twice_at_once_keeps_one(office_user):
    trajectory = TrajectoryFactory(status=S.PREPARATION)
    data = {
        "date": timezone.localdate(),
        "start_time": dt.time(18),
        "place": "Buurthuis",
        "address": "Straat 1, 9000 Gent",
        "languages": ["nl"],
    }
    stale = Trajectory.objects.get(pk=trajectory.pk)
    services.conference_save(
        trajectory=trajectory, conference=None, kind="conference", data=data, actor=office_user
    )
    with pytest.raises(services.TrajectoryRefused, match="al een conferentie gepland"):
        services.conference_save(
            trajectory=stale, conference=None, kind="conference", data=data, actor=office_user
        )
    assert trajectory.conferences.count() == 1


def test_a_plan_is_presented_only_after_the_planned_conference_was_held(office_user):
    from tests.trajectories.factories import ConferenceFactory

    trajectory = TrajectoryFactory(status=S.CONFERENCE_PLANNED)
    ConferenceFactory(trajectory=trajectory, held=False)
    plan = PlanFactory(trajectory=trajectory)
    AgreementFactory(plan=plan)
    with pytest.raises(services.TrajectoryRefused, match="nog niet gehouden"):
        services.plan_present(plan=plan, actor=office_user)


def test_a_plan_cannot_be_made_before_the_preparation(office_user):
    trajectory = TrajectoryFactory(status=S.ASSIGNED)
    with pytest.raises(services.TransitionNotAllowed, match="vanaf de voorbereiding"):
        services.plan_save(
            trajectory=trajectory,
            evaluation_on=None,
            if_things_go_differently="",
            agreements=[],
            actor=office_user,
        )


def test_the_outcome_at_closing_must_match_whether_a_conference_was_held(office_user):
    trajectory = TrajectoryFactory(status=S.FOLLOW_UP)
    with pytest.raises(services.TrajectoryRefused, match="geen conferentie gehouden"):
        services.trajectory_close(
            trajectory=trajectory, outcome="plan_with_conference", actor=office_user
        )
    services.trajectory_close(
        trajectory=trajectory, outcome="plan_without_conference", actor=office_user
    )
    trajectory.refresh_from_db()
    assert trajectory.outcome == "plan_without_conference"
