"""Every state change of trainings and registrations; nothing else sets a status."""

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eigenkracht.accounts.models import User
from eigenkracht.banking.ogm import ogm_generate
from eigenkracht.core.audit import audit_record, audit_record_listing
from eigenkracht.core.formatting import session_line
from eigenkracht.core.models import Organisation, OutboxMessage
from eigenkracht.core.refusals import Refused
from eigenkracht.core.tasks import enqueue_after_commit
from eigenkracht.core.throttle import attempt_allowed
from eigenkracht.trainings import change_notices, emails, rules, signals
from eigenkracht.trainings.models import (
    MAX_PARTICIPANTS,
    Participant,
    Registration,
    Session,
    Trainer,
    Training,
    Venue,
)
from eigenkracht.trainings.questions import services as questions
from eigenkracht.trainings.selectors import seats_taken
from eigenkracht.trainings.signals import CancelledBy
from eigenkracht.trainings.tasks import resend_registration_link, send_registration_links
from eigenkracht.trainings.transitions import TransitionNotAllowed, registration_transition

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone


class RegistrationRefused(Refused):
    """The registration cannot be made; the message is meant for the registrant."""


class DuplicateRegistration(RegistrationRefused):
    def __init__(self, message: str, *, emails: list[str]) -> None:
        super().__init__(message)
        self.emails = emails


