"""Mails stored by the thousand (a bank statement's confirmations) are composed a batch at a time
and delivered over one connection: a batch's queries do not grow with its mails, what the mails
share is made once and never given to a mail it does not belong to, and one bad mail fails
alone."""

import datetime as dt
import smtplib

import pytest
from django.core import mail as sent_mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenkracht.core import outbox
from eigenkracht.core.models import Organisation, OutboxMessage
from eigenkracht.core.outbox import outbox_compose_many, outbox_deliver_many, outbox_queue_later
from eigenkracht.trainings import emails
from eigenkracht.trainings.models import Training, Venue
from tests.concurrency import at_once
from tests.factories import MailTemplateFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

Status = OutboxMessage.Status


def _store(recipe: str, registrations) -> list[int]:
    """Store the registrations' mails as a statement does; their task is not run."""
    outbox_queue_later(
        [emails.later_mail(recipe, registration_id=r.pk, recipient=r.email) for r in registrations]
    )
    return list(
        OutboxMessage.objects.filter(status=Status.COMPOSING, recipe=recipe)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _partly_paid(training, count: int):
    registrations = RegistrationFactory.create_batch(count, training=training)
    for n, registration in enumerate(registrations):
        registration.amount_paid_cents = 100 * (n + 1)
        registration.save(update_fields=["amount_paid_cents"])
    return registrations


def _compose_queries(size: int) -> int:
    trainings = [TrainingFactory(sessions=2), TrainingFactory()]
    confirmed = [RegistrationFactory(training=trainings[n % 2]) for n in range(size)]
    ids = _store("registration_confirmed", confirmed)
    ids += _store("registration_partially_paid", _partly_paid(trainings[0], size))
    with CaptureQueriesContext(connection) as queries:
        assert outbox_compose_many(message_ids=ids) == 2 * size
    return len(queries)


def test_a_mail_stored_for_later_is_the_row_the_model_would_make():
    """The mails of a statement are written as plain rows, not model instances: every column
    must still hold what a new OutboxMessage holds."""
    first, second = RegistrationFactory.create_batch(2)
    outbox_queue_later(
        [
            emails.later_mail("registration_confirmed", registration_id=r.pk, recipient=r.email)
            for r in (first, second)
        ]
    )
    stored = list(OutboxMessage.objects.order_by("pk"))

    expected = OutboxMessage(
        kind="registration_confirmed",
        recipe="registration_confirmed",
        object_type="trainings.registration",
        status=Status.COMPOSING,
    )
    columns = [f.attname for f in OutboxMessage._meta.concrete_fields]
    for message, registration in zip(stored, (first, second), strict=True):
        expected.recipient, expected.object_id = registration.email, str(registration.pk)
        differing = [
            name
            for name in columns
            if name not in ("id", "created_at")
            and getattr(message, name) != getattr(expected, name)
        ]
        assert differing == []
        assert message.created_at is not None


def test_composing_a_batch_takes_as_many_queries_for_few_mails_as_for_many():
    Organisation.current()  # made once by the first mail ever; not what is measured here
    few = _compose_queries(2)
    OutboxMessage.objects.all().delete()
    many = _compose_queries(12)

    assert few == many
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.QUEUED}


def test_the_calendar_file_of_a_training_in_a_batch_is_the_one_made_alone():
    two_days, one_day = TrainingFactory(sessions=2), TrainingFactory()
    registrations = [RegistrationFactory(training=t) for t in (two_days, one_day, two_days)]

    outbox_compose_many(message_ids=_store("registration_confirmed", registrations))

    for registration in registrations:
        message = OutboxMessage.objects.get(object_id=str(registration.pk))
        training = Training.objects.get(pk=registration.training_id)
        assert message.attachments.get().content == emails.ics_attachment(training).content


@pytest.fixture
def between_batches(monkeypatch):
    """Batches of one mail; `edits` run before the second batch is claimed."""
    monkeypatch.setattr(outbox, "BATCH_SIZE", 1)
    edits = []
    claim = outbox._claim
    claimed = []

    def claim_after_edits(ids):
        if len(claimed) == 1:
            for edit in edits:
                edit()
        claimed.append(ids)
        return claim(ids)

    monkeypatch.setattr(outbox, "_claim", claim_after_edits)
    return edits


