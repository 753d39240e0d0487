"""Asking for a new password tells nothing about who has an account, takes the same work either
way, mails at most once an hour per address, and counts every request per client address."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenkracht.accounts.models import Role, User
from eigenkracht.core.models import OutboxMessage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET_URL = reverse("accounts:password_reset")
DONE_URL = reverse("accounts:password_reset_done")


@pytest.fixture
def office(db):
    return UserFactory(email="kantoor@example.org", role="office")


def ask(client, email, address="192.0.2.10"):
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=address)


def test_known_and_unknown_addresses_get_the_same_answer_after_the_same_work(
    office, django_capture_on_commit_callbacks
):
    answers = []
    for email in ("kantoor@example.org", "niemand@example.org"):
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks() as later,
        ):
            response = ask(Client(), email)
        answers.append((response.status_code, response["Location"], len(queries), len(later)))

    assert answers[0] == answers[1] == (302, DONE_URL, answers[0][2], 1)
    # Looking up the account and composing the mail wait for the task after the response.
    assert not OutboxMessage.objects.exists()


def test_the_task_mails_a_link_to_a_known_address_only(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(Client(), "KANTOOR@example.org")
        ask(Client(), "niemand@example.org")

    (mail,) = OutboxMessage.objects.all()
    assert (mail.kind, mail.recipient, mail.confidential) == (
        "password_reset",
        "kantoor@example.org",
        True,
    )
    assert re.search(r"http://testserver/account/wachtwoord-herstellen/\S+/\S+/", mail.body_text)
    assert "De link werkt één keer en is 3 dagen geldig." in mail.body_text


def test_at_most_one_reset_mail_per_address_per_hour(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            response = ask(Client(), "kantoor@example.org", address=f"192.0.2.{n + 1}")
            assert response["Location"] == DONE_URL
    assert OutboxMessage.objects.filter(kind="password_reset").count() == 1

    OutboxMessage.objects.update(
        created_at=OutboxMessage.objects.get().created_at - dt.timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        ask(Client(), "kantoor@example.org", address="192.0.2.9")
    assert OutboxMessage.objects.filter(kind="password_reset").count() == 2


def test_every_request_counts_per_client_address_known_or_not(
    office, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_ATTEMPT_LIMIT = 3
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    client = Client(HTTP_X_FORWARDED_FOR="198.51.100.66")
    for n in range(3):
        assert ask(client, f"niemand{n}@example.org")["Location"] == DONE_URL

    with django_capture_on_commit_callbacks(execute=True) as later:
        refused = ask(client, "kantoor@example.org")

    assert refused.status_code == 429
    assert "te veel nieuwe wachtwoorden aangevraagd" in refused.content.decode()
    assert not later and not OutboxMessage.objects.exists()
    # Another client address (behind the same proxy) is not affected.
    other = Client(HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert ask(other, "kantoor@example.org")["Location"] == DONE_URL


def test_something_that_is_not_an_address_is_explained_and_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as later:
        response = ask(client, "geen adres")

    assert response.status_code == 200
    assert "geldig e-mailadres" in response.content.decode()
    assert not later


def test_an_invited_person_who_lost_the_invitation_can_choose_a_password(
    client, django_capture_on_commit_callbacks
):
    User.objects.create_user("aanmelder@example.org", None, role=Role.REFERRER)

    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "aanmelder@example.org")

    assert OutboxMessage.objects.filter(
        kind="password_reset", recipient="aanmelder@example.org"
    ).exists()
