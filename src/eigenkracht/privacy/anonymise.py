"""Making personal data anonymous, in bulk: what a retention proposal carries out and what an
erasure does for one person.

What stays is what the figures need: statuses, dates, amounts, counts, domains, sectors, the
postcode, attendance, agreements' progress and the coordinator's scores; the funders' page and
the trainings' statistics are the same before and after (tests/privacy/test_figures_unchanged.py).
What goes: names, contact details, free texts, answers, the names in a network and in its
snapshots, the mails about the object, and the names and values the audit log wrote about it.
The rules are in docs/decisions.md ("What anonymising keeps").

Every function takes ids and makes a constant number of queries per call, so that a batch of a
few hundred objects is a handful of statements.
"""

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence

from django.db.models import Q
from django.utils import timezone

from eigenkracht.allowances.models import Declaration, Payout, PayoutLine
from eigenkracht.core.audit import without_values
from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.evaluations.models import ConferenceResponse, TrainingResponse
from eigenkracht.invoices.models import Document
from eigenkracht.network.models import NetworkMember, NetworkSnapshot
from eigenkracht.payments.models import BankTransaction, Payment, Refund, SepaFile, StatementImport
from eigenkracht.privacy.models import Anonymised, PrivacyRequest
from eigenkracht.trainings.models import Participant as TrainingParticipant
from eigenkracht.trainings.models import ParticipantAnswer, Registration
from eigenkracht.trajectories.models import (
    Agreement,
    Conference,
    Consent,
    FollowUp,
    Note,
    Plan,
    Trajectory,
    TrajectoryEvent,
)
from eigenkracht.trajectories.models import Participant as TrajectoryParticipant
from eigenkracht.volunteers.models import Application, ApplicationStep

# Stored, not shown as a translation: the data itself says it was made anonymous.
ANONYMOUS = "Anoniem"
REMOVED_TEXT = "(anoniem gemaakt)"


def anonymous_email(kind: str, pk: int) -> str:
    """An address that can never receive mail (RFC 2606 reserves .invalid) and is unique, for
    the columns that must hold one."""
    return f"anoniem-{kind}-{pk}@anoniem.invalid"


def _mark(kind: str, ids: Iterable[int]) -> None:
    now = timezone.now()
    Anonymised.objects.bulk_create(
        [Anonymised(kind=kind, object_id=pk, at=now) for pk in ids], ignore_conflicts=True
    )


def _matching(pairs: Sequence[tuple[str, Sequence[int]]]) -> Q:
    match = Q(pk__in=[])
    for object_type, ids in pairs:
        if ids:
            match |= Q(object_type=object_type, object_id__in=[str(pk) for pk in ids])
    return match


def scrub_audit(pairs: Sequence[tuple[str, Sequence[int]]]) -> None:
    """Strip what the audit log wrote about these objects down to the action, the object's type
    and id, and codes, numbers and dates (entries written before the rule of
    core.audit.PERSONAL_OBJECTS, and objects outside it such as an invoice)."""
    entries = list(AuditEntry.objects.filter(_matching(pairs)).only("pk", "data"))
    for entry in entries:
        entry.object_repr = ""
        entry.data = without_values(entry.data or {})
    AuditEntry.objects.bulk_update(entries, ["object_repr", "data"], batch_size=500)


def _forget_mails_and_audit(pairs: Sequence[tuple[str, Sequence[int]]]) -> None:
    """Delete the mails about these objects and scrub the audit log's entries about them and
    about the mails (a look at a mail was written down with its recipient and subject)."""
    mails = OutboxMessage.objects.filter(_matching(pairs))
    mail_ids = list(mails.values_list("pk", flat=True))
    mails.delete()
    scrub_audit([*pairs, ("core.outboxmessage", mail_ids)])


# Trainings ---------------------------------------------------------------------------------