def test_a_training_edited_between_two_batches_gives_the_later_mail_the_new_calendar(
    between_batches,
):
    training = TrainingFactory()
    first, second = RegistrationFactory.create_batch(2, training=training)
    # The venue moved: the training's own row (and its updated_at) stays the same.
    between_batches.append(lambda: Venue.objects.update(street="Stationsstraat 3"))

    outbox_compose_many(message_ids=_store("registration_confirmed", [first, second]))

    files = {m.object_id: bytes(m.attachments.get().content) for m in OutboxMessage.objects.all()}
    assert b"Kerkstraat 12" in files[str(first.pk)]
    assert b"Stationsstraat 3" in files[str(second.pk)]
    training = Training.objects.select_related("venue").get(pk=training.pk)
    assert files[str(second.pk)] == emails.ics_attachment(training).content


def test_the_organisation_edited_between_two_batches_shows_in_the_later_mail(between_batches):
    first, second = RegistrationFactory.create_batch(2)
    organisation = Organisation.current()
    organisation.name = "Eerst Vzw"
    organisation.save()
    between_batches.append(lambda: Organisation.objects.update(name="Daarna Vzw"))

    outbox_compose_many(message_ids=_store("registration_received", [first, second]))

    bodies = {m.object_id: m.body_text for m in OutboxMessage.objects.all()}
    assert "Eerst Vzw" in bodies[str(first.pk)]
    assert "Daarna Vzw" in bodies[str(second.pk)]
    footers = {m.object_id: m.body_html for m in OutboxMessage.objects.all()}
    assert "Eerst Vzw · Voorbeeldstraat 1, 9000 Gent" in footers[str(first.pk)]
    assert "Daarna Vzw · Voorbeeldstraat 1, 9000 Gent" in footers[str(second.pk)]


def test_the_organisations_footer_is_rendered_once_for_the_mails_of_a_task():
    footers = []

    def note(sender, template, **kwargs):
        if template.name == "emails/_footer.html":
            footers.append(template.name)

    organisation = Organisation.current()
    organisation.name, organisation.phone = "Eigen Kracht & Co", ""
    organisation.save()
    registrations = RegistrationFactory.create_batch(3)
    template_rendered.connect(note)
    try:
        outbox_compose_many(message_ids=_store("registration_confirmed", registrations))
    finally:
        template_rendered.disconnect(note)

    assert footers == ["emails/_footer.html"]
    for message in OutboxMessage.objects.all():
        assert message.body_html.count("Eigen Kracht &amp; Co · Voorbeeldstraat 1") == 1
        assert "info@example.org</td></tr>" in message.body_html  # no phone: nothing after it


@pytest.fixture
def part_renders():
    """The names of the training parts rendered (`mail_parts.training_part`)."""
    rendered = []

    def note(sender, template, **kwargs):
        if "_dates_and_place" in (template.name or ""):
            rendered.append(template.name)

    template_rendered.connect(note)
    yield rendered
    template_rendered.disconnect(note)


def test_a_trainings_dates_and_place_are_rendered_once_for_all_its_mails(part_renders):
    two_days, one_day = TrainingFactory(sessions=2), TrainingFactory()
    registrations = [RegistrationFactory(training=t) for t in (two_days, one_day, two_days)]

    outbox_compose_many(message_ids=_store("registration_confirmed", registrations))

    assert sorted(part_renders) == sorted(
        ["trainings/emails/_dates_and_place.txt", "trainings/emails/_dates_and_place.html"] * 2
    )
    for registration in registrations:
        message = OutboxMessage.objects.get(object_id=str(registration.pk))
        training = registration.training
        assert f"Dag {registration.first_name}," in message.body_text
        assert f"Locatie: {training.venue.name}, Kerkstraat 12" in message.body_text
        days = [line for line in message.body_text.splitlines() if line.startswith("- ")]
        assert len(days) == training.sessions.count() + registration.participants.count()


def test_a_venue_moved_between_two_batches_shows_in_the_later_mails_text(between_batches):
    training = TrainingFactory()
    first, second = RegistrationFactory.create_batch(2, training=training)
    between_batches.append(lambda: Venue.objects.update(street="Stationsstraat 3"))

    outbox_compose_many(message_ids=_store("registration_confirmed", [first, second]))

    mails = {m.object_id: m for m in OutboxMessage.objects.all()}
    assert "Kerkstraat 12" in mails[str(first.pk)].body_html
    assert "Stationsstraat 3" in mails[str(second.pk)].body_text
    assert "Stationsstraat 3" in mails[str(second.pk)].body_html


