"""The family's consent is a record (who, when, how, for what, written down by whom), and its
withdrawal stops the trajectory with the reason "toestemming ingetrokken" and keeps the date from
which the short retention term runs."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import AuditEntry
from eigenkracht.trajectories import services
from eigenkracht.trajectories.models import Consent, Trajectory, TrajectoryEvent
from tests.trajectories.factories import ConsentFactory, CoordinatorFactory, TrajectoryFactory
from tests.trajectories.test_services import referral
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db
S = Trajectory.Status
TODAY = timezone.localdate


def _withdrawal(**overrides):
    return {
        "withdrawn_on": (TODAY() - dt.timedelta(days=1)).isoformat(),
        "withdrawn_by": "Sarah Janssens, de moeder",
        "note": "Ze belde: het gezin wil er niet mee verder.",
        **overrides,
    }


def _consent(**overrides):
    return {
        "given_by_name": "Sarah Janssens",
        "given_by_relation": "parent",
        "given_on": TODAY().isoformat(),
        "method": "written",
        "scope": ["conference", "network"],
        "note": "Formulier in de map van het gezin.",
        **overrides,
    }


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


@pytest.fixture
def trajectory(coordinator):
    trajectory = TrajectoryFactory(status=S.PREPARATION, coordinator=coordinator)
    ConsentFactory(trajectory=trajectory, given_on=TODAY() - dt.timedelta(days=10))
    return trajectory


@pytest.fixture
def coordinator_client(client, coordinator):
    login_verified(client, coordinator.user)
    return client


def test_a_referral_records_its_consent_with_when_how_and_for_what():
    trajectory = services.referral_submit(
        referral=referral(consent_method="phone"),
        main_people=[{"name": "Sarah Janssens"}],
        children=[],
    )
    consent = trajectory.consents.get()
    assert consent.given_on == TODAY()
    assert consent.get_method_display() == "Telefonisch"
    assert consent.given_by_relation == Consent.Relation.UNKNOWN
    assert consent.scope_labels() == [str(label) for label in Consent.Scope.labels]
    assert consent.recorded_by == trajectory.referrer


def test_who_referred_themselves_is_recorded_as_the_main_person():
    trajectory = services.referral_submit(
        referral=referral(consent_method="self", referrer_type="citizen"),
        main_people=[{"name": "Inge Maes"}],
        children=[],
    )
    consent = trajectory.consents.get()
    assert (consent.given_by_name, consent.given_by_relation) == ("Inge Maes", "main_person")


def test_the_migration_gives_every_existing_trajectory_its_referral_consent():
    older = TrajectoryFactory(consent_method="verbal")
    recorded = ConsentFactory()
    migration = importlib.import_module(
        "eigenkracht.trajectories.migrations.0007_consent_from_referral"
    )
    migration.consent_from_referral(apps, None)
    consent = older.consents.get()
    assert (consent.given_on, consent.method) == (older.consent_on, "verbal")
    assert consent.given_by_relation == "unknown"
    assert recorded.trajectory.consents.count() == 1  # not a second one


def test_the_coordinator_sees_the_consent_and_adds_the_signed_form(coordinator_client, trajectory):
    detail = reverse("trajectories:detail", args=[trajectory.pk])
    page = coordinator_client.get(detail).content.decode()
    assert "Toestemming toevoegen" in page and "Sarah Janssens" in page

    response = coordinator_client.post(
        reverse("trajectories:consent_add", args=[trajectory.pk]), _consent()
    )
    assert response.status_code == 302
    added = trajectory.consents.latest("id")
    assert (added.given_by_relation, added.scope) == ("parent", ["conference", "network"])
    assert added.recorded_by.pk == trajectory.coordinator.user_id
    page = coordinator_client.get(detail).content.decode()
    assert "Formulier in de map van het gezin." in page
    assert "de mensen uit het netwerk contacteren en uitnodigen" in page
    assert AuditEntry.objects.filter(action="trajectory.consent_added").count() == 1


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"given_on": "2999-01-01"}, "Een toestemming kan niet in de toekomst gegeven zijn."),
        ({"given_by_name": ""}, "Vul in wie de toestemming gaf."),
        ({"scope": []}, "Kies waarvoor de toestemming geldt."),
        ({"given_by_relation": "unknown"}, "Selecteer een geldige keuze."),
    ],
)
def test_a_consent_with_bad_input_is_refused_and_nothing_is_written(
    coordinator_client, trajectory, data, error
):
    response = coordinator_client.post(
        reverse("trajectories:consent_add", args=[trajectory.pk]), _consent(**data)
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert trajectory.consents.count() == 1


def test_withdrawal_asks_to_confirm_then_stops_the_trajectory_with_its_reason(
    coordinator_client, trajectory
):
    url = reverse("trajectories:consent_withdraw", args=[trajectory.pk])
    confirm = coordinator_client.post(url, _withdrawal())
    assert confirm.status_code == 200
    assert "Ja, noteer de intrekking" in confirm.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.status == S.PREPARATION  # nothing yet

    response = coordinator_client.post(url, {**_withdrawal(), "confirm": "yes"})
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.status == S.STOPPED
    assert trajectory.stop_reason == Trajectory.StopReason.CONSENT_WITHDRAWN
    assert trajectory.get_stop_reason_display() == "Toestemming ingetrokken"
    assert trajectory.closed_at is not None
    assert trajectory.consent_withdrawn_on == TODAY() - dt.timedelta(days=1)
    assert trajectory.consent_withdrawn_by == "Sarah Janssens, de moeder"
    actions = list(trajectory.events.values_list("action", flat=True))
    assert actions[-2:] == ["consent_withdrawn", "stop"]
    audit = AuditEntry.objects.get(action="trajectory.consent_withdrawn")
    assert "Sarah" not in str(audit.data)  # ids and dates, no names
    page = coordinator_client.get(reverse("trajectories:detail", args=[trajectory.pk]))
    assert "Het gezin trok zijn toestemming in" in page.content.decode()
    assert "Intrekking noteren" not in page.content.decode()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"withdrawn_on": "2999-01-01"}, "De intrekking kan niet in de toekomst liggen."),
        ({"withdrawn_on": "2000-01-01"}, "De intrekking kan niet vóór de eerste toestemming"),
        ({"withdrawn_by": ""}, "Vul in wie de toestemming introk."),
        ({"withdrawn_on": "gisteren"}, "Vul een geldige datum in."),
    ],
)
def test_a_withdrawal_with_bad_input_answers_with_the_error_and_writes_nothing(
    coordinator_client, trajectory, data, error
):
    response = coordinator_client.post(
        reverse("trajectories:consent_withdraw", args=[trajectory.pk]),
        {**_withdrawal(**data), "confirm": "yes"},
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.consent_withdrawn_on) == (S.PREPARATION, None)
    assert not TrajectoryEvent.objects.filter(action="consent_withdrawn").exists()


def test_a_closed_trajectory_still_records_the_withdrawal_and_its_date(office_user):
    closed_at = timezone.now() - dt.timedelta(days=30)
    trajectory = TrajectoryFactory(status=S.CLOSED, closed_at=closed_at)
    services.consent_withdraw(
        trajectory=trajectory, withdrawn_on=TODAY(), withdrawn_by="Sarah", actor=office_user
    )
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.closed_at) == (S.CLOSED, closed_at)
    assert trajectory.consent_withdrawn_on == TODAY()
    with pytest.raises(services.TrajectoryRefused, match="al genoteerd"):
        services.consent_withdraw(
            trajectory=trajectory, withdrawn_on=TODAY(), withdrawn_by="Sarah", actor=office_user
        )


def test_a_withdrawal_before_the_intake_declines_the_referral(office_user):
    trajectory = TrajectoryFactory(status=S.REFERRED)
    services.consent_withdraw(
        trajectory=trajectory, withdrawn_on=TODAY(), withdrawn_by="Sarah", actor=office_user
    )
    trajectory.refresh_from_db()
    assert trajectory.status == S.DECLINED
    assert trajectory.stop_reason == Trajectory.StopReason.CONSENT_WITHDRAWN
    assert trajectory.closed_at is not None


def test_after_a_withdrawal_no_new_consent_can_be_added(office_user, trajectory):
    services.consent_withdraw(
        trajectory=trajectory, withdrawn_on=TODAY(), withdrawn_by="Sarah", actor=office_user
    )
    with pytest.raises(services.TrajectoryRefused, match="nieuwe aanmelding"):
        services.consent_add(
            trajectory=trajectory,
            given_on=TODAY(),
            given_by_name="Sarah",
            given_by_relation="parent",
            method="written",
            scope=["conference"],
            actor=office_user,
        )


def test_a_coordinator_of_another_trajectory_and_the_referrer_get_404(trajectory):
    stranger = CoordinatorFactory()
    TrajectoryFactory(status=S.PREPARATION, coordinator=stranger)
    others = [Client(), Client()]
    login_verified(others[0], stranger.user)
    login_verified(others[1], trajectory.referrer)
    for client in others:
        for name in ("consent_add", "consent_withdraw"):
            url = reverse(f"trajectories:{name}", args=[trajectory.pk])
            assert client.get(url).status_code == 404
            assert client.post(url, {**_withdrawal(), "confirm": "yes"}).status_code == 404
        page = client.get(reverse("trajectories:detail", args=[trajectory.pk]))
        assert "Toestemming toevoegen" not in page.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.consent_withdrawn_on is None