def registrants_anonymise(ids: Sequence[int]) -> None:
    """The registrant's own fields; the link in their mails stops working. The colleagues they
    registered are participants of their own."""
    registrations = list(Registration.objects.filter(pk__in=ids).only("pk"))
    now = timezone.now()
    for registration in registrations:
        registration.first_name = ANONYMOUS
        registration.last_name = ""
        registration.email = anonymous_email("inschrijving", registration.pk)
        registration.phone = ""
        registration.job = ""
        registration.remarks = ""
        registration.cancel_reason = ""
        registration.client_ip_hash = ""
        registration.token = secrets.token_urlsafe(32)
        registration.anonymised_at = now
    Registration.objects.bulk_update(
        registrations,
        ["first_name", "last_name", "email", "phone", "job", "remarks", "cancel_reason",
         "client_ip_hash", "token", "anonymised_at"],
        batch_size=500,
    )  # fmt: skip


def registrations_anonymise(ids: Sequence[int]) -> int:
    """The registrant and every participant of these registrations; statuses, seats, amounts,
    attendance and certificates' hours stay."""
    registrants_anonymise(ids)
    participant_ids = list(
        TrainingParticipant.objects.filter(registration_id__in=ids).values_list("pk", flat=True)
    )
    training_participants_anonymise(participant_ids)
    # The trainings' evaluations: their open answers are free text (names, a colleague); the
    # scores stay for the figures. A training's registrations are due together.
    TrainingResponse.objects.filter(
        training_id__in=Registration.objects.filter(pk__in=ids).values("training_id")
    ).exclude(comment="").update(comment="")
    _forget_mails_and_audit([("trainings.registration", ids)])
    _mark("registration", ids)
    return len(ids)


def training_participants_anonymise(ids: Sequence[int]) -> int:
    participants = list(TrainingParticipant.objects.filter(pk__in=ids).only("pk"))
    for participant in participants:
        participant.first_name = ANONYMOUS
        participant.last_name = ""
        participant.email = anonymous_email("deelnemer", participant.pk)
    TrainingParticipant.objects.bulk_update(
        participants, ["first_name", "last_name", "email"], batch_size=500
    )
    ParticipantAnswer.objects.filter(participant_id__in=ids).delete()
    _forget_mails_and_audit([("trainings.participant", ids)])
    _mark("training_participant", ids)
    return len(participants)


# Trajectories ------------------------------------------------------------------------------


def referrers_anonymise(ids: Sequence[int]) -> None:
    """Who referred: a professional's organisation stays (it is not a person), a citizen's goes."""
    trajectories = list(
        Trajectory.objects.filter(pk__in=ids).only("pk", "referrer_type", "referrer_organisation")
    )
    for trajectory in trajectories:
        trajectory.referrer_name = ANONYMOUS
        trajectory.referrer_email = anonymous_email("aanmelder", trajectory.pk)
        trajectory.referrer_phone = ""
        trajectory.referrer_role = ""
        if trajectory.referrer_type == Trajectory.ReferrerType.CITIZEN:
            trajectory.referrer_organisation = ""
    Trajectory.objects.bulk_update(
        trajectories,
        ["referrer_name", "referrer_email", "referrer_phone", "referrer_role",
         "referrer_organisation"],
        batch_size=200,
    )  # fmt: skip


def trajectories_anonymise(ids: Sequence[int]) -> int:
    """Everything that names or describes the people of these trajectories; what the figures
    count stays (status, dates, domains, referrer type, postcode, outcome, stop reason,
    conferences held and who attended which part, agreements and their progress, scores)."""
    referrers_anonymise(ids)
    Trajectory.objects.filter(pk__in=ids).update(
        referred_names="",
        central_question=REMOVED_TEXT,
        concerns=REMOVED_TEXT,
        limits=REMOVED_TEXT,
        intake_note="",
        wish_background="",
        stop_reason_text="",
        consent_withdrawn_by="",
        consent_withdrawal_note="",
        anonymised_at=timezone.now(),
    )
    participant_ids = list(
        TrajectoryParticipant.objects.filter(trajectory_id__in=ids).values_list("pk", flat=True)
    )
    _participants_and_network(ids, participant_ids)
    Conference.objects.filter(trajectory_id__in=ids).update(
        place=REMOVED_TEXT, address="", interpreter="", children_arrangements="", remarks=""
    )
    Plan.objects.filter(trajectory_id__in=ids).update(
        if_things_go_differently="", referrer_feedback=""
    )
    Agreement.objects.filter(plan__trajectory_id__in=ids).update(what=REMOVED_TEXT, due="")
    FollowUp.objects.filter(trajectory_id__in=ids).update(note=REMOVED_TEXT)
    Note.objects.filter(trajectory_id__in=ids).delete()
    Consent.objects.filter(trajectory_id__in=ids).update(given_by_name="", note="")
    TrajectoryEvent.objects.filter(trajectory_id__in=ids).update(
        description=REMOVED_TEXT, reason=""
    )
    NetworkSnapshot.objects.filter(trajectory_id__in=ids).update(note="")
    # The participants' open answers are free text; their scores stay for the figures.
    ConferenceResponse.objects.filter(trajectory_id__in=ids).update(comment="")
    plan_ids = list(Plan.objects.filter(trajectory_id__in=ids).values_list("pk", flat=True))
    conference_ids = list(
        Conference.objects.filter(trajectory_id__in=ids).values_list("pk", flat=True)
    )
    _forget_mails_and_audit(
        [
            ("trajectories.trajectory", ids),
            ("trajectories.participant", participant_ids),
            ("trajectories.plan", plan_ids),
            ("trajectories.conference", conference_ids),
        ]
    )
    return len(ids)