def test_the_dates_and_place_are_escaped_in_the_html_mail_only():
    training = TrainingFactory(venue__name="Zaal <De Brug> & co")
    registrations = RegistrationFactory.create_batch(2, training=training)

    outbox_compose_many(message_ids=_store("registration_confirmed", registrations))

    for message in OutboxMessage.objects.all():
        assert "Zaal <De Brug> & co, Kerkstraat 12" in message.body_text
        assert "Zaal &lt;De Brug&gt; &amp; co, Kerkstraat 12" in message.body_html


def test_mails_of_one_batch_keep_their_own_language_and_their_own_payment_details():
    MailTemplateFactory(kind="partially_paid", language="fr", subject="Paiement partiel reçu")
    training = TrainingFactory()
    dutch, french = _partly_paid(training, 2)
    french.language = "fr"
    french.save(update_fields=["language"])

    outbox_compose_many(message_ids=_store("registration_partially_paid", [dutch, french]))

    mails = {m.object_id: m for m in OutboxMessage.objects.all()}
    nl, fr = mails[str(dutch.pk)], mails[str(french.pk)]
    assert fr.subject == "Paiement partiel reçu"
    assert nl.subject != fr.subject
    assert nl.body_text != fr.body_text
    assert emails.ogm_display(dutch.structured_communication) in nl.body_text
    assert emails.ogm_display(french.structured_communication) not in nl.body_text
    qr = {key: bytes(m.attachments.get().content) for key, m in mails.items()}
    assert qr[str(dutch.pk)] != qr[str(french.pk)]  # each asks for its own amount and reference


def test_mails_of_one_batch_each_carry_their_own_registrants_link(settings):
    training = TrainingFactory()
    first, second = _partly_paid(training, 2)

    outbox_compose_many(message_ids=_store("registration_partially_paid", [first, second]))

    bodies = {m.object_id: m.body_text for m in OutboxMessage.objects.all()}
    for registration in (first, second):
        link = settings.SITE_URL + reverse("trainings:registration_link", args=[registration.token])
        assert link in bodies[str(registration.pk)]
    assert second.token not in bodies[str(first.pk)]


def test_one_mail_that_cannot_be_composed_fails_alone_and_the_others_go(
    monkeypatch, django_capture_on_commit_callbacks
):
    good, bad, other = RegistrationFactory.create_batch(3)
    context = emails.registration_context

    def breaks_for_one(registration):
        if registration.pk == bad.pk:
            raise ValueError("titel onleesbaar")
        return context(registration)

    monkeypatch.setattr(emails, "registration_context", breaks_for_one)

    with django_capture_on_commit_callbacks(execute=True):
        ids = _store("registration_confirmed", [good, bad, other])
        assert outbox_compose_many(message_ids=ids) == 2

    failed = OutboxMessage.objects.get(object_id=str(bad.pk))
    assert (failed.status, failed.error) == (Status.RENDER_FAILED, "ValueError: titel onleesbaar")
    assert failed.next_attempt_at is not None
    assert not failed.attachments.exists()
    assert sorted(m.to[0] for m in sent_mail.outbox) == sorted([good.email, other.email])
    assert OutboxMessage.objects.filter(status=Status.SENT).count() == 2


def test_a_query_that_fails_for_one_mail_fails_that_mail_alone(
    monkeypatch, django_capture_on_commit_callbacks
):
    """A database error breaks the batch's transaction: the batch is composed again one mail at
    a time, so that only that mail is stored as failed."""
    good, bad, other = RegistrationFactory.create_batch(3)
    context = emails.registration_context

    def query_fails_for_one(registration):
        if registration.pk == bad.pk:
            with connection.cursor() as cursor:
                cursor.execute("SELECT * FROM no_such_table")
        return context(registration)

    monkeypatch.setattr(emails, "registration_context", query_fails_for_one)

    with django_capture_on_commit_callbacks(execute=True):
        ids = _store("registration_confirmed", [good, bad, other])
        assert outbox_compose_many(message_ids=ids) == 2

    failed = OutboxMessage.objects.get(object_id=str(bad.pk))
    assert failed.status == Status.RENDER_FAILED
    assert "no_such_table" in failed.error
    assert OutboxMessage.objects.filter(status=Status.SENT).count() == 2
    assert sorted(m.to[0] for m in sent_mail.outbox) == sorted([good.email, other.email])
    assert OutboxMessage.objects.get(object_id=str(good.pk)).attachments.count() == 1


