"""The outbox: every e-mail is stored first, then delivered from what was stored.

A mail is stored together with how to make it: a *recipe* (a registered function that turns the
related object and a few plain parameters into a template, a context and attachments). So:
- the row is written in the caller's transaction, with the state change that implies the mail
  (a flag such as `confirmation_sent_at` and its mail exist together or not at all);
- a mail that fails to render is stored as "Opmaak mislukt" with the reason, shown in the back
  office, and composed again by `run_periodic` from the recipe; it is never lost;
- mails for thousands of rows can be stored at once (`outbox_queue_later`) and composed by a task
  after commit, so a bank statement does not render thousands of mails in the request; the task
  composes them a batch at a time, in a constant number of queries per batch (what the mails
  share, such as the organisation and a training's calendar file, is made once per task);
- delivery runs after commit, one worker at a time per message; a failed delivery stays visible
  and is tried again later.
"""

import contextlib
import datetime as dt
import functools
import gc
import json
import logging
import operator
import smtplib
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from email.mime.image import MIMEImage
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Q
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation

from eigenkracht.core.audit import audit_record
from eigenkracht.core.bulk import bulk_insert, pg_array
from eigenkracht.core.collector import collector_paused
from eigenkracht.core.models import Organisation, OutboxAttachment, OutboxMessage
from eigenkracht.core.tasks import (
    compose_outbox_messages,
    deliver_outbox_messages,
    enqueue_after_commit,
)

logger = logging.getLogger(__name__)

# Composing and delivering are tried again after 5, 10, 20... minutes, at most a day apart; after
# this many attempts only a person starts it again (the retry button in the outbox).
MAX_ATTEMPTS = 10
FIRST_RETRY = dt.timedelta(minutes=5)
LAST_RETRY = dt.timedelta(days=1)
# A stored mail nobody picked up within this time (its task was lost) is taken up again.
STALE_AFTER = dt.timedelta(minutes=15)
GONE = "Het object van deze mail bestaat niet meer."
# Mails composed, or delivered, together: one claim, one load of what they are made from, one
# write. Bounded so that a batch's row locks and memory stay small (its texts and attachments:
# under 20 MB for 500 even with a PDF in each) and workers share the load. A statement's
# confirmations span many trainings, and each batch reads its trainings again: 500 instead of
# 200 took 6% fewer instructions to compose 2,000 mails (callgrind).
BATCH_SIZE = 500
SUBJECT_MAX_LENGTH = OutboxMessage._meta.get_field("subject").max_length


@dataclass(frozen=True)
class Attachment:
    filename: str
    mimetype: str
    content: bytes
    content_id: str = ""


@dataclass(frozen=True)
class Mail:
    """What a recipe makes: `<template>_subject.txt`, `.txt` and `.html` with `context`."""

    template: str
    context: dict[str, Any]
    attachments: Sequence[Attachment] = ()


Recipe = Callable[..., Mail]


@dataclass(frozen=True)
class _Registered:
    make: Recipe
    queryset: Callable[[], models.QuerySet] | None


_RECIPES: dict[str, _Registered] = {}


def mail_recipe(
    name: str, *, queryset: Callable[[], models.QuerySet] | None = None
) -> Callable[[Recipe], Recipe]:
    """Register `make(related_object, **params) -> Mail` under `name`.

    `queryset` loads the related objects when the mail is composed later (with what the
    templates need selected), otherwise the model's default manager is used. Apps import their
    mail modules in `AppConfig.ready`, so that a worker finds every recipe.
    """

    def register(make: Recipe) -> Recipe:
        if name in _RECIPES:
            raise ValueError(f"Two mail recipes are called {name!r}")
        _RECIPES[name] = _Registered(make, queryset)
        return make

    return register