def _participants_and_network(trajectory_ids: Sequence[int], participant_ids: Sequence[int]):
    """Each person gets a label ("Persoon 3") that is the same on the map, in its snapshots and
    on the participant list, so that the anonymous map still reads as a map."""
    members = list(
        NetworkMember.objects.filter(trajectory_id__in=trajectory_ids)
        .only("pk", "trajectory_id", "participant_id")
        .order_by("trajectory_id", "pk")
    )
    labels: dict[int, str] = {}
    participant_labels: dict[int, str] = {}
    counters: dict[int, int] = {}
    for member in members:
        counters[member.trajectory_id] = counters.get(member.trajectory_id, 0) + 1
        member.name = f"Persoon {counters[member.trajectory_id]}"
        labels[member.pk] = member.name
        if member.participant_id:
            participant_labels[member.participant_id] = member.name
    NetworkMember.objects.bulk_update(members, ["name"], batch_size=500)

    participants = list(
        TrajectoryParticipant.objects.filter(pk__in=participant_ids)
        .only("pk", "trajectory_id", "birth_date")
        .order_by("trajectory_id", "pk")
    )
    for participant in participants:
        if participant.pk not in participant_labels:
            counters[participant.trajectory_id] = counters.get(participant.trajectory_id, 0) + 1
            participant_labels[participant.pk] = f"Persoon {counters[participant.trajectory_id]}"
        participant.name = participant_labels[participant.pk]
        participant.address = ""
        participant.phone = ""
        participant.email = ""
        participant.needs = ""
        participant.suggested_by = ""
        # Free text that names people ("mama van Kim"); the role stays for the figures.
        participant.relation = ""
        # The year says whether someone was a minor, which the figures may cut by.
        if participant.birth_date:
            participant.birth_date = dt.date(participant.birth_date.year, 1, 1)
    TrajectoryParticipant.objects.bulk_update(
        participants,
        ["name", "address", "phone", "email", "needs", "suggested_by", "relation", "birth_date"],
        batch_size=500,
    )

    snapshots = list(
        NetworkSnapshot.objects.filter(trajectory_id__in=trajectory_ids).only("pk", "data")
    )
    for snapshot in snapshots:
        snapshot.data = [
            {**row, "name": labels.get(row.get("id"), ANONYMOUS)} for row in snapshot.data
        ]
    NetworkSnapshot.objects.bulk_update(snapshots, ["data"], batch_size=200)


# Volunteers -------------------------------------------------------------------------------


def volunteer_applications_anonymise(ids: Sequence[int]) -> int:
    """An application that did not lead to working together: who applied and why goes; the
    steps and their dates stay (how many applied and how far they came)."""
    applications = list(Application.objects.filter(pk__in=ids).only("pk"))
    for application in applications:
        application.name = ANONYMOUS
        application.email = anonymous_email("kandidaat", application.pk)
        application.phone = ""
        application.region = ""
        application.availability = ""
        application.motivation = ""
        application.stop_reason = ""
    Application.objects.bulk_update(
        applications,
        ["name", "email", "phone", "region", "availability", "motivation", "stop_reason"],
        batch_size=500,
    )
    ApplicationStep.objects.filter(application_id__in=ids).update(note="")
    _forget_mails_and_audit([("volunteers.application", ids)])
    _mark("volunteer_application", ids)
    return len(applications)


