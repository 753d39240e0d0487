"""Retention: what passed its term is proposed by the periodic run, nothing changes before a
manager approves, and then exactly the proposal is carried out, in batches that survive a
crash, audited without personal data."""

import datetime as dt
import io
import json
import time

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eigenkracht.accounts.models import Role
from eigenkracht.core.models import AuditEntry, OutboxMessage, RetentionTerms
from eigenkracht.evaluations.models import ConferenceResponse
from eigenkracht.privacy.anonymise import registrations_anonymise, trajectories_anonymise
from eigenkracht.privacy.due import due_now
from eigenkracht.privacy.models import PrivacyRequest, RetentionItem, RetentionProposal
from eigenkracht.privacy.retention import (
    TERM_FIELDS,
    retention_approve,
    retention_carry_out,
    retention_propose,
    retention_terms_update,
)
from eigenkracht.trainings.messages.services import audience_registrations
from eigenkracht.trainings.models import Registration
from eigenkracht.trajectories.models import Participant, Trajectory
from tests.concurrency import at_once
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory
from tests.trajectories.factories import ParticipantFactory, TrajectoryFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 5)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())


def registration_on_training_ending(day: dt.date, **kwargs) -> Registration:
    training = TrainingFactory(sessions__first_date=day)
    return RegistrationFactory(training=training, **kwargs)


def closed_trajectory(closed: dt.date, **kwargs) -> Trajectory:
    return TrajectoryFactory(
        status=Trajectory.Status.CLOSED,
        closed_at=at(closed),
        status_changed_at=at(closed),
        **kwargs,
    )


def test_a_registration_is_due_the_day_after_two_years_past_its_last_session():
    on_the_day = registration_on_training_ending(dt.date(2024, 12, 5))
    one_day_later = registration_on_training_ending(dt.date(2024, 12, 4))

    due = due_now(today=TODAY)

    assert due.items["registrations"]["registration"] == [one_day_later.pk]
    assert on_the_day.pk not in due.items["registrations"]["registration"]


def test_trajectories_wait_for_their_term_and_optionally_for_the_youngest_minor():
    old = closed_trajectory(dt.date(2021, 12, 1))
    recent = closed_trajectory(dt.date(2022, 12, 6))
    with_child = closed_trajectory(dt.date(2020, 1, 1))
    ParticipantFactory(trajectory=with_child, role=Participant.Role.CHILD,
                       birth_date=dt.date(2010, 6, 1))  # fmt: skip
    running = TrajectoryFactory(status=Trajectory.Status.PREPARATION)

    assert set(due_now(today=TODAY).items["trajectories"]["trajectory"]) == {old.pk, with_child.pk}

    terms = RetentionTerms.current()
    terms.trajectories_minor_age = 18
    terms.save()
    due = due_now(today=TODAY).items["trajectories"]["trajectory"]
    assert due == [old.pk]
    assert recent.pk not in due and running.pk not in due


def test_declined_referrals_and_withdrawn_consent_follow_the_short_term():
    declined = TrajectoryFactory(status=Trajectory.Status.DECLINED,
                                 status_changed_at=at(dt.date(2026, 6, 4)))  # fmt: skip
    declined_recently = TrajectoryFactory(status=Trajectory.Status.DECLINED,
                                          status_changed_at=at(dt.date(2026, 6, 6)))  # fmt: skip
    withdrawn = closed_trajectory(dt.date(2026, 1, 1), consent_withdrawn_on=dt.date(2026, 5, 1))

    due = due_now(today=TODAY)

    assert set(due.items["referrals"]["trajectory"]) == {declined.pk, withdrawn.pk}
    assert declined_recently.pk not in due.items["referrals"]["trajectory"]
    assert "trajectories" not in due.items


