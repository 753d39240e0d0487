"""The mails of the registration journey. Each is stored in the outbox and delivered from there.

Every mail is a recipe (`core.outbox.mail_recipe`): the outbox stores the registration (or
participant) it is about and composes the mail from it, now or again later should that fail.
For the mails the office can edit (see `mail_templates.kinds`), the office's text in the
registrant's language is used when there is one; otherwise the built-in Dutch mail goes out.
Attachments (the EPC QR image, the .ics file, the certificate) go with either.
"""

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import get_script_prefix, reverse
from django.utils import translation

from eigenkracht.banking.ogm import ogm_display
from eigenkracht.core.formatting import session_line
from eigenkracht.core.models import OutboxMessage
from eigenkracht.core.outbox import (
    Attachment,
    LaterMail,
    Mail,
    loaded_row,
    mail_organisation,
    mail_recipe,
    outbox_queue_later,
    outbox_send,
    shared_made,
    shared_read,
)
from eigenkracht.trainings.employer_paying import employer_paying
from eigenkracht.trainings.ical import RemovedSession, cancelled_ical, trainings_ical
from eigenkracht.trainings.mail_templates.kinds import MAIL_KINDS, mail_language
from eigenkracht.trainings.models import MailTemplate, Participant, Registration, Session, Training


def registration_url(registration: Registration) -> str:
    # The address up to the token is made once per task: a reverse() per mail costs a twentieth
    # of composing a statement's confirmations. Tokens are URL-safe (token_urlsafe): nothing to
    # quote.
    prefix = shared_made(
        lambda: ("registration-link", settings.SITE_URL, get_script_prefix()),
        lambda: (
            settings.SITE_URL
            + reverse("trainings:registration_link", args=["-"]).removesuffix("-/")
        ),
    )
    return f"{prefix}{registration.token}/"


def registration_context(registration: Registration) -> dict:
    training = registration.training
    return {
        "registration": registration,
        "training": training,
        "sessions": list(training.sessions.all()),
        "participants": participants_of(registration),
        "registration_url": registration_url(registration),
        "ogm": ogm_display(registration.structured_communication),
    }


def qr_attachments(registration: Registration) -> list[Attachment]:
    """The EPC QR code for what is still open, shown inline in the mail (cid:epc-qr); none when
    no payment is asked (a QR code cannot ask for nothing; nor for a registration that ended or a
    training that does not take place), nor when an employer's invoice pays it."""
    if not registration.payment_open or employer_paying(registration):
        return []
    # Loaded when used: the QR code library costs 3 ms at every start-up (this module registers
    # the mails in every process), and commands that send no payment request do not need it.
    from eigenkracht.banking.epc import epc_qr_png

    organisation = mail_organisation()
    qr = epc_qr_png(
        beneficiary=organisation.beneficiary,
        iban=organisation.iban,
        bic=organisation.bic,
        amount_cents=registration.amount_open_cents,
        ogm=registration.structured_communication,
    )
    return [Attachment("betalen.png", "image/png", qr, content_id="epc-qr")]


def ics_attachment(training: Training) -> Attachment:
    ics = trainings_ical([training], name=training.title)
    return Attachment("vorming.ics", "text/calendar", ics)


def calendar_attachment(
    training: Training, *, method: str = "", removed: tuple[RemovedSession, ...] = ()
) -> Attachment:
    """The training's calendar file, made once for all the mails of a task about it.

    With a `method` (PUBLISH for a change, CANCEL when the training is called off) the file is
    the one a change notice carries: it names the organisation as organiser, as RFC 5546 asks,
    and cancels the `removed` sessions' events."""
    if not method:
        return shared_made(
            lambda: ("vorming.ics", *training_made_from(training)), lambda: ics_attachment(training)
        )

    def make() -> Attachment:
        organisation = mail_organisation()
        ics = trainings_ical(
            [training],
            name=training.title,
            method=method,
            organizer=(organisation.name, organisation.email),
            removed=removed,
        )
        return Attachment("vorming.ics", "text/calendar", ics)

    return shared_made(
        lambda: (
            "vorming.ics",
            *training_made_from(training),
            method,
            removed,
            mail_organisation().email,
        ),
        make,
    )


def training_made_from(training: Training, shown: Sequence[Session] = ()) -> tuple:
    """Everything a mail's part about the training is made from, as loaded for this mail: every
    column of the training, its venue and its sessions (so an edit while the task runs, or a
    field the part shows later, can never give a mail another version's part), the sessions
    the part is `shown` instead (a preview's rows as typed), the address and the language."""
    return (
        *_training_rows(training),
        tuple(loaded_row(session) for session in shown),
        settings.SITE_URL,
        translation.get_language(),
    )


