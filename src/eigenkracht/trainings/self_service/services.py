"""What a registrant can do on their own page: update contact details and cancel."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core import formatting
from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import Organisation
from eigenkracht.core.outbox import Mail, mail_recipe, outbox_send
from eigenkracht.trainings import rules
from eigenkracht.trainings.emails import (
    journey_mail,
    registration_context,
    registrations_for_mail,
)
from eigenkracht.trainings.models import Registration, Training
from eigenkracht.trainings.services import TransitionNotAllowed, registration_cancel
from eigenkracht.trainings.signals import CancelledBy

CONTACT_FIELDS = ("phone", "organisation", "job", "remarks", "language")
CANCEL_REASON = "Geannuleerd door de deelnemer"


def cancellation_deadline(
    registration: Registration, *, organisation: Organisation | None = None
) -> dt.date | None:
    """The last day on which the registrant can still cancel; None without sessions."""
    first = registration.training.sessions.order_by("date").values_list("date", flat=True).first()
    if first is None:
        return None
    organisation = organisation or Organisation.current()
    return first - dt.timedelta(days=organisation.cancellation_days_before)


def cancellation_refused_reason(registration: Registration, *, today: dt.date | None = None) -> str:
    """Why this registration cannot be cancelled by the registrant, or "" when it can."""
    if not registration.is_active:
        return _("Deze inschrijving is niet meer actief.")
    if registration.training.status == Training.Status.CANCELLED:
        return _("Deze vorming gaat niet door: je hoeft niets te annuleren.")
    deadline = cancellation_deadline(registration)
    today = today or timezone.localdate()
    if deadline is None or today > deadline:
        return _("Annuleren kan niet meer: de vorming begint binnenkort. Neem contact met ons op.")
    return ""


def refund_text(registration: Registration, *, organisation: Organisation | None = None) -> str:
    """What cancelling now means for the money, as the refund that cancelling creates."""
    # What was paid for this registration: after a move to a cheaper date the difference is
    # refunded already and is not part of what cancelling gives back.
    paid = min(registration.amount_paid_cents, registration.amount_due_cents)
    if paid <= 0:
        return _("Je hebt nog niets betaald, er volgt geen terugbetaling.")
    organisation = organisation or Organisation.current()
    refund = rules.cancellation_refund_cents(
        paid_cents=paid, percent=organisation.cancellation_refund_percent
    )
    # Whoever paid (the registrant, or an employer after an invoice) gets it back: the sentence
    # says what was paid, not who paid it.
    if refund <= 0:
        return _("Er is %(paid)s betaald; bij annuleren betalen we niets terug.") % {
            "paid": formatting.euro(paid)
        }
    values = {
        "paid": formatting.euro(paid),
        "refund": formatting.euro(refund),
        "days": organisation.refund_term_days,
    }
    if refund < paid:
        return (
            _("Er is %(paid)s betaald; we storten %(refund)s terug binnen %(days)s dagen.") % values
        )
    return _("Er is %(paid)s betaald; we storten dat terug binnen %(days)s dagen.") % values


@transaction.atomic
def registration_update_contact(
    *, registration: Registration, data: Mapping[str, Any], actor: User | None = None
) -> Registration:
    """Save phone, organisation, job and remarks; the audit entry holds what changed."""
    unknown = set(data) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"Not an editable contact field: {', '.join(sorted(unknown))}")
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise TransitionNotAllowed(_("Deze inschrijving is niet meer actief."))
    changes: dict[str, dict[str, str]] = {}
    for name, value in data.items():
        old, new = str(getattr(registration, name) or ""), str(value or "")
        if old != new:
            changes[name] = {"old": old, "new": new}
            setattr(registration, name, new)
    if changes:
        registration.save(update_fields=list(changes))
        audit_record(
            actor=actor, action="registration.contact_updated", obj=registration, data=changes
        )
    return registration


def registration_cancel_by_registrant(*, registration: Registration) -> Registration:
    reason = cancellation_refused_reason(registration)
    if reason:
        raise TransitionNotAllowed(reason)
    registration = registration_cancel(
        registration=registration,
        actor=None,
        reason=CANCEL_REASON,
        cancelled_by=CancelledBy.REGISTRANT,
    )
    send_cancelled_by_registrant(registration)
    return registration


@mail_recipe("registration_cancelled", queryset=registrations_for_mail)
def cancelled_mail(registration: Registration) -> Mail:
    return journey_mail(
        "cancelled",
        language=registration.language,
        context={**registration_context(registration), "refund_text": refund_text(registration)},
    )


def send_cancelled_by_registrant(registration: Registration) -> None:
    outbox_send(
        kind="registration_cancelled",
        recipe="registration_cancelled",
        recipient=registration.email,
        related=registration,
    )