@mail_recipe("template")
def _template_mail(related: models.Model | None, *, template: str, context: dict) -> Mail:
    return Mail(template=template, context=context)


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters as JSON values (translated strings become text), refusing anything else:
    they are stored to compose the mail again, so they must not depend on objects in memory."""
    try:
        return json.loads(json.dumps(params, cls=DjangoJSONEncoder))
    except TypeError as exc:
        raise TypeError(f"Mail parameters must be plain values: {exc}") from exc


def _new_message(
    *,
    kind: str,
    recipe: str,
    recipient: str,
    related: models.Model | None,
    params: dict[str, Any],
    confidential: bool,
) -> OutboxMessage:
    if recipe not in _RECIPES:
        raise ValueError(f"Unknown mail recipe {recipe!r}")
    return OutboxMessage(
        kind=kind,
        recipe=recipe,
        params=_plain(params),
        recipient=recipient,
        object_type=related._meta.label_lower if related is not None else "",
        object_id=str(related.pk) if related is not None else "",
        confidential=confidential,
        status=OutboxMessage.Status.COMPOSING,
    )


@transaction.atomic(savepoint=False)
def outbox_send(
    *,
    kind: str,
    recipe: str,
    recipient: str,
    related: models.Model | None = None,
    params: dict[str, Any] | None = None,
    confidential: bool = False,
) -> OutboxMessage:
    """Store one mail and compose it now, in the caller's transaction; deliver after commit.

    `related` is passed to the recipe as it is (with whatever the caller already loaded), and
    stored by reference to compose the mail again should this attempt fail.
    """
    message = _new_message(
        kind=kind,
        recipe=recipe,
        recipient=recipient,
        related=related,
        params=params or {},
        confidential=confidential,
    )
    message.save()
    _compose(message, related)
    return message


def outbox_queue(
    *,
    kind: str,
    recipient: str,
    template: str,
    context: dict[str, Any],
    related: models.Model | None = None,
    confidential: bool = False,
) -> OutboxMessage:
    """A mail made from a template and a context of plain values (strings, numbers, lists)."""
    return outbox_send(
        kind=kind,
        recipe="template",
        recipient=recipient,
        related=related,
        params={"template": template, "context": context},
        confidential=confidential,
    )


@dataclass(frozen=True)
class LaterMail:
    """A mail to store now and compose after commit (see `outbox_queue_later`)."""

    kind: str
    recipe: str
    recipient: str
    related: type[models.Model]
    related_id: int
    params: dict[str, Any] = field(default_factory=dict)


@transaction.atomic(savepoint=False)
def outbox_queue_later(mails: Sequence[LaterMail]) -> None:
    """Store many mails in the caller's transaction; a task composes and delivers them after
    commit. Should that task be lost, `run_periodic` composes them (`outbox_retry`).

    Written as plain rows (with every field's default filled in, as the model would) in one
    COPY: building thousands of model instances cost more than writing them.
    """
    if not mails:
        return
    for recipe in {mail.recipe for mail in mails}:
        if recipe not in _RECIPES:
            raise ValueError(f"Unknown mail recipe {recipe!r}")
    defaults = _defaults(OutboxMessage)
    defaults["status"] = OutboxMessage.Status.COMPOSING
    rows = (
        {
            **defaults,
            "kind": mail.kind,
            "recipe": mail.recipe,
            "recipient": mail.recipient,
            "params": _plain(mail.params) if mail.params else {},
            "object_type": mail.related._meta.label_lower,
            "object_id": str(mail.related_id),
        }
        for mail in mails
    )
    ids = bulk_insert(OutboxMessage, rows, count=len(mails))
    enqueue_after_commit(compose_outbox_messages, ids)


def _defaults(model: type[models.Model]) -> dict[str, Any]:
    """Every column's default as the model gives it to a new instance (`auto_now` ones and the
    primary key are filled in by `bulk_insert`)."""
    return {
        f.attname: f.get_default()
        for f in model._meta.concrete_fields
        if not f.primary_key
        and not (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
    }


# What the mails of one task share --------------------------------------------------------------

T = TypeVar("T")


@dataclass
class _Shared:
    made: dict[Hashable, Any] = field(default_factory=dict)  # for the whole task
    read: dict[str, Any] = field(default_factory=dict)  # for one batch


_SHARED: ContextVar[_Shared | None] = ContextVar("outbox_shared", default=None)
_NOT_MADE = object()


def shared_read(name: str, read: Callable[[], T]) -> T:
    """`read()` once per batch for all its mails (the organisation, the office's texts), and
    every time outside a task.

    Read again for every batch, in the batch's own transaction: a batch's mails show the same
    values as if each had read them itself, and an edit made while a task runs reaches the next
    batch. Only for values that do not depend on the mail (its registration, its language).
    """
    shared = _SHARED.get()
    if shared is None:
        return read()
    if name not in shared.read:
        shared.read[name] = read()
    return shared.read[name]


def shared_made(made_from: Callable[[], Hashable], make: Callable[[], T]) -> T:
    """`make()` once for all the mails of a task that make it from the same things (a training's
    calendar file), and every time outside a task.

    `made_from()` must return everything the value is made from, as loaded for this mail (not
    only an id): a mail whose training was edited while the task ran gets a value of its own.
    A `make` that fails is tried again for the next mail.
    """
    shared = _SHARED.get()
    if shared is None:
        return make()
    key = made_from()  # one lookup when already made: the key holds every column it is made from
    made = shared.made.get(key, _NOT_MADE)
    if made is _NOT_MADE:
        made = shared.made[key] = make()
    return made


def loaded_row(obj: models.Model) -> tuple:
    """Every column of `obj` as loaded, for a `shared_made` key."""
    return _columns(type(obj))(obj)


@functools.cache
def _columns(model: type[models.Model]) -> Callable[[models.Model], tuple]:
    """Reads every column of a `model` row in one call, instead of a `value_from_object` per
    column (a confirmation makes its keys several times)."""
    return operator.attrgetter(*(f.attname for f in model._meta.concrete_fields))


@contextlib.contextmanager
def _sharing() -> Iterator[None]:
    """The mails of one task share what `shared_made` makes; what `shared_read` reads is
    forgotten at each `_new_batch()`."""
    if _SHARED.get() is not None:  # a task run inside another's (after commit, immediate backend)
        yield
        return
    token = _SHARED.set(_Shared())
    try:
        yield
    finally:
        _SHARED.reset(token)


def _new_batch() -> None:
    shared = _SHARED.get()
    if shared is not None:
        shared.read.clear()


def mail_organisation() -> Organisation:
    """The organisation as the mails show it: read once per batch."""
    return shared_read("organisation", Organisation.current)


# Composing ------------------------------------------------------------------------------------


def _related_objects(messages: Iterable[OutboxMessage]) -> dict[tuple[str, str], Any]:
    """The related object of each message, loaded with one query per recipe (plus the recipe's
    prefetches)."""
    wanted: dict[tuple[str, str], set[str]] = defaultdict(set)
    for message in messages:
        if message.object_type:
            wanted[(message.recipe, message.object_type)].add(message.object_id)
    found: dict[tuple[str, str], Any] = {}
    for (recipe, object_type), ids in wanted.items():
        registered = _RECIPES.get(recipe)
        loader = registered.queryset if registered and registered.queryset else None
        queryset = loader() if loader else apps.get_model(object_type)._default_manager.all()
        # One array parameter instead of a placeholder per id (see `core.bulk`'s any_of).
        key = queryset.model._meta.pk
        for obj in queryset.filter(pk__any_of=[key.to_python(pk) for pk in ids]):
            found[(object_type, str(obj.pk))] = obj
    return found


def _batches(ids: Sequence[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), BATCH_SIZE):
        yield ordered[start : start + BATCH_SIZE]


def outbox_compose_many(*, message_ids: Sequence[int]) -> int:
    """Compose stored mails that wait for it; returns how many are ready to deliver.

    A batch at a time, each in its own transaction: claimed (rows another worker holds are left
    to it), composed in memory, written with one UPDATE and one INSERT of the attachments, and
    handed to one delivery task. A batch's queries do not grow with its number of mails.
    """
    ready = 0
    with _sharing():
        for batch in _batches(message_ids):
            with collector_paused():
                ready += _compose_batch_or_one_by_one(batch)
            _collect_young()
    return ready


def _collect_young() -> None:
    """Free what a batch left in reference cycles (its rows, their related objects and
    prefetches point at each other). With the collector paused during the batch, all of it is
    young: collecting the youngest generation walks the batch's leftovers, not the whole process
    (the full passes the collector would otherwise start cost about 0.2 s per 1,000 mails)."""
    gc.collect(0)


def _compose_batch_or_one_by_one(batch: list[int]) -> int:
    try:
        with transaction.atomic():
            return _compose_batch(batch)
    except DatabaseError:
        # A recipe's query or one mail's row broke the batch's transaction (it is rolled back,
        # nothing of it was kept): compose the batch again one mail at a time, each in a
        # savepoint, so that only that mail fails.
        logger.warning("Composing mails %s..%s one by one", batch[0], batch[-1])
        with transaction.atomic():
            return _compose_one_by_one(batch)


def _claim(ids: list[int]) -> list[OutboxMessage]:
    """Lock the batch's mails that still wait to be composed; skip those another worker holds.

    Only the outbox rows are locked (no join): a related object being edited must not hide a
    mail from this run.
    """
    return list(
        OutboxMessage.objects.select_for_update(skip_locked=True)
        .filter(
            pk__any_of=ids,
            status__in=[OutboxMessage.Status.COMPOSING, OutboxMessage.Status.RENDER_FAILED],
        )
        .order_by("pk")
    )


_COMPOSED_FIELDS = ["subject", "body_text", "body_html", "status", "error", "next_attempt_at"]
_FAILED_FIELDS = ["status", "error", "attempts", "next_attempt_at"]
# Both, in the order of the array types in `_write`.
_WRITTEN_FIELDS = [
    "subject",
    "body_text",
    "body_html",
    "status",
    "error",
    "attempts",
    "next_attempt_at",
]
_WRITTEN_TEXTS = _WRITTEN_FIELDS[:5]  # the text columns


def _compose_batch(ids: list[int]) -> int:
    _new_batch()
    messages = _claim(ids)
    related = _related_objects(messages)
    attachments: list[dict[str, Any]] = []
    ready: list[int] = []
    for message in messages:
        if message.object_type and (message.object_type, message.object_id) not in related:
            # Nothing to make it from any more: no use trying again; staff close it.
            _failed(message, GONE, final=True)
            continue
        try:
            mail, subject, body_text, body_html = _make(
                message, related.get((message.object_type, message.object_id))
            )
        except DatabaseError:
            raise  # the transaction is broken: the batch is composed again one by one
        # Whatever else goes wrong in a recipe or a template (a bad title, a bug), the mail must
        # end up visible as failed, and the other mails of the batch go on.
        except Exception as exc:
            logger.exception("Mail %s (%s) could not be composed", message.pk, message.recipe)
            _failed(message, f"{type(exc).__name__}: {exc}")
            continue
        _composed(message, subject, body_text, body_html)
        attachments.extend(_attachment_rows(message, mail))
        ready.append(message.pk)
    _write(messages)
    bulk_insert(OutboxAttachment, attachments)
    if ready:
        enqueue_after_commit(deliver_outbox_messages, ready)
    return len(ready)


def _write(messages: list[OutboxMessage]) -> None:
    """Store what the batch made, composed or failed, in one statement.

    Django's bulk_update builds a CASE per field and row (most of a second for 200 mails); on
    PostgreSQL an UPDATE joined to the new values as arrays costs a few milliseconds. The
    arrays go in their text form (`pg_array`): psycopg escapes a list value by value with a
    regular expression, which for the bodies of 200 mails cost more than the UPDATE.
    """
    if not messages:
        return
    if connection.vendor != "postgresql":
        OutboxMessage.objects.bulk_update(messages, _WRITTEN_FIELDS)
        return
    table = connection.ops.quote_name(OutboxMessage._meta.db_table)
    columns = ", ".join(f"{name} = v.{name}" for name in _WRITTEN_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {columns} FROM unnest("  # noqa: S608 (our own names only)
            "%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], "
            "%s::smallint[], %s::timestamptz[]"
            f") AS v(id, {', '.join(_WRITTEN_FIELDS)}) WHERE {table}.id = v.id",
            [pg_array(m.pk for m in messages)]
            + [pg_array(getattr(m, name) for m in messages) for name in _WRITTEN_TEXTS]
            + [
                pg_array(m.attempts for m in messages),
                pg_array(_iso(m.next_attempt_at) for m in messages),
            ],
        )


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _compose_one_by_one(ids: list[int]) -> int:
    _new_batch()
    messages = _claim(ids)
    related = _related_objects(messages)
    ready: list[int] = []
    for message in messages:
        key = (message.object_type, message.object_id)
        if message.object_type and key not in related:
            _failed(message, GONE, final=True)
            message.save(update_fields=_FAILED_FIELDS)
        elif _compose(message, related.get(key), deliver=False):
            ready.append(message.pk)
    if ready:
        enqueue_after_commit(deliver_outbox_messages, ready)
    return len(ready)


def _make(message: OutboxMessage, related: models.Model | None) -> tuple[Mail, str, str, str]:
    mail = _RECIPES[message.recipe].make(related, **message.params)
    return (mail, *_render(mail))


def _render(mail: Mail) -> tuple[str, str, str]:
    context = {"organisation": mail_organisation(), "site_url": settings.SITE_URL}
    context.update(mail.context)
    return render_mail(mail.template, context)


def render_mail(template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """The subject, text and HTML of the mail `template` (its `_subject.txt`, `.txt` and `.html`)
    for `context`, in the site's language: as the outbox stores it, and as a preview shows it.

    The subject and the text are plain text, rendered with nothing escaped: a training called
    "Ouders & kinderen" must not reach an inbox as "Ouders &amp; kinderen". The HTML escapes
    what it shows, as a page does.
    """
    with translation.override(settings.LANGUAGE_CODE):
        subject, text, html = _templates(template, settings.LANGUAGE_CODE)
        subject = subject.template.render(Context(context, autoescape=False))
        body_text = text.template.render(Context(context, autoescape=False))
        body_html = html.render(context)
    return " ".join(subject.split())[:SUBJECT_MAX_LENGTH], body_text, body_html


_MAIL_TEMPLATE_SUFFIXES = ("_subject.txt", ".txt", ".html")


def _templates(name: str, language: str) -> tuple[Any, ...]:
    """A mail's subject, text and HTML templates, looked up once per task: a lookup goes
    through the engine and the loaders, and reads the active language for the loader's key."""
    return shared_made(
        lambda: ("mail templates", name, language),
        lambda: tuple(get_template(f"{name}{suffix}") for suffix in _MAIL_TEMPLATE_SUFFIXES),
    )


def _next_attempt(attempts: int) -> dt.datetime:
    delay = min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LAST_RETRY)
    return timezone.now() + delay