def test_nothing_is_anonymised_until_a_manager_approves_then_exactly_the_proposal_is(
    django_capture_on_commit_callbacks,
):
    old = registration_on_training_ending(dt.date(2023, 1, 10), first_name="Lien",
                                          last_name="Oudenaerde")  # fmt: skip
    young = registration_on_training_ending(dt.date(2026, 1, 10), first_name="Jonas")
    manager = UserFactory(role=Role.MANAGER, email="beheer@example.org")

    call_command("run_periodic", stdout=io.StringIO())
    call_command("run_periodic", stdout=io.StringIO())

    proposal = RetentionProposal.objects.get(status=RetentionProposal.Status.PROPOSED)
    assert proposal.counts == {"registrations": 1}
    old.refresh_from_db()
    assert old.first_name == "Lien"

    with django_capture_on_commit_callbacks(execute=True):
        retention_approve(proposal=proposal, actor=manager)

    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.first_name, old.last_name) == ("Anoniem", "")
    assert old.email.endswith("@anoniem.invalid")
    assert old.participants.get().first_name == "Anoniem"
    assert young.first_name == "Jonas"
    proposal.refresh_from_db()
    assert proposal.status == RetentionProposal.Status.DONE
    # Once anonymous, never proposed again.
    assert retention_propose(force=True) is None


def test_a_search_that_found_nothing_stands_for_a_day_unless_the_terms_change():
    now = timezone.now()
    assert retention_propose(now=now) is None
    assert RetentionTerms.current().searched_at == now
    registration_on_training_ending(dt.date(2022, 3, 1))

    # run_periodic every few minutes: one lock and a look at the open proposals, no search.
    with CaptureQueriesContext(connection) as queries:
        assert retention_propose(now=now + dt.timedelta(hours=19)) is None
    assert len(queries) <= 4
    assert not RetentionProposal.objects.exists()

    assert retention_propose(now=now + dt.timedelta(hours=21)).counts == {"registrations": 1}


def test_a_last_search_dated_ahead_of_the_clock_does_not_hold_the_next_back():
    retention_propose(now=timezone.now() + dt.timedelta(days=2))  # a clock that ran ahead
    registration_on_training_ending(dt.date(2022, 3, 1))

    assert retention_propose().counts == {"registrations": 1}


def test_new_terms_search_again_at_once():
    assert retention_propose() is None
    registration_on_training_ending(dt.date(2025, 3, 1))

    terms = {name: getattr(RetentionTerms.current(), name) for name in TERM_FIELDS}
    retention_terms_update(data={**terms, "registrations_years": 1}, actor=None)

    assert RetentionProposal.objects.get().counts == {"registrations": 1}


def test_terms_changed_while_a_proposal_is_carried_out_are_searched_right_after_it():
    registration_on_training_ending(dt.date(2022, 3, 1))
    proposal = retention_propose()
    RetentionProposal.objects.filter(pk=proposal.pk).update(
        status=RetentionProposal.Status.APPROVED, approved_by=UserFactory(role=Role.MANAGER)
    )
    registration_on_training_ending(dt.date(2025, 3, 1))

    terms = {name: getattr(RetentionTerms.current(), name) for name in TERM_FIELDS}
    retention_terms_update(data={**terms, "registrations_years": 1}, actor=None)
    assert RetentionProposal.objects.count() == 1  # the approved one runs first
    retention_carry_out()

    assert retention_propose().counts == {"registrations": 1}


def test_the_retention_page_says_what_goes_on_in_each_state(client):
    manager = UserFactory(role=Role.MANAGER, first_name="Koen", last_name="Claes")
    login_verified(client, manager)
    not_yet = "Er is niets om goed te keuren. Het systeem zoekt bij de volgende periodieke taak"
    searched = "Er is niets om goed te keuren. Het systeem zocht het laatst op"
    states = (not_yet, searched, "Stand: Voorgesteld", "wordt uitgevoerd in reeksen")

    def says(sentence: str) -> str:
        page = client.get(reverse("privacy:retention")).content.decode()
        assert sentence in page
        assert [state for state in states if state in page and state not in sentence] == []
        return page

    says(not_yet)
    retention_propose(now=at(TODAY))
    says(f"{searched} 05/12/2026 12:00.")

    registration_on_training_ending(dt.date(2022, 3, 1))
    proposal = retention_propose(now=at(TODAY + dt.timedelta(days=1)))
    says("Opgemaakt op 06/12/2026 12:00. Stand: Voorgesteld.")
    RetentionProposal.objects.filter(pk=proposal.pk).update(
        status=RetentionProposal.Status.APPROVED, approved_by=manager, approved_at=at(TODAY)
    )
    says("Goedgekeurd door Koen Claes op 05/12/2026 12:00; wordt uitgevoerd in reeksen")

    retention_carry_out()
    page = says(f"{searched} 06/12/2026 12:00.")
    assert "Uitgevoerd" in page  # the earlier proposals