_LOADED_ROWS = "rows_loaded_for_mail"


def _training_rows(training: Training) -> tuple:
    """The training's, its venue's and its sessions' columns, read once per loaded training: a
    mail asks three times (its text, its HTML and its calendar file), and the batch that loaded
    the training changes nothing of it while its mails are made."""
    rows = training.__dict__.get(_LOADED_ROWS)
    if rows is None:
        rows = training.__dict__[_LOADED_ROWS] = (
            loaded_row(training),
            loaded_row(training.venue),
            tuple(loaded_row(session) for session in training.sessions.all()),
        )
    return rows


def _office_texts() -> dict[tuple[str, str], MailTemplate]:
    return {(t.kind, t.language): t for t in MailTemplate.objects.filter(kind__in=MAIL_KINDS)}


def office_text(kind: str, language: str) -> MailTemplate | None:
    """The office's own text for this mail in this language, if it wrote one (all of them are
    read at once, once per batch of a task)."""
    if kind not in MAIL_KINDS:
        return None
    return shared_read("office texts", _office_texts).get((kind, mail_language(language)))


def journey_mail(
    kind: str,
    *,
    language: str,
    context: dict,
    attachments: list[Attachment] | tuple[Attachment, ...] = (),
) -> Mail:
    """The office's text for this mail when there is one in this language, else the built-in."""
    text = office_text(kind, language)
    if text is None:
        return Mail(f"trainings/emails/{kind}", context, attachments)
    # Loaded when used: the office-text renderer costs every start-up 7 ms (this module registers
    # the mails in every process), and the built-in mails do not use it.
    from eigenkracht.trainings.mail_templates import rendering

    context = {"organisation": mail_organisation(), **context}
    rendered = rendering.render(
        mail=MAIL_KINDS[kind],
        language=text.language,
        subject=text.subject,
        body=text.body,
        context=context,
    )
    return Mail("trainings/emails/custom", {**context, **rendered.template_context()}, attachments)


def _registration_mail(
    kind: str,
    registration: Registration,
    *,
    context: dict | None = None,
    attachments: list[Attachment] | tuple[Attachment, ...] = (),
) -> Mail:
    """A journey mail about a registration, in the registrant's language."""
    return journey_mail(
        kind,
        language=registration.language,
        context=registration_context(registration) if context is None else context,
        attachments=attachments,
    )


# Where `registrations_for_mail` puts a registration's participants and invoices: lists, not
# prefetched querysets. Django makes a queryset per registration and relation for those, even an
# empty one: for a batch of 200 confirmations, a third of loading it.
LOADED_PARTICIPANTS = "participants_loaded_for_mail"
LOADED_INVOICES = "invoices_loaded_for_mail"


def registrations_for_mail() -> QuerySet[Registration]:
    """Registrations with what their mails show, for composing many at once (with their
    invoices: the mails about paying say when an employer's invoice is open)."""
    return Registration.objects.prefetch_related(
        # One training object per training, shared by its registrations (a join would give each
        # registration its own): what the mails make from a training is read from it once.
        Prefetch("training", queryset=Training.objects.select_related("venue")),
        "training__sessions",
        Prefetch("participants", to_attr=LOADED_PARTICIPANTS),
        Prefetch("invoice_documents", to_attr=LOADED_INVOICES),
    )


def participants_of(registration: Registration) -> list[Participant]:
    """The registration's participants, as `registrations_for_mail` loaded them, else read."""
    loaded = getattr(registration, LOADED_PARTICIPANTS, None)
    return list(registration.participants.all()) if loaded is None else loaded


def _send(recipe: str, registration: Registration, *, recipient: str = "", **params) -> None:
    outbox_send(
        kind=recipe,
        recipe=recipe,
        recipient=recipient or registration.email,
        related=registration,
        params=params,
    )


# The recipes -----------------------------------------------------------------------------------


@mail_recipe("registration_received", queryset=registrations_for_mail)
def received_mail(registration: Registration) -> Mail:
    return _with_payment_instructions(registration, "received")


@mail_recipe("registration_partially_paid", queryset=registrations_for_mail)
def partially_paid_mail(registration: Registration) -> Mail:
    return _with_payment_instructions(registration, "partially_paid")


