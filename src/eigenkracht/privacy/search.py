"""Everything the organisation holds about one person, found by e-mail address, name and date of
birth, for a privacy request: each hit says what it is (`kind`, the anonymiser's key), which
object, where it is in words, a short summary and the back-office page that shows it.

Matching, case-insensitive:
- an e-mail address equals the stored address (never a part of it);
- a name equals the stored name as written, or first and last name in either order;
- free texts (the trajectory's texts, notes, follow-up notes, the timeline, mails) contain the
  name or the e-mail address;
- a date of birth equals a trajectory participant's.
Each source costs one query (or two), whatever the number of hits, so that a search over years of
data stays a handful of queries.

`object_id` is the id of: registration, training_participant, training_answer (trainings'
Registration, Participant, ParticipantAnswer); payment, bank_transaction, refund (payments');
invoice (invoices' Document); trajectory_referrer and trajectory_text (the Trajectory: its
referrer fields, or all its texts, notes, plans, agreements and meetings' remarks);
trajectory_participant (trajectories' Participant); network_member, network_snapshot; followup
(FollowUp); trajectory_event (TrajectoryEvent); outbox (OutboxMessage); user (User).
"""

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigenkracht.accounts.models import User
from eigenkracht.banking.money import euro
from eigenkracht.core.models import OutboxMessage
from eigenkracht.invoices.models import Document
from eigenkracht.network.models import NetworkMember, NetworkSnapshot
from eigenkracht.payments.models import BankTransaction, Payment, Refund
from eigenkracht.trainings.models import Participant, ParticipantAnswer, Registration
from eigenkracht.trajectories.models import (
    Agreement,
    Conference,
    FollowUp,
    Note,
    Plan,
    Trajectory,
    TrajectoryEvent,
)
from eigenkracht.trajectories.models import Participant as TrajectoryParticipant
from eigenkracht.volunteers.models import Application

# Every kind, in the order the request's page groups them, with the group's title.
KIND_LABELS = {
    "registration": gettext_lazy("Inschrijvingen voor vormingen"),
    "training_participant": gettext_lazy("Deelnemers aan vormingen"),
    "training_answer": gettext_lazy("Antwoorden op de vragen van een vorming"),
    "payment": gettext_lazy("Betalingen"),
    "bank_transaction": gettext_lazy("Verrichtingen op de rekeninguittreksels"),
    "refund": gettext_lazy("Terugbetalingen"),
    "invoice": gettext_lazy("Facturen en creditnota's"),
    "trajectory_referrer": gettext_lazy("Aanmelder van een EK-traject"),
    "trajectory_participant": gettext_lazy("Deelnemers aan een EK-traject"),
    "network_member": gettext_lazy("Netwerkkaarten"),
    "network_snapshot": gettext_lazy("Momentopnamen van netwerkkaarten"),
    "trajectory_text": gettext_lazy("Vrije teksten van een EK-traject"),
    "followup": gettext_lazy("Verslagen van een opvolging"),
    "trajectory_event": gettext_lazy("Tijdlijn van een EK-traject"),
    "outbox": gettext_lazy("Verzonden e-mails"),
    "volunteer_application": gettext_lazy("Kandidaturen als EK-coördinator"),
    "user": gettext_lazy("Gebruikers van het platform"),
}


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    where: str
    summary: str
    url: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.object_id}"


@dataclass(frozen=True)
class Criteria:
    email: str
    name: str
    birth_date: dt.date | None

    @property
    def searched_by(self) -> list[str]:
        """Which fields were searched on, for the audit log (never their values)."""
        fields = [("email", self.email), ("name", self.name), ("birth_date", self.birth_date)]
        return [field for field, value in fields if value]


def criteria(*, email: str = "", name: str = "", birth_date: dt.date | None = None) -> Criteria:
    return Criteria(email=email.strip().lower(), name=" ".join(name.split()), birth_date=birth_date)


def _either(*conditions: Q | None) -> Q | None:
    present = [condition for condition in conditions if condition is not None]
    return reduce(or_, present) if present else None


def _email(field: str, c: Criteria) -> Q | None:
    return Q(**{f"{field}__iexact": c.email}) if c.email else None


def _name(field: str, c: Criteria) -> Q | None:
    return Q(**{f"{field}__iexact": c.name}) if c.name else None


def _text(fields: Iterable[str], c: Criteria, *, with_email: bool = False) -> Q | None:
    words = [c.name] if c.name else []
    if with_email and c.email:
        words.append(c.email)
    return _either(*(Q(**{f"{field}__icontains": word}) for field in fields for word in words))