def test_new_terms_leave_no_proposal_under_the_old_ones_even_when_their_search_fails(monkeypatch):
    registration_on_training_ending(dt.date(2024, 3, 1))  # due after 2 years, not after 3
    proposal = retention_propose()

    def broken_search(**kwargs):
        raise DatabaseError("the search broke")

    monkeypatch.setattr("eigenkracht.privacy.retention.due_now", broken_search)
    terms = {name: getattr(RetentionTerms.current(), name) for name in TERM_FIELDS}
    with pytest.raises(DatabaseError):
        retention_terms_update(data={**terms, "registrations_years": 3}, actor=None)

    proposal.refresh_from_db()
    assert proposal.status == RetentionProposal.Status.REPLACED
    assert RetentionTerms.current().registrations_years == 3
    monkeypatch.undo()
    assert retention_propose() is None  # the next run searches, under the new terms


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no row locks for two runs to compete for",
)
def test_two_runs_at_the_same_moment_prepare_one_proposal(monkeypatch):
    registration_on_training_ending(dt.date(2022, 3, 1))
    RetentionTerms.current()  # the row both lock

    def slow_search(**kwargs):  # long enough for the two runs to overlap
        time.sleep(0.3)
        return due_now(**kwargs)

    monkeypatch.setattr("eigenkracht.privacy.retention.due_now", slow_search)

    first, second = at_once(retention_propose)

    assert RetentionProposal.objects.get().counts == {"registrations": 1}
    assert first.pk == second.pk


def test_carrying_out_resumes_after_a_crash_and_the_audit_holds_no_names():
    for n in range(5):
        registration_on_training_ending(dt.date(2022, 3, 1), last_name=f"Vergeten{n}")
    proposal = retention_propose()
    manager = UserFactory(role=Role.MANAGER)
    RetentionProposal.objects.filter(pk=proposal.pk).update(
        status=RetentionProposal.Status.APPROVED, approved_by=manager
    )

    retention_carry_out(batch_size=2, max_batches=1)  # then the worker dies
    assert RetentionItem.objects.filter(done_at__isnull=True).count() == 3

    call_command("run_periodic", stdout=io.StringIO())

    assert not RetentionItem.objects.filter(done_at__isnull=True).exists()
    assert not Registration.objects.filter(last_name__startswith="Vergeten").exists()
    audit_text = json.dumps(list(AuditEntry.objects.values("object_repr", "data")))
    assert "Vergeten" not in audit_text and "@example.be" not in audit_text
    # One entry per batch: the two before the crash, the three after.
    assert AuditEntry.objects.filter(action="retention.batch_done").count() == 2


def test_old_mails_and_audit_entries_go_but_a_mail_still_waiting_stays(
    django_capture_on_commit_callbacks,
):
    old_sent = OutboxMessage.objects.create(kind="test", recipient="a@example.be",
                                            status=OutboxMessage.Status.SENT)  # fmt: skip
    old_queued = OutboxMessage.objects.create(kind="test", recipient="b@example.be",
                                              status=OutboxMessage.Status.QUEUED)  # fmt: skip
    OutboxMessage.objects.filter(pk__in=[old_sent.pk, old_queued.pk]).update(
        created_at=timezone.now() - dt.timedelta(days=400)
    )
    proposal = retention_propose()
    assert proposal.counts == {"outbox": 1}
    with django_capture_on_commit_callbacks(execute=True):
        retention_approve(proposal=proposal, actor=UserFactory(role=Role.MANAGER))

    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [old_queued.pk]


