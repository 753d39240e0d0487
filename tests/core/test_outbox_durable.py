"""No mail is lost: a mail and the change that implies it are stored together, a mail that cannot
be composed is kept as failed with its reason and composed again, a failed delivery is tried
again, and a task that never ran is made up for by `run_periodic`."""

import datetime as dt

import pytest
from django.core import mail as sent_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.core.outbox import outbox_retry
from eigenkracht.payments.booking import BookingLine, payments_book
from eigenkracht.payments.models import Payment
from eigenkracht.payments.services import registration_mark_paid
from eigenkracht.trainings import emails
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

Status = OutboxMessage.Status


def _pay(registration, actor=None):
    return registration_mark_paid(
        registration=registration,
        amount_cents=registration.amount_due_cents,
        paid_on=timezone.localdate(),
        actor=actor,
    )


def _later(minutes: int) -> dt.datetime:
    return timezone.now() + dt.timedelta(minutes=minutes)


@pytest.fixture
def broken_calendar(monkeypatch):
    """The calendar attachment cannot be made, as with a title the calendar code choked on."""

    def fail(training):
        raise RuntimeError("agenda kon niet gemaakt worden")

    monkeypatch.setattr(emails, "ics_attachment", fail)
    return monkeypatch


def test_a_title_with_a_line_break_still_gets_its_confirmation_mail(
    django_capture_on_commit_callbacks, office_user
):
    registration = RegistrationFactory(training=TrainingFactory(title="Basisvorming\nGent"))

    with django_capture_on_commit_callbacks(execute=True):
        _pay(registration, office_user)

    registration.refresh_from_db()
    assert registration.confirmation_sent_at is not None
    confirmation = OutboxMessage.objects.get(kind="registration_confirmed")
    assert confirmation.status == Status.SENT
    assert [a.filename for a in confirmation.attachments.all()] == ["vorming.ics"]
    assert sent_mail.outbox[-1].to == [registration.email]


def test_a_mail_that_cannot_be_composed_is_stored_as_failed_with_the_flag(
    django_capture_on_commit_callbacks, broken_calendar, office_user
):
    registration = RegistrationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        _pay(registration, office_user)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.confirmation_sent_at is not None
    failed = OutboxMessage.objects.get(kind="registration_confirmed")
    assert failed.status == Status.RENDER_FAILED
    assert "agenda kon niet gemaakt worden" in failed.error
    assert failed.recipient == registration.email
    assert failed.next_attempt_at > timezone.now()
    assert sent_mail.outbox == []


def test_run_periodic_composes_and_sends_it_once_the_cause_is_gone(
    django_capture_on_commit_callbacks, broken_calendar, office_user
):
    registration = RegistrationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _pay(registration, office_user)
    broken_calendar.undo()

    with django_capture_on_commit_callbacks(execute=True):
        outcome = outbox_retry(now=_later(6))

    message = OutboxMessage.objects.get(kind="registration_confirmed")
    assert (outcome.composed, message.status, message.error) == (1, Status.SENT, "")
    assert [m.to for m in sent_mail.outbox] == [[registration.email]]
    assert message.attachments.get().filename == "vorming.ics"


def test_a_retry_waits_its_turn_and_the_waits_grow(
    django_capture_on_commit_callbacks, broken_calendar, office_user
):
    with django_capture_on_commit_callbacks(execute=True):
        _pay(RegistrationFactory(), office_user)
    message = OutboxMessage.objects.get()
    first_wait = message.next_attempt_at

    assert outbox_retry(now=_later(1)).composed == 0  # not yet its turn
    outbox_retry(now=_later(6))

    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at - first_wait >= dt.timedelta(minutes=4)


def test_a_rolled_back_change_leaves_neither_its_flag_nor_its_mail(office_user):
    registration = RegistrationFactory()

    with pytest.raises(RuntimeError), transaction.atomic():
        _pay(registration, office_user)
        raise RuntimeError("the request failed after booking")

    registration.refresh_from_db()
    assert registration.confirmation_sent_at is None
    assert not OutboxMessage.objects.exists()