@dataclass(frozen=True)
class PersonData:
    first_name: str
    last_name: str
    email: str
    # {question id: value} for the training's questions (trainings.questions).
    answers: Mapping[int, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ContactData:
    first_name: str
    last_name: str
    email: str
    phone: str = ""
    organisation: str = ""
    job: str = ""
    remarks: str = ""
    language: str = "nl-be"  # the language of the mails: "nl-be", "fr-be" or "en"
    sector_id: int | None = None  # core.Sector, for the figures
    work_postcode: str = ""


def _new_code() -> str:
    return "EK" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def _new_unique(field: str, make) -> str:
    while True:
        value = make()
        if not Registration.objects.filter(**{field: value}).exists():
            return value


def hash_client_ip(ip: str | None) -> str:
    if not ip:
        return ""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()


# Trainings -------------------------------------------------------------------------------------


def training_started(training: Training, *, now: dt.datetime | None = None) -> bool:
    """Its first session began (from the prefetched sessions)."""
    first = training.sessions.all()[0] if training.sessions.all() else None
    return first is not None and first.starts_at <= (now or timezone.now())


def registration_closed_reason(training: Training, *, now: dt.datetime | None = None) -> str:
    """Why nobody can register now ('' when registration is open)."""
    now = now or timezone.now()
    if training.status == Training.Status.CANCELLED:
        return _("Deze vorming is geannuleerd.")
    if training.status != Training.Status.PUBLISHED or not training.sessions.all():
        return _("Voor deze vorming kan je nog niet inschrijven.")
    if training_started(training, now=now):
        return _("Deze vorming is al begonnen of voorbij.")
    if training.registration_opens_at and now < training.registration_opens_at:
        return _("De inschrijvingen openen op %(date)s.") % {
            "date": timezone.localtime(training.registration_opens_at).strftime("%d/%m/%Y %H:%M")
        }
    if training.registration_closes_at and now >= training.registration_closes_at:
        return _("De inschrijvingen voor deze vorming zijn afgesloten.")
    return ""


def _sync_dates(training: Training) -> None:
    dates = sorted(s.date for s in training.sessions.all())
    training.starts_on = dates[0] if dates else None
    training.ends_on = dates[-1] if dates else None
    training.save(update_fields=["starts_on", "ends_on", "updated_at"])


class SessionRemovalRefused(Refused):
    """A session that holds attendance, or already took place, cannot be removed."""


def _move_refusal(session: Session, row: dict[str, Any], *, now: dt.datetime) -> str:
    """A session that took place, or holds attendance, keeps its day (its hours can still be
    corrected): moving it would put recorded attendance on a day that did not happen."""
    if row["date"] == session.date or not (session.attendance or session.starts_at <= now):
        return ""
    return _(
        "De sessie van %(when)s is al voorbij of heeft al aanwezigheden: je kan de uren nog "
        "aanpassen, maar niet de datum. Voeg een nieuwe sessie toe voor een andere dag."
    ) % {"when": session_line(session.date, session.start_time, session.end_time)}


def _removal_refusal(session: Session, *, attendance: int, now: dt.datetime) -> str:
    when = session_line(session.date, session.start_time, session.end_time)
    if attendance:
        return _(
            "De sessie van %(when)s kan niet weg: er is al aanwezigheid voor geregistreerd. "
            "Pas de datum of de uren aan in plaats van de rij leeg te maken."
        ) % {"when": when}
    if session.starts_at <= now:
        return _("De sessie van %(when)s is al voorbij en kan niet meer verwijderd worden.") % {
            "when": when
        }
    return ""


@transaction.atomic
def training_save(
    *,
    training: Training,
    sessions: list[dict[str, Any]],
    actor: User | None,
    trainers: Iterable[Trainer] | None = None,
) -> Training:
    """Create or update a training with its complete list of sessions (date, start, end), and
    its trainers when given (None leaves them as they are).

    A row with the `id` of an existing session updates that session in place, so its attendance
    stays; a session left out is removed, unless attendance was recorded for it or it is past.
    """
    if not sessions:
        raise ValueError("A training needs at least one session")
    created = training.pk is None
    change = None
    if not created:  # one editor at a time decides which sessions stay
        Training.objects.select_for_update().only("pk").get(pk=training.pk)
        change = change_notices.schedule_change(
            training_id=training.pk, venue=training.venue, sessions=sessions
        )
    training.save()  # also when only the trainers change: the public page is cached on it
    trainers_change = _trainers_set(training, trainers) if trainers is not None else None
    existing = {
        session.pk: session
        for session in Session.objects.filter(training=training).annotate(
            attendance=Count("attendances")
        )
    }
    kept_ids = {row["id"] for row in sessions if row.get("id")}
    if kept_ids - existing.keys():
        raise SessionRemovalRefused(
            _("Een van de sessies bestaat niet meer. Laad de pagina opnieuw.")
        )
    now = timezone.now()
    removed = [session for pk, session in existing.items() if pk not in kept_ids]
    refusals = [
        reason
        for session in removed
        if (reason := _removal_refusal(session, attendance=session.attendance, now=now))
    ] + [
        reason
        for row in sessions
        if row.get("id") and (reason := _move_refusal(existing[row["id"]], row, now=now))
    ]
    if refusals:
        raise SessionRemovalRefused(" ".join(refusals))
    Session.objects.filter(pk__in=[session.pk for session in removed]).delete()
    # Rows without a link (older callers, imports) are sessions at the venue.
    sessions = [{"meeting_url": "", "online_only": False, **row} for row in sessions]
    fields = ("date", "start_time", "end_time", "meeting_url", "online_only")
    changed = []
    for row in sessions:
        session = existing.get(row.get("id"))
        if session is None:
            continue
        if any(getattr(session, name) != row[name] for name in fields):
            for name in fields:
                setattr(session, name, row[name])
            changed.append(session)
    Session.objects.bulk_update(changed, fields)
    Session.objects.bulk_create(
        Session(training=training, **{name: row[name] for name in fields})
        for row in sessions
        if not row.get("id")
    )
    training = Training.objects.prefetch_related("sessions").get(pk=training.pk)
    _sync_dates(training)
    data = {
        "sessions": [{name: str(row[name]) for name in fields} for row in sessions],
        "sessions_removed": [session_line(s.date, s.start_time, s.end_time) for s in removed],
    }
    if trainers_change is not None:
        data["trainers"] = trainers_change
    if change is not None:  # the registrants hear of the move in the same transaction
        data["registrations_told"] = change_notices.notice_send(training=training, change=change)
        data["changes"] = list(change.lines)
    audit_record(
        actor=actor,
        action="training.created" if created else "training.updated",
        obj=training,
        data=data,
    )
    return training


@transaction.atomic
def training_publish(*, training: Training, actor: User | None) -> Training:
    training = Training.objects.select_for_update().get(pk=training.pk)
    if training.status != Training.Status.DRAFT:
        raise TransitionNotAllowed(_("Enkel een ontwerp kan gepubliceerd worden."))
    if not training.sessions.exists():
        raise TransitionNotAllowed(_("Voeg eerst minstens één sessie toe."))
    training.status = Training.Status.PUBLISHED
    training.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="training.published", obj=training)
    return training