def _failed(message: OutboxMessage, reason: str, *, final: bool = False) -> None:
    """Mark the message as not composed, with why and when to try again (not saved)."""
    message.status = OutboxMessage.Status.RENDER_FAILED
    message.error = reason[:2000]
    message.attempts = MAX_ATTEMPTS if final else message.attempts + 1
    message.next_attempt_at = None if final else _next_attempt(message.attempts)


def _composed(message: OutboxMessage, subject: str, body_text: str, body_html: str) -> None:
    """Fill in what the recipe made (not saved)."""
    message.subject = subject
    message.body_text = body_text
    message.body_html = body_html
    message.status = OutboxMessage.Status.QUEUED
    message.error = ""
    message.next_attempt_at = None


def _attachment_rows(message: OutboxMessage, mail: Mail) -> list[dict[str, Any]]:
    """The mail's attachments as rows for `bulk_insert` (every column of OutboxAttachment)."""
    return [
        {
            "message_id": message.pk,
            "filename": a.filename,
            "mimetype": a.mimetype,
            "content": a.content,
            "content_id": a.content_id,
        }
        for a in mail.attachments
    ]


def _compose(message: OutboxMessage, related: models.Model | None, *, deliver: bool = True) -> bool:
    """Compose and store one message in a savepoint; on failure store why and try again later.

    The savepoint covers the recipe and the writes: a query that fails while rendering, or a row
    the database refuses, must not break the caller's transaction, which still has to store this
    failure (and its own change, or the other mails of its batch).
    """
    try:
        with transaction.atomic():
            mail, subject, body_text, body_html = _make(message, related)
            made = OutboxMessage(pk=message.pk)
            _composed(made, subject, body_text, body_html)
            made.save(update_fields=_COMPOSED_FIELDS)
            bulk_insert(OutboxAttachment, _attachment_rows(made, mail))
    # Whatever goes wrong in a recipe or a template (a bad title, a missing object, a bug), the
    # mail must end up visible as failed instead of taking the caller's change down with it.
    except Exception as exc:
        logger.exception("Mail %s (%s) could not be composed", message.pk, message.recipe)
        _failed(message, f"{type(exc).__name__}: {exc}")
        message.save(update_fields=_FAILED_FIELDS)
        return False
    _composed(message, subject, body_text, body_html)
    if deliver:
        enqueue_after_commit(deliver_outbox_messages, [message.pk])
    return True