@mail_recipe("registration_reminder", queryset=registrations_for_mail)
def reminder_mail(registration: Registration) -> Mail:
    return _with_payment_instructions(registration, "reminder")


def _with_payment_instructions(registration: Registration, kind: str) -> Mail:
    """What is still open, how to pay it, and the EPC QR code inline."""
    return _registration_mail(kind, registration, attachments=qr_attachments(registration))


@mail_recipe("registration_waiting", queryset=registrations_for_mail)
def waiting_list_mail(registration: Registration) -> Mail:
    return _registration_mail("waiting", registration)


@mail_recipe("registration_confirmed", queryset=registrations_for_mail)
def confirmed_mail(registration: Registration) -> Mail:
    return _registration_mail(
        "confirmed",
        registration,
        context=meeting_links_context(registration),
        attachments=[calendar_attachment(registration.training)],
    )


@mail_recipe("registration_reinstated", queryset=registrations_for_mail)
def reinstated_mail(registration: Registration) -> Mail:
    """Told it was cancelled or had expired, the registrant hears that it is active again, what
    still has to be paid and by when (a confirmed one gets its confirmation as well). No QR code:
    the money that made the office reinstate it is often linked only after this mail."""
    return _registration_mail("reinstated", registration)


def send_reinstated(registration: Registration) -> None:
    _send("registration_reinstated", registration)


@mail_recipe("registration_link", queryset=registrations_for_mail)
def link_mail(registration: Registration) -> Mail:
    return _registration_mail("link", registration)


@mail_recipe("registration_link_colleague", queryset=registrations_for_mail)
def link_colleague_mail(registration: Registration, *, first_name: str) -> Mail:
    """Someone the registration holds a seat for, not its contact, registered again: the
    registration's link manages every seat (cancel, hand on), so they get whom to ask instead."""
    return _registration_mail(
        "link_colleague",
        registration,
        context={
            "registration": registration,
            "training": registration.training,
            "sessions": list(registration.training.sessions.all()),
            "participant": Participant(first_name=first_name),
        },
    )


@mail_recipe(
    "registration_not_made",
    queryset=lambda: Training.objects.select_related("venue").prefetch_related("sessions"),
)
def not_made_mail(training: Training, *, first_name: str, language: str) -> Mail:
    """Nothing was registered, because someone in the group already was (no registration
    exists to speak of: the registrant is named as they typed it)."""
    person = Participant(first_name=first_name, last_name="", training=training)
    return journey_mail(
        "not_made",
        language=language,
        context={
            "participant": person,
            "training": training,
            "sessions": list(training.sessions.all()),
        },
    )


@mail_recipe("training_cancelled", queryset=registrations_for_mail)
def training_cancelled_mail(registration: Registration, *, reason: str) -> Mail:
    # Whose calendar holds the training (their confirmation carried its file) gets the file
    # that takes it out again.
    attachments = []
    if registration.calendar_may_hold:
        attachments = [calendar_attachment(registration.training, method="CANCEL")]
    return _registration_mail(
        "training_cancelled",
        registration,
        context={**registration_context(registration), "reason": reason},
        attachments=attachments,
    )


@mail_recipe("registration_cancelled_by_office", queryset=registrations_for_mail)
def cancelled_by_office_mail(registration: Registration, *, reason: str) -> Mail:
    return _registration_mail(
        "cancelled_by_office",
        registration,
        context={**registration_context(registration), "reason": reason},
    )


@mail_recipe("registration_expired", queryset=registrations_for_mail)
def expired_mail(registration: Registration) -> Mail:
    return _registration_mail("expired", registration)


@mail_recipe("waiting_list_offer", queryset=registrations_for_mail)
def offer_mail(registration: Registration) -> Mail:
    return _registration_mail("offer", registration, context=offer_context(registration))


@mail_recipe("waiting_list_offer_lapsed", queryset=registrations_for_mail)
def offer_lapsed_mail(registration: Registration) -> Mail:
    return _registration_mail("offer_lapsed", registration)