@transaction.atomic
def training_cancel(*, training: Training, actor: User | None, reason: str = "") -> Training:
    training = Training.objects.select_for_update().get(pk=training.pk)
    if training.status == Training.Status.CANCELLED:
        raise TransitionNotAllowed(_("Deze vorming is al geannuleerd."))
    training.status = Training.Status.CANCELLED
    training.calendar_sequence += 1  # the cancelling calendar file replaces what calendars hold
    training.save(update_fields=["status", "calendar_sequence", "updated_at"])
    active = list(
        training.registrations.filter(status__in=Registration.ACTIVE_STATUSES)
        .select_related("training__venue")
        .prefetch_related("participants")
    )
    audit_record(
        actor=actor,
        action="training.cancelled",
        obj=training,
        data={"reason": reason, "registrations_told": len(active)},
    )
    for registration in active:
        emails.send_training_cancelled(registration, reason=reason)
        emails.send_colleagues_ended(
            registration,
            emails.colleagues_of(registration),
            how="training_cancelled",
            reason=reason,
        )
    signals.training_cancelled.send(
        sender=Training, training=training, actor=actor, reason=reason, registrations=active
    )
    return training


@transaction.atomic
def venue_save(*, venue: Venue, actor: User | None) -> Venue:
    created = venue.pk is None
    venue.save()
    audit_record(actor=actor, action="venue.created" if created else "venue.updated", obj=venue)
    return venue


# Reading personal data ------------------------------------------------------------------------


def registration_viewed(
    *, registration: Registration, actor: User | None, page: str, ip_address: str | None = None
) -> None:
    """Staff looked at a registrant's details: recorded like a look at a trajectory."""
    audit_record(
        actor=actor,
        action="registration.view",
        obj=registration,
        data={"page": page},
        ip_address=ip_address,
    )


def registrations_read(
    *,
    actor: User | None,
    page: str,
    ids: list[int],
    bank_transaction_ids: Sequence[int] = (),
    ip_address: str | None = None,
) -> None:
    """Registrants' details left the system (an export, the API): whose, to whom."""
    data = {"page": page}
    if bank_transaction_ids:
        data["bank_transaction_ids"] = [str(pk) for pk in bank_transaction_ids]
    audit_record_listing(
        actor=actor,
        action="registration.list",
        model=Registration,
        ids=ids,
        data=data,
        ip_address=ip_address,
    )


# Registrations ---------------------------------------------------------------------------------


def _check_distinct(people: list[PersonData]) -> None:
    addresses = [p.email.lower() for p in people]
    if len(set(addresses)) != len(addresses):
        raise RegistrationRefused(_("Elke deelnemer heeft een eigen e-mailadres nodig."))


def _check_duplicates(training: Training, people: list[PersonData]) -> None:
    addresses = [p.email.lower() for p in people]
    taken = Participant.objects.filter(
        training=training, is_active=True, email__in=addresses
    ).values_list("email", flat=True)
    taken = sorted({e.lower() for e in taken})
    if taken:
        raise DuplicateRegistration(
            _("Het e-mailadres %(emails)s is al ingeschreven voor deze vorming.")
            % {"emails": ", ".join(taken)},
            emails=taken,
        )


def registration_create(
    *,
    training: Training,
    contact: ContactData,
    participants: list[PersonData],
    client_ip: str | None = None,
    actor: User | None = None,
    billing: Mapping[str, str] | None = None,
) -> Registration:
    """Register one or more participants; hold their seats, or put them on the waiting list.

    The training row is locked so that concurrent registrations never exceed the capacity.
    `billing`: the employer's details when the employer pays and wants an invoice; sent to the
    apps that invoice (`signals.registration_billing_requested`) in the same transaction.
    """
    if not 1 <= len(participants) <= MAX_PARTICIPANTS:
        raise RegistrationRefused(_("Schrijf 1 tot 10 deelnemers in."))
    try:
        with transaction.atomic():
            registration = _registration_create_locked(
                training=training,
                contact=contact,
                participants=participants,
                client_ip=client_ip,
                actor=actor,
                billing=billing,
            )
    except IntegrityError as exc:
        # Lost a race with an identical registration: the unique constraint is the referee.
        _check_duplicates(training, participants)
        raise RegistrationRefused(_("Inschrijven lukte niet. Probeer het opnieuw.")) from exc
    return registration