# Delivering -----------------------------------------------------------------------------------


def _email(message: OutboxMessage, attachments: list[OutboxAttachment]) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        to=[message.recipient],
        reply_to=[mail_organisation().email],
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    if any(a.content_id for a in attachments):
        email.mixed_subtype = "related"
    for attachment in attachments:
        content = bytes(attachment.content)
        if attachment.content_id and attachment.mimetype.startswith("image/"):
            image = MIMEImage(content, _subtype=attachment.mimetype.split("/", 1)[1])
            image.add_header("Content-ID", f"<{attachment.content_id}>")
            image.add_header("Content-Disposition", "inline", filename=attachment.filename)
            email.attach(image)
        else:
            email.attach(attachment.filename, content, attachment.mimetype)
    return email


def outbox_deliver_many(*, message_ids: Sequence[int]) -> int:
    """Send stored messages over one connection to the mail server; returns how many went.

    Each message is locked, sent and marked sent (or failed, with the error and a time to try
    again) in a transaction of its own: the row stays locked while the mail server answers, so
    that a retry running at the same moment skips it instead of sending the mail twice, and a
    mail the server took is marked sent before the next one goes.
    """
    mailer = get_connection()
    sent = 0
    try:
        with _sharing():
            for batch in _batches(message_ids):
                _new_batch()
                attachments: dict[int, list[OutboxAttachment]] = defaultdict(list)
                for attachment in OutboxAttachment.objects.filter(message__in=batch).order_by("pk"):
                    attachments[attachment.message_id].append(attachment)
                for pk in batch:
                    sent += _deliver(pk, attachments[pk], mailer)
    finally:
        with contextlib.suppress(Exception):  # every mail is marked already; nothing to lose
            mailer.close()
    return sent