class CountingBackend(EmailBackend):
    """The in-memory backend with a connection, as the SMTP one: counts the connections opened
    and refuses one address."""

    opened = 0
    refused = "weigert@example.be"
    connected = False

    def open(self):
        if self.connected:
            return False
        self.connected = True
        CountingBackend.opened += 1
        return True

    def close(self):
        self.connected = False

    def send_messages(self, messages):
        assert self.connected
        if any(self.refused in m.to for m in messages):
            raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"onbekend")})
        return super().send_messages(messages)


@pytest.fixture
def counting_backend(settings):
    settings.EMAIL_BACKEND = "tests.core.test_outbox_batches.CountingBackend"
    CountingBackend.opened = 0
    return CountingBackend


def _composed(registrations) -> list[int]:
    ids = _store("registration_confirmed", registrations)
    outbox_compose_many(message_ids=ids)
    return ids


def test_delivery_goes_over_one_connection_and_marks_each_mail_sent(counting_backend):
    registrations = RegistrationFactory.create_batch(4)
    ids = _composed(registrations)

    assert outbox_deliver_many(message_ids=ids) == 4

    assert counting_backend.opened == 1
    assert sorted(m.to[0] for m in sent_mail.outbox) == sorted(r.email for r in registrations)
    for message in OutboxMessage.objects.all():
        assert (message.status, message.error) == (Status.SENT, "")
        assert message.sent_at is not None
    assert outbox_deliver_many(message_ids=ids) == 0  # sent once, never again


def test_a_refused_mail_in_a_delivery_fails_alone(counting_backend):
    first, refused, last = RegistrationFactory.create_batch(3)
    refused.email = counting_backend.refused
    refused.save(update_fields=["email"])
    ids = _composed([first, refused, last])

    assert outbox_deliver_many(message_ids=ids) == 2

    statuses = {m.recipient: m.status for m in OutboxMessage.objects.all()}
    assert statuses == {
        first.email: Status.SENT,
        counting_backend.refused: Status.FAILED,
        last.email: Status.SENT,
    }
    failed = OutboxMessage.objects.get(status=Status.FAILED)
    assert "SMTPRecipientsRefused" in failed.error and failed.next_attempt_at is not None
    assert [m.to for m in sent_mail.outbox] == [[first.email], [last.email]]
    assert counting_backend.opened == 2  # a new conversation after the refusal


class ClosingServerBackend(EmailBackend):
    """A server that drops the connection after each mail, as with a limit of one per session."""

    connected = False
    opened = 0

    def open(self):
        if self.connected:
            return False
        self.connected = True
        ClosingServerBackend.opened += 1
        return True

    def close(self):
        self.connected = False

    def send_messages(self, messages):
        if getattr(self, "carried", False):
            self.carried = False
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        self.carried = True
        return super().send_messages(messages)


def test_a_connection_the_server_closed_is_opened_again_instead_of_failing_the_mail(settings):
    settings.EMAIL_BACKEND = "tests.core.test_outbox_batches.ClosingServerBackend"
    ClosingServerBackend.opened = 0
    ids = _composed(RegistrationFactory.create_batch(3))

    assert outbox_deliver_many(message_ids=ids) == 3

    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT}
    assert len(sent_mail.outbox) == 3
    assert ClosingServerBackend.opened == 3


def test_outside_a_task_nothing_is_shared(monkeypatch):
    """A mail composed in a request (outbox_send) makes its calendar file itself."""
    made = []
    ics = emails.ics_attachment
    monkeypatch.setattr(emails, "ics_attachment", lambda t: made.append(t.pk) or ics(t))
    training = TrainingFactory()

    for registration in RegistrationFactory.create_batch(2, training=training):
        emails.send_confirmed(registration)

    assert made == [training.pk, training.pk]
    assert OutboxMessage.objects.filter(status=Status.QUEUED).count() == 2


def test_outside_a_task_each_mail_renders_the_dates_and_place_itself(part_renders):
    training = TrainingFactory()

    for registration in RegistrationFactory.create_batch(2, training=training):
        emails.send_confirmed(registration)

    assert len(part_renders) == 4  # the text and the HTML of each mail