def _registration_create_locked(
    *,
    training: Training,
    contact: ContactData,
    participants: list[PersonData],
    client_ip: str | None,
    actor: User | None,
    billing: Mapping[str, str] | None = None,
) -> Registration:
    training = Training.objects.select_for_update().get(pk=training.pk)
    reason = registration_closed_reason(training)
    if reason:
        raise RegistrationRefused(reason)
    ip_hash = hash_client_ip(client_ip)
    _check_distinct(participants)

    organisation = Organisation.current()
    seats = len(participants)
    left = rules.seats_left(capacity=training.capacity, seats_taken=seats_taken(training))
    today = timezone.localdate()
    if left == 0:
        status = Registration.Status.WAITING
    elif seats > left:
        raise RegistrationRefused(
            ngettext(
                "Er is nog maar %(left)s plaats vrij. Schrijf minder deelnemers in.",
                "Er zijn nog maar %(left)s plaatsen vrij. Schrijf minder deelnemers in.",
                left,
            )
            % {"left": left}
        )
    elif training.fee_cents == 0:
        status = Registration.Status.CONFIRMED
    else:
        status = Registration.Status.PENDING
    # Only now, so that whether an address is known never changes which answer comes back (a
    # group larger than the seats left is refused the same way for known and new addresses).
    _check_duplicates(training, participants)

    now = timezone.now()
    registration = Registration.objects.create(
        training=training,
        code=_new_unique("code", _new_code),
        token=secrets.token_urlsafe(32),
        structured_communication=_new_unique("structured_communication", ogm_generate),
        status=status,
        first_name=contact.first_name,
        last_name=contact.last_name,
        email=contact.email,
        phone=contact.phone,
        organisation=contact.organisation,
        job=contact.job,
        sector_id=contact.sector_id,
        work_postcode=contact.work_postcode,
        remarks=contact.remarks,
        language=contact.language or "nl-be",
        seats=seats,
        amount_due_cents=training.fee_cents * seats,
        payment_deadline=(
            rules.payment_deadline(
                registered_on=today,
                term_days=training.payment_term_days or organisation.default_payment_term_days,
                first_session=training.starts_on,
            )
            if status == Registration.Status.PENDING
            else None
        ),
        consent_at=now,
        client_ip_hash=ip_hash,
        confirmed_at=now if status == Registration.Status.CONFIRMED else None,
    )
    created = Participant.objects.bulk_create(
        Participant(
            registration=registration,
            training=training,
            first_name=p.first_name,
            last_name=p.last_name,
            email=p.email.lower(),
        )
        for p in participants
    )
    questions.answers_store(
        training=training,
        people=[(c, p.answers) for c, p in zip(created, participants, strict=True)],
    )
    audit_record(
        actor=actor,
        action="registration.created",
        obj=registration,
        data={"status": status, "seats": seats},
        ip_address=client_ip,
    )
    if billing:
        signals.registration_billing_requested.send(
            sender=Registration, registration=registration, billing=dict(billing), actor=actor
        )
    # Stored now, composed by a task after the response: an address that is already registered
    # gets its mail the same way (registration_links_later), so the answer takes as long.
    if status == Registration.Status.CONFIRMED:
        send_confirmation_once(registration, later=True)
    elif status == Registration.Status.WAITING:
        emails.send_later("registration_waiting", registration)
    else:
        emails.send_later("registration_received", registration)
    return registration


def registration_attempt_allowed(*, client_ip: str | None) -> bool:
    """At most REGISTRATION_BURST_LIMIT tries an hour from one address, whatever their outcome."""
    return attempt_allowed(
        scope="registration",
        key=client_ip,
        limit=settings.REGISTRATION_BURST_LIMIT,
        within=MAIL_INTERVAL,
    )


# One mail of each kind that the public form causes per address per hour: the form cannot be
# used to flood someone's mailbox.
MAIL_INTERVAL = dt.timedelta(hours=1)


def _mailed_recently(about: Registration | Training, recipient: str, *, kind: str = "") -> bool:
    """Whether this address got a mail about this registration (any mail: the last one holds the
    link too) or this training (of `kind`) within the hour."""
    mails = OutboxMessage.objects.filter(
        object_type=about._meta.label_lower,
        object_id=str(about.pk),
        recipient=recipient,
        created_at__gte=timezone.now() - MAIL_INTERVAL,
    )
    return (mails.filter(kind=kind) if kind else mails).exists()


def registration_links_later(
    *, training: Training, contact: ContactData, people: list[PersonData], known: list[str]
) -> None:
    """Addresses that already hold a seat were registered again: what to tell whom is decided and
    mailed by a task after the response, as a new registration's mail is, so that neither the
    answer nor its timing tells that an address was known."""
    everyone = [person.email.lower() for person in people]
    enqueue_after_commit(
        send_registration_links,
        training.pk,
        contact.email,
        contact.first_name,
        contact.language,
        everyone,
        known,
    )


