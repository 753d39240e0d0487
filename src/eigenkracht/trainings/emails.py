"""The mails of the registration journey. Each is stored in the outbox and delivered from there.

For the mails the office can edit (see `mail_templates.kinds`), the office's text in the
registrant's language is used when there is one; otherwise the built-in Dutch mail goes out.
Attachments (the EPC QR image, the .ics file, the certificate) go with either.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from eigenkracht.core.models import Organisation, OutboxMessage
from eigenkracht.core.outbox import Attachment, outbox_queue
from eigenkracht.payments.epc import epc_qr_png
from eigenkracht.payments.ogm import ogm_display
from eigenkracht.trainings.ical import trainings_ical
from eigenkracht.trainings.mail_templates import rendering
from eigenkracht.trainings.mail_templates.kinds import MAIL_KINDS, mail_language
from eigenkracht.trainings.models import MailTemplate, Participant, Registration, Session, Training


def registration_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse("trainings:registration", args=[registration.token])


def registration_context(registration: Registration) -> dict:
    training = registration.training
    return {
        "registration": registration,
        "training": training,
        "sessions": list(training.sessions.all()),
        "participants": list(registration.participants.all()),
        "registration_url": registration_url(registration),
        "ogm": ogm_display(registration.structured_communication),
    }


def qr_attachment(registration: Registration) -> Attachment:
    """The EPC QR code for what is still open, shown inline in the mail (cid:epc-qr)."""
    organisation = Organisation.current()
    qr = epc_qr_png(
        beneficiary=organisation.beneficiary,
        iban=organisation.iban,
        bic=organisation.bic,
        amount_cents=registration.amount_open_cents,
        ogm=registration.structured_communication,
    )
    return Attachment("betalen.png", "image/png", qr, content_id="epc-qr")


def ics_attachment(training: Training) -> Attachment:
    ics = trainings_ical([training], name=training.title)
    return Attachment("vorming.ics", "text/calendar", ics)


def office_text(kind: str, language: str) -> MailTemplate | None:
    """The office's own text for this mail in this language, if it wrote one."""
    if kind not in MAIL_KINDS:
        return None
    return MailTemplate.objects.filter(kind=kind, language=mail_language(language)).first()


def queue(
    kind: str,
    *,
    outbox_kind: str,
    recipient: str,
    language: str,
    context: dict,
    attachments: list[Attachment] | tuple[Attachment, ...] = (),
    related: models.Model | None = None,
) -> OutboxMessage:
    """Store one mail in the outbox: the office's text when there is one, else the built-in."""
    text = office_text(kind, language)
    template = f"trainings/emails/{kind}"
    if text is not None:
        context = {"organisation": Organisation.current(), **context}
        rendered = rendering.render(
            mail=MAIL_KINDS[kind],
            language=text.language,
            subject=text.subject,
            body=text.body,
            context=context,
        )
        context = {**context, **rendered.template_context()}
        template = "trainings/emails/custom"
    return outbox_queue(
        kind=outbox_kind,
        recipient=recipient,
        template=template,
        context=context,
        attachments=attachments,
        related=related,
    )


def _send_with_payment_instructions(registration: Registration, *, kind: str, outbox_kind: str):
    """A mail with what is still open, how to pay it, and the EPC QR code inline."""
    queue(
        kind,
        outbox_kind=outbox_kind,
        recipient=registration.email,
        language=registration.language,
        context=registration_context(registration),
        attachments=[qr_attachment(registration)],
        related=registration,
    )


def send_received(registration: Registration) -> None:
    _send_with_payment_instructions(
        registration, kind="received", outbox_kind="registration_received"
    )


def send_waiting_list(registration: Registration) -> None:
    outbox_queue(
        kind="registration_waiting",
        recipient=registration.email,
        template="trainings/emails/waiting",
        context=registration_context(registration),
        related=registration,
    )


def send_confirmed(registration: Registration) -> None:
    queue(
        "confirmed",
        outbox_kind="registration_confirmed",
        recipient=registration.email,
        language=registration.language,
        context=registration_context(registration),
        attachments=[ics_attachment(registration.training)],
        related=registration,
    )


def send_link_reminder(registration: Registration, *, recipient: str) -> None:
    outbox_queue(
        kind="registration_link",
        recipient=recipient,
        template="trainings/emails/link",
        context=registration_context(registration),
        related=registration,
    )


def send_training_cancelled(registration: Registration, *, reason: str) -> None:
    outbox_queue(
        kind="training_cancelled",
        recipient=registration.email,
        template="trainings/emails/training_cancelled",
        context={**registration_context(registration), "reason": reason},
        related=registration,
    )


def send_partially_paid(registration: Registration) -> None:
    _send_with_payment_instructions(
        registration, kind="partially_paid", outbox_kind="registration_partially_paid"
    )


def send_payment_reminder(registration: Registration) -> None:
    _send_with_payment_instructions(
        registration, kind="reminder", outbox_kind="registration_reminder"
    )


def send_expired(registration: Registration) -> None:
    queue(
        "expired",
        outbox_kind="registration_expired",
        recipient=registration.email,
        language=registration.language,
        context=registration_context(registration),
        related=registration,
    )


def offer_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse(
        "trainings:self_service:accept_offer", args=[registration.token]
    )


def offer_context(registration: Registration) -> dict:
    return {**registration_context(registration), "offer_url": offer_url(registration)}


def send_waiting_list_offer(registration: Registration) -> None:
    queue(
        "offer",
        outbox_kind="waiting_list_offer",
        recipient=registration.email,
        language=registration.language,
        context=offer_context(registration),
        related=registration,
    )


def send_waiting_list_offer_lapsed(registration: Registration) -> None:
    outbox_queue(
        kind="waiting_list_offer_lapsed",
        recipient=registration.email,
        template="trainings/emails/offer_lapsed",
        context=registration_context(registration),
        related=registration,
    )


def certificate_context(
    participant: Participant, training: Training, sessions: list[Session]
) -> dict:
    return {"participant": participant, "training": training, "sessions": sessions}


def send_certificate(
    participant: Participant,
    *,
    training: Training,
    sessions: list[Session],
    pdf: bytes,
    language: str,
) -> OutboxMessage:
    """The certificate of attendance, in the language of the registration the seat belongs to."""
    return queue(
        "certificate",
        outbox_kind="certificate",
        recipient=participant.email,
        language=language,
        context=certificate_context(participant, training, sessions),
        attachments=[Attachment(f"attest-{training.pk}.pdf", "application/pdf", pdf)],
        related=participant,
    )
