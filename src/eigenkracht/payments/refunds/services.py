"""Every state change of a refund and of the SEPA files that pay them."""

import datetime as dt
import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError

from eigenkracht.accounts.models import User
from eigenkracht.banking.iban import iban_validate, in_sepa_zone
from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import Organisation, OutboxMessage
from eigenkracht.core.outbox import LaterMail, outbox_queue_later, outbox_send
from eigenkracht.core.refusals import NOT_SEPA, Refused
from eigenkracht.payments.models import BankTransaction, OwnAccount, Payment, Refund, SepaFile
from eigenkracht.payments.refunds.emails import REFUND_MAILS
from eigenkracht.trainings import rules
from eigenkracht.trainings.models import Registration
from eigenkracht.trainings.signals import CancelledBy

if TYPE_CHECKING:  # the statement readers load with an import, not in every command
    from eigenkracht.payments.refunds.recognition import RefundReturned

CAUSE_OF_CANCEL = {
    CancelledBy.REGISTRANT: Refund.Cause.CANCELLED_BY_REGISTRANT,
    CancelledBy.OFFICE: Refund.Cause.CANCELLED_BY_OFFICE,
    CancelledBy.TRAINING: Refund.Cause.TRAINING_CANCELLED,
}
# Refunds of the registration's own payment (not of money that came in on top of it).
CANCEL_CAUSES = (*CAUSE_OF_CANCEL.values(), Refund.Cause.NOT_ACTIVE)
LIVE = (Refund.Status.DUE, Refund.Status.SENT, Refund.Status.DONE)


class RefundRefused(Refused):
    """A refund or SEPA file cannot change this way; the message says why, in Dutch."""


@dataclass(frozen=True)
class RefundSpec:
    cause: str
    amount_cents: int
    registration: Registration | None = None
    paid_by: BankTransaction | None = None
    note: str = ""
    # A surplus whose payer is told (refund_surplus): the whole transfer was for this one
    # registration, which it paid in full (or had paid already): the rest is more than was open.
    announce: bool = False
    # Booked by an import, not by hand: a refund of the same transfer that the office withdrew
    # before the import was undone stays withdrawn.
    imported: bool = False


def _end_to_end_id() -> str:
    # Unique and short; it comes back on our statement with the outgoing transfer.
    return f"EKTB{secrets.token_hex(8).upper()}"


def _communication(
    registration: Registration | None, paid_by: BankTransaction | None, end_to_end_id: str
) -> str:
    """What the payee reads. It holds what recognises the transfer on our statement when the
    bank does not give the end-to-end id back (a CSV): the registration's code, else that id."""
    if registration is None:
        if paid_by is not None and paid_by.booking_date:
            return _("Terugbetaling van uw overschrijving van %(date)s (%(reference)s)") % {
                "date": paid_by.booking_date.strftime("%d/%m/%Y"),
                "reference": end_to_end_id,
            }
        return _("Terugbetaling %(reference)s") % {"reference": end_to_end_id}
    text = _("Terugbetaling inschrijving %(code)s %(title)s") % {
        "code": registration.code,
        "title": registration.training.title,
    }
    return text[:140]


def _payers(specs: Sequence[RefundSpec]) -> dict[int, BankTransaction]:
    """The bank transfer each registration was last paid with (one query for all)."""
    ids = {s.registration.pk for s in specs if s.registration is not None and s.paid_by is None}
    if not ids:
        return {}
    payers: dict[int, BankTransaction] = {}
    payments = (
        Payment.objects.filter(registration_id__in=ids, bank_transaction__isnull=False)
        .exclude(bank_transaction__counterparty_iban="")
        .select_related("bank_transaction")
        .order_by("paid_on", "id")
    )
    for payment in payments:
        payers[payment.registration_id] = payment.bank_transaction
    return payers


