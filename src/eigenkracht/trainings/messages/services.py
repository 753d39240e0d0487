"""Writing to a training's participants: who gets it, checking and previewing the text, sending."""

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import audit_record
from eigenkracht.core.outbox import (
    LaterMail,
    Mail,
    mail_organisation,
    mail_recipe,
    outbox_queue_later,
    shared_read,
)
from eigenkracht.trainings.emails import registration_context, registrations_for_mail
from eigenkracht.trainings.mail_templates.kinds import PLACEHOLDERS, MailKind, mail_language
from eigenkracht.trainings.models import Registration, Training, TrainingMessage

RECIPE = "training_message"
LANGUAGES = ("nl", "fr", "en")
# What a mail to participants can say: who they are, their registration, the training.
MESSAGE = MailKind(
    "training_message",
    (
        "voornaam",
        "familienaam",
        "naam",
        "code",
        "vorming",
        "eerste_datum",
        "sessies",
        "locatie",
        "deelnemers",
        "aantal_deelnemers",
        "inschrijving_link",
        "te_betalen",
        "betaald",
        "nog_te_betalen",
        "mededeling",
        "betalen_voor",
        "organisatie",
        "organisatie_email",
    ),
)
AUDIENCE_STATUSES = {
    TrainingMessage.Audience.ACTIVE: Registration.ACTIVE_STATUSES,
    TrainingMessage.Audience.CONFIRMED: (Registration.Status.CONFIRMED,),
    TrainingMessage.Audience.PENDING: (Registration.Status.PENDING,),
    TrainingMessage.Audience.WAITING: (Registration.Status.WAITING,),
}


class MessageInvalid(ValueError):
    """The text has placeholder problems: `problems` maps a field name to its messages."""

    def __init__(self, problems: dict[str, list[str]]) -> None:
        super().__init__("; ".join(m for messages in problems.values() for m in messages))
        self.problems = problems


class AlreadySent(Exception):
    """The preview this send comes from was sent before (the same form sent twice)."""


def send_key_read(value: str | None) -> uuid.UUID | None:
    """The preview's one-time key as sent back with the form; None when absent or not a key."""
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


def placeholders() -> list:
    return [PLACEHOLDERS[name] for name in MESSAGE.placeholders]


def audience_registrations(training: Training, audience: str) -> QuerySet[Registration]:
    # An anonymised registration has no address left to write to.
    return training.registrations.filter(
        status__in=AUDIENCE_STATUSES[audience], anonymised_at__isnull=True
    ).order_by("pk")


def audience_counts(training: Training) -> dict[str, int]:
    """How many registrations each choice reaches (one query)."""
    statuses = list(
        training.registrations.filter(anonymised_at__isnull=True).values_list("status", flat=True)
    )
    return {
        audience: sum(1 for status in statuses if status in wanted)
        for audience, wanted in AUDIENCE_STATUSES.items()
    }


def message_texts(message: TrainingMessage) -> dict[str, tuple[str, str]]:
    return {
        language: (getattr(message, f"subject_{language}"), getattr(message, f"body_{language}"))
        for language in LANGUAGES
    }


def message_digest(message: TrainingMessage) -> str:
    """Names exactly what the office previewed (audience and texts): sending another version
    shows the preview again."""
    parts = [message.audience, *(t for pair in message_texts(message).values() for t in pair)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def message_check(texts: Mapping[str, tuple[str, str]]) -> None:
    """Dutch is required; French and English go together or not at all."""
    problems: dict[str, list[str]] = {}
    for language, (subject, body) in texts.items():
        if language != "nl" and not subject and not body:
            continue
        if language != "nl" and not (subject and body):
            problems[f"body_{language}"] = [_("Vul onderwerp én tekst in, of laat beide leeg.")]
            continue
        # Loaded when used, as in `mail_templates.services`: this module registers its mail in
        # every process.
        from eigenkracht.trainings.mail_templates import rendering

        found = rendering.check(mail=MESSAGE, subject=subject, body=body)
        if found.subject:
            problems[f"subject_{language}"] = found.subject
        if found.body:
            problems[f"body_{language}"] = found.body
    if problems:
        raise MessageInvalid(problems)


@dataclass(frozen=True)
class Preview:
    subject: str
    text: str
    html: str
    recipient: str


def message_preview(*, message: TrainingMessage, registration: Registration) -> Preview:
    mail = _compose(message, registration)
    return Preview(
        subject=mail.context["custom_subject"],
        text=mail.context["custom_text"],
        html=mail.context["custom_html"],
        recipient=registration.email,
    )


@transaction.atomic
def training_message_send(
    *,
    training: Training,
    message: TrainingMessage,
    actor: User | None,
    send_key: uuid.UUID | None = None,
) -> TrainingMessage:
    """Store the message and one mail per registration of its audience, together. A `send_key`
    (the preview's) sends at most once: a second send with it raises AlreadySent."""
    message_check(message_texts(message))
    registrations = list(
        audience_registrations(training, message.audience).values_list("pk", "email")
    )
    message.training = training
    message.recipients = len(registrations)
    message.created_by = actor
    message.send_key = send_key
    try:
        # The key's unique index lets one send through, also of two at once.
        with transaction.atomic():
            message.save()
    except IntegrityError:
        raise AlreadySent from None
    outbox_queue_later(
        [
            LaterMail(
                kind=RECIPE,
                recipe=RECIPE,
                recipient=email,
                related=Registration,
                related_id=pk,
                params={"message": message.pk},
            )
            for pk, email in registrations
        ]
    )
    audit_record(
        actor=actor,
        action="training.message_sent",
        obj=training,
        data={"audience": message.audience, "recipients": len(registrations)},
    )
    return message


def _compose(message: TrainingMessage, registration: Registration) -> Mail:
    language, subject, body = message.text_for(mail_language(registration.language))
    from eigenkracht.trainings.mail_templates import rendering  # loaded when used, as above

    context = {"organisation": mail_organisation(), **registration_context(registration)}
    rendered = rendering.render(
        mail=MESSAGE, language=language, subject=subject, body=body, context=context
    )
    return Mail("trainings/emails/custom", {**context, **rendered.template_context()})


@mail_recipe(RECIPE, queryset=registrations_for_mail)
def message_mail(registration: Registration, *, message: int) -> Mail:
    found = shared_read(
        f"training message {message}", lambda: TrainingMessage.objects.get(pk=message)
    )
    return _compose(found, registration)
