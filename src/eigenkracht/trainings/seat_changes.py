"""Handing a seat to a colleague, and moving a registration to another date of the same training.

"Another date of the same training" is a published training with the same title (see
docs/decisions.md): the office publishes each date as its own training. The registrant may do
both on their own page until the cancellation deadline; the office may do both at any time, as
long as nobody attended yet. Seats are counted under a lock on the training rows, as when
registering; what was paid stays with the registration (its structured communication does not
change), and `signals.registration_moved` lets the apps above refund or re-invoice a difference.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import Organisation
from eigenkracht.core.refusals import Refused
from eigenkracht.trainings import emails, rules, signals
from eigenkracht.trainings.models import Attendance, Participant, Registration, Training
from eigenkracht.trainings.questions import services as questions
from eigenkracht.trainings.questions.services import Value
from eigenkracht.trainings.selectors import seats_taken, with_seats
from eigenkracht.trainings.services import PersonData, registration_closed_reason
from eigenkracht.trainings.transitions import registration_transition

# A registration on the waiting list holds no seat to hand on or move.
SEAT_HOLDING = Registration.SEAT_HOLDING_STATUSES


class SeatChangeRefused(Refused):
    """The transfer or move is not made; the message says why, in Dutch."""


# Not "is already registered": a registrant must not learn who else takes part.
_TAKEN = gettext_lazy(
    "We kunnen de plaats niet aan dit e-mailadres doorgeven. Kies een andere collega of neem"
    " contact met ons op."
)


def self_service_deadline(registration: Registration) -> dt.date | None:
    """The last day the registrant changes seats themselves: the cancellation deadline."""
    first = registration.training.sessions.order_by("date").values_list("date", flat=True).first()
    if first is None:
        return None
    return first - dt.timedelta(days=Organisation.current().cancellation_days_before)


def change_refused_reason(
    registration: Registration, *, by_office: bool, today: dt.date | None = None
) -> str:
    """Why this registration's seats cannot be handed on or moved now ('' when they can)."""
    if registration.status not in SEAT_HOLDING:
        if registration.status == Registration.Status.WAITING:
            return _("Je staat op de wachtlijst: er is nog geen plaats om door te geven.")
        return _("Deze inschrijving is niet meer actief.")
    if by_office:
        return ""
    if registration.training.status == Training.Status.CANCELLED:
        # What was paid is already booked to go back; the office can still move someone.
        return _("Deze vorming gaat niet door. Neem contact met ons op voor een andere datum.")
    today = today or timezone.localdate()
    if registration.status == Registration.Status.PENDING and (
        registration.payment_deadline and registration.payment_deadline < today
    ):  # its seat is no longer held: it is about to expire
        return _("De betaaldatum van deze inschrijving is voorbij. Neem contact met ons op.")
    deadline = self_service_deadline(registration)
    if deadline is None or today > deadline:
        return _(
            "Dat kan je niet meer zelf: de vorming begint binnenkort. Neem contact met ons op."
        )
    return ""


def _attended(participants: QuerySet[Participant]) -> bool:
    return Attendance.objects.filter(participant__in=participants).exists()


# Transfer --------------------------------------------------------------------------------------