@transaction.atomic
def registration_links_send(
    *,
    training_id: int,
    registrant_email: str,
    first_name: str,
    language: str,
    participants: list[str],
    known: list[str],
) -> None:
    """Each address that already holds a seat hears so again: the registration's contact with
    its link, a colleague it holds a seat for with whom to ask. The registrant hears by mail that
    nothing was registered, unless the registration was only themselves again (then their link
    says it all). At most one such mail per address per hour and training; the rows are locked
    while deciding, so two tasks at once send one."""
    training = Training.objects.select_for_update().select_related("venue").get(pk=training_id)
    known = [address.lower() for address in known]
    for participant in (
        Participant.objects.select_for_update(of=("self",))
        .select_related("registration__training")
        .filter(training=training, is_active=True, email__in=known)
        .order_by("pk")
    ):
        registration = participant.registration
        if _mailed_recently(registration, participant.email):
            continue
        # The link manages every seat of the registration: only its contact gets it.
        if participant.email.lower() == registration.email.lower():
            emails.send_link_reminder(registration, recipient=participant.email)
        else:
            emails.send_link_colleague(registration, participant=participant)
    registrant_email = registrant_email.lower()
    only_themselves = set(participants) <= set(known) and registrant_email in known
    if not only_themselves and not _mailed_recently(
        training, registrant_email, kind="registration_not_made"
    ):
        emails.send_not_made(
            training, recipient=registrant_email, first_name=first_name, language=language
        )


# A browser asking for a registration's link again: a few an hour from one address.
LINK_RESEND_LIMIT = 5


def registration_link_resend_later(*, code: str, client_ip: str | None) -> bool:
    """Mail a registration's link again to the address it was made with, by a task after the
    response: neither the answer nor its timing tells whether the code exists. False when this
    network asked too often this hour (whatever the codes)."""
    allowed = attempt_allowed(
        scope="registration_link", key=client_ip, limit=LINK_RESEND_LIMIT, within=MAIL_INTERVAL
    )
    if allowed:
        enqueue_after_commit(resend_registration_link, code.strip().upper()[:12])
    return allowed


@transaction.atomic
def registration_link_resend(code: str) -> None:
    """The link goes only to the registration's contact, at most one such mail an hour (the
    mail with the link that came just before may be the one that got lost)."""
    registration = (
        Registration.objects.select_for_update()
        .filter(code=code, anonymised_at__isnull=True)
        .first()
    )
    if registration is not None and not _mailed_recently(
        registration, registration.email, kind="registration_link"
    ):
        emails.send_link_reminder(registration, recipient=registration.email)


@transaction.atomic  # the flag and its mail: together or not at all
def send_confirmation_once(registration: Registration, *, later: bool = False) -> None:
    # The conditional update is the guard: whatever runs twice, only one caller sees a row change.
    updated = Registration.objects.filter(
        pk=registration.pk, confirmation_sent_at__isnull=True
    ).update(confirmation_sent_at=timezone.now())
    if updated and later:
        emails.send_later("registration_confirmed", registration)
    elif updated:
        emails.send_confirmed(registration)


@transaction.atomic
def registration_cancel(
    *,
    registration: Registration,
    actor: User | None,
    reason: str = "",
    cancelled_by: CancelledBy = CancelledBy.OFFICE,
    refund_cents: int | None = None,
) -> Registration:
    """Cancel a registration and free its seats.

    `refund_cents`: what the office decided to pay back; None lets the cancellation rules decide.
    """
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise TransitionNotAllowed(_("Deze inschrijving is niet meer actief."))
    previous = registration_transition(registration, "cancel")
    registration.cancelled_at = timezone.now()
    registration.cancel_reason = reason[:500]
    registration.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    # Colleagues of a held seat hear of it; not those on a waiting list (never told they take
    # part), nor after a cancelled training's own mail told them it does not take place.
    colleagues = (
        emails.colleagues_of(registration)
        if previous in Registration.SEAT_HOLDING_STATUSES
        and registration.training.status != Training.Status.CANCELLED
        else []
    )
    registration.participants.update(is_active=False)
    emails.send_colleagues_ended(registration, colleagues, how="cancelled")
    audit_record(
        actor=actor,
        action="registration.cancelled",
        obj=registration,
        # Who cancelled as a code; the office's reason may describe the person and is blanked
        # (core.audit.PERSONAL_OBJECTS): the mail to the registrant keeps it.
        data={
            "from": previous,
            "to": registration.status,
            "by": str(cancelled_by),
            "reason": reason,
        },
    )
    signals.registration_cancelled.send(
        sender=Registration,
        registration=registration,
        actor=actor,
        cancelled_by=cancelled_by,
        reason=reason,
        refund_cents=refund_cents,
    )
    return registration