def test_the_manager_reviews_and_approves_in_the_back_office(
    client, django_capture_on_commit_callbacks
):
    for n in range(3):
        registration_on_training_ending(dt.date(2022, 3, 1), last_name=f"Oud{n}")
    proposal = retention_propose()
    manager = UserFactory(role=Role.MANAGER)
    login_verified(client, manager)

    page = client.get(reverse("privacy:retention")).content.decode()
    assert "Inschrijvingen voor vormingen" in page and ">3<" in page
    with CaptureQueriesContext(connection) as queries:
        items = client.get(reverse("privacy:retention_items", args=[proposal.pk, "registrations"]))
    assert items.content.decode().count("Inschrijving EKT") == 3
    assert "Oud0" not in items.content.decode()
    few = len(queries)
    for n in range(10):
        registration_on_training_ending(dt.date(2022, 3, 1), last_name=f"Ouder{n}")
    more = retention_propose(force=True)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("privacy:retention_items", args=[more.pk, "registrations"]))
    assert len(queries) == few

    url = reverse("privacy:retention_approve", args=[more.pk])
    refused = client.post(url, {})
    assert refused.status_code == 400
    assert "Vink aan" in refused.content.decode()
    assert Registration.objects.filter(last_name__startswith="Oud").count() == 13

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"confirm": "on"})

    assert Registration.objects.filter(last_name__startswith="Oud").count() == 0


def test_an_old_proposal_cannot_be_approved_and_other_roles_cannot_see_it(client):
    registration_on_training_ending(dt.date(2022, 3, 1))
    first = retention_propose()
    retention_propose(force=True)
    manager = UserFactory(role=Role.MANAGER)
    login_verified(client, manager)

    response = client.post(
        reverse("privacy:retention_approve", args=[first.pk]), {"confirm": "on"}, follow=True
    )

    assert "niet meer open" in response.content.decode()
    assert not RetentionProposal.objects.filter(status=RetentionProposal.Status.APPROVED).exists()
    client.logout()
    login_verified(client, UserFactory(role=Role.OFFICE))
    assert client.get(reverse("privacy:retention")).status_code in (403, 404)
    assert client.get(reverse("privacy:retention_terms")).status_code in (403, 404)


def test_the_terms_set_by_the_manager_are_what_the_privacy_page_says(client):
    manager = UserFactory(role=Role.MANAGER)
    login_verified(client, manager)

    bad = client.post(reverse("privacy:retention_terms"), {"accounting_years": "3"})
    assert bad.status_code == 400
    data = {
        "registrations_years": "3", "accounting_years": "7", "trajectories_years": "5",
        "trajectories_minor_age": "", "referrals_months": "6", "outbox_months": "12",
        "audit_years": "5", "requests_years": "5", "applications_months": "12",
    }  # fmt: skip
    saved = client.post(reverse("privacy:retention_terms"), data, follow=True).content.decode()
    assert "De bewaartermijnen zijn opgeslagen." in saved
    again = client.post(reverse("privacy:retention_terms"), data, follow=True).content.decode()
    assert "De bewaartermijnen zijn niet veranderd." in again
    assert "opgeslagen" not in again
    client.logout()

    page = client.get(reverse("pages:page", args=["privacy"])).content.decode()
    assert "tot 3 jaar na de laatste sessie van de vorming" in page
    assert "twee jaar" not in page


def test_operators_see_what_is_due_as_json():
    registration_on_training_ending(dt.date(2022, 3, 1))
    out = io.StringIO()

    call_command("privacy", "due", "--json", stdout=out)

    result = json.loads(out.getvalue())
    assert result["counts"]["registrations"] == 1 and result["total"] == 1