@transaction.atomic
def _deliver(pk: int, attachments: list[OutboxAttachment], mailer: BaseEmailBackend) -> bool:
    message = (
        OutboxMessage.objects.select_for_update(skip_locked=True)
        .filter(pk=pk, status__in=[OutboxMessage.Status.QUEUED, OutboxMessage.Status.FAILED])
        .first()
    )
    if message is None:  # sent, being sent by another worker, or not composed
        return False
    try:
        _send(mailer, _email(message, attachments))
    except Exception as exc:  # any transport error must end up visible in the outbox
        with contextlib.suppress(Exception):
            mailer.close()  # the next mail starts a new conversation with the server
        message.status = OutboxMessage.Status.FAILED
        message.error = f"{type(exc).__name__}: {exc}"[:2000]
        message.attempts += 1
        message.next_attempt_at = _next_attempt(message.attempts)
        message.save(update_fields=["status", "error", "attempts", "next_attempt_at"])
        return False
    message.status = OutboxMessage.Status.SENT
    message.sent_at = timezone.now()
    message.error = ""
    message.next_attempt_at = None
    message.save(update_fields=["status", "sent_at", "error", "next_attempt_at"])
    return True


def _send(mailer: BaseEmailBackend, email: EmailMultiAlternatives) -> None:
    """Send over the open connection, opening it for the first mail (or after a failure).

    A server may close a connection that carried earlier mails (an idle time-out, a limit of
    mails per connection) without having taken this one: it is sent once more on a new
    connection instead of being marked failed.
    """
    reused = mailer.open() is False  # the SMTP backend answers False when already open
    try:
        mailer.send_messages([email])
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPResponseException) as exc:
        closing = isinstance(exc, smtplib.SMTPServerDisconnected) or exc.smtp_code == 421
        if not (reused and closing):
            raise
        with contextlib.suppress(Exception):
            mailer.close()
        mailer.open()
        mailer.send_messages([email])


