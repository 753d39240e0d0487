"""The coordinator's private calendar feed and the reminders run_periodic sends."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trajectories.models import Trajectory
from eigenkracht.volunteers.models import Volunteer, VolunteerSettings
from eigenkracht.volunteers.periodic import coordinator_reminders, record_expiry_warn
from tests.trajectories.factories import ConferenceFactory, CoordinatorFactory, TrajectoryFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db
S = Trajectory.Status


def feed_url(coordinator) -> str:
    token = Volunteer.objects.get(pk=coordinator.pk).feed_token
    return reverse("volunteers_public:feed", args=[token])


def test_the_feed_lists_conferences_follow_ups_and_norms_by_reference_only(client):
    coordinator = CoordinatorFactory()
    planned = TrajectoryFactory(
        status=S.CONFERENCE_PLANNED, coordinator=coordinator, main_person="Sarah Janssens"
    )
    ConferenceFactory(trajectory=planned, place="Bij de familie Janssens")
    following = TrajectoryFactory(
        status=S.FOLLOW_UP,
        coordinator=coordinator,
        follow_up_due_on=timezone.localdate() + dt.timedelta(days=5),
        main_person="Omar Haddad",
    )
    response = client.get(feed_url(coordinator))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VTIMEZONE" in body
    assert f"Eigen Kracht-conferentie {planned.reference}" in body
    assert f"Opvolging {following.reference}" in body
    assert f"Tijdsnorm conferentie {planned.reference}" in body
    for secret in ("Janssens", "Haddad", "Sarah", "Omar", "Emma", "Vonkstraat"):
        assert secret not in body


def test_a_renewed_link_makes_the_old_one_404(client):
    coordinator = CoordinatorFactory()
    old = feed_url(coordinator)
    login_verified(client, coordinator.user)
    page = client.get(reverse("volunteers:my_agenda"))
    assert old in page.content.decode()
    client.post(reverse("volunteers:my_agenda"))
    assert client.get(old).status_code == 404
    assert client.get(feed_url(coordinator)).status_code == 200


def test_a_coordinator_cannot_open_another_coordinators_agenda_page(client):
    coordinator, other = CoordinatorFactory(), CoordinatorFactory()
    login_verified(client, coordinator.user)
    assert client.get(reverse("volunteers:agenda", args=[other.pk])).status_code == 404


def test_a_follow_up_reminder_goes_out_the_day_before_and_once():
    coordinator = CoordinatorFactory()
    today = timezone.localdate()
    TrajectoryFactory(
        status=S.FOLLOW_UP, coordinator=coordinator, follow_up_due_on=today + dt.timedelta(days=2)
    )
    assert coordinator_reminders(today=today) == 0
    assert coordinator_reminders(today=today + dt.timedelta(days=1)) == 1
    assert coordinator_reminders(today=today + dt.timedelta(days=1)) == 0
    assert coordinator_reminders(today=today + dt.timedelta(days=2)) == 0
    mail = OutboxMessage.objects.get(kind="volunteer_follow_up_due")
    assert mail.recipient == coordinator.user.email
    assert mail.subject.startswith("Morgen opvolging")


def test_a_follow_up_reminder_after_a_missed_run_says_today():
    coordinator = CoordinatorFactory()
    today = timezone.localdate()
    TrajectoryFactory(status=S.FOLLOW_UP, coordinator=coordinator, follow_up_due_on=today)

    assert coordinator_reminders(today=today) == 1

    mail = OutboxMessage.objects.get(kind="volunteer_follow_up_due")
    assert mail.subject.startswith("Vandaag opvolging")


def test_a_time_norm_reminder_goes_out_a_week_before_and_once():
    coordinator = CoordinatorFactory()
    weeks = 10
    referred = timezone.now() - dt.timedelta(weeks=weeks) + dt.timedelta(days=8)
    TrajectoryFactory(status=S.PREPARATION, coordinator=coordinator, referred_at=referred)
    today = timezone.localdate()
    assert coordinator_reminders(today=today) == 0
    assert coordinator_reminders(today=today + dt.timedelta(days=1)) == 1
    assert coordinator_reminders(today=today + dt.timedelta(days=2)) == 0
    assert OutboxMessage.objects.filter(kind="volunteer_time_norm_near").count() == 1


def test_a_held_conference_has_no_time_norm_reminder():
    coordinator = CoordinatorFactory()
    trajectory = TrajectoryFactory(
        status=S.CONFERENCE_PLANNED,
        coordinator=coordinator,
        referred_at=timezone.now() - dt.timedelta(weeks=9, days=6),
    )
    ConferenceFactory(trajectory=trajectory, held=True)
    assert coordinator_reminders() == 0


def test_the_office_hears_once_that_a_check_expires_within_30_days():
    years = VolunteerSettings.current().record_renewal_years
    today = timezone.localdate()
    soon = CoordinatorFactory()
    Volunteer.objects.filter(pk=soon.pk).update(
        record_checked_on=today.replace(year=today.year - years) + dt.timedelta(days=30)
    )
    later = CoordinatorFactory()
    Volunteer.objects.filter(pk=later.pk).update(
        record_checked_on=today.replace(year=today.year - years) + dt.timedelta(days=31)
    )
    assert record_expiry_warn(today=today) == 1
    assert record_expiry_warn(today=today) == 0
    mail = OutboxMessage.objects.get(kind="volunteer_record_expiring")
    assert str(soon) in mail.subject
    # A new check, later expiring again, is warned about again.
    Volunteer.objects.filter(pk=soon.pk).update(record_checked_on=today)
    assert record_expiry_warn(today=today.replace(year=today.year + years)) == 2


def test_run_periodic_sends_the_reminders(capsys):
    coordinator = CoordinatorFactory()
    TrajectoryFactory(
        status=S.FOLLOW_UP,
        coordinator=coordinator,
        follow_up_due_on=timezone.localdate() + dt.timedelta(days=1),
    )
    call_command("run_periodic")
    assert "herinneringen aan coördinatoren: 1" in capsys.readouterr().out