def test_a_birth_year_alone_keeps_the_trajectory_while_the_person_may_be_a_minor():
    trajectory = closed_trajectory(dt.date(2019, 1, 1))
    ParticipantFactory(trajectory=trajectory, role=Participant.Role.CHILD, birth_year=2009)
    terms = RetentionTerms.current()
    terms.trajectories_minor_age = 18
    terms.save()

    assert "trajectories" not in due_now(today=TODAY).items
    assert due_now(today=dt.date(2028, 1, 1)).items["trajectories"]["trajectory"] == [trajectory.pk]


def test_answered_privacy_requests_go_after_their_term_and_open_ones_stay():
    old = PrivacyRequest.objects.create(
        kind="access", received_on=dt.date(2020, 1, 2), requested_by="x", deadline=TODAY,
        status=PrivacyRequest.Status.ANSWERED, answered_on=dt.date(2020, 1, 20),
    )  # fmt: skip
    still_open = PrivacyRequest.objects.create(
        kind="access", received_on=dt.date(2020, 1, 2), requested_by="y", deadline=TODAY
    )
    proposal = retention_propose()
    assert proposal.counts == {"requests": 1}
    RetentionProposal.objects.filter(pk=proposal.pk).update(status="approved")

    retention_carry_out()

    assert list(PrivacyRequest.objects.values_list("pk", flat=True)) == [still_open.pk]
    assert old.pk != still_open.pk


def test_an_anonymised_trajectory_is_only_read(client):
    trajectory = closed_trajectory(dt.date(2015, 1, 1))
    trajectories_anonymise([trajectory.pk])
    login_verified(client, UserFactory(role=Role.OFFICE))

    page = client.get(reverse("trajectories:detail", args=[trajectory.pk]))

    assert "anoniem gemaakt" in page.content.decode()
    assert "Nieuwe notitie" not in page.content.decode()
    response = client.post(reverse("trajectories:consent_add", args=[trajectory.pk]), {})
    assert response.status_code == 404


def test_no_mail_to_all_participants_reaches_an_anonymised_registration():
    registration = registration_on_training_ending(dt.date(2022, 3, 1), status="confirmed")
    other = RegistrationFactory(training=registration.training, status="confirmed")
    registrations_anonymise([registration.pk])

    reached = audience_registrations(registration.training, "active")

    assert list(reached) == [other]


def test_the_terms_form_says_the_legal_minimum_for_accounting(client):
    login_verified(client, UserFactory(role=Role.MANAGER))

    page = client.post(reverse("privacy:retention_terms"), {"accounting_years": "3"})

    assert "De boekhoudwet vraagt de stukken minstens 7 jaar te bewaren." in page.content.decode()
    assert 'min="7"' in page.content.decode()
    assert RetentionTerms.current().accounting_years == 7


def test_anonymising_a_trajectory_clears_the_relations_that_name_people_and_keeps_the_roles():
    trajectory = closed_trajectory(dt.date(2015, 1, 1))
    ParticipantFactory(
        trajectory=trajectory,
        name="Rosa Peeters",
        role=Participant.Role.FAMILY,
        relation="tante, zus van Karima",
    )

    trajectories_anonymise([trajectory.pk])

    aunt = Participant.objects.get(trajectory=trajectory, role="family")
    assert (aunt.relation, aunt.role) == ("", Participant.Role.FAMILY)


def test_anonymising_a_trajectory_clears_its_evaluations_open_answers_and_keeps_the_scores():
    trajectory = closed_trajectory(dt.date(2015, 1, 1))
    ConferenceResponse.objects.create(
        trajectory=trajectory,
        group="family",
        submitted_on=dt.date(2015, 1, 2),
        language="nl-be",
        score_meeting=8,
        score_plan=7,
        score_coordinator=9,
        comment="Tante Rosa was er eindelijk bij.",
    )

    trajectories_anonymise([trajectory.pk])

    response = ConferenceResponse.objects.get()
    assert response.comment == ""
    assert (response.score_meeting, response.score_plan, response.score_coordinator) == (8, 7, 9)
