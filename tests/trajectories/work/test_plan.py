"""The plan: the coordinator writes it down, the referrer accepts it or says what is missing,
and the accepted plan goes to the family as a PDF."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trajectories.models import Agreement, Plan, Trajectory
from tests.core.pdf_reader import NAMES_IN_SCRIPTS, drawn, pdf_text, shown
from tests.trajectories.factories import (
    AgreementFactory,
    ParticipantFactory,
    PlanFactory,
    TrajectoryFactory,
)

pytestmark = pytest.mark.django_db
S = Trajectory.Status


def _url(trajectory, name="plan"):
    return reverse(f"trajectories:{name}", args=[trajectory.pk])


def _plan_data(rows, *, evaluation_on=None, initial=0, total=None, otherwise="We bellen Inge."):
    """The POST of the plan page: `rows` are dicts with what/responsible/due/checked_by/domain."""
    total = total if total is not None else len(rows) + 3
    data = {
        "agreements-TOTAL_FORMS": str(total),
        "agreements-INITIAL_FORMS": str(initial),
        "agreements-MIN_NUM_FORMS": "0",
        "agreements-MAX_NUM_FORMS": "100",
        "evaluation_on": (
            evaluation_on or timezone.localdate() + dt.timedelta(days=60)
        ).isoformat(),
        "if_things_go_differently": otherwise,
    }
    for index in range(total):
        row = rows[index] if index < len(rows) else {}
        data[f"agreements-{index}-what"] = row.get("what", "")
        data[f"agreements-{index}-responsible"] = [str(p.pk) for p in row.get("responsible", [])]
        data[f"agreements-{index}-due"] = row.get("due", "")
        checked_by = row.get("checked_by")
        data[f"agreements-{index}-checked_by"] = str(checked_by.pk) if checked_by else ""
        data[f"agreements-{index}-domain"] = row.get("domain", "")
    return data


@pytest.fixture
def family(trajectory):
    return {
        "sarah": trajectory.participants.get(),
        "rita": ParticipantFactory(trajectory=trajectory, name="Oma Rita"),
        "els": ParticipantFactory(trajectory=trajectory, name="Tante Els"),
    }


def _two_agreements(family):
    return [
        {
            "what": "Oma Rita brengt Emma elke ochtend naar school.",
            "responsible": [family["rita"]],
            "due": "elke schooldag",
            "checked_by": family["els"],
            "domain": "school",
        },
        {
            "what": "Sarah en Els koken samen op woensdag.",
            "responsible": [family["sarah"], family["els"]],
            "due": "elke woensdag",
        },
    ]


def test_the_coordinator_writes_the_plan(coordinator_client, trajectory, family):
    page = coordinator_client.get(_url(trajectory)).content.decode()
    assert trajectory.limits in page  # the limits are next to the plan
    assert 'name="agreements-4-what"' in page  # five empty rows for a new plan

    response = coordinator_client.post(_url(trajectory), _plan_data(_two_agreements(family)))
    assert response.status_code == 302
    plan = trajectory.plans.get()
    assert plan.status == Plan.Status.DRAFT
    agreements = list(plan.agreements.all())
    assert [a.what for a in agreements] == [
        "Oma Rita brengt Emma elke ochtend naar school.",
        "Sarah en Els koken samen op woensdag.",
    ]
    assert {p.name for p in agreements[1].responsible.all()} == {"Sarah Janssens", "Tante Els"}
    assert agreements[0].checked_by == family["els"]
    assert agreements[0].domain == "school"

    page = coordinator_client.get(_url(trajectory)).content.decode()
    assert "Oma Rita brengt Emma" in page
    assert 'name="agreements-4-what"' in page  # two agreements + three empty rows
    assert 'name="agreements-5-what"' not in page
    assert "Plan voorstellen aan de aanmelder" in page


def test_an_agreement_without_anyone_responsible_is_refused(coordinator_client, trajectory, family):
    rows = _two_agreements(family)
    rows[1]["responsible"] = []
    response = coordinator_client.post(_url(trajectory), _plan_data(rows))
    assert response.status_code == 200
    assert "Kies minstens één persoon die dit doet." in response.content.decode()
    assert not trajectory.plans.exists()


def test_an_evaluation_date_in_the_past_is_refused(coordinator_client, trajectory, family):
    response = coordinator_client.post(
        _url(trajectory),
        _plan_data(
            _two_agreements(family), evaluation_on=timezone.localdate() - dt.timedelta(days=1)
        ),
    )
    assert response.status_code == 200
    assert "De evaluatiedatum kan niet voor vandaag" in response.content.decode()
    assert not trajectory.plans.exists()


def test_someone_of_another_trajectory_cannot_be_made_responsible(
    coordinator_client, trajectory, family
):
    rows = _two_agreements(family)
    rows[0]["responsible"] = [ParticipantFactory()]
    response = coordinator_client.post(_url(trajectory), _plan_data(rows))
    assert response.status_code == 200
    assert "Kies de personen uit de lijst." in response.content.decode()
    assert not trajectory.plans.exists()


def test_emptying_a_row_removes_that_agreement(coordinator_client, trajectory, family):
    coordinator_client.post(_url(trajectory), _plan_data(_two_agreements(family)))
    rows = _two_agreements(family)
    rows[0] = {}
    coordinator_client.post(_url(trajectory), _plan_data(rows, initial=2))
    assert [a.what for a in trajectory.plans.get().agreements.all()] == [
        "Sarah en Els koken samen op woensdag."
    ]


def test_presented_accepted_and_then_followed_up(
    coordinator_client, referrer_client, trajectory, family, django_capture_on_commit_callbacks
):
    coordinator_client.post(_url(trajectory), _plan_data(_two_agreements(family)))
    # The referrer does not see a draft.
    assert referrer_client.get(_url(trajectory)).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(_url(trajectory, "plan_present"), follow=True)
    assert "Het plan is voorgesteld" in response.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.status == S.PLAN_MADE
    assert OutboxMessage.objects.filter(recipient=trajectory.referrer_email).exists()
    # While the referrer has it, it cannot change.
    page = coordinator_client.get(_url(trajectory)).content.decode()
    assert 'name="agreements-0-what"' not in page
    assert "Het plan ligt bij Inge Maes" in page

    page = referrer_client.get(_url(trajectory)).content.decode()
    assert "Oma Rita brengt Emma elke ochtend naar school." in page
    assert trajectory.limits in page
    assert "Plan aanvaarden" in page
    assert trajectory.concerns not in page  # workers' information stays with the workers
    assert "Notitie" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = referrer_client.post(
            _url(trajectory, "plan_decide"), {"decision": "accept", "feedback": ""}
        )
    assert response.status_code == 302
    trajectory.refresh_from_db()
    plan = trajectory.plans.get()
    assert plan.status == Plan.Status.ACCEPTED
    assert plan.accepted_by == trajectory.referrer
    assert trajectory.status == S.FOLLOW_UP
    assert trajectory.follow_up_due_on is not None


def test_accepting_with_a_missing_part_written_asks_which_was_meant_and_loses_nothing(
    coordinator_client, referrer_client, trajectory, family
):
    coordinator_client.post(_url(trajectory), _plan_data(_two_agreements(family)))
    coordinator_client.post(_url(trajectory, "plan_present"))

    response = referrer_client.post(
        _url(trajectory, "plan_decide"),
        {"decision": "accept", "feedback": "Wie haalt Emma op woensdag?"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "maar koos &#x27;Plan aanvaarden&#x27;" in page
    assert "Wie haalt Emma op woensdag?" in page
    assert trajectory.plans.get().status == Plan.Status.PRESENTED


def test_changes_requested_the_coordinator_sees_the_feedback_and_revises(
    coordinator_client, referrer_client, trajectory, family
):
    coordinator_client.post(_url(trajectory), _plan_data(_two_agreements(family)))
    coordinator_client.post(_url(trajectory, "plan_present"))

    # Asking for changes without saying what is missing is refused.
    response = referrer_client.post(
        _url(trajectory, "plan_decide"), {"decision": "changes", "feedback": "  "}
    )
    assert response.status_code == 200
    assert "Schrijf wat er volgens jou ontbreekt" in response.content.decode()
    assert trajectory.plans.get().status == Plan.Status.PRESENTED

    feedback = "Wie is er 's avonds thuis bij Emma? Dat is een grens."
    response = referrer_client.post(
        _url(trajectory, "plan_decide"), {"decision": "changes", "feedback": feedback}
    )
    assert response.status_code == 302
    plan = trajectory.plans.get()
    assert plan.status == Plan.Status.CHANGES_REQUESTED

    page = coordinator_client.get(_url(trajectory)).content.decode()
    assert "Inge Maes vraagt het plan aan te vullen" in page
    assert "Wie is er &#x27;s avonds thuis bij Emma?" in page
    assert 'name="agreements-0-what"' in page  # editable again

    rows = [
        *_two_agreements(family),
        {
            "what": "Tante Els slaapt bij Emma als Sarah 's avonds werkt.",
            "responsible": [family["els"]],
            "due": "vanaf 1 maart",
        },
    ]
    coordinator_client.post(_url(trajectory), _plan_data(rows, initial=2))
    plan.refresh_from_db()
    assert (plan.status, plan.revision, plan.agreements.count()) == (Plan.Status.DRAFT, 2, 3)

    coordinator_client.post(_url(trajectory, "plan_present"))
    plan.refresh_from_db()
    assert plan.status == Plan.Status.PRESENTED
    referrer_client.post(_url(trajectory, "plan_decide"), {"decision": "accept"})
    trajectory.refresh_from_db()
    assert trajectory.status == S.FOLLOW_UP


def test_only_the_referrer_decides(coordinator_client, trajectory, family):
    plan = PlanFactory(trajectory=trajectory, status=Plan.Status.PRESENTED)
    AgreementFactory(plan=plan, responsible=[family["rita"]])
    response = coordinator_client.post(_url(trajectory, "plan_decide"), {"decision": "accept"})
    assert response.status_code == 404
    assert trajectory.plans.get().status == Plan.Status.PRESENTED


def test_the_referrer_cannot_edit_the_plan(referrer_client, trajectory, family):
    plan = PlanFactory(trajectory=trajectory, status=Plan.Status.CHANGES_REQUESTED)
    AgreementFactory(plan=plan, responsible=[family["rita"]])
    page = referrer_client.get(_url(trajectory)).content.decode()
    assert 'name="agreements-0-what"' not in page
    response = referrer_client.post(_url(trajectory), _plan_data(_two_agreements(family)))
    assert response.status_code == 404
    assert plan.agreements.count() == 1
    assert referrer_client.post(_url(trajectory, "plan_present")).status_code == 404


def test_the_plan_pdf_only_once_accepted(coordinator_client, referrer_client, trajectory, family):
    plan = PlanFactory(trajectory=trajectory, status=Plan.Status.PRESENTED)
    AgreementFactory(
        plan=plan,
        what="Oma brengt Emma naar school.",  # short: the PDF wraps long text
        due="elke schooldag",
        responsible=[family["rita"], family["sarah"]],
        checked_by=family["els"],
    )
    for client in (coordinator_client, referrer_client):
        assert client.get(_url(trajectory, "plan_pdf")).status_code == 404

    Plan.objects.filter(pk=plan.pk).update(
        status=Plan.Status.ACCEPTED,
        accepted_at=timezone.make_aware(dt.datetime(2031, 3, 5, 21, 0)),
        evaluation_on=dt.date(2031, 5, 7),
    )
    for client in (coordinator_client, referrer_client):
        response = client.get(_url(trajectory, "plan_pdf"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        for expected in (
            "Eigen Kracht Vlaanderen vzw",
            trajectory.reference,
            trajectory.central_question,
            "Oma brengt Emma naar school.",
            "Oma Rita",
            "Sarah Janssens",
            "elke schooldag",
            "Tante Els",
            "woensdag 7 mei 2031",
            "Tante Els belt de aanmelder",
            "woensdag 5 maart 2031",
        ):
            assert expected in text, expected
        # Nothing else about the family: no concerns, no limits, no referrer.
        for private in (
            trajectory.concerns,
            trajectory.limits,
            trajectory.referrer_name,
            trajectory.referrer_email,
        ):
            assert private not in text


def test_the_plan_page_costs_the_same_for_5_and_30_agreements(coordinator_client, coordinator):
    def trajectory_with(count):
        t = TrajectoryFactory(status=S.CONFERENCE_PLANNED, coordinator=coordinator)
        people = [ParticipantFactory(trajectory=t) for _ in range(count)]
        plan = PlanFactory(trajectory=t)
        for n in range(count):
            AgreementFactory(
                plan=plan, responsible=people[n : n + 2] or people[:1], checked_by=people[0]
            )
        return t

    small, large = trajectory_with(5), trajectory_with(30)

    def queries(t, name="plan"):
        with CaptureQueriesContext(connection) as context:
            response = coordinator_client.get(_url(t, name))
        assert response.status_code == 200
        return len(context.captured_queries)

    queries(small)  # warm up
    assert queries(small) == queries(large)
    # The read-only plan (presented) and the PDF too.
    Plan.objects.update(status=Plan.Status.ACCEPTED, accepted_at=timezone.now())
    queries(small)
    assert queries(small) == queries(large)
    assert queries(small, "plan_pdf") == queries(large, "plan_pdf")
    assert Agreement.objects.filter(plan__trajectory=large).count() == 30


def test_the_office_records_the_decision_of_a_referrer_without_a_login(office_client):
    """A referral sent with an address that has no referrer login: the office notes the
    referrer's answer after a phone call."""
    from eigenkracht.trajectories.models import Plan, Trajectory
    from tests.trajectories.factories import AgreementFactory, PlanFactory, TrajectoryFactory

    trajectory = TrajectoryFactory(
        status="plan_made", referrer=None, referrer_email="inge@example.be"
    )
    plan = PlanFactory(trajectory=trajectory, status=Plan.Status.PRESENTED)
    AgreementFactory(plan=plan)
    page = office_client.get(reverse("trajectories:plan", args=[trajectory.pk])).content.decode()
    assert "De beslissing van de aanmelder noteren" in page
    office_client.post(
        reverse("trajectories:plan_decide", args=[trajectory.pk]), {"decision": "accept"}
    )
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.FOLLOW_UP


def test_the_plan_pdf_prints_everyone_s_name_in_any_script(coordinator_client, trajectory):
    plan = PlanFactory(
        trajectory=trajectory,
        status=Plan.Status.ACCEPTED,
        accepted_at=timezone.make_aware(dt.datetime(2031, 3, 5, 21, 0)),
    )
    names = [" ".join(parts) for parts in NAMES_IN_SCRIPTS.values()]
    for name in names:
        person = ParticipantFactory(trajectory=trajectory, name=name)
        AgreementFactory(plan=plan, what="Samen koken.", responsible=[person], checked_by=person)

    response = coordinator_client.get(_url(trajectory, "plan_pdf"))

    assert response.status_code == 200
    shown_texts = shown(response.content)
    for name in names:  # as who does it and as who follows it up
        assert shown_texts.count(drawn(name)) == 2, name
