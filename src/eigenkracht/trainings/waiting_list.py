"""The waiting list: when seats free up, the first who fit get an offer valid for some hours.

An open offer holds its seats (see selectors.seat_holding_q), so nobody takes them meanwhile.
Offers are made by `run_periodic` (after expiring what came free) and by staff by hand; accepting
turns the registration into an ordinary one that waits for payment, with the usual instructions.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import Organisation
from eigenkracht.trainings import emails, rules, signals
from eigenkracht.trainings.models import Registration, Training
from eigenkracht.trainings.selectors import seats_taken
from eigenkracht.trainings.services import send_confirmation_once
from eigenkracht.trainings.transitions import TransitionNotAllowed, registration_transition


def waiting_list_order(training: Training):
    """Who waits, in the order they will get an offer."""
    return training.registrations.filter(status=Registration.Status.WAITING).order_by(
        "created_at", "pk"
    )


def _offer(registration: Registration, *, now: dt.datetime, actor: User | None) -> None:
    hours = Organisation.current().waiting_list_offer_hours
    registration.offered_at = now
    registration.offer_expires_at = now + dt.timedelta(hours=hours)
    registration.save(update_fields=["offered_at", "offer_expires_at"])
    audit_record(
        actor=actor,
        action="registration.offered",
        obj=registration,
        data={"expires_at": registration.offer_expires_at.isoformat()},
    )
    emails.send_waiting_list_offer(registration)


def _offerable(training: Training) -> bool:
    return training.status == Training.Status.PUBLISHED and bool(
        training.starts_on and training.starts_on > timezone.localdate()
    )


def waiting_list_offer_seats(*, now: dt.datetime | None = None) -> int:
    """Offer free seats to the first on each waiting list whose group fits."""
    now = now or timezone.now()
    training_ids = list(
        Registration.objects.filter(status=Registration.Status.WAITING, offered_at__isnull=True)
        .values_list("training_id", flat=True)
        .distinct()
    )
    offered = 0
    for training_id in training_ids:
        with transaction.atomic():
            training = (
                Training.objects.select_for_update(skip_locked=True).filter(pk=training_id).first()
            )
            if training is None or not _offerable(training):
                continue
            left = rules.seats_left(capacity=training.capacity, seats_taken=seats_taken(training))
            for registration in waiting_list_order(training).filter(offered_at__isnull=True):
                if left == 0:
                    break
                if registration.seats <= left:  # a group that does not fit waits for more
                    _offer(registration, now=now, actor=None)
                    left -= registration.seats
                    offered += 1
    return offered


def waiting_list_expire_offers(*, now: dt.datetime | None = None) -> int:
    """Offers nobody accepted in time: the registration lapses and its seats go to the next.
    Not for a cancelled training: who waited was told it does not take place."""
    now = now or timezone.now()
    lapsed = 0
    pks = Registration.objects.filter(
        status=Registration.Status.WAITING,
        offer_expires_at__lte=now,
        training__status=Training.Status.PUBLISHED,
    ).values_list("pk", flat=True)
    for pk in list(pks):
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=Registration.Status.WAITING, offer_expires_at__lte=now)
                .first()
            )
            if registration is None:
                continue
            registration_transition(registration, "lapse_offer")
            registration.expired_at = now
            registration.save(update_fields=["status", "expired_at"])
            registration.participants.update(is_active=False)
            audit_record(actor=None, action="registration.offer_lapsed", obj=registration)
            emails.send_waiting_list_offer_lapsed(registration)
            lapsed += 1
    return lapsed


@transaction.atomic
def registration_offer_seat(*, registration: Registration, actor: User | None) -> Registration:
    """Staff offer a seat by hand to someone on the waiting list, out of turn if they wish."""
    training = Training.objects.select_for_update().get(pk=registration.training_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.WAITING or registration.has_open_offer:
        raise TransitionNotAllowed(_("Deze inschrijving staat niet (meer) op de wachtlijst."))
    if not _offerable(training):
        raise TransitionNotAllowed(_("Voor deze vorming kan geen plaats meer aangeboden worden."))
    left = rules.seats_left(capacity=training.capacity, seats_taken=seats_taken(training))
    if registration.seats > left:
        raise TransitionNotAllowed(
            _("Er zijn niet genoeg plaatsen vrij (%(left)s). Verhoog eerst het aantal plaatsen.")
            % {"left": left}
        )
    _offer(registration, now=timezone.now(), actor=actor)
    return registration


@transaction.atomic
def registration_accept_offer(*, registration: Registration) -> Registration:
    """The registrant takes the offered seat: from now on it waits for payment as usual."""
    training = Training.objects.select_for_update().get(pk=registration.training_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.has_open_offer:
        raise TransitionNotAllowed(
            _("Dit aanbod is niet meer geldig. Neem contact met ons op als je toch wil deelnemen.")
        )
    if training.status == Training.Status.CANCELLED:
        raise TransitionNotAllowed(_("Deze vorming gaat niet door: er is geen plaats meer."))
    today = timezone.localdate()
    if training.fee_cents == 0:
        registration_transition(registration, "take_offer", Registration.Status.CONFIRMED)
        registration.confirmed_at = timezone.now()
    else:
        registration_transition(registration, "take_offer", Registration.Status.PENDING)
        registration.payment_deadline = rules.payment_deadline(
            registered_on=today,
            term_days=training.payment_term_days
            or Organisation.current().default_payment_term_days,
            first_session=training.starts_on or today,
        )
    registration.offer_expires_at = None
    registration.save(
        update_fields=["status", "confirmed_at", "payment_deadline", "offer_expires_at"]
    )
    audit_record(actor=None, action="registration.offer_accepted", obj=registration)
    signals.registration_seat_regained.send(
        sender=Registration, registration=registration, actor=None
    )
    if registration.status == Registration.Status.CONFIRMED:
        send_confirmation_once(registration)
    else:
        emails.send_received(registration)
    return registration