def _with_full_names(queryset: QuerySet, first: str, last: str) -> QuerySet:
    return queryset.annotate(
        _full=Concat(first, Value(" "), last), _reversed=Concat(last, Value(" "), first)
    )


def _full_name(c: Criteria) -> Q | None:
    """On a queryset annotated by `_with_full_names`."""
    return _either(_name("_full", c), _name("_reversed", c))


def _registrations(c: Criteria) -> QuerySet[Registration]:
    condition = _either(_email("email", c), _full_name(c))
    queryset = _with_full_names(Registration.objects.all(), "first_name", "last_name")
    return queryset.filter(condition) if condition is not None else queryset.none()


def _in(texts: dict[str, str], c: Criteria) -> list[str]:
    """The labels of the texts that mention the person."""
    words = [word.casefold() for word in (c.name, c.email) if word]
    return [
        label
        for label, text in texts.items()
        if text and any(word in text.casefold() for word in words)
    ]


def _registration_where(registration: Registration) -> str:
    return _("Inschrijving %(code)s voor vorming %(training)s") % {
        "code": registration.code,
        "training": registration.training.title,
    }


def _registration_url(registration_id: int) -> str:
    return reverse("trainings_backoffice:registration_detail", args=[registration_id])


def _trajectory_url(trajectory_id: int) -> str:
    return reverse("trajectories:detail", args=[trajectory_id])


# Sources ----------------------------------------------------------------------------------------


def _search_registrations(c: Criteria) -> list[Hit]:
    return [
        Hit(
            kind="registration",
            object_id=registration.pk,
            where=_registration_where(registration),
            summary=f"{registration.full_name}, {registration.email} "
            f"({registration.get_status_display().lower()})",
            url=_registration_url(registration.pk),
        )
        for registration in _registrations(c).select_related("training").order_by("id")
    ]


def _search_training_participants(c: Criteria) -> list[Hit]:
    condition = _either(_email("email", c), _full_name(c))
    if condition is None:
        return []
    participants = (
        _with_full_names(Participant.objects.all(), "first_name", "last_name")
        .filter(condition)
        .select_related("registration__training")
        .order_by("id")
    )
    return [
        Hit(
            kind="training_participant",
            object_id=participant.pk,
            where=_("Deelnemer van inschrijving %(code)s voor vorming %(training)s")
            % {
                "code": participant.registration.code,
                "training": participant.registration.training.title,
            },
            summary=f"{participant.full_name}, {participant.email}",
            url=_registration_url(participant.registration_id),
        )
        for participant in participants
    ]


def _search_training_answers(c: Criteria) -> list[Hit]:
    condition = _either(_email("participant__email", c), _full_name(c))
    if condition is None:
        return []
    answers = (
        _with_full_names(
            ParticipantAnswer.objects.all(), "participant__first_name", "participant__last_name"
        )
        .filter(condition)
        .select_related("question", "participant__registration__training")
        .order_by("id")
    )
    return [
        Hit(
            kind="training_answer",
            object_id=answer.pk,
            where=_("Antwoord van %(name)s bij inschrijving %(code)s")
            % {
                "name": answer.participant.full_name,
                "code": answer.participant.registration.code,
            },
            summary=f"{answer.question.text}: {_answer_text(answer.value)}",
            url=_registration_url(answer.participant.registration_id),
        )
        for answer in answers
    ]


def _answer_text(value: object) -> str:
    if value is True:
        return _("ja")
    if value is False:
        return _("nee")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _search_payments(c: Criteria) -> list[Hit]:
    payments = (
        Payment.objects.filter(registration__in=_registrations(c).values("pk"))
        .select_related("registration__training")
        .order_by("id")
    )
    return [
        Hit(
            kind="payment",
            object_id=payment.pk,
            where=_("Betaling voor inschrijving %(code)s") % {"code": payment.registration.code},
            summary=f"{euro(payment.amount_cents)}, {payment.paid_on:%d/%m/%Y}",
            url=_registration_url(payment.registration_id),
        )
        for payment in payments
    ]


def _search_bank_transactions(c: Criteria) -> list[Hit]:
    """By the counterparty's name, and every transfer booked on one of the person's
    registrations (its name may be an employer's or a partner's)."""
    condition = _either(
        _name("counterparty_name", c),
        Q(payments__registration__in=_registrations(c).values("pk")),
    )
    transactions = (
        BankTransaction.objects.filter(
            pk__in=BankTransaction.objects.filter(condition).values("pk")
        )
        .only("id", "booking_date", "amount_cents", "counterparty_name", "statement_import_id")
        .order_by("booking_date", "id")
    )
    return [
        Hit(
            kind="bank_transaction",
            object_id=transaction.pk,
            where=_("Verrichting van %(date)s op een rekeninguittreksel")
            % {"date": f"{transaction.booking_date:%d/%m/%Y}"},
            summary=f"{euro(transaction.amount_cents)}, {transaction.counterparty_name}",
            url=reverse("payments_backoffice:transaction_detail", args=[transaction.pk]),
        )
        for transaction in transactions
    ]


