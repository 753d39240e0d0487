"""Which outgoing transfers of a bank statement pay our allowance payouts: by the end-to-end id
the bank gives back (CAMT, CODA), else by the account, the amount and the id in the communication.
Connected to payments' statement import through `payments.outgoing`."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from eigenkracht.accounts.models import User
from eigenkracht.allowances.models import Payout, PayoutLine
from eigenkracht.allowances.services import payout_lines_mark_paid, payout_lines_mark_unpaid
from eigenkracht.payments.outgoing import Recognised

if TYPE_CHECKING:  # as in payments.outgoing
    from eigenkracht.payments.statements.base import Transaction


def payout_lines_paid_by(outgoing: Sequence[tuple[int, "Transaction"]]) -> Recognised:
    """Locks the open lines of uploaded files (the import's transaction): one query."""
    open_lines = list(
        PayoutLine.objects.select_for_update(of=("self",))
        .filter(payout__status=Payout.Status.SENT, paid_at__isnull=True)
        .values_list("pk", "end_to_end_id", "iban", "amount_cents")
    )
    if not open_lines:
        return Recognised()
    by_id = {row[1]: row for row in open_lines}
    paid: dict[int, int] = {}  # line -> index
    found: dict[int, dict[str, str]] = {}
    for index, tx in outgoing:
        row = by_id.get(tx.end_to_end_id)
        if row is None:
            text = " ".join(tx.communication.upper().split())
            row = next(
                (
                    r
                    for r in open_lines
                    if r[1] in text and r[2] == tx.counterparty_iban and r[3] == -tx.amount_cents
                ),
                None,
            )
        if row is None or row[0] in paid or row[3] != -tx.amount_cents:
            continue
        paid[row[0]] = index
        found[index] = {"payout": row[1]}

    def mark(transaction_ids: Sequence[int], actor: User | None) -> None:
        payout_lines_mark_paid(paid=paid, actor=actor, transaction_ids=transaction_ids)

    return Recognised(found=found, mark=mark)


def payout_lines_unpaid(transaction_ids: Sequence[int], actor: User | None) -> None:
    """The statement that paid these lines was undone: they wait for a statement again."""
    paid = list(
        PayoutLine.objects.select_for_update(of=("self",))
        .filter(bank_transaction_id__in=list(transaction_ids))
        .values_list("pk", flat=True)
    )
    if paid:
        payout_lines_mark_unpaid(line_ids=paid, actor=actor)