# Accounting --------------------------------------------------------------------------------


def bank_transactions_anonymise(ids: Sequence[int]) -> int:
    """Past the accounting term: the amount, dates, result and the structured communication
    stay; who paid and what they wrote go."""
    done = BankTransaction.objects.filter(pk__in=ids).update(
        counterparty_name="",
        counterparty_iban="",
        counterparty_bic="",
        communication="",
        reason="",
        reason_params={},
        suggestions=[],
    )
    Payment.objects.filter(bank_transaction_id__in=ids).update(note="")
    _mark("bank_transaction", ids)
    return done


def refunds_anonymise(ids: Sequence[int]) -> int:
    done = Refund.objects.filter(pk__in=ids).update(payee_name="", payee_iban="", note="")
    _forget_mails_and_audit([("payments.refund", ids)])
    _mark("refund", ids)
    return done


def payments_anonymise(ids: Sequence[int]) -> int:
    done = Payment.objects.filter(pk__in=ids).update(note="")
    _mark("payment", ids)
    return done


def invoices_anonymise(ids: Sequence[int]) -> int:
    """An invoice stays (numbered without gaps); the contact address, the reference and the
    line's text (which names the participant) go. The buyer is an organisation: its name and
    enterprise number stay with the amounts."""
    done = Document.objects.filter(pk__in=ids).update(
        buyer_email="anoniem@anoniem.invalid", buyer_reference="", description=REMOVED_TEXT
    )
    _forget_mails_and_audit([("invoices.document", ids)])
    _mark("invoice", ids)
    return done


def statement_files_forget(ids: Sequence[int]) -> int:
    """The uploaded statement file itself: its transactions are rows of their own."""
    done = StatementImport.objects.filter(pk__in=ids).update(content=b"")
    _mark("statement_import", ids)
    return done


def sepa_files_forget(ids: Sequence[int]) -> int:
    done = SepaFile.objects.filter(pk__in=ids).update(content=b"")
    _mark("sepa_file", ids)
    return done


def declarations_anonymise(ids: Sequence[int]) -> int:
    """A volunteer's declaration past the accounting term: the date, kind, amount and km stay
    (the nominative list's figures); the route, the description and the receipt go."""
    done = Declaration.objects.filter(pk__in=ids).update(
        route_from="", route_to="", description="", receipt=None, receipt_type="", receipt_name=""
    )
    _mark("declaration", ids)
    return done


def payouts_forget(ids: Sequence[int]) -> int:
    done = Payout.objects.filter(pk__in=ids).update(content=b"")
    PayoutLine.objects.filter(payout_id__in=ids).update(holder="", iban="")
    _mark("payout", ids)
    return done


# Mails and the audit log -------------------------------------------------------------------


def outbox_delete(ids: Sequence[int]) -> int:
    deleted, _per_model = OutboxMessage.objects.filter(pk__in=ids).delete()
    return len(ids) if deleted else 0


def audit_delete(ids: Sequence[int]) -> int:
    deleted, _per_model = AuditEntry.objects.filter(pk__in=ids).delete()
    return deleted


def requests_delete(ids: Sequence[int]) -> int:
    deleted, _per_model = PrivacyRequest.objects.filter(pk__in=ids).delete()
    return deleted


# kind -> the function that makes a batch of that kind anonymous (or deletes it).
ANONYMISERS = {
    "registration": registrations_anonymise,
    "training_participant": training_participants_anonymise,
    "trajectory": trajectories_anonymise,
    "bank_transaction": bank_transactions_anonymise,
    "payment": payments_anonymise,
    "refund": refunds_anonymise,
    "invoice": invoices_anonymise,
    "statement_import": statement_files_forget,
    "sepa_file": sepa_files_forget,
    "volunteer_application": volunteer_applications_anonymise,
    "declaration": declarations_anonymise,
    "payout": payouts_forget,
    "outbox": outbox_delete,
    "audit": audit_delete,
}
