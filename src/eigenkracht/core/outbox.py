"""The outbox: every e-mail is stored first, then delivered from what was stored.

A mail is stored together with how to make it: a *recipe* (a registered function that turns the
related object and a few plain parameters into a template, a context and attachments). So:
- the row is written in the caller's transaction, with the state change that implies the mail
  (a flag such as `confirmation_sent_at` and its mail exist together or not at all);
- a mail that fails to render is stored as "Opmaak mislukt" with the reason, shown in the back
  office, and composed again by `run_periodic` from the recipe; it is never lost;
- mails for thousands of rows can be stored at once (`outbox_queue_later`) and composed by a task
  after commit, so a bank statement does not render thousands of mails in the request;
- delivery runs after commit, one worker at a time per message; a failed delivery stays visible
  and is tried again later.
"""

import datetime as dt
import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from email.mime.image import MIMEImage
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMultiAlternatives
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import Organisation, OutboxAttachment, OutboxMessage
from eigenkracht.core.tasks import (
    compose_outbox_messages,
    deliver_outbox_message,
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
    commit. Should that task be lost, `run_periodic` composes them (`outbox_retry`)."""
    if not mails:
        return
    rows = []
    for mail in mails:
        message = _new_message(
            kind=mail.kind,
            recipe=mail.recipe,
            recipient=mail.recipient,
            related=None,
            params=mail.params,
            confidential=False,
        )
        message.object_type = mail.related._meta.label_lower
        message.object_id = str(mail.related_id)
        rows.append(message)
    # PostgreSQL and SQLite (3.35+) return the new ids from a bulk insert.
    ids = [message.pk for message in OutboxMessage.objects.bulk_create(rows, batch_size=500)]
    enqueue_after_commit(compose_outbox_messages, ids)


def _related_objects(messages: Iterable[OutboxMessage]) -> dict[tuple[str, str], Any]:
    """The related object of each message, loaded with one query per recipe."""
    wanted: dict[tuple[str, str], set[str]] = defaultdict(set)
    for message in messages:
        if message.object_type:
            wanted[(message.recipe, message.object_type)].add(message.object_id)
    found: dict[tuple[str, str], Any] = {}
    for (recipe, object_type), ids in wanted.items():
        registered = _RECIPES.get(recipe)
        loader = registered.queryset if registered and registered.queryset else None
        queryset = loader() if loader else apps.get_model(object_type)._default_manager.all()
        for obj in queryset.filter(pk__in=ids):
            found[(object_type, str(obj.pk))] = obj
    return found


def outbox_compose_many(*, message_ids: Sequence[int]) -> int:
    """Compose stored mails that wait for it; returns how many are ready to deliver."""
    messages = list(
        OutboxMessage.objects.filter(
            pk__in=message_ids,
            status__in=[OutboxMessage.Status.COMPOSING, OutboxMessage.Status.RENDER_FAILED],
        ).order_by("pk")
    )
    related = _related_objects(messages)
    ready = 0
    for message in messages:
        with transaction.atomic():
            claimed = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk=message.pk, status=message.status)
                .first()
            )
            if claimed is None:  # someone else composes it right now, or just did
                continue
            if claimed.object_type and (claimed.object_type, claimed.object_id) not in related:
                # Nothing to make it from any more: no use trying again; staff close it.
                _compose_failed(claimed, GONE, final=True)
                continue
            obj = related.get((claimed.object_type, claimed.object_id))
            ready += _compose(claimed, obj)
    return ready


def _render(mail: Mail) -> tuple[str, str, str]:
    context = {"organisation": Organisation.current(), "site_url": settings.SITE_URL}
    context.update(mail.context)
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{mail.template}_subject.txt", context).strip()
        body_text = render_to_string(f"{mail.template}.txt", context)
        body_html = render_to_string(f"{mail.template}.html", context)
    return " ".join(subject.split())[:255], body_text, body_html


def _next_attempt(attempts: int) -> dt.datetime:
    delay = min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LAST_RETRY)
    return timezone.now() + delay


def _compose_failed(message: OutboxMessage, reason: str, *, final: bool = False) -> None:
    message.status = OutboxMessage.Status.RENDER_FAILED
    message.error = reason[:2000]
    message.attempts = MAX_ATTEMPTS if final else message.attempts + 1
    message.next_attempt_at = None if final else _next_attempt(message.attempts)
    message.save(update_fields=["status", "error", "attempts", "next_attempt_at"])


def _compose(message: OutboxMessage, related: models.Model | None) -> bool:
    """Render the stored message with its recipe; on failure store why and try again later."""
    try:
        # A savepoint: a query that fails while rendering must not break the caller's
        # transaction, which still has to store this failure (and its own change).
        with transaction.atomic():
            mail = _RECIPES[message.recipe].make(related, **message.params)
            subject, body_text, body_html = _render(mail)
    # Whatever goes wrong in a recipe or a template (a bad title, a missing object, a bug), the
    # mail must end up visible as failed instead of taking the caller's change down with it.
    except Exception as exc:
        logger.exception("Mail %s (%s) could not be composed", message.pk, message.recipe)
        _compose_failed(message, f"{type(exc).__name__}: {exc}")
        return False
    message.subject = subject
    message.body_text = body_text
    message.body_html = body_html
    message.status = OutboxMessage.Status.QUEUED
    message.error = ""
    message.next_attempt_at = None
    message.save(
        update_fields=["subject", "body_text", "body_html", "status", "error", "next_attempt_at"]
    )
    OutboxAttachment.objects.bulk_create(
        OutboxAttachment(
            message=message,
            filename=a.filename,
            mimetype=a.mimetype,
            content=a.content,
            content_id=a.content_id,
        )
        for a in mail.attachments
    )
    enqueue_after_commit(deliver_outbox_message, message.pk)
    return True


def _email(message: OutboxMessage) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        to=[message.recipient],
        reply_to=[Organisation.current().email],
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    attachments = list(message.attachments.all())
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


@transaction.atomic
def outbox_deliver(*, message_id: int) -> OutboxMessage | None:
    """Send one stored message; mark it sent, or failed with the error and a time to try again.

    The row stays locked while the mail server answers, so that a retry running at the same
    moment skips it instead of sending the mail twice.
    """
    message = (
        OutboxMessage.objects.select_for_update(skip_locked=True)
        .filter(
            pk=message_id, status__in=[OutboxMessage.Status.QUEUED, OutboxMessage.Status.FAILED]
        )
        .first()
    )
    if message is None:
        return None
    try:
        _email(message).send()
    except Exception as exc:  # any transport error must end up visible in the outbox
        message.status = OutboxMessage.Status.FAILED
        message.error = f"{type(exc).__name__}: {exc}"[:2000]
        message.attempts += 1
        message.next_attempt_at = _next_attempt(message.attempts)
        message.save(update_fields=["status", "error", "attempts", "next_attempt_at"])
        return message
    message.status = OutboxMessage.Status.SENT
    message.sent_at = timezone.now()
    message.error = ""
    message.next_attempt_at = None
    message.save(update_fields=["status", "sent_at", "error", "next_attempt_at"])
    return message


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
    delivered = 0
    for pk in list(to_deliver):
        message = outbox_deliver(message_id=pk)
        delivered += message is not None and message.status == Status.SENT
    still = OutboxMessage.objects.filter(status__in=[Status.FAILED, Status.RENDER_FAILED]).count()
    return RetryOutcome(composed=composed, delivered=delivered, still_failing=still)


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
    return outbox_deliver(message_id=message.pk) or message
