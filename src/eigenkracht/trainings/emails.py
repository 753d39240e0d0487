"""The mails of the registration journey. Each is stored in the outbox and delivered from there."""

from django.conf import settings
from django.urls import reverse

from eigenkracht.core.models import Organisation
from eigenkracht.core.outbox import Attachment, outbox_queue
from eigenkracht.payments.epc import epc_qr_png
from eigenkracht.payments.ogm import ogm_display
from eigenkracht.trainings.ical import trainings_ical
from eigenkracht.trainings.models import Registration


def registration_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse("trainings:registration", args=[registration.token])


def _context(registration: Registration) -> dict:
    training = registration.training
    return {
        "registration": registration,
        "training": training,
        "sessions": list(training.sessions.all()),
        "participants": list(registration.participants.all()),
        "registration_url": registration_url(registration),
        "ogm": ogm_display(registration.structured_communication),
    }


def _send_with_payment_instructions(
    registration: Registration, *, kind: str, template: str
) -> None:
    """A mail with what is still open, how to pay it, and the EPC QR code inline."""
    organisation = Organisation.current()
    qr = epc_qr_png(
        beneficiary=organisation.beneficiary,
        iban=organisation.iban,
        bic=organisation.bic,
        amount_cents=registration.amount_open_cents,
        ogm=registration.structured_communication,
    )
    outbox_queue(
        kind=kind,
        recipient=registration.email,
        template=f"trainings/emails/{template}",
        context=_context(registration),
        attachments=[Attachment("betalen.png", "image/png", qr, content_id="epc-qr")],
        related=registration,
    )


def send_received(registration: Registration) -> None:
    _send_with_payment_instructions(registration, kind="registration_received", template="received")


def send_waiting_list(registration: Registration) -> None:
    outbox_queue(
        kind="registration_waiting",
        recipient=registration.email,
        template="trainings/emails/waiting",
        context=_context(registration),
        related=registration,
    )


def send_confirmed(registration: Registration) -> None:
    training = registration.training
    ics = trainings_ical([training], name=training.title)
    outbox_queue(
        kind="registration_confirmed",
        recipient=registration.email,
        template="trainings/emails/confirmed",
        context=_context(registration),
        attachments=[Attachment("vorming.ics", "text/calendar", ics)],
        related=registration,
    )


def send_link_reminder(registration: Registration, *, recipient: str) -> None:
    outbox_queue(
        kind="registration_link",
        recipient=recipient,
        template="trainings/emails/link",
        context=_context(registration),
        related=registration,
    )


def send_training_cancelled(registration: Registration, *, reason: str) -> None:
    outbox_queue(
        kind="training_cancelled",
        recipient=registration.email,
        template="trainings/emails/training_cancelled",
        context={**_context(registration), "reason": reason},
        related=registration,
    )


def send_partially_paid(registration: Registration) -> None:
    _send_with_payment_instructions(
        registration, kind="registration_partially_paid", template="partially_paid"
    )


def send_payment_reminder(registration: Registration) -> None:
    _send_with_payment_instructions(registration, kind="registration_reminder", template="reminder")


def send_expired(registration: Registration) -> None:
    outbox_queue(
        kind="registration_expired",
        recipient=registration.email,
        template="trainings/emails/expired",
        context=_context(registration),
        related=registration,
    )


def offer_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse(
        "trainings:self_service:accept_offer", args=[registration.token]
    )


def send_waiting_list_offer(registration: Registration) -> None:
    outbox_queue(
        kind="waiting_list_offer",
        recipient=registration.email,
        template="trainings/emails/offer",
        context={**_context(registration), "offer_url": offer_url(registration)},
        related=registration,
    )


def send_waiting_list_offer_lapsed(registration: Registration) -> None:
    outbox_queue(
        kind="waiting_list_offer_lapsed",
        recipient=registration.email,
        template="trainings/emails/offer_lapsed",
        context=_context(registration),
        related=registration,
    )