@transaction.atomic  # the cancellation and its mail: together or not at all
def registration_cancel_by_office(
    *,
    registration: Registration,
    actor: User | None,
    reason: str = "",
    refund_cents: int | None = None,
) -> Registration:
    """The office cancels: the registrant is told why, and what comes back of what was paid."""
    registration = registration_cancel(
        registration=registration,
        actor=actor,
        reason=reason,
        cancelled_by=CancelledBy.OFFICE,
        refund_cents=refund_cents,
    )
    emails.send_cancelled_by_office(registration, reason=reason)
    return registration


@transaction.atomic
def registration_reinstate(*, registration: Registration, actor: User | None) -> Registration:
    """Make a cancelled or expired registration active again, if its seats are still free.

    Used when money arrives for it after all. It waits for (the rest of) its payment again, with a
    new deadline, or is confirmed at once when it was already paid in full. The registrant is
    told either way, and so are the colleagues who were told it had ended.
    """
    training = Training.objects.select_for_update().get(pk=registration.training_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in (Registration.Status.CANCELLED, Registration.Status.EXPIRED):
        raise TransitionNotAllowed(_("Enkel een geannuleerde of vervallen inschrijving kan terug."))
    if training.status == Training.Status.CANCELLED:
        raise TransitionNotAllowed(_("De vorming zelf is geannuleerd."))
    left = rules.seats_left(capacity=training.capacity, seats_taken=seats_taken(training))
    if registration.seats > left:
        raise TransitionNotAllowed(
            _("Er zijn niet genoeg plaatsen meer vrij (%(left)s). Betaal het bedrag terug.")
            % {"left": left}
        )
    addresses = [p.email for p in registration.participants.all()]
    if Participant.objects.filter(training=training, is_active=True, email__in=addresses).exists():
        raise TransitionNotAllowed(
            _("Een van de deelnemers is intussen opnieuw ingeschreven voor deze vorming.")
        )
    today = timezone.localdate()
    if registration.amount_paid_cents >= registration.amount_due_cents:
        previous = registration_transition(registration, "reinstate", Registration.Status.CONFIRMED)
        registration.confirmed_at = timezone.now()
    else:
        previous = registration_transition(registration, "reinstate", Registration.Status.PENDING)
        organisation = Organisation.current()
        registration.payment_deadline = rules.payment_deadline(
            registered_on=today,
            term_days=training.payment_term_days or organisation.default_payment_term_days,
            first_session=training.starts_on or today,
        )
        # The reinstated mail names the new deadline; a reminder follows before it, unless the
        # deadline is already that near (the mail below is the reminder then).
        near = today + dt.timedelta(days=organisation.reminder_days_before)
        near_now = registration.payment_deadline <= near
        registration.reminder_sent_at = timezone.now() if near_now else None
    # Told it was cancelled or expired, the registrant is mailed its confirmation again.
    registration.confirmation_sent_at = None
    registration.cancelled_at = None
    registration.save(
        update_fields=[
            "status",
            "confirmed_at",
            "confirmation_sent_at",
            "payment_deadline",
            "reminder_sent_at",
            "cancelled_at",
        ]
    )
    registration.participants.update(is_active=True)
    # A cancelled registration's calendar file cancelled its events one SEQUENCE above the
    # training's: the files sent from now on must carry a higher one, or calendars ignore them.
    training.calendar_sequence += 2
    training.save(update_fields=["calendar_sequence"])
    audit_record(
        actor=actor,
        action="registration.reinstated",
        obj=registration,
        data={"from": previous, "to": registration.status},
    )
    signals.registration_seat_regained.send(
        sender=Registration, registration=registration, actor=actor
    )
    emails.send_reinstated(registration)
    if registration.status == Registration.Status.CONFIRMED:
        send_confirmation_once(registration)
    emails.send_colleagues_back(emails.colleagues_told_ended(registration))
    return registration


def _trainers_set(training: Training, trainers: Iterable[Trainer]) -> dict[str, list[str]] | None:
    """Give the training these trainers; the names before and after for the audit, or None when
    nothing changed."""
    old = sorted(trainer.name for trainer in training.trainers.all())
    wanted = list(trainers)
    training.trainers.set(wanted)
    new = sorted(trainer.name for trainer in wanted)
    return None if old == new else {"old": old, "new": new}