def refunds_create(
    *, specs: Sequence[RefundSpec], actor: User | None, today: dt.date | None = None
) -> list[Refund]:
    """Record what is due, in the caller's transaction; ask for the IBAN where it is unknown."""
    specs = [s for s in specs if s.amount_cents > 0]
    if not specs:
        return []
    organisation = Organisation.current()
    deadline = (today or timezone.localdate()) + dt.timedelta(days=organisation.refund_term_days)
    payers = _payers(specs)
    registrations = Registration.objects.select_related("training").in_bulk(
        {s.registration.pk for s in specs if s.registration is not None}
    )
    earlier, mailed = _earlier_refunds({t for t in map(_transfer_of, specs) if t is not None})
    refunds = []
    announced = []
    for spec in specs:
        registration = registrations[spec.registration.pk] if spec.registration else None
        payer = spec.paid_by or (payers.get(registration.pk) if registration else None)
        end_to_end_id = _end_to_end_id()
        refund = Refund(
            cause=spec.cause,
            registration=registration,
            paid_by=payer,
            amount_cents=spec.amount_cents,
            payee_name=(payer.counterparty_name if payer else "")[:70],
            payee_iban=_valid_iban(payer.counterparty_iban) if payer else "",
            deadline=deadline,
            end_to_end_id=end_to_end_id,
            communication=_communication(registration, payer, end_to_end_id),
            created_by=actor if actor is not None and actor.is_authenticated else None,
            note=spec.note[:200],
        )
        before = earlier.get(_transfer_of(spec), [])
        told = _continue(refund, before, mailed, keep_withdrawal=spec.imported) if before else False
        refunds.append(refund)
        announced.append(spec.announce and not told)
    Refund.objects.bulk_create(refunds)
    for refund in refunds:
        _audit_created(refund, actor)
        if (
            refund.status == Refund.Status.DUE
            and not refund.payee_iban
            and refund.iban_asked_at is None
            and _mailable(refund.registration)
        ):
            _ask_iban(refund)
    # A payment above what was due: the payer hears that the rest goes back to the account it
    # came from (without an account, only the mail asking for one goes out).
    outbox_queue_later(
        [
            LaterMail(
                kind="refund_surplus",
                recipe="refund_surplus",
                recipient=refund.registration.email,
                related=Refund,
                related_id=refund.pk,
            )
            for refund, announce in zip(refunds, announced, strict=True)
            if announce
            and refund.status == Refund.Status.DUE
            and refund.cause == Refund.Cause.SURPLUS
            and refund.payee_iban
            and refund.paid_by is not None
            and _mailable(refund.registration)
        ]
    )
    return refunds


Transfer = tuple[int, str]  # a registration, and the account and bank id of a transfer


def _transfer_key(registration_id: int, paid_by: BankTransaction) -> Transfer:
    return registration_id, f"{paid_by.account} {paid_by.bank_id}"


def _transfer_of(spec: RefundSpec) -> Transfer | None:
    if spec.cause != Refund.Cause.SURPLUS or spec.registration is None or spec.paid_by is None:
        return None
    return _transfer_key(spec.registration.pk, spec.paid_by)


def _earlier_refunds(transfers: set[Transfer]) -> tuple[dict[Transfer, list[Refund]], set[int]]:
    """The surplus refunds that undone imports left of these transfers, for these registrations
    (oldest first), and those whose payer was mailed about them: a query, and a second only
    when there are any."""
    if not transfers:
        return {}, set()
    found: dict[Transfer, list[Refund]] = defaultdict(list)
    for refund in Refund.objects.filter(
        registration__id__any_of=list({registration for registration, _key in transfers}),
        undone_transfer__any_of=list({key for _registration, key in transfers}),
        cause=Refund.Cause.SURPLUS,
    ).order_by("id"):
        if (transfer := (refund.registration_id, refund.undone_transfer)) in transfers:
            found[transfer].append(refund)
    if not found:
        return {}, set()
    return found, _mailed_about([r.pk for refunds in found.values() for r in refunds])


def _mailed_about(refund_ids: Sequence[int]) -> set[int]:
    """The refunds whose payer got a mail about them (the surplus comes back, or asking for the
    account)."""
    return {
        int(object_id)
        for object_id in OutboxMessage.objects.filter(
            object_type=Refund._meta.label_lower,
            object_id__any_of=[str(pk) for pk in refund_ids],
            kind__in=REFUND_MAILS,
            status=OutboxMessage.Status.SENT,
        ).values_list("object_id", flat=True)
    }


