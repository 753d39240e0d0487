"""The office's mail texts: reading them for the pages, saving, resetting, previewing, testing."""

import base64
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import actor_or_none, audit_record
from eigenkracht.core.models import Organisation, OutboxMessage
from eigenkracht.core.outbox import Attachment, Mail, mail_recipe, outbox_send, render_mail
from eigenkracht.trainings import emails
from eigenkracht.trainings.mail_templates.kinds import MAIL_KINDS, Kind, Language, MailKind
from eigenkracht.trainings.mail_templates.starters import STARTERS
from eigenkracht.trainings.models import MailTemplate, Participant, Registration, Training

if TYPE_CHECKING:
    from eigenkracht.trainings.mail_templates import rendering

PREVIEW_CHOICES = 50  # the latest registrations offered for a preview
TEST_KIND = "mail_template_test"


class MailTemplateInvalid(ValueError):
    """The text has placeholders that do not exist (or misses one it needs)."""

    def __init__(self, problems: "rendering.Problems") -> None:
        super().__init__(" ".join([*problems.subject, *problems.body]))
        self.problems = problems


# Reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    language: str
    label: str
    text: MailTemplate | None


@dataclass(frozen=True)
class Row:
    mail: MailKind
    cells: list[Cell]


def mail_template_overview() -> list[Row]:
    """Every editable mail with, per language, the office's text or None (the standard)."""
    texts = {
        (t.kind, t.language): t for t in MailTemplate.objects.select_related("updated_by").all()
    }
    return [
        Row(
            mail=mail,
            cells=[
                Cell(language, label, texts.get((mail.kind, language)))
                for language, label in Language.choices
            ],
        )
        for mail in MAIL_KINDS.values()
    ]


def mail_kind_or_none(kind: str, language: str) -> MailKind | None:
    if kind not in MAIL_KINDS or language not in Language.values:
        return None
    return MAIL_KINDS[kind]


def mail_template_get(kind: str, language: str) -> MailTemplate | None:
    return (
        MailTemplate.objects.select_related("updated_by")
        .filter(kind=kind, language=language)
        .first()
    )


def starter_text(kind: str, language: str) -> tuple[str, str]:
    return STARTERS[(Kind(kind), Language(language))]


def preview_registrations() -> QuerySet[Registration]:
    return Registration.objects.select_related("training").order_by("-created_at", "-id")[
        :PREVIEW_CHOICES
    ]


def preview_registration(pk: Any, *, asks_payment: bool = False) -> Registration | None:
    """A registration with what the mails need; when `pk` is empty or unknown, the latest one,
    and for a mail that `asks_payment` the latest that still has something to pay (a paid one
    would show "niets te betalen" where the office expects its payment details)."""
    queryset = Registration.objects.select_related("training__venue").prefetch_related(
        "participants", "training__sessions"
    )
    registration = None
    if pk:
        try:
            registration = queryset.filter(pk=int(pk)).first()
        except (TypeError, ValueError):
            registration = None
    latest = queryset.order_by("-created_at", "-id")
    if registration is None and asks_payment:  # Registration.payment_open, as a query
        registration = (
            latest.filter(
                status__in=Registration.SEAT_HOLDING_STATUSES,
                amount_paid_cents__lt=F("amount_due_cents"),
            )
            .exclude(training__status=Training.Status.CANCELLED)
            .first()
        )
    return registration or latest.first()


# Rendering -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    """The mail as it would be stored. Not safe to place in a page as is: escape every part."""

    subject: str
    text: str
    html: str  # the whole mail as it is sent, for a sandboxed frame


def _context(mail: MailKind, registration: Registration) -> dict:
    """What the mail of this kind would be sent with, for this registration."""
    if mail.kind == Kind.CERTIFICATE:
        training = registration.training
        participant = next(iter(emails.participants_of(registration)), None) or Participant(
            registration=registration,
            training=training,
            first_name=registration.first_name,
            last_name=registration.last_name,
            email=registration.email,
        )
        context = emails.certificate_context(participant, training, list(training.sessions.all()))
    elif mail.kind == Kind.OFFER:
        context = emails.offer_context(registration)
    else:
        context = emails.registration_context(registration)
    return {"organisation": Organisation.current(), "site_url": settings.SITE_URL, **context}


def _attachments(mail: MailKind, registration: Registration, context: dict) -> list[Attachment]:
    if mail.with_qr:
        return emails.qr_attachments(registration)
    if mail.kind == Kind.CONFIRMED:
        return [emails.ics_attachment(registration.training)]
    if mail.kind == Kind.CERTIFICATE:
        # Loaded when used: fpdf2 and its fonts cost a third of a second at every start-up.
        from eigenkracht.trainings.attendance.pdf import certificate_pdf

        training = context["training"]
        pdf = certificate_pdf(
            participant=context["participant"], training=training, sessions=context["sessions"]
        )
        return [Attachment(f"attest-{training.pk}.pdf", "application/pdf", pdf)]
    return []