def _search_refunds(c: Criteria) -> list[Hit]:
    condition = _either(_name("payee_name", c), Q(registration__in=_registrations(c).values("pk")))
    return [
        Hit(
            kind="refund",
            object_id=refund.pk,
            where=_("Terugbetaling %(reference)s") % {"reference": refund.end_to_end_id},
            summary=_("%(amount)s aan %(name)s (%(status)s)")
            % {
                "amount": euro(refund.amount_cents),
                "name": refund.payee_name or _("onbekende rekeninghouder"),
                "status": refund.get_status_display().lower(),
            },
            url=reverse("payments_backoffice:refund_detail", args=[refund.pk]),
        )
        for refund in Refund.objects.filter(condition).order_by("id")
    ]


def _search_invoices(c: Criteria) -> list[Hit]:
    condition = _either(
        _email("buyer_email", c), Q(registration__in=_registrations(c).values("pk"))
    )
    documents = Document.objects.filter(condition).defer("seller").order_by("issued_on", "id")
    return [
        Hit(
            kind="invoice",
            object_id=document.pk,
            where=_("%(kind)s %(number)s")
            % {
                "kind": document.get_kind_display().capitalize(),
                "number": document.number,
            },
            summary=f"{document.buyer_name}, {document.buyer_email}, {euro(document.total_cents)}",
            url=reverse("invoices_backoffice:document_download", args=[document.pk, "pdf"]),
        )
        for document in documents
    ]


def _search_trajectory_referrers(c: Criteria) -> list[Hit]:
    condition = _either(_email("referrer_email", c), _name("referrer_name", c))
    if condition is None:
        return []
    trajectories = Trajectory.objects.filter(condition).only(
        "id", "reference", "referrer_name", "referrer_email", "referrer_organisation"
    )
    return [
        Hit(
            kind="trajectory_referrer",
            object_id=trajectory.pk,
            where=_("Aanmelder van EK-traject %(reference)s") % {"reference": trajectory.reference},
            summary=", ".join(
                part
                for part in (
                    trajectory.referrer_name,
                    trajectory.referrer_email,
                    trajectory.referrer_organisation,
                )
                if part
            ),
            url=_trajectory_url(trajectory.pk),
        )
        for trajectory in trajectories.order_by("id")
    ]


def _search_trajectory_participants(c: Criteria) -> list[Hit]:
    condition = _either(
        _email("email", c),
        _name("name", c),
        Q(birth_date=c.birth_date) if c.birth_date else None,
    )
    if condition is None:
        return []
    participants = (
        TrajectoryParticipant.objects.filter(condition)
        .select_related("trajectory")
        .only("id", "name", "role", "email", "birth_date", "birth_year", "trajectory__reference")
        .order_by("id")
    )
    return [
        Hit(
            kind="trajectory_participant",
            object_id=participant.pk,
            where=_("Deelnemer aan EK-traject %(reference)s")
            % {"reference": participant.trajectory.reference},
            summary=", ".join(
                part
                for part in (
                    participant.name,
                    participant.get_role_display().lower(),
                    participant.email,
                    participant.birth_display,
                )
                if part
            ),
            url=_trajectory_url(participant.trajectory_id),
        )
        for participant in participants
    ]


def _search_network_members(c: Criteria) -> list[Hit]:
    """By name, and the members linked to a participant found by e-mail or date of birth."""
    linked = _either(_email("email", c), Q(birth_date=c.birth_date) if c.birth_date else None)
    condition = _either(
        _name("name", c),
        Q(participant__in=TrajectoryParticipant.objects.filter(linked).values("pk"))
        if linked is not None
        else None,
    )
    if condition is None:
        return []
    members = (
        NetworkMember.objects.filter(condition)
        .select_related("trajectory")
        .only("id", "name", "sector", "ring", "trajectory__reference")
        .order_by("id")
    )
    return [
        Hit(
            kind="network_member",
            object_id=member.pk,
            where=_("Netwerkkaart van EK-traject %(reference)s")
            % {"reference": member.trajectory.reference},
            summary=member.name,
            url=reverse("trajectories:network:map", args=[member.trajectory_id]),
        )
        for member in members
    ]


