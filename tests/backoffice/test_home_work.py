"""The staff home page is a list of work: each line's count is the number of rows its link shows,
only what the user may act on, the same number of queries however much work waits, and a calm
page when nothing does."""

import datetime as dt
import io
import itertools

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eigenkracht.accounts.models import User
from eigenkracht.core.models import OutboxMessage
from eigenkracht.payments import services as payment_services
from eigenkracht.payments.models import Refund
from eigenkracht.privacy.models import PrivacyRequest, RetentionProposal
from tests.factories import RegistrationFactory, UserFactory
from tests.payments.backoffice.files import coda_file, free_text_payment
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def _some_of_each_kind_of_work() -> None:
    """One row for every line of the home page (declarations: see the demo test below)."""
    now, today = timezone.now(), timezone.localdate()
    n = next(_numbers)
    TrajectoryFactory()  # new referral
    TrajectoryFactory(status="intake", referred_at=now - dt.timedelta(days=30))
    TrajectoryFactory(status="preparation", referred_at=now - dt.timedelta(days=400))
    TrajectoryFactory(status="follow_up", coordinator=CoordinatorFactory(), follow_up_due_on=today)
    RegistrationFactory(reminder_sent_at=now)
    RegistrationFactory()  # waiting for payment, not yet reminded: not on the home page
    Refund.objects.create(
        cause=Refund.Cause.SURPLUS,
        amount_cents=500,
        deadline=today - dt.timedelta(days=1),
        end_to_end_id=f"EKR-TEST-{n}",
        communication="Terugbetaling",
    )
    OutboxMessage.objects.create(
        kind="x", recipient="a@example.be", subject="s", body_text="t", status="failed"
    )
    PrivacyRequest.objects.create(
        kind=PrivacyRequest.Kind.ERASURE,
        received_on=today - dt.timedelta(days=60),
        requested_by="Wannes",
        deadline=today - dt.timedelta(days=30),
    )
    payment_services.statement_import(
        data=coda_file(free_text_payment(1500, "huur vergaderzaal"), number=n),
        filename=f"uittreksel-{n}.cod",
        actor=None,
    )


def _rows_shown(client, url: str) -> int:
    context = client.get(url).context
    if "page_obj" in context:
        return context["page_obj"].paginator.count
    return len(context["queue"])  # the allowances' queue is one list, not paginated


def _work(client) -> dict[str, object]:
    return {item.key: item for item in client.get(reverse("backoffice:home")).context["work"]}


KEYS = [
    "referred",
    "follow_up_due",
    "late_coordinator",
    "late_conference",
    "reminded",
    "refunds_due",
    "refunds_overdue",
    "failed_mails",
    "privacy_overdue",
    "review",
]


@pytest.mark.parametrize("key", KEYS)
def test_each_line_counts_the_rows_its_link_shows(manager_client, key):
    _some_of_each_kind_of_work()
    _some_of_each_kind_of_work()

    item = _work(manager_client)[key]
    html = manager_client.get(reverse("backoffice:home")).content.decode()

    assert item.count == 2
    assert f'href="{item.url}"><strong class="count">2</strong> <span>{item.text}</span>' in html
    assert _rows_shown(manager_client, item.url) == 2


def test_every_line_of_the_demo_matches_its_list(client, settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())
    login_verified(client, User.objects.get(email="beheer@example.org"))

    work = _work(client)

    assert {"declarations", "referred", "refunds_due"} <= work.keys()
    for item in work.values():
        if item.key != "retention":  # one proposal, shown as a page rather than rows
            assert _rows_shown(client, item.url) == item.count, item.key


def test_the_home_page_reads_as_many_queries_with_much_work_as_with_little(manager_client):
    _some_of_each_kind_of_work()
    with CaptureQueriesContext(connection) as little:
        manager_client.get(reverse("backoffice:home"))
    for _ in range(3):
        _some_of_each_kind_of_work()
    with CaptureQueriesContext(connection) as much:
        manager_client.get(reverse("backoffice:home"))

    assert len(much) == len(little) <= 20


def test_a_calm_page_when_nothing_waits(office_client):
    html = office_client.get(reverse("backoffice:home")).content.decode()

    assert "Er wacht nu niets op je" in html
    assert 'class="worklist"' not in html


def test_only_a_manager_is_asked_to_approve_a_retention_proposal(client):
    RetentionProposal.objects.create(prepared_at=timezone.now())

    login_verified(client, UserFactory(role="manager"))
    assert "retention" in _work(client)
    login_verified(client, UserFactory(role="office"))
    assert "retention" not in _work(client)


def test_a_coordinator_lands_on_their_own_work_and_a_referrer_on_none(client):
    coordinator = CoordinatorFactory()
    today = timezone.localdate()
    TrajectoryFactory(status="follow_up", coordinator=coordinator, follow_up_due_on=today)
    TrajectoryFactory(status="follow_up", coordinator=CoordinatorFactory(), follow_up_due_on=today)
    login_verified(client, coordinator.user)

    response = client.get(reverse("trajectories:list"))
    (item,) = response.context["work"]

    assert (item.key, item.count) == ("follow_up_due", 1)
    assert _rows_shown(client, item.url) == 1

    referred = TrajectoryFactory(status="follow_up", follow_up_due_on=today)
    login_verified(client, referred.referrer)
    assert client.get(reverse("trajectories:list")).context["work"] == []
