"""Which outgoing transfers of a statement pay the refunds we sent, and which incoming ones are
refunds the payee's bank sent back.

By our end-to-end id when the bank gives it back (CAMT), else by the payee's account, the amount
and our communication (the registration code or the end-to-end id in the text) — any format. A
refund is recognised once; an outgoing transfer that pays none stays "ignored".
"""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import audit_record
from eigenkracht.core.outbox import outbox_withdraw_unsent
from eigenkracht.payments.models import BankTransaction, Refund
from eigenkracht.payments.refunds.emails import REFUND_MAILS
from eigenkracht.payments.statements.base import Transaction


@dataclass(frozen=True, slots=True)
class RefundPaid:
    refund_id: int
    end_to_end_id: str
    via: str  # "end_to_end" | "account"

    @property
    def reason_params(self) -> dict[str, str]:
        return {"refund": self.end_to_end_id, "via_refund": self.via}


def _words(text: str) -> str:
    return " ".join(text.upper().split())


def refunds_paid_by(transactions: Sequence[Transaction]) -> dict[int, RefundPaid]:
    """Index of a transaction in `transactions` -> the sent refund it pays. Locks those refunds
    (call inside the import's transaction): one query, whatever the file's size."""
    outgoing = [(i, tx) for i, tx in enumerate(transactions) if tx.amount_cents < 0]
    if not outgoing:
        return {}
    sent = list(
        Refund.objects.select_for_update(of=("self",))
        .filter(status=Refund.Status.SENT)
        .values_list("pk", "end_to_end_id", "payee_iban", "amount_cents", "registration__code")
    )
    if not sent:
        return {}
    by_end_to_end = {row[1]: row for row in sent}
    found: dict[int, RefundPaid] = {}
    taken: set[int] = set()
    for index, tx in outgoing:
        row = by_end_to_end.get(tx.end_to_end_id)
        if row is not None and row[0] not in taken:
            found[index] = RefundPaid(row[0], row[1], "end_to_end")
            taken.add(row[0])
    for index, tx in outgoing:
        if index in found:
            continue
        text = _words(tx.communication)
        for pk, end_to_end_id, iban, amount, code in sent:
            if pk in taken or iban != tx.counterparty_iban or amount != -tx.amount_cents:
                continue
            if end_to_end_id in text or (code and code in text):
                found[index] = RefundPaid(pk, end_to_end_id, "account")
                taken.add(pk)
                break
    return found


# Words a bank writes on a transfer it sends back: "retour", or the ISO 20022 reason of the
# return (closed account, wrong account number, name and account do not match...). Without one,
# money from the payee's account with our text may be the payee sending it back on purpose.
RETURN_MARKERS = frozenset(
    {"RETOUR", "RETURN", "RETURNED", "TERUGGESTORT", "TERUGBOEKING", "REJECT", "REJECTED"}
    | {"AC01", "AC04", "AC06", "AG01", "AM05", "BE04", "MD07", "MS02", "MS03", "RC01"}
    | {"RR01", "RR02", "RR03", "RR04"}
)

# A bank sends a transfer back within days (a closed account, a wrong name): older refunds
# are not looked at, so the lookup stays small as the years of refunds grow.
RETURNS_WITHIN = dt.timedelta(days=90)


@dataclass(frozen=True, slots=True)
class RefundReturned:
    refund_id: int
    end_to_end_id: str

    @property
    def reason_params(self) -> dict[str, str]:
        return {"refund": self.end_to_end_id}


def refunds_returned_by(transactions: Sequence[Transaction]) -> dict[int, RefundReturned]:
    """Index of an incoming transaction -> the refund we sent that it brings back: the same
    amount, with our end-to-end id (in its field or its text), or from the payee's account with
    our communication's first word, the registration's code and a bank's return marker. Such
    money is not a payment: booked, it would be "paid twice" and go out again to the account
    that refused it. Locks those refunds; one query."""
    incoming = [(i, tx) for i, tx in enumerate(transactions) if tx.amount_cents > 0]
    if not incoming:
        return {}
    since = timezone.now() - RETURNS_WITHIN
    sent = list(
        Refund.objects.select_for_update(of=("self",))
        .filter(status__in=[Refund.Status.SENT, Refund.Status.DONE], sent_at__gte=since)
        .values_list(
            "pk",
            "end_to_end_id",
            "payee_iban",
            "amount_cents",
            "communication",
            "registration__code",
        )
    )
    if not sent:
        return {}
    found: dict[int, RefundReturned] = {}
    taken: set[int] = set()
    for index, tx in incoming:
        text = _words(tx.communication)
        words = set(re.findall(r"[A-Z0-9]+", text))
        for pk, end_to_end_id, iban, amount, communication, code in sent:
            if pk in taken or amount != tx.amount_cents:
                continue
            ours = tx.end_to_end_id == end_to_end_id or end_to_end_id in text
            written = (
                code
                and code in text
                and _words(communication).split()[0] in words
                and not RETURN_MARKERS.isdisjoint(words)
            )
            if ours or (written and iban and iban == tx.counterparty_iban):
                found[index] = RefundReturned(pk, end_to_end_id)
                taken.add(pk)
                break
    return found