@mail_recipe(
    "certificate",
    queryset=lambda: Participant.objects.select_related(
        "registration", "training__venue"
    ).prefetch_related("training__sessions", "attendances"),
)
def certificate_mail(participant: Participant, *, issued_on: str) -> Mail:
    """The certificate of attendance, in the language of the registration the seat belongs to."""
    # Loaded when used: fpdf2 and its fonts cost a third of a second at every start-up.
    from eigenkracht.trainings.attendance.pdf import certificate_pdf

    training = participant.training
    sessions = list(training.sessions.all())  # by date and start time (Session.Meta.ordering)
    with translation.override(certificate_language(participant.registration.language)):
        pdf = certificate_pdf(
            participant=participant,
            training=training,
            sessions=sessions,
            present_session_ids={a.session_id for a in participant.attendances.all() if a.present},
            today=dt.date.fromisoformat(issued_on),
        )
    return journey_mail(
        "certificate",
        language=participant.registration.language,
        context=certificate_context(participant, training, sessions),
        attachments=[Attachment(f"attest-{training.pk}.pdf", "application/pdf", pdf)],
    )


# Sending ---------------------------------------------------------------------------------------


def send_received(registration: Registration) -> None:
    _send("registration_received", registration)


def send_waiting_list(registration: Registration) -> None:
    _send("registration_waiting", registration)


def send_confirmed(registration: Registration) -> None:
    _send("registration_confirmed", registration)


def send_link_reminder(registration: Registration, *, recipient: str) -> None:
    _send("registration_link", registration, recipient=recipient)


def send_link_colleague(registration: Registration, *, participant: Participant) -> None:
    _send(
        "registration_link_colleague",
        registration,
        recipient=participant.email,
        first_name=participant.first_name,
    )


def send_not_made(training: Training, *, recipient: str, first_name: str, language: str) -> None:
    outbox_send(
        kind="registration_not_made",
        recipe="registration_not_made",
        recipient=recipient,
        related=training,
        params={"first_name": first_name, "language": language},
    )


def send_cancelled_by_office(registration: Registration, *, reason: str) -> None:
    _send("registration_cancelled_by_office", registration, reason=reason)


def send_training_cancelled(registration: Registration, *, reason: str) -> None:
    _send("training_cancelled", registration, reason=reason)


def send_partially_paid(registration: Registration) -> None:
    _send("registration_partially_paid", registration)


def send_payment_reminder(registration: Registration) -> None:
    _send("registration_reminder", registration)


def send_expired(registration: Registration) -> None:
    _send("registration_expired", registration)


def offer_url(registration: Registration) -> str:
    return registration_url(registration) + "plaats-aanvaarden/"


def offer_context(registration: Registration) -> dict:
    return {**registration_context(registration), "offer_url": offer_url(registration)}


def send_waiting_list_offer(registration: Registration) -> None:
    _send("waiting_list_offer", registration)


def send_waiting_list_offer_lapsed(registration: Registration) -> None:
    _send("waiting_list_offer_lapsed", registration)


def certificate_context(
    participant: Participant, training: Training, sessions: list[Session]
) -> dict:
    return {"participant": participant, "training": training, "sessions": sessions}


def certificate_language(language: str) -> str:
    """The certificate speaks the registrant's language where the office wrote its certificate
    mail in that language (it then reads as one with the mail); otherwise Dutch."""
    if office_text("certificate", language) is None:
        return settings.LANGUAGE_CODE
    return language


def send_certificate(participant: Participant, *, issued_on: dt.date) -> OutboxMessage:
    return outbox_send(
        kind="certificate",
        recipe="certificate",
        recipient=participant.email,
        related=participant,
        params={"issued_on": issued_on.isoformat()},
    )


def send_later(recipe: str, registration: Registration) -> None:
    """Store the registrant's mail now; a task composes and delivers it after commit."""
    outbox_queue_later(
        [later_mail(recipe, registration_id=registration.pk, recipient=registration.email)]
    )


def later_mail(
    recipe: str, *, registration_id: int, recipient: str, params: dict | None = None
) -> LaterMail:
    """A registration's mail to store now and compose after commit (many at once)."""
    return LaterMail(
        kind=recipe,
        recipe=recipe,
        recipient=recipient,
        related=Registration,
        related_id=registration_id,
        params=params or {},
    )


# Change notices and practical information -------------------------------------------------------


@mail_recipe("training_changed", queryset=registrations_for_mail)
def training_changed_mail(
    registration: Registration, *, changes: list[str], removed: list[list]
) -> Mail:
    """The training moved (see `change_notices`): what changed, how it looks now, and for whose
    calendar holds it, the file that updates it."""
    with_calendar = registration.calendar_may_hold
    attachments = []
    if with_calendar:
        cancelled = tuple(
            RemovedSession(pk, dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end))
            for pk, start, end in removed
        )
        attachments = [
            calendar_attachment(registration.training, method="PUBLISH", removed=cancelled)
        ]
    return Mail(
        "trainings/emails/training_changed",
        {
            **registration_context(registration),
            "changes": changes,
            "with_calendar": with_calendar,
            "meeting_links": session_meeting_links(registration),
            # Not confirmed yet: the link comes with the confirmation, and they are told so.
            "link_later": registration.status != Registration.Status.CONFIRMED
            and any(s.meeting_url for s in registration.training.sessions.all()),
        },
        attachments,
    )