def _search_network_snapshots(c: Criteria) -> list[Hit]:
    """Snapshots hold copies of the members' names in JSON: a text search narrows them down (on
    SQLite the JSON escapes letters beyond ASCII, hence both spellings), then the names decide."""
    if not c.name:
        return []
    escaped = json.dumps(c.name)[1:-1]
    snapshots = (
        NetworkSnapshot.objects.filter(
            _either(Q(data__icontains=c.name), Q(data__icontains=escaped), _text(["note"], c))
        )
        .select_related("trajectory")
        .only("id", "taken_at", "reason", "note", "data", "trajectory__reference")
        .order_by("id")
    )
    hits = []
    wanted = c.name.casefold()
    for snapshot in snapshots:
        names = [
            str(member.get("name", ""))
            for member in snapshot.data
            if str(member.get("name", "")).casefold() == wanted
        ]
        if not names and not _in({"note": snapshot.note}, c):
            continue
        hits.append(
            Hit(
                kind="network_snapshot",
                object_id=snapshot.pk,
                where=_("Momentopname van %(date)s van de netwerkkaart van EK-traject %(ref)s")
                % {"date": f"{snapshot.taken_at:%d/%m/%Y}", "ref": snapshot.trajectory.reference},
                summary=", ".join(names) or snapshot.note,
                url=reverse("trajectories:network:snapshots", args=[snapshot.trajectory_id]),
            )
        )
    return hits


TRAJECTORY_TEXTS = {
    "referred_names": gettext_lazy("aangemeld voor"),
    "central_question": gettext_lazy("vraagstelling"),
    "concerns": gettext_lazy("zorgen"),
    "limits": gettext_lazy("grenzen"),
    "intake_note": gettext_lazy("reden (intake)"),
    "stop_reason_text": gettext_lazy("toelichting bij het stoppen"),
}


def _note_texts(note: Note) -> dict[str, str]:
    return {_("notitie van %(date)s") % {"date": f"{note.created_at:%d/%m/%Y}"}: note.text}


def _search_trajectory_texts(c: Criteria) -> list[Hit]:
    """One hit per trajectory whose texts name the person: its own fields, the notes, the plan
    and its agreements, the meetings' remarks. The summary says which texts."""
    if not c.name:
        return []
    found: dict[int, list[str]] = {}
    references: dict[int, str] = {}

    def add(trajectory_id: int, reference: str, labels: Iterable[str]) -> None:
        labels = list(labels)
        if labels:
            references[trajectory_id] = reference
            found.setdefault(trajectory_id, []).extend(str(label) for label in labels)

    for trajectory in Trajectory.objects.filter(_text(TRAJECTORY_TEXTS, c)).only(
        "id", "reference", *TRAJECTORY_TEXTS
    ):
        texts = {label: getattr(trajectory, field) for field, label in TRAJECTORY_TEXTS.items()}
        add(trajectory.pk, trajectory.reference, _in(texts, c))
    sources: list[tuple[QuerySet, str, Callable[[object], dict[str, str]]]] = [
        (Note.objects.filter(_text(["text"], c)), "trajectory", _note_texts),
        (
            Plan.objects.filter(_text(["if_things_go_differently", "referrer_feedback"], c)),
            "trajectory",
            lambda plan: {
                _("plan: als het anders loopt"): plan.if_things_go_differently,
                _("plan: wat ontbreekt volgens de aanmelder"): plan.referrer_feedback,
            },
        ),
        (
            Agreement.objects.filter(_text(["what"], c)),
            "plan__trajectory",
            lambda agreement: {_("afspraak in het plan"): agreement.what},
        ),
        (
            Conference.objects.filter(_text(["remarks", "children_arrangements"], c)),
            "trajectory",
            lambda conference: {
                _("opmerkingen bij de conferentie"): conference.remarks,
                _("afspraken voor de kinderen"): conference.children_arrangements,
            },
        ),
    ]
    for queryset, path, texts_of in sources:
        for row in queryset.select_related(path).order_by("id"):
            trajectory = row.plan.trajectory if path == "plan__trajectory" else row.trajectory
            add(trajectory.pk, trajectory.reference, _in(texts_of(row), c))
    return [
        Hit(
            kind="trajectory_text",
            object_id=trajectory_id,
            where=_("Vrije teksten van EK-traject %(reference)s")
            % {"reference": references[trajectory_id]},
            summary=", ".join(dict.fromkeys(labels)),
            url=_trajectory_url(trajectory_id),
        )
        for trajectory_id, labels in sorted(found.items())
    ]


