import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from eigenkracht.accounts.models import Role, User
from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.payments.models import Refund
from eigenkracht.trainings.models import Participant, Registration, Session, Training, Venue
from eigenkracht.trainings.rules import seats_left
from eigenkracht.trainings.selectors import with_seats

pytestmark = pytest.mark.django_db


def _run() -> str:
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, object]:
    return {
        "users": User.objects.count(),
        "venues": Venue.objects.count(),
        "trainings": Training.objects.count(),
        "sessions": Session.objects.count(),
        "registrations": Registration.objects.count(),
        "participants": Participant.objects.count(),
        "audit": AuditEntry.objects.count(),
        "outbox": OutboxMessage.objects.count(),
        "statuses": sorted(Registration.objects.values_list("code", "status")),
    }


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_second_run_changes_nothing(debug):
    first_output = _run()
    after_first = _counts()
    second_output = _run()

    assert _counts() == after_first
    assert "niets veranderd" in second_output
    assert "niets veranderd" not in first_output
    assert after_first["trainings"] == 9  # six, online, three years ago, evaluated months ago
    assert after_first["venues"] == 6


def test_every_registration_state_occurs(debug):
    _run()

    states = set(Registration.objects.values_list("status", flat=True))
    assert states == set(Registration.Status.values)


def test_demo_trainings_cover_the_calendar_cases(debug):
    _run()

    trainings = list(with_seats(Training.objects.prefetch_related("sessions")))
    published = [t for t in trainings if t.status == Training.Status.PUBLISHED]
    assert {t.status for t in trainings} == set(Training.Status.values)
    assert any(len(t.sessions.all()) == 2 for t in published)
    assert any(t.fee_cents == 0 for t in published)
    full = [t for t in published if seats_left(capacity=t.capacity, seats_taken=t.seats_taken) == 0]
    assert full and all(t.has_waiting_list for t in full)
    assert any(
        0 < seats_left(capacity=t.capacity, seats_taken=t.seats_taken) <= 2 for t in published
    )
    cities = set(Venue.objects.values_list("city", flat=True))
    assert {"Gent", "Antwerpen", "Leuven", "Brugge", "Hasselt", "Kortrijk"} <= cities


def test_registrations_went_through_the_services(debug, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # as each service call commits
        _run()

    created = AuditEntry.objects.filter(action="registration.created").count()
    assert created == Registration.objects.count()
    confirmed = Registration.objects.filter(status=Registration.Status.CONFIRMED)
    assert all(r.confirmation_sent_at for r in confirmed)
    # Some confirmed registrations were cancelled afterwards: they got their mail too.
    mailed = Registration.objects.filter(confirmation_sent_at__isnull=False).count()
    assert OutboxMessage.objects.filter(kind="registration_confirmed").count() == mailed
    # Nothing left active on a cancelled training.
    cancelled_training = Training.objects.get(status=Training.Status.CANCELLED)
    assert not cancelled_training.registrations.filter(
        status__in=Registration.ACTIVE_STATUSES
    ).exists()


def test_prints_working_demo_logins(debug):
    output = _run()

    assert "Demo-login medewerker: kantoor@example.org / demo-kantoor-2026" in output
    assert "Demo-login beheerder: beheer@example.org / demo-beheer-2026" in output
    office = User.objects.get(email="kantoor@example.org")
    manager = User.objects.get(email="beheer@example.org")
    assert (office.role, manager.role) == (Role.OFFICE, Role.MANAGER)
    assert office.check_password("demo-kantoor-2026")
    assert manager.check_password("demo-beheer-2026")


def test_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--force"):
        call_command("demo_data", stdout=io.StringIO())
    assert not Training.objects.exists()

    call_command("demo_data", "--force", stdout=io.StringIO())
    assert Training.objects.count() == 9


def test_the_demo_has_refunds_in_every_state(debug):
    _run()

    states = sorted(Refund.objects.values_list("status", flat=True))
    assert set(states) == {"due", "sent", "done", "withdrawn"}
    overdue = Refund.objects.filter(status="due", deadline__lt=timezone.localdate())
    assert overdue.exists()
    assert Refund.objects.filter(status="done", done_by__isnull=False).exists()


def test_every_demo_session_is_on_a_weekday(debug):
    _run()
    assert Session.objects.exists()
    assert all(day.weekday() < 5 for day in Session.objects.values_list("date", flat=True))