def test_mails_of_a_statement_are_stored_with_the_booking_and_made_up_for_when_the_task_is_lost(
    django_capture_on_commit_callbacks,
):
    paid, partly = RegistrationFactory(), RegistrationFactory()

    # The task that composes the mails after commit never runs (a worker died).
    with django_capture_on_commit_callbacks(execute=False), transaction.atomic():
        payments_book(
            lines=[
                BookingLine(paid.pk, paid.amount_due_cents, timezone.localdate()),
                BookingLine(partly.pk, 500, timezone.localdate()),
            ],
            actor=None,
            action="registration.paid_by_bank",
        )

    stored = {m.kind: m for m in OutboxMessage.objects.all()}
    assert {kind: m.status for kind, m in stored.items()} == {
        "registration_confirmed": Status.COMPOSING,
        "registration_partially_paid": Status.COMPOSING,
    }
    assert stored["registration_confirmed"].recipient == paid.email
    with django_capture_on_commit_callbacks(execute=True):
        outbox_retry(now=_later(5))
    assert OutboxMessage.objects.filter(status=Status.COMPOSING).exists()  # not yet stale

    with django_capture_on_commit_callbacks(execute=True):
        outbox_retry(now=_later(20))

    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT}
    assert sorted(m.to[0] for m in sent_mail.outbox) == sorted([paid.email, partly.email])


def test_a_failed_delivery_is_tried_again_later(
    django_capture_on_commit_callbacks, settings, office_user
):
    settings.EMAIL_BACKEND = "tests.core.test_outbox_durable.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        _pay(RegistrationFactory(), office_user)
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (Status.FAILED, 1)
    assert "ConnectionRefusedError" in message.error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    outcome = outbox_retry(now=_later(6))

    message.refresh_from_db()
    assert (outcome.delivered, message.status) == (1, Status.SENT)
    assert len(sent_mail.outbox) == 1


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mailserver weigert")


def test_run_periodic_reports_the_mails_it_took_up_again(
    django_capture_on_commit_callbacks, broken_calendar, office_user, capsys
):
    with django_capture_on_commit_callbacks(execute=True):
        _pay(RegistrationFactory(), office_user)
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    broken_calendar.undo()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_periodic")

    assert "mails opnieuw opgemaakt: 1" in capsys.readouterr().out
    assert OutboxMessage.objects.get().status == Status.SENT


def test_the_office_sees_why_a_mail_failed_and_starts_it_again(
    django_capture_on_commit_callbacks, broken_calendar, office_user, office_client
):
    with django_capture_on_commit_callbacks(execute=True):
        _pay(RegistrationFactory(), office_user)
    message = OutboxMessage.objects.get()
    detail = reverse("backoffice:outbox_detail", args=[message.pk])

    assert _failed_mails_on_home_page(office_client) == 1
    listing = office_client.get(reverse("backoffice:outbox") + "?status=render_failed")
    assertContains(listing, "Opmaak mislukt")
    page = office_client.get(detail)
    assertContains(page, "agenda kon niet gemaakt worden")
    assertContains(page, "Opnieuw proberen")

    broken_calendar.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            reverse("backoffice:outbox_retry", args=[message.pk]), follow=True
        )

    assertContains(response, "De mail staat opnieuw in de wachtrij.")
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert AuditEntry.objects.filter(action="outbox.retried", object_id=str(message.pk)).exists()


def test_a_mail_whose_registration_is_gone_stops_trying_and_the_office_closes_it(
    django_capture_on_commit_callbacks, broken_calendar, office_user, office_client
):
    with django_capture_on_commit_callbacks(execute=True):
        _pay(RegistrationFactory(), office_user)
    message = OutboxMessage.objects.get()
    Payment.objects.all().delete()
    Registration.objects.all().delete()
    broken_calendar.undo()

    outbox_retry(now=_later(6))

    message.refresh_from_db()
    assert (message.status, message.next_attempt_at) == (Status.RENDER_FAILED, None)
    assert outbox_retry(now=_later(600)).composed == 0  # not tried again
    page = office_client.get(reverse("backoffice:outbox_detail", args=[message.pk]))
    assertContains(page, "Deze mail kan niet meer gemaakt worden")
    assertNotContains(page, "Opnieuw proberen</button>")

    office_client.post(reverse("backoffice:outbox_dismiss", args=[message.pk]))

    message.refresh_from_db()
    assert message.status == Status.DISMISSED
    assert _failed_mails_on_home_page(office_client) == 0
    assert AuditEntry.objects.filter(action="outbox.dismissed").exists()


def test_a_mail_page_links_to_its_registration(django_capture_on_commit_callbacks, office_client):
    registration = RegistrationFactory()
    emails.send_received(registration)
    message = OutboxMessage.objects.get()

    page = office_client.get(reverse("backoffice:outbox_detail", args=[message.pk]))

    detail = reverse("trainings_backoffice:registration_detail", args=[registration.pk])
    name = f"{registration.code} {registration.first_name} {registration.last_name}"
    assertContains(page, f'<dd>Inschrijving: <a href="{detail}">{name}</a></dd>', html=True)


def _failed_mails_on_home_page(client) -> int:
    work = client.get(reverse("backoffice:home")).context["work"]
    return sum(item.count for item in work if item.key == "failed_mails")