def _continue(
    refund: Refund, earlier: list[Refund], mailed: set[int], *, keep_withdrawal: bool
) -> bool:
    """The same transfer booked again after an undo: keep the account the refund was to go to,
    and for the same amount what the payer was promised (the earliest date mailed) and, for an
    import, what the office decided (the last refund's withdrawal; booking by hand decides
    anew). True when the payer was told of this money."""
    refund.continues = earlier[-1]
    given = [r for r in earlier if r.payee_iban]
    if given:  # the transfer's own, or the one the payer or the office put in its place
        refund.payee_name, refund.payee_iban = given[-1].payee_name, given[-1].payee_iban
    same = [r for r in earlier if r.amount_cents == refund.amount_cents]
    told = _told_about(refund.amount_cents, earlier, mailed)
    if told:
        refund.deadline = min(refund.deadline, *(r.deadline for r in told))
        if not refund.payee_iban:
            refund.iban_asked_at = told[-1].iban_asked_at
    if keep_withdrawal and same and not same[-1].withdrawn_by_undo:
        refund.status = Refund.Status.WITHDRAWN
        refund.note = same[-1].note
    return bool(told)


def _told_about(amount_cents: int, earlier: list[Refund], mailed: set[int]) -> list[Refund]:
    """The earlier refunds of the same money (the same amount) whose payer was mailed."""
    return [r for r in earlier if r.amount_cents == amount_cents and r.pk in mailed]


def payers_told(refunds: Iterable[Refund]) -> int:
    """How many registrants of these surplus refunds (their transfers loaded) were mailed that
    the money comes back: about the refund itself, or about the one it continues."""
    refunds = [r for r in refunds if r.registration_id and r.paid_by is not None]
    transfers = {_transfer_key(r.registration_id, r.paid_by): r for r in refunds}
    earlier, mailed = _earlier_refunds(set(transfers))
    mailed |= _mailed_about([r.pk for r in refunds])
    return len(
        {
            registration
            for (registration, key), refund in transfers.items()
            if refund.pk in mailed
            or _told_about(refund.amount_cents, earlier.get((registration, key), []), mailed)
        }
    )


def refund_mailable(refund: Refund) -> bool:
    """Whether the refund's registrant hears of it by mail."""
    return _mailable(refund.registration)


def _mailable(registration: Registration | None) -> bool:
    """A registration whose registrant can be mailed: not made anonymous (its address is a
    placeholder then)."""
    return registration is not None and registration.anonymised_at is None


def refunds_returned(
    *, returned: dict[int, "RefundReturned"], transaction_ids: Sequence[int], actor: User | None
) -> list[Refund]:
    """The payee's bank sent these refunds back (ids of the import's transactions in file
    order): each is marked returned, and a new refund of the same money continues it, without
    the account that refused it. Its registrant is mailed: asked for another account, or, when a
    bank transfer paid the money, told it goes back to whoever paid (the office fills it in, as
    where nobody can be mailed). Undoing the import puts it all back (refunds_of_import_undo)."""
    if not returned:
        return []
    by_pk = Refund.objects.select_related("registration__training").in_bulk(
        [r.refund_id for r in returned.values()]
    )
    deadline = timezone.localdate() + dt.timedelta(days=Organisation.current().refund_term_days)
    continuing = []
    for index, refund_returned in returned.items():
        old = by_pk[refund_returned.refund_id]
        before = old.status
        old.status, old.returned_by_id = Refund.Status.RETURNED, transaction_ids[index]
        old.save(update_fields=["status", "returned_by"])
        audit_record(
            actor=actor,
            action="refund.returned",
            obj=old,
            data={"from": before, "to": Refund.Status.RETURNED},
        )
        end_to_end_id = _end_to_end_id()
        refund = Refund(
            cause=old.cause,
            registration=old.registration,
            paid_by_id=transaction_ids[index],
            amount_cents=old.amount_cents,
            deadline=deadline,
            end_to_end_id=end_to_end_id,
            communication=_communication(old.registration, None, end_to_end_id),
            continues=old,
            note=old.note,
        )
        # The same return imported again after an undo: what the registrant or the office did
        # with the continuation then (an account, a withdrawal, the mail) carries over.
        earlier = list(
            Refund.objects.filter(continues=old).exclude(undone_transfer="").order_by("id")
        )
        told = bool(earlier) and _continue(
            refund, earlier, _mailed_about([r.pk for r in earlier]), keep_withdrawal=True
        )
        refund.continues = old  # every continuation names the refund that came back
        refund.save()
        _audit_created(refund, actor)
        if (
            refund.status == Refund.Status.DUE
            and not refund.payee_iban
            and not told
            and _mailable(refund.registration)
        ):
            _ask_iban(refund, mail="refund_returned")
        continuing.append(refund)
    return continuing