@dataclass(frozen=True)
class RetryOutcome:
    composed: int
    delivered: int
    still_failing: int


def outbox_retry(*, now: dt.datetime | None = None) -> RetryOutcome:
    """Take up what failed or was left behind: mails that could not be composed, deliveries
    that failed, and stored mails whose task was lost. Each waits its turn (`next_attempt_at`)
    and stops after `MAX_ATTEMPTS`, after which only the retry button starts it again."""
    now = now or timezone.now()
    stale = now - STALE_AFTER
    due = Q(next_attempt_at__lte=now, attempts__lt=MAX_ATTEMPTS)
    Status = OutboxMessage.Status
    to_compose = OutboxMessage.objects.filter(
        Q(status=Status.RENDER_FAILED) & due
        | Q(status=Status.COMPOSING, created_at__lt=stale, attempts=0)
    ).values_list("pk", flat=True)
    composed = outbox_compose_many(message_ids=list(to_compose))
    to_deliver = OutboxMessage.objects.filter(
        Q(status=Status.FAILED) & due | Q(status=Status.QUEUED, created_at__lt=stale)
    ).values_list("pk", flat=True)
    delivered = outbox_deliver_many(message_ids=list(to_deliver))
    still = OutboxMessage.objects.filter(status__in=[Status.FAILED, Status.RENDER_FAILED]).count()
    return RetryOutcome(composed=composed, delivered=delivered, still_failing=still)