def participants_for_mail() -> QuerySet[Participant]:
    """A participant's mail: its registration, and the training's place and sessions."""
    return Participant.objects.select_related("registration", "training__venue").prefetch_related(
        "training__sessions"
    )


@mail_recipe(
    "practical_info",
    queryset=participants_for_mail,
)
def practical_info_mail(participant: Participant) -> Mail:
    """Where, when, what to bring: a few days before the first session, to each participant."""
    training = participant.training
    sessions = list(training.sessions.all())
    return Mail(
        "trainings/emails/practical_info",
        {
            "participant": participant,
            "training": training,
            "venue": training.venue,
            "sessions": sessions,
            "first": sessions[0] if sessions else None,
            "meeting_links": [(s, s.meeting_url) for s in sessions if s.meeting_url]
            if participant.registration.status == Registration.Status.CONFIRMED
            else [],
        },
        [calendar_attachment(training)],
    )


def send_practical_info(participant: Participant) -> None:
    outbox_send(
        kind="practical_info",
        recipe="practical_info",
        recipient=participant.email,
        related=participant,
    )


# Colleagues whose registration ended ------------------------------------------------------------

ENDED_HOW = ("cancelled", "expired", "training_cancelled")


def colleagues_of(registration: Registration) -> list[Participant]:
    """The active participants who are not the registrant (by address): they may have been told
    they take part (a seat handed to them, the practical information), by us or by the registrant.
    Read before the registration's end makes them inactive."""
    own = registration.email.casefold()
    return [
        participant
        for participant in registration.participants.all()
        if participant.is_active and participant.email and participant.email.casefold() != own
    ]


@mail_recipe(
    "colleague_registration_ended",
    queryset=participants_for_mail,
)
def colleague_ended_mail(participant: Participant, *, how: str, reason: str = "") -> Mail:
    """A colleague is told that the registration they were on ended (`how`: one of ENDED_HOW).
    The training's reason goes with a cancelled training; the office's reason for cancelling one
    registration is the registrant's, and stays with them."""
    if how not in ENDED_HOW:
        raise ValueError(f"Unknown end of a registration: {how!r}")
    return Mail(
        "trainings/emails/colleague_registration_ended",
        {
            **_colleague_context(participant),
            "how": how,
            "reason": reason if how == "training_cancelled" else "",
        },
    )


def _colleague_context(participant: Participant) -> dict:
    training = participant.training
    return {
        "participant": participant,
        "registration": participant.registration,
        "training": training,
        "sessions": list(training.sessions.all()),
    }


def _send_colleagues(recipe: str, colleagues: Sequence[Participant], **params: str) -> None:
    for participant in colleagues:
        outbox_send(
            kind=recipe,
            recipe=recipe,
            recipient=participant.email,
            related=participant,
            params=params,
        )


def send_colleagues_ended(
    registration: Registration, colleagues: Sequence[Participant], *, how: str, reason: str = ""
) -> None:
    _send_colleagues("colleague_registration_ended", colleagues, how=how, reason=reason)


PARTICIPANT_TYPE = Participant._meta.label_lower


def colleagues_told_ended(registration: Registration) -> list[Participant]:
    """The colleagues whose last mail from us about this registration said it had ended: after a
    reinstatement they are told they are back (read once the participants are active again)."""
    colleagues = {str(participant.pk): participant for participant in colleagues_of(registration)}
    last: dict[str, str] = {}
    for object_id, recipe in (
        OutboxMessage.objects.filter(
            object_type=PARTICIPANT_TYPE,
            object_id__in=list(colleagues),
            recipe__in=["colleague_registration_ended", "colleague_registration_back"],
        )
        .order_by("created_at", "pk")
        .values_list("object_id", "recipe")
    ):
        last[object_id] = recipe
    return [
        participant
        for pk, participant in colleagues.items()
        if last.get(pk) == "colleague_registration_ended"
    ]