def _audit_created(refund: Refund, actor: User | None) -> None:
    audit_record(
        actor=actor,
        action="refund.created",
        obj=refund,
        data={
            "cause": refund.cause,
            "amount_cents": refund.amount_cents,
            **(
                {"continues": refund.continues_id, "status": refund.status}
                if refund.continues_id
                else {}
            ),
        },
    )


def _valid_iban(value: str) -> str:
    """The payer's account, if money can go back to it by SEPA transfer; else "" (asked for)."""
    try:
        iban = iban_validate(value) if value else ""
    except StdnumError:
        return ""
    return iban if iban and in_sepa_zone(iban) else ""


def _ask_iban(refund: Refund, *, mail: str = "refund_iban_asked") -> None:
    refund.iban_asked_at = timezone.now()
    Refund.objects.filter(pk=refund.pk).update(iban_asked_at=refund.iban_asked_at)
    outbox_send(
        kind=mail,
        recipe=mail,
        recipient=refund.registration.email,
        related=refund,
    )


def refunded_cents(registration: Registration) -> int:
    """What is already owed back of the registration's own payment (not of a surplus)."""
    return sum(
        r.amount_cents
        for r in registration.refunds.all()
        if r.status in LIVE and r.cause in (*CANCEL_CAUSES, Refund.Cause.MOVED)
    )


def moved_refunded_cents(registration: Registration) -> int:
    """What a move to a cheaper date owes back: no longer part of what the registration paid."""
    return sum(
        r.amount_cents
        for r in registration.refunds.all()
        if r.status in LIVE and r.cause == Refund.Cause.MOVED
    )


def cancellation_refund_cents(
    *,
    registration: Registration,
    cancelled_by: CancelledBy,
    refund_cents: int | None,
    organisation: Organisation,
) -> int:
    """The rules' amount (trainings.rules), never more than is left to refund."""
    paid = registration.amount_paid_cents - moved_refunded_cents(registration)
    amount = rules.cancellation_refund_due(
        paid_cents=paid,
        cancelled_by=cancelled_by,
        percent=organisation.cancellation_refund_percent,
        office_refund_cents=refund_cents,
    )
    return max(min(amount, registration.amount_paid_cents - refunded_cents(registration)), 0)


def on_registration_cancelled(
    *,
    registration: Registration,
    actor: User | None,
    cancelled_by: CancelledBy,
    refund_cents: int | None,
    **_kwargs: object,
) -> None:
    amount = cancellation_refund_cents(
        registration=registration,
        cancelled_by=cancelled_by,
        refund_cents=refund_cents,
        organisation=Organisation.current(),
    )
    refunds_create(
        specs=[
            RefundSpec(
                cause=CAUSE_OF_CANCEL[cancelled_by], amount_cents=amount, registration=registration
            )
        ],
        actor=actor,
    )


def on_training_cancelled(
    *, registrations: Iterable[Registration], actor: User | None, **_kwargs: object
) -> None:
    paid = [r for r in registrations if r.amount_paid_cents > 0]
    if not paid:
        return
    with_refunds = Registration.objects.filter(pk__in=[r.pk for r in paid]).prefetch_related(
        "refunds", "training"
    )
    refunds_create(
        specs=[
            RefundSpec(
                cause=Refund.Cause.TRAINING_CANCELLED,
                amount_cents=r.amount_paid_cents - refunded_cents(r),
                registration=r,
            )
            for r in with_refunds
        ],
        actor=actor,
    )