def test_a_later_retry_composes_a_failed_mail_of_the_batch(monkeypatch):
    good, bad = RegistrationFactory.create_batch(2)
    context = emails.registration_context

    def breaks_for_one(registration):
        if registration.pk == bad.pk:
            raise ValueError("titel onleesbaar")
        return context(registration)

    monkeypatch.setattr(emails, "registration_context", breaks_for_one)
    outbox_compose_many(message_ids=_store("registration_confirmed", [good, bad]))
    monkeypatch.undo()

    outcome = outbox.outbox_retry(now=outbox.timezone.now() + dt.timedelta(minutes=6))

    assert outcome.composed == 1
    assert OutboxMessage.objects.get(object_id=str(bad.pk)).attachments.count() == 1


# On PostgreSQL: the batch's single UPDATE, and workers competing for the same mails ----------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: the UPDATE from arrays and row locks exist only there",
)


@pytest.mark.postgres
@postgres_only
def test_the_batch_is_written_in_one_update_of_composed_and_failed_mails(monkeypatch):
    composed, failed = RegistrationFactory.create_batch(2)
    context = emails.registration_context

    def breaks_for_one(registration):
        if registration.pk == failed.pk:
            raise ValueError("titel onleesbaar")
        return context(registration)

    monkeypatch.setattr(emails, "registration_context", breaks_for_one)
    ids = _store("registration_confirmed", [composed, failed])

    with CaptureQueriesContext(connection) as queries:
        outbox_compose_many(message_ids=ids)

    updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1 and "unnest" in updates[0]
    ok = OutboxMessage.objects.get(object_id=str(composed.pk))
    assert (ok.status, ok.error, ok.attempts, ok.next_attempt_at) == (Status.QUEUED, "", 0, None)
    assert ok.subject.startswith("Inschrijving bevestigd") and "Dag Marie" in ok.body_text
    assert "<html" in ok.body_html
    bad = OutboxMessage.objects.get(object_id=str(failed.pk))
    assert (bad.status, bad.error, bad.attempts) == (
        Status.RENDER_FAILED,
        "ValueError: titel onleesbaar",
        1,
    )
    assert bad.next_attempt_at > outbox.timezone.now()
    assert bad.subject == "" and bad.body_text == ""


@pytest.mark.postgres
@postgres_only
def test_a_subject_the_database_refuses_fails_that_mail_alone(monkeypatch):
    """The UPDATE of the batch is refused as a whole (a value too long for its column): the
    batch is written again one mail at a time."""
    good, bad = RegistrationFactory.create_batch(2)
    render = outbox._render

    def long_subject_for_one(mail):
        subject, text, html = render(mail)
        if mail.context["registration"].pk == bad.pk:
            subject = "Y" * 300
        return subject, text, html

    monkeypatch.setattr(outbox, "_render", long_subject_for_one)

    outbox_compose_many(message_ids=_store("registration_received", [good, bad]))

    statuses = {m.object_id: m.status for m in OutboxMessage.objects.all()}
    assert statuses == {str(good.pk): Status.QUEUED, str(bad.pk): Status.RENDER_FAILED}
    assert "DataError" in OutboxMessage.objects.get(object_id=str(bad.pk)).error
    assert OutboxMessage.objects.get(object_id=str(good.pk)).attachments.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
@postgres_only
def test_two_workers_composing_and_delivering_the_same_mails_send_each_once(
    monkeypatch, counting_backend
):
    monkeypatch.setattr(outbox, "BATCH_SIZE", 7)  # several batches, claimed in turns
    training = TrainingFactory(capacity=100)
    registrations = RegistrationFactory.create_batch(40, training=training)
    # Stored outside any task: the workers below do what the queued tasks would.
    with outbox.transaction.atomic():
        ids = _store("registration_confirmed", registrations)

    at_once(lambda: outbox_compose_many(message_ids=ids))
    at_once(lambda: outbox_deliver_many(message_ids=ids))

    assert OutboxMessage.objects.filter(status=Status.SENT).count() == 40
    assert sorted(m.to[0] for m in sent_mail.outbox) == sorted(r.email for r in registrations)
    for message in OutboxMessage.objects.all():
        assert message.attachments.count() == 1