@mail_recipe(
    "colleague_registration_back",
    queryset=participants_for_mail,
)
def colleague_back_mail(participant: Participant) -> Mail:
    """A colleague told that the registration ended hears that it is active again, with the
    training for their calendar (they may have taken it out, as the first mail said)."""
    return Mail(
        "trainings/emails/colleague_registration_back",
        _colleague_context(participant),
        attachments=[calendar_attachment(participant.training)],
    )


def send_colleagues_back(colleagues: Sequence[Participant]) -> None:
    _send_colleagues("colleague_registration_back", colleagues)


# Seat transfers and moves (trainings.seat_changes) ---------------------------------------------


@mail_recipe("seat_transferred", queryset=registrations_for_mail)
def seat_transferred_mail(registration: Registration, *, first_name: str, last_name: str) -> Mail:
    """The colleague who got a seat: the training's details and its calendar file (the name as
    it was when the seat was handed on: the mail may be composed again later)."""
    return _registration_mail(
        "seat_transferred",
        registration,
        context={
            **registration_context(registration),
            "colleague": Participant(first_name=first_name, last_name=last_name),
            "meeting_links": session_meeting_links(registration),
        },
        attachments=[calendar_attachment(registration.training)],
    )


@mail_recipe("seat_transferred_away", queryset=registrations_for_mail)
def seat_transferred_away_mail(
    registration: Registration, *, first_name: str, colleague: str
) -> Mail:
    return _registration_mail(
        "seat_transferred_away",
        registration,
        context={
            **registration_context(registration),
            "first_name": first_name,
            "colleague": colleague,
        },
    )


@mail_recipe("registration_moved", queryset=registrations_for_mail)
def moved_mail(
    registration: Registration,
    *,
    old_title: str,
    old_dates: list[str],
    difference_cents: int,
    old_training: int | None = None,
) -> Mail:
    """The new date with its calendar file; what is still to pay (with the QR code), or that
    the difference comes back."""
    return _registration_mail(
        "moved",
        registration,
        context={
            **registration_context(registration),
            "old_title": old_title,
            "old_dates": old_dates,
            "difference_cents": difference_cents,
            "refund_cents": max(-difference_cents, 0),
            "meeting_links": session_meeting_links(registration),
        },
        attachments=[
            calendar_attachment(registration.training),
            *_old_dates_cancelled(old_training),
            *qr_attachments(registration),
        ],
    )


def _old_dates_cancelled(training_id: int | None) -> list[Attachment]:
    """The old date's events, cancelled in the registrant's calendar after a move."""
    old = (
        Training.objects.prefetch_related("sessions").filter(pk=training_id).first()
        if training_id
        else None
    )
    if old is None:
        return []
    organisation = mail_organisation()
    ics = cancelled_ical(old, organizer=(organisation.name, organisation.email))
    return [Attachment("oude-datum-afgezegd.ics", "text/calendar; method=CANCEL", ics)]


def send_seat_transferred(
    registration: Registration, *, participant: Participant, old: dict[str, str]
) -> None:
    _send(
        "seat_transferred",
        registration,
        recipient=participant.email,
        first_name=participant.first_name,
        last_name=participant.last_name,
    )
    _send(
        "seat_transferred_away",
        registration,
        recipient=old["email"],
        first_name=old["first_name"],
        colleague=participant.full_name,
    )


def send_moved(
    registration: Registration, *, old_training: Training, old_amount_due_cents: int
) -> None:
    _send(
        "registration_moved",
        registration,
        old_title=old_training.title,
        old_dates=[
            session_line(s.date, s.start_time, s.end_time) for s in old_training.sessions.all()
        ],
        difference_cents=registration.amount_due_cents - old_amount_due_cents,
        old_training=old_training.pk,
    )


# Meeting links ---------------------------------------------------------------------------------


def session_meeting_links(registration: Registration) -> list[tuple[Session, str]]:
    """The sessions with a link to join online, each with its link: only for a confirmed
    registration, since the link is for participants alone (never on a public page or feed).

    Reads the training's sessions as loaded (`registrations_for_mail` prefetches them).
    """
    if registration.status != Registration.Status.CONFIRMED:
        return []
    return [(s, s.meeting_url) for s in registration.training.sessions.all() if s.meeting_url]


def meeting_links_context(registration: Registration) -> dict:
    """A registration mail's context with `meeting_links`, which the template include
    trainings/emails/_meeting_links.txt / .html shows (also under the office's own text)."""
    return {
        **registration_context(registration),
        "meeting_links": session_meeting_links(registration),
    }