def on_seat_regained(*, registration: Registration, actor: User | None, **_kwargs: object) -> None:
    """A reinstated registration keeps its money: a refund of its cancellation that is still
    only due is withdrawn; one that is on its way refuses the reinstatement."""
    refunds = list(
        Refund.objects.select_for_update()
        .filter(registration=registration, cause__in=CANCEL_CAUSES)
        # The money of a refund the bank sent back is with us; its continuation is due.
        .exclude(status__in=[Refund.Status.WITHDRAWN, Refund.Status.RETURNED])
    )
    if any(r.status != Refund.Status.DUE for r in refunds):
        raise RefundRefused(
            _(
                "Het geld van deze inschrijving werd al teruggestort: activeer ze pas opnieuw als"
                " het opnieuw betaald is."
            )
        )
    if any(r.sepa_file_id for r in refunds):
        raise RefundRefused(
            _(
                "De terugbetaling van deze inschrijving zit al in een SEPA-bestand: trek dat"
                " bestand eerst in, of activeer de inschrijving pas als het opnieuw betaald is."
            )
        )
    for refund in refunds:
        refund.status = Refund.Status.WITHDRAWN
        refund.note = _("Inschrijving opnieuw actief.")
        refund.save(update_fields=["status", "note"])
        audit_record(
            actor=actor,
            action="refund.withdrawn",
            obj=refund,
            data={"from": Refund.Status.DUE, "to": refund.status, "note": refund.note},
        )


def on_registration_moved(
    *,
    registration: Registration,
    actor: User | None,
    new_amount_due_cents: int,
    **_kwargs: object,
) -> None:
    """A move keeps what was paid: whatever exceeds the new date's fee is owed back. What an
    earlier move owed back and is still only due is recalculated (struck and made anew); money
    already on its way back that the new date needs again refuses the move."""
    owed = max(registration.amount_paid_cents - new_amount_due_cents, 0)
    moved = list(
        Refund.objects.select_for_update()
        .filter(registration=registration, cause=Refund.Cause.MOVED, status__in=LIVE)
        .order_by("pk")
    )
    open_ = [r for r in moved if r.status == Refund.Status.DUE and r.sepa_file_id is None]
    fixed = sum(r.amount_cents for r in moved if r not in open_)
    if fixed > owed:
        raise RefundRefused(
            _(
                "Er is al geld teruggestort voor een vorige verplaatsing: deze datum zou het"
                " opnieuw vragen. Neem contact met ons op."
            )
        )
    if fixed + sum(r.amount_cents for r in open_) == owed:
        return
    for refund in open_:
        refund.status = Refund.Status.WITHDRAWN
        refund.note = _("Opnieuw verplaatst: het bedrag is herberekend.")
        refund.save(update_fields=["status", "note"])
        audit_record(
            actor=actor,
            action="refund.withdrawn",
            obj=refund,
            data={"from": Refund.Status.DUE, "to": refund.status, "note": refund.note},
        )
    refunds_create(
        specs=[
            RefundSpec(
                cause=Refund.Cause.MOVED, amount_cents=owed - fixed, registration=registration
            )
        ],
        actor=actor,
    )


# The registrant's account number ---------------------------------------------------------------


def registrant_may_set_account(refund: Refund) -> bool:
    """Refund.registrant_gives_account: the one answer, for pages, mails and this service."""
    return refund.registrant_gives_account