def outbox_withdraw_unsent(
    *,
    related: type[models.Model],
    ids: Iterable[int],
    kinds: Sequence[str],
    reason: str,
    since: dt.datetime | None = None,
) -> list[tuple[str, str]]:
    """Close the mails of these kinds about these objects (stored from `since` on) that have not
    gone out, in the caller's transaction: what they would say no longer holds. Returns the kind
    and object id of each mail closed.

    A worker composing or delivering one holds its row: the lock waits for it, then leaves a
    mail that went out in the meantime as it is.
    """
    unsent = OutboxMessage.objects.filter(
        object_type=related._meta.label_lower,
        object_id__any_of=[str(pk) for pk in ids],
        kind__in=kinds,
    ).exclude(status__in=[OutboxMessage.Status.SENT, OutboxMessage.Status.DISMISSED])
    if since is not None:
        unsent = unsent.filter(created_at__gte=since)
    closed = list(unsent.select_for_update().values_list("pk", "kind", "object_id"))
    OutboxMessage.objects.filter(pk__any_of=[pk for pk, _kind, _id in closed]).update(
        status=OutboxMessage.Status.DISMISSED, next_attempt_at=None, error=reason
    )
    return [(kind, object_id) for _pk, kind, object_id in closed]


def outbox_viewed(
    *, message: OutboxMessage, actor: AbstractBaseUser | None, ip_address: str | None = None
) -> None:
    """Staff read a mail (to whom, about what): recorded like any look at personal data."""
    audit_record(actor=actor, action="outbox.view", obj=message, ip_address=ip_address)


@transaction.atomic
def outbox_dismiss(*, message: OutboxMessage, actor: AbstractBaseUser | None) -> OutboxMessage:
    """Staff close a failed mail that will not go (its registration is gone, the address is
    wrong and the person was phoned): it is no longer tried nor counted as failed."""
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.status not in OutboxMessage.FAILED_STATUSES:
        return message
    audit_record(
        actor=actor,
        action="outbox.dismissed",
        obj=message,
        data={"from": message.status, "to": OutboxMessage.Status.DISMISSED},
    )
    message.status = OutboxMessage.Status.DISMISSED
    message.next_attempt_at = None
    message.save(update_fields=["status", "next_attempt_at"])
    return message


def outbox_retry_now(*, message: OutboxMessage, actor: AbstractBaseUser | None) -> OutboxMessage:
    """Staff start a failed mail again by hand, also after the automatic attempts ran out."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if message.status not in (OutboxMessage.Status.FAILED, OutboxMessage.Status.RENDER_FAILED):
            return message
        audit_record(actor=actor, action="outbox.retried", obj=message)
        if message.status == OutboxMessage.Status.RENDER_FAILED:
            outbox_compose_many(message_ids=[message.pk])
            message.refresh_from_db()
            return message
    outbox_deliver_many(message_ids=[message.pk])
    message.refresh_from_db()
    return message