def _render_files(template: str, context: dict) -> Preview:
    """What `outbox_queue` stores for this template and context."""
    subject, text, html = render_mail(template, context)
    return Preview(subject=subject, text=text, html=html)


def _render_office_text(
    mail: MailKind, *, language: str, subject: str, body: str, context: dict
) -> dict:
    # Loaded when used: the renderer costs every start-up 7 ms, and this module is loaded in every
    # process for its test mail.
    from eigenkracht.trainings.mail_templates import rendering

    rendered = rendering.render(
        mail=mail, language=language, subject=subject, body=body, context=context
    )
    return {**context, **rendered.template_context()}


def _with_qr_shown(preview: Preview, mail: MailKind, registration: Registration) -> Preview:
    """A mail client shows the attached QR code (cid:epc-qr); the preview gets it inline."""
    qr = emails.qr_attachments(registration) if mail.with_qr else []
    if not qr:
        return preview
    png = qr[0].content
    data = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return replace(preview, html=preview.html.replace('src="cid:epc-qr"', f'src="{data}"'))


def preview_office_text(
    *, mail: MailKind, language: str, subject: str, body: str, registration: Registration
) -> Preview:
    context = _context(mail, registration)
    context = _render_office_text(
        mail, language=language, subject=subject, body=body, context=context
    )
    preview = _render_files("trainings/emails/custom", context)
    return _with_qr_shown(preview, mail, registration)


def preview_standard(*, mail: MailKind, registration: Registration) -> Preview:
    preview = _render_files(f"trainings/emails/{mail.kind}", _context(mail, registration))
    return _with_qr_shown(preview, mail, registration)


# Changes ---------------------------------------------------------------------------------------


def _check(mail: MailKind, subject: str, body: str) -> None:
    from eigenkracht.trainings.mail_templates import rendering  # loaded when used, as above

    problems = rendering.check(mail=mail, subject=subject, body=body)
    if problems:
        raise MailTemplateInvalid(problems)


@transaction.atomic
def mail_template_save(
    *, mail: MailKind, language: str, subject: str, body: str, actor: User | None
) -> MailTemplate:
    """Store the office's text for this mail and language; it goes out from now on."""
    _check(mail, subject, body)
    text = (
        MailTemplate.objects.select_for_update().filter(kind=mail.kind, language=language).first()
    )
    before = None if text is None else {"subject": text.subject, "body": text.body}
    if text is None:
        text = MailTemplate(kind=mail.kind, language=language)
    text.subject = subject
    text.body = body
    text.updated_by = actor_or_none(actor)
    text.save()
    audit_record(
        actor=actor,
        action="mail_template.created" if before is None else "mail_template.updated",
        obj=text,
        data={
            "kind": mail.kind,
            "language": language,
            "before": before,
            "after": {"subject": subject, "body": body},
        },
    )
    return text


@transaction.atomic
def mail_template_reset(*, mail: MailKind, language: str, actor: User | None) -> bool:
    """Back to the standard mail: the office's text is removed (and kept in the audit log)."""
    text = (
        MailTemplate.objects.select_for_update().filter(kind=mail.kind, language=language).first()
    )
    if text is None:
        return False
    audit_record(
        actor=actor,
        action="mail_template.reset",
        obj=text,
        data={
            "kind": mail.kind,
            "language": language,
            "before": {"subject": text.subject, "body": text.body},
        },
    )
    text.delete()
    return True


@mail_recipe(TEST_KIND, queryset=emails.registrations_for_mail)
def test_mail(
    registration: Registration, *, kind: str, language: str, subject: str, body: str
) -> Mail:
    """The office's text as typed (saved or not), filled in with a real registration."""
    mail = MAIL_KINDS[kind]
    context = _context(mail, registration)
    attachments = _attachments(mail, registration, context)
    context = _render_office_text(
        mail, language=language, subject=subject, body=body, context=context
    )
    context["custom_subject"] = _("[Test] %(subject)s") % {"subject": context["custom_subject"]}
    return Mail("trainings/emails/custom", context, attachments)


@transaction.atomic
def mail_template_test_send(
    *,
    mail: MailKind,
    language: str,
    subject: str,
    body: str,
    registration: Registration,
    actor: User,
) -> OutboxMessage:
    """Send the text, filled in with a real registration, to the staff member's own address."""
    _check(mail, subject, body)
    if not getattr(actor, "email", ""):
        raise ValueError("The staff member has no e-mail address")
    message = outbox_send(
        kind=TEST_KIND,
        recipe=TEST_KIND,
        recipient=actor.email,
        related=registration,
        params={"kind": mail.kind, "language": language, "subject": subject, "body": body},
    )
    audit_record(
        actor=actor,
        action="mail_template.test_sent",
        obj=registration,
        data={"kind": mail.kind, "language": language, "recipient": actor.email},
    )
    return message