@transaction.atomic
def refund_iban_set(*, refund: Refund, name: str, iban: str, actor: User | None) -> Refund:
    """The account to pay a refund to, given by the registrant (or the office for them)."""
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    if refund.status != Refund.Status.DUE or refund.sepa_file_id is not None:
        raise RefundRefused(
            _("Deze terugbetaling is al onderweg: het rekeningnummer kan niet meer veranderen.")
        )
    if actor is None and not registrant_may_set_account(refund):
        raise RefundRefused(
            _("Het geld gaat terug naar de rekening waarmee betaald werd. Neem contact met ons op.")
        )
    try:
        iban = iban_validate(iban)
    except StdnumError as exc:
        raise RefundRefused(_("Dit is geen geldig rekeningnummer (IBAN).")) from exc
    if not in_sepa_zone(iban):
        raise RefundRefused(str(NOT_SEPA))
    if iban in OwnAccount.ours():
        raise RefundRefused(_("Dit is een rekening van de organisatie zelf."))
    old = {"name": refund.payee_name, "iban": refund.payee_iban}
    refund.payee_name = name.strip()[:70]
    refund.payee_iban = iban
    refund.save(update_fields=["payee_name", "payee_iban"])
    audit_record(
        actor=actor,
        action="refund.account_set",
        obj=refund,
        data={"iban": {"old": old["iban"], "new": refund.payee_iban}},
    )
    return refund


@transaction.atomic
def refund_withdraw(*, refund: Refund, actor: User, note: str) -> Refund:
    """The office strikes a refund that is not to be paid (the registrant waived it, a mistake)."""
    refund = Refund.objects.select_for_update().get(pk=refund.pk)
    if refund.status != Refund.Status.DUE or refund.sepa_file_id is not None:
        raise RefundRefused(_("Enkel een terugbetaling die nog in geen bestand zit, kan weg."))
    previous = refund.status
    refund.status = Refund.Status.WITHDRAWN
    refund.note = note.strip()[:200]
    refund.save(update_fields=["status", "note"])
    audit_record(
        actor=actor,
        action="refund.withdrawn",
        obj=refund,
        data={"from": previous, "to": refund.status, "note": refund.note},
    )
    return refund


# SEPA files ------------------------------------------------------------------------------------


def refunds_ready() -> QuerySet[Refund]:
    """Due, with an account to pay to, and in no file waiting to be uploaded."""
    return Refund.objects.filter(status=Refund.Status.DUE, sepa_file__isnull=True).exclude(
        payee_iban=""
    )


@transaction.atomic
def sepa_file_make(
    *,
    refund_ids: Sequence[int],
    actor: User,
    execution_date: dt.date,
    schema: str = "pain.001.001.09",
) -> SepaFile:
    """One file paying the chosen refunds; they stay due until the office says it was uploaded."""
    # Loaded when a file is made: sepaxml and its schema checker cost every command's start-up.
    from eigenkracht.banking.sepa import Debtor, SepaFileError, Transfer, credit_transfer_file

    refunds = list(
        refunds_ready()
        .select_for_update(of=("self",))
        .filter(pk__in=refund_ids)
        .order_by("deadline", "id")
    )
    if not refunds:
        raise RefundRefused(_("Kies minstens één terugbetaling met een rekeningnummer."))
    if len(refunds) != len(set(refund_ids)):
        raise RefundRefused(
            _("Een van de gekozen terugbetalingen werd intussen behandeld. Kies opnieuw.")
        )
    organisation = Organisation.current()
    try:
        message_id, content = credit_transfer_file(
            debtor=Debtor(
                name=organisation.beneficiary, iban=organisation.iban, bic=organisation.bic
            ),
            transfers=[
                Transfer(
                    end_to_end_id=r.end_to_end_id,
                    name=r.payee_name or (r.registration.full_name if r.registration else "?"),
                    iban=r.payee_iban,
                    amount_cents=r.amount_cents,
                    communication=r.communication,
                )
                for r in refunds
            ],
            execution_date=execution_date,
            schema=schema,
        )
    except SepaFileError as exc:
        raise RefundRefused(
            _("Het bestand kon niet gemaakt worden: een rekeningnummer of naam klopt niet.")
        ) from exc
    sepa_file = SepaFile.objects.create(
        message_id=message_id,
        schema=schema,
        execution_date=execution_date,
        count=len(refunds),
        total_cents=sum(r.amount_cents for r in refunds),
        content=content,
        created_by=actor,
    )
    Refund.objects.filter(pk__in=[r.pk for r in refunds]).update(sepa_file=sepa_file)
    audit_record(
        actor=actor,
        action="sepa_file.made",
        obj=sepa_file,
        data={"refunds": [r.end_to_end_id for r in refunds], "total_cents": sepa_file.total_cents},
    )
    return sepa_file