@transaction.atomic
def participant_transfer(
    *,
    registration: Registration,
    participant_id: int,
    colleague: PersonData,
    actor: User | None,
    by_office: bool = False,
    answers: Mapping[int, Value] | None = None,
) -> Participant:
    """Give one participant's seat to a colleague: the seat and its payment stay, the person
    changes. The colleague gets the training's details, the former participant a notice.
    What the former participant answered to the training's questions goes; the colleague's
    `answers` are kept instead (checked against the questions as for a registration; the office
    may leave a required one open, as it may not know the colleague's answer).

    The training row is locked first (as when registering), so that the check that the colleague
    is not registered yet and the unique constraint agree.
    """
    training = Training.objects.select_for_update().get(
        pk=Registration.objects.values_list("training_id", flat=True).get(pk=registration.pk)
    )
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.training_id != training.pk:
        raise SeatChangeRefused(_("De inschrijving werd intussen gewijzigd. Probeer opnieuw."))
    reason = change_refused_reason(registration, by_office=by_office)
    if reason:
        raise SeatChangeRefused(reason)
    if training.status == Training.Status.CANCELLED:  # the office can still move someone
        raise SeatChangeRefused(
            _("Deze vorming gaat niet door: er is geen plaats om door te geven.")
        )
    participant = registration.participants.filter(pk=participant_id, is_active=True).first()
    if participant is None:
        raise SeatChangeRefused(_("Kies een deelnemer van deze inschrijving."))
    if _attended(Participant.objects.filter(pk=participant.pk)):
        raise SeatChangeRefused(
            _(
                "Deze deelnemer heeft al een sessie gevolgd: de plaats kan niet meer naar iemand"
                " anders."
            )
        )
    email = colleague.email.strip().lower()
    if email == participant.email.lower():
        raise SeatChangeRefused(
            _("Vul het e-mailadres van je collega in, niet dat van de deelnemer zelf.")
        )
    if (
        Participant.objects.filter(training=training, is_active=True)
        .annotate(address=Lower("email"))
        .filter(address=email)
        .exists()
    ):
        raise SeatChangeRefused(_TAKEN)
    old = {
        "first_name": participant.first_name,
        "last_name": participant.last_name,
        "email": participant.email,
    }
    participant.first_name = colleague.first_name.strip()
    participant.last_name = colleague.last_name.strip()
    participant.email = email
    try:
        with transaction.atomic():
            participant.save(update_fields=["first_name", "last_name", "email"])
    except IntegrityError as exc:  # the database is the referee of "one active seat per address"
        raise SeatChangeRefused(_TAKEN) from exc
    registration.save(update_fields=[])  # the public pages' cache version follows updated_at
    questions.answers_forget(participant=participant)
    if answers is not None:
        questions.answers_store(
            training=training, people=[(participant, answers)], check_required=not by_office
        )
    audit_record(
        actor=actor,
        action="registration.seat_transferred",
        obj=registration,
        data={
            "participant": participant.pk,
            **{
                name: {"old": old[name], "new": getattr(participant, name)}
                for name in ("first_name", "last_name", "email")
            },
            "by": "office" if by_office else "registrant",
        },
    )
    emails.send_seat_transferred(registration, participant=participant, old=old)
    return participant


# Move ------------------------------------------------------------------------------------------


def move_targets(registration: Registration, *, by_office: bool) -> list[Training]:
    """The other dates of the same training this registration can move to now, with the seats
    left (`with_seats`) and their sessions, first date first."""
    today = timezone.localdate()
    candidates = (
        with_seats(
            Training.objects.filter(
                status=Training.Status.PUBLISHED,
                starts_on__gt=today,
                title__iexact=registration.training.title,
            ).exclude(pk=registration.training_id)
        )
        .select_related("venue")
        .prefetch_related("sessions")
        .order_by("starts_on", "pk")
    )
    return [
        training
        for training in candidates
        if training.seats_left >= registration.seats
        and (by_office or not registration_closed_reason(training))
    ]


@dataclass(frozen=True)
class Moved:
    registration: Registration
    old_training: Training
    old_amount_due_cents: int

    @property
    def difference_cents(self) -> int:
        """Positive: still to pay; negative: to be paid back."""
        return self.registration.amount_due_cents - self.old_amount_due_cents