def refunds_mark_done(
    *, paid: dict[int, RefundPaid], transaction_ids: Sequence[int], actor: User | None
) -> None:
    """Mark the refunds done, each with the transaction that paid it (ids in file order)."""
    now = timezone.now()
    for index, refund_paid in paid.items():
        Refund.objects.filter(pk=refund_paid.refund_id).update(
            status=Refund.Status.DONE, done_at=now, done_by_id=transaction_ids[index]
        )
    for refund in Refund.objects.filter(pk__in=[p.refund_id for p in paid.values()]):
        audit_record(
            actor=actor,
            action="refund.done",
            obj=refund,
            data={"from": Refund.Status.SENT, "to": Refund.Status.DONE},
        )


def import_undone_note() -> str:
    """Why a refund of an undone import was withdrawn, and its mails did not go out."""
    return _("De inlezing van het rekeninguittreksel werd ongedaan gemaakt.")


def refunds_of_import_undo(*, transaction_ids: Sequence[int], actor: User | None) -> dict[str, int]:
    """An import is undone: the refunds its transfers paid are on their way again, and the
    surplus it booked for refunding is not owed (the undo refuses one already in a file). The
    mails about that surplus that have not gone out will not go; each refund keeps which
    transfer paid it, so that importing the transfer again continues it."""
    # A refund these transfers brought back is as it was before: sent, or done when a statement
    # showed it leaving (the new refund continuing it is withdrawn with the surplus below).
    came_back = list(Refund.objects.select_for_update().filter(returned_by_id__in=transaction_ids))
    for refund in came_back:
        before = Refund.Status.DONE if refund.done_by_id else Refund.Status.SENT
        Refund.objects.filter(pk=refund.pk).update(status=before, returned_by=None)
        audit_record(
            actor=actor,
            action="refund.return_undone",
            obj=refund,
            data={"from": Refund.Status.RETURNED, "to": before},
        )
    # One that came back since keeps that: only the statement showing it leave is gone.
    Refund.objects.filter(done_by_id__in=transaction_ids, status=Refund.Status.RETURNED).update(
        done_at=None, done_by=None
    )
    done = list(
        Refund.objects.select_for_update().filter(
            done_by_id__in=transaction_ids, status=Refund.Status.DONE
        )
    )
    Refund.objects.filter(pk__in=[r.pk for r in done]).update(
        status=Refund.Status.SENT, done_at=None, done_by=None
    )
    for refund in done:
        audit_record(
            actor=actor,
            action="refund.undone",
            obj=refund,
            data={"from": Refund.Status.DONE, "to": Refund.Status.SENT},
        )
    surplus = list(
        Refund.objects.select_for_update().filter(
            paid_by_id__in=transaction_ids, status=Refund.Status.DUE, sepa_file__isnull=True
        )
    )
    # The subquery reads the row as it was: the transfer is still named while it is unlinked.
    transfer = Subquery(
        BankTransaction.objects.filter(pk=OuterRef("paid_by_id"))
        .annotate(key=Concat("account", Value(" "), "bank_id"))
        .values("key")[:1]
    )
    # One the office withdrew already stays withdrawn; it no longer names the transfer.
    unlinked = Refund.objects.filter(
        paid_by_id__in=transaction_ids, status=Refund.Status.WITHDRAWN
    ).update(paid_by=None, undone_transfer=transfer)
    note = import_undone_note()
    Refund.objects.filter(pk__in=[r.pk for r in surplus]).update(
        status=Refund.Status.WITHDRAWN,
        paid_by=None,
        undone_transfer=transfer,
        withdrawn_by_undo=True,
        note=note,
    )
    for refund in surplus:
        audit_record(
            actor=actor,
            action="refund.withdrawn",
            obj=refund,
            data={"from": Refund.Status.DUE, "to": Refund.Status.WITHDRAWN, "note": note},
        )
    mails = outbox_withdraw_unsent(
        related=Refund, ids=[r.pk for r in surplus], kinds=REFUND_MAILS, reason=note
    )
    # For the undo's audit entry: how many of each.
    return {
        "refunds_reopened": len(done),
        "returns_undone": len(came_back),
        "surplus_withdrawn": len(surplus),
        "unlinked": unlinked,
        "refund_mails_withdrawn": len(mails),
    }
