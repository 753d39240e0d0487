"""The outbox: every e-mail is stored first, then delivered from what was stored.

Storing and delivering are separate steps so that staff can always answer "did they get the
mail?" and a failed delivery is visible instead of lost.
"""

from dataclasses import dataclass
from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from eigenkracht.core.models import Organisation, OutboxAttachment, OutboxMessage


@dataclass(frozen=True)
class Attachment:
    filename: str
    mimetype: str
    content: bytes
    content_id: str = ""


def outbox_queue(
    *,
    kind: str,
    recipient: str,
    template: str,
    context: dict,
    attachments: list[Attachment] | tuple[Attachment, ...] = (),
    related: models.Model | None = None,
    confidential: bool = False,
) -> OutboxMessage:
    """Render `<template>_subject.txt`, `.txt` and `.html`, store them and deliver after commit."""
    context = {"organisation": Organisation.current(), "site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body_text = render_to_string(f"{template}.txt", context)
        body_html = render_to_string(f"{template}.html", context)
    message = OutboxMessage.objects.create(
        kind=kind,
        recipient=recipient,
        subject=" ".join(subject.split()),
        body_text=body_text,
        body_html=body_html,
        object_type=related._meta.label_lower if related is not None else "",
        object_id=str(related.pk) if related is not None else "",
        confidential=confidential,
    )
    OutboxAttachment.objects.bulk_create(
        OutboxAttachment(
            message=message,
            filename=a.filename,
            mimetype=a.mimetype,
            content=a.content,
            content_id=a.content_id,
        )
        for a in attachments
    )
    from eigenkracht.core.tasks import deliver_outbox_message

    transaction.on_commit(lambda: deliver_outbox_message.enqueue(message.pk))
    return message


def outbox_deliver(*, message_id: int) -> OutboxMessage:
    """Send one stored message; mark it sent or failed with the error."""
    message = OutboxMessage.objects.prefetch_related("attachments").get(pk=message_id)
    if message.status == OutboxMessage.Status.SENT:
        return message
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
    try:
        email.send()
    except Exception as exc:  # any transport error must end up visible in the outbox
        message.status = OutboxMessage.Status.FAILED
        message.error = f"{type(exc).__name__}: {exc}"[:2000]
        message.save(update_fields=["status", "error"])
        return message
    message.status = OutboxMessage.Status.SENT
    message.sent_at = timezone.now()
    message.error = ""
    message.save(update_fields=["status", "sent_at", "error"])
    return message
