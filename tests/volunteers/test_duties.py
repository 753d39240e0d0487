"""The legal duties towards a volunteer: shown on the coordinator list, a reason in the ranking,
and a refusal when assigning."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.trajectories import services as trajectory_services
from eigenkracht.trajectories.models import Trajectory
from eigenkracht.trajectories.timeline import TrajectoryRefused
from eigenkracht.volunteers.duties import duty_problems, record_valid_until
from eigenkracht.volunteers.models import AwayPeriod, Volunteer, VolunteerSettings
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory
from tests.volunteers.factories import VolunteerFactory

pytestmark = pytest.mark.django_db
CHECKED = dt.date(2023, 3, 1)


def volunteer(**fields) -> Volunteer:
    values = {
        "note_given_on": dt.date(2023, 1, 1),
        "note_version": "2023-1",
        "insured": True,
        "insured_since": dt.date(2023, 1, 1),
        "works_with_minors": True,
        "record_checked_on": CHECKED,
        "record_checked_by": "Sara",
    }
    return Volunteer(**{**values, **fields})


def test_a_check_counts_on_the_last_day_of_its_term_and_expires_the_day_after():
    assert record_valid_until(CHECKED, 3) == dt.date(2026, 3, 1)
    assert duty_problems(volunteer(), today=dt.date(2026, 3, 1), years=3) == []
    assert duty_problems(volunteer(), today=dt.date(2026, 3, 2), years=3) == [
        "uittreksel uit het strafregister vervallen op 02/03/2026"
    ]


def test_a_longer_term_set_by_a_manager_keeps_the_check_valid():
    assert duty_problems(volunteer(), today=dt.date(2026, 3, 2), years=5) == []


def test_a_check_on_29_february_runs_to_28_february():
    assert record_valid_until(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)


def test_without_contact_with_minors_no_check_is_needed():
    problems = duty_problems(
        volunteer(works_with_minors=False, record_checked_on=None),
        today=dt.date(2030, 1, 1),
        years=3,
    )
    assert problems == []


def test_a_coordinator_without_any_record_misses_every_duty():
    assert duty_problems(None, today=dt.date(2026, 1, 1), years=3) == [
        "informatienota niet gegeven",
        "verzekering niet bevestigd",
        "uittreksel uit het strafregister niet gezien",
    ]


def test_assigning_a_coordinator_with_a_missing_duty_is_refused_with_the_reason(office_user):
    coordinator = CoordinatorFactory(volunteer=None)
    VolunteerFactory(coordinator=coordinator, insured=False)
    trajectory = TrajectoryFactory(status=Trajectory.Status.INTAKE)
    with pytest.raises(TrajectoryRefused, match="verzekering niet bevestigd"):
        trajectory_services.coordinator_assign(
            trajectory=trajectory, coordinator=coordinator, actor=office_user
        )
    trajectory.refresh_from_db()
    assert trajectory.coordinator is None


def test_the_assign_page_refuses_an_expired_check_in_dutch(office_client):
    years = VolunteerSettings.current().record_renewal_years
    coordinator = CoordinatorFactory(volunteer=None)
    VolunteerFactory(
        coordinator=coordinator,
        record_checked_on=timezone.localdate().replace(year=timezone.localdate().year - years)
        - dt.timedelta(days=1),
    )
    trajectory = TrajectoryFactory(status=Trajectory.Status.INTAKE)
    url = reverse("trajectories:assign", args=[trajectory.pk])
    page = office_client.get(url).content.decode()
    assert "kan geen nieuw traject krijgen: uittreksel uit het strafregister vervallen" in page
    response = office_client.post(url, {"coordinator": coordinator.pk})
    assert response.status_code == 200
    assert "kan geen nieuw traject krijgen zolang de plichten als vrijwilliger" in (
        response.content.decode()
    )
    trajectory.refresh_from_db()
    assert trajectory.coordinator is None


def test_the_ranking_skips_a_coordinator_who_is_away_today(office_client):
    away = CoordinatorFactory(user__first_name="Anna")
    AwayPeriod.objects.create(
        coordinator=away,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + dt.timedelta(days=10),
    )
    back_yesterday = CoordinatorFactory(user__first_name="Bart")
    AwayPeriod.objects.create(
        coordinator=back_yesterday,
        starts_on=timezone.localdate() - dt.timedelta(days=10),
        ends_on=timezone.localdate() - dt.timedelta(days=1),
    )
    trajectory = TrajectoryFactory(status=Trajectory.Status.INTAKE)
    rows = office_client.get(reverse("trajectories:assign", args=[trajectory.pk])).context["rows"]
    by_name = {row.coordinator.user.first_name: row for row in rows}
    assert not by_name["Anna"].eligible
    assert any(o.startswith("afwezig tot") for o in by_name["Anna"].objections)
    assert by_name["Bart"].eligible
    assert rows[-1].coordinator == away


def test_the_ranking_filters_on_the_basic_training_and_prefers_the_asked_days(office_client):
    from eigenkracht.volunteers.models import ModuleFollowed, TrainingModule

    trained = CoordinatorFactory(user__first_name="Tine")
    for module in TrainingModule.objects.filter(active=True):
        ModuleFollowed.objects.create(
            coordinator=trained, module=module, followed_on=dt.date(2024, 1, 1)
        )
    untrained = CoordinatorFactory(user__first_name="Udo")
    Volunteer.objects.filter(pk=untrained.pk).update(preferred_days=[2])
    trajectory = TrajectoryFactory(status=Trajectory.Status.INTAKE)
    url = reverse("trajectories:assign", args=[trajectory.pk])
    rows = office_client.get(url).context["rows"]
    assert {r.coordinator.user.first_name: r.facts.trained for r in rows} == {
        "Tine": True,
        "Udo": False,
    }
    assert "basisopleiding afgerond" in rows[0].reasons + rows[1].reasons
    only_trained = office_client.get(url, {"trained": "on"}).context["rows"]
    assert [r.coordinator for r in only_trained] == [trained]
    wednesday = office_client.get(url, {"days": "2"}).context["rows"]
    assert wednesday[0].coordinator == untrained
    assert "kan op woensdag" in wednesday[0].reasons


def test_the_coordinator_list_shows_who_misses_a_duty(office_client):
    CoordinatorFactory(user__first_name="Complete")
    incomplete = CoordinatorFactory(user__first_name="Onvolledig", volunteer=None)
    VolunteerFactory(coordinator=incomplete, note_given_on=None)
    page = office_client.get(reverse("trajectories:coordinator_list")).content.decode()
    assert page.count("niet in orde") == 1
    assert "informatienota niet gegeven" in page


def test_the_duties_form_refuses_a_check_without_who_saw_it_and_says_to_keep_no_extract(
    office_client,
):
    coordinator = CoordinatorFactory(volunteer=None)
    url = reverse("volunteers:duties", args=[coordinator.pk])
    assert "Bewaar nooit het uittreksel zelf." in office_client.get(url).content.decode()
    response = office_client.post(
        url, {"record_checked_on": "2025-01-01", "works_with_minors": "on"}
    )
    assert response.status_code == 200
    assert "Vul in wie het uittreksel zag." in response.content.decode()
    assert not Volunteer.objects.filter(pk=coordinator.pk).exists()


def test_only_a_manager_sets_the_term(office_client):
    assert office_client.get(reverse("volunteers:settings")).status_code == 404


def test_a_manager_sets_the_term(manager_client):
    response = manager_client.post(reverse("volunteers:settings"), {"record_renewal_years": "5"})
    assert response.status_code == 302
    assert VolunteerSettings.current().record_renewal_years == 5