@transaction.atomic
def sepa_file_mark_sent(*, sepa_file: SepaFile, actor: User) -> int:
    """The office uploaded the file at the bank: each refund is sent and its registrant is told
    (not for money that belonged to no registration, nor to one made anonymous). Returns how many
    were mailed."""
    sepa_file = SepaFile.objects.select_for_update().get(pk=sepa_file.pk)
    if sepa_file.status != SepaFile.Status.MADE:
        raise RefundRefused(_("Dit bestand werd al als verstuurd gemarkeerd of ingetrokken."))
    now = timezone.now()
    sepa_file.status = SepaFile.Status.SENT
    sepa_file.sent_at = now
    sepa_file.save(update_fields=["status", "sent_at"])
    refunds = list(
        sepa_file.refunds.select_for_update(of=("self",)).select_related("registration__training")
    )
    Refund.objects.filter(pk__in=[r.pk for r in refunds]).update(
        status=Refund.Status.SENT, sent_at=now
    )
    mailed = [refund for refund in refunds if refund_mailable(refund)]
    for refund in mailed:
        outbox_send(
            kind="refund_sent",
            recipe="refund_sent",
            recipient=refund.registration.email,
            related=refund,
        )
    audit_record(
        actor=actor,
        action="sepa_file.sent",
        obj=sepa_file,
        data={"from": SepaFile.Status.MADE, "to": SepaFile.Status.SENT, "count": len(refunds)},
    )
    return len(mailed)


@transaction.atomic
def sepa_file_withdraw(*, sepa_file: SepaFile, actor: User) -> SepaFile:
    """The file was not (and will not be) uploaded: its refunds are due again."""
    sepa_file = SepaFile.objects.select_for_update().get(pk=sepa_file.pk)
    if sepa_file.status != SepaFile.Status.MADE:
        raise RefundRefused(
            _("Enkel een bestand dat nog niet verstuurd is, kan ingetrokken worden.")
        )
    sepa_file.status = SepaFile.Status.WITHDRAWN
    sepa_file.save(update_fields=["status"])
    count = sepa_file.refunds.update(sepa_file=None)
    audit_record(
        actor=actor,
        action="sepa_file.withdrawn",
        obj=sepa_file,
        data={"from": SepaFile.Status.MADE, "to": SepaFile.Status.WITHDRAWN, "count": count},
    )
    return sepa_file


# From the review queue -------------------------------------------------------------------------


@transaction.atomic
def transaction_refund(
    *, bank_transaction: BankTransaction, registration: Registration | None, actor: User
) -> Refund:
    """Staff decide to send back a transfer from the review queue (paid for a cancelled or
    lapsed registration, or for nothing we know): the whole amount, to the account it came from."""
    bank_transaction = BankTransaction.objects.select_for_update().get(pk=bank_transaction.pk)
    if bank_transaction.result != BankTransaction.Result.REVIEW:
        raise RefundRefused(_("Deze verrichting werd intussen al behandeld."))
    bank_transaction.result = BankTransaction.Result.TO_REFUND
    bank_transaction.rule = "manual"
    bank_transaction.reason_code = "to_refund"
    bank_transaction.reason_params = {"user": str(actor)}
    bank_transaction.reason = ""
    bank_transaction.surplus_cents = bank_transaction.amount_cents
    bank_transaction.resolved_by = actor
    bank_transaction.resolved_at = timezone.now()
    bank_transaction.save()
    audit_record(
        actor=actor,
        action="bank_transaction.to_refund",
        obj=bank_transaction,
        data={"registration": registration.code if registration else ""},
    )
    (refund,) = refunds_create(
        specs=[
            RefundSpec(
                cause=Refund.Cause.NOT_ACTIVE if registration else Refund.Cause.UNMATCHED,
                amount_cents=bank_transaction.amount_cents,
                registration=registration,
                paid_by=bank_transaction,
            )
        ],
        actor=actor,
    )
    return refund