def _target_refused_reason(
    registration: Registration, source: Training, target: Training, *, by_office: bool
) -> str:
    if target.pk == source.pk:
        return _("Je inschrijving staat al op deze datum.")
    if target.title.casefold() != source.title.casefold():
        return _("Je kan enkel verplaatsen naar een andere datum van dezelfde vorming.")
    if target.status != Training.Status.PUBLISHED or not target.sessions.exists():
        return _("Deze datum is niet (meer) beschikbaar.")
    if not target.starts_on or target.starts_on <= timezone.localdate():
        return _("Deze datum is al begonnen of voorbij.")
    if not by_office:
        closed = registration_closed_reason(target)
        if closed:
            return closed
    left = rules.seats_left(capacity=target.capacity, seats_taken=seats_taken(target))
    if registration.seats > left:
        return _("Op deze datum zijn niet genoeg plaatsen meer vrij (%(left)s).") % {"left": left}
    addresses = [p.email.lower() for p in registration.participants.all()]
    taken = sorted(
        Participant.objects.filter(training=target, is_active=True)
        .annotate(address=Lower("email"))
        .filter(address__in=addresses)
        .values_list("address", flat=True)
    )
    if taken:
        # Only this registration's own participants are named: nothing about anyone else.
        return _("%(emails)s staat al ingeschreven op deze datum.") % {"emails": ", ".join(taken)}
    return ""


@transaction.atomic
def registration_move(
    *,
    registration: Registration,
    training: Training,
    actor: User | None,
    by_office: bool = False,
) -> Moved:
    """Move a registration, with all its participants, to another date of the same training.

    Both training rows are locked in the order of their keys (two moves in opposite directions
    cannot deadlock), then the registration. The amount due becomes the new date's fee; what was
    paid stays. A pending registration that is now paid in full is confirmed; one that still owes
    gets a new payment deadline before the new date. A confirmed one stays confirmed and owes the
    difference when the new date costs more (see docs/decisions.md).
    """
    # Read again: the caller's copy may be older than a move made meanwhile.
    source_id = Registration.objects.values_list("training_id", flat=True).get(pk=registration.pk)
    locked = {
        t.pk: t
        for t in Training.objects.select_for_update()
        .filter(pk__in={source_id, training.pk})
        .order_by("pk")
    }
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.training_id != source_id or training.pk not in locked:
        raise SeatChangeRefused(_("De inschrijving werd intussen gewijzigd. Probeer opnieuw."))
    source, target = locked[source_id], locked[training.pk]
    reason = change_refused_reason(registration, by_office=by_office) or _target_refused_reason(
        registration, source, target, by_office=by_office
    )
    if reason:
        raise SeatChangeRefused(reason)
    participants = registration.participants.filter(is_active=True)
    if _attended(participants):
        raise SeatChangeRefused(
            _("Iemand van deze inschrijving volgde al een sessie: verplaatsen kan niet meer.")
        )

    old_due = registration.amount_due_cents
    previous = registration.status
    registration.training = target
    registration.amount_due_cents = target.fee_cents * registration.seats
    fields = ["training", "amount_due_cents"]
    if registration.status == Registration.Status.PENDING:
        if registration.amount_paid_cents >= registration.amount_due_cents:
            registration_transition(registration, "confirm")
            registration.confirmed_at = timezone.now()
            registration.payment_deadline = None
        else:
            today = timezone.localdate()
            registration.payment_deadline = rules.payment_deadline(
                registered_on=today,
                term_days=target.payment_term_days
                or Organisation.current().default_payment_term_days,
                first_session=target.starts_on,
            )
        fields += ["status", "confirmed_at", "payment_deadline"]
    registration.save(update_fields=fields)
    participants.update(training=target)
    questions.answers_follow_move(participants=participants, target=target)
    audit_record(
        actor=actor,
        action="registration.moved",
        obj=registration,
        data={
            "training": {"old": source.pk, "new": target.pk},
            "starts_on": {"old": str(source.starts_on), "new": str(target.starts_on)},
            "amount_due_cents": {"old": old_due, "new": registration.amount_due_cents},
            "amount_paid_cents": registration.amount_paid_cents,
            "from": previous,
            "to": registration.status,
            "by": "office" if by_office else "registrant",
        },
    )
    signals.registration_moved.send(
        sender=Registration,
        registration=registration,
        actor=actor,
        old_training=source,
        old_amount_due_cents=old_due,
        new_amount_due_cents=registration.amount_due_cents,
    )
    emails.send_moved(registration, old_training=source, old_amount_due_cents=old_due)
    return Moved(registration=registration, old_training=source, old_amount_due_cents=old_due)