def _search_followups(c: Criteria) -> list[Hit]:
    if not c.name:
        return []
    follow_ups = (
        FollowUp.objects.filter(_text(["note"], c))
        .select_related("trajectory")
        .only("id", "held_on", "trajectory__reference")
        .order_by("id")
    )
    return [
        Hit(
            kind="followup",
            object_id=follow_up.pk,
            where=_("Opvolging van %(date)s van EK-traject %(reference)s")
            % {
                "date": f"{follow_up.held_on:%d/%m/%Y}",
                "reference": follow_up.trajectory.reference,
            },
            summary=_("De naam staat in het verslag."),
            url=reverse("trajectories:follow_up", args=[follow_up.trajectory_id]),
        )
        for follow_up in follow_ups
    ]


def _search_trajectory_events(c: Criteria) -> list[Hit]:
    if not c.name:
        return []
    events = (
        TrajectoryEvent.objects.filter(_text(["description", "reason"], c))
        .select_related("trajectory")
        .only("id", "at", "description", "trajectory__reference")
        .order_by("id")
    )
    return [
        Hit(
            kind="trajectory_event",
            object_id=event.pk,
            where=_("Tijdlijn van EK-traject %(reference)s, %(date)s")
            % {"reference": event.trajectory.reference, "date": f"{event.at:%d/%m/%Y}"},
            summary=event.description,
            url=_trajectory_url(event.trajectory_id),
        )
        for event in events
    ]


def _search_outbox(c: Criteria) -> list[Hit]:
    condition = _either(_email("recipient", c), _text(["body_text"], c, with_email=True))
    if condition is None:
        return []
    messages = (
        OutboxMessage.objects.filter(condition)
        .only("id", "created_at", "recipient", "subject")
        .order_by("created_at", "id")
    )
    return [
        Hit(
            kind="outbox",
            object_id=message.pk,
            where=_("E-mail van %(date)s aan %(recipient)s")
            % {"date": f"{message.created_at:%d/%m/%Y}", "recipient": message.recipient},
            summary=message.subject,
            url=reverse("backoffice:outbox_detail", args=[message.pk]),
        )
        for message in messages
    ]


def _search_users(c: Criteria) -> list[Hit]:
    condition = _either(_email("email", c), _full_name(c))
    if condition is None:
        return []
    users = _with_full_names(User.objects.all(), "first_name", "last_name").filter(condition)
    return [
        Hit(
            kind="user",
            object_id=user.pk,
            where=_("Account op het platform (%(role)s)") % {"role": user.get_role_display()},
            summary=f"{user.get_full_name()}, {user.email}".strip(", "),
            url=reverse("accounts:user_list"),
        )
        for user in users.order_by("id")
    ]


def _search_volunteer_applications(c: Criteria) -> list[Hit]:
    condition = _either(_email("email", c), _name("name", c))
    if condition is None:
        return []
    applications = (
        Application.objects.filter(condition)
        .only("id", "name", "applied_at", "step")
        .order_by("id")
    )
    return [
        Hit(
            kind="volunteer_application",
            object_id=application.pk,
            where=_("Kandidatuur als EK-coördinator van %(date)s")
            % {"date": formats.date_format(timezone.localtime(application.applied_at), "j F Y")},
            summary=f"{application.name} ({application.get_step_display().lower()})",
            url=reverse("volunteers:application", args=[application.pk]),
        )
        for application in applications
    ]


SOURCES: tuple[Callable[[Criteria], list[Hit]], ...] = (
    _search_registrations,
    _search_training_participants,
    _search_training_answers,
    _search_payments,
    _search_bank_transactions,
    _search_refunds,
    _search_invoices,
    _search_trajectory_referrers,
    _search_trajectory_participants,
    _search_network_members,
    _search_network_snapshots,
    _search_trajectory_texts,
    _search_followups,
    _search_trajectory_events,
    _search_outbox,
    _search_volunteer_applications,
    _search_users,
)


def person_search(
    *, email: str = "", name: str = "", birth_date: dt.date | None = None
) -> list[Hit]:
    """Every hit about the person, grouped by kind in the order of `KIND_LABELS`. Nothing to
    search on finds nothing."""
    c = criteria(email=email, name=name, birth_date=birth_date)
    if not c.searched_by:
        return []
    hits = [hit for source in SOURCES for hit in source(c)]
    order = list(KIND_LABELS)
    return sorted(hits, key=lambda hit: order.index(hit.kind))


def grouped(hits: list[Hit]) -> list[tuple[str, list[Hit]]]:
    """[(the group's title, its hits)], in the order of `KIND_LABELS`, only groups with hits."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.kind, []).append(hit)
    return [(str(KIND_LABELS[kind]), groups[kind]) for kind in KIND_LABELS if kind in groups]
