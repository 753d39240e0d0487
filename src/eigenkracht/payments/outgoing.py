"""Outgoing transfers that apps above payments recognise on our statements (the coordinators'
allowance payouts, ...): payments may not import them, so they register here.

Their transfer files go in the accounting's zip too (`transfer_files`).

The import asks each recogniser, inside its transaction, about the outgoing transfers no refund
took; each answers which it pays (the row then says so instead of "outgoing") and, once the rows
are written, marks what they pay with the transaction's id. Undoing the import opens it again.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eigenkracht.accounts.models import User
from eigenkracht.core.models import TransferFile

if TYPE_CHECKING:  # the readers' types load with an import, not with every start-up
    from eigenkracht.payments.statements.base import Transaction


@dataclass
class Recognised:
    """Index in the import's list of transactions -> reason parameters ({"payout": reference})."""

    found: dict[int, dict[str, Any]] = field(default_factory=dict)
    # Called with the new transactions' ids (file order) and the actor once rows exist.
    mark: Callable[[Sequence[int], User | None], None] = lambda ids, actor: None


Recogniser = Callable[[Sequence[tuple[int, "Transaction"]]], Recognised]
# Called when an import is undone, with its transactions' ids (before they are deleted): what
# they marked paid is open again.
Undo = Callable[[Sequence[int], User | None], None]


class OutgoingRecognisers:
    def __init__(self) -> None:
        self._recognisers: dict[str, Recogniser] = {}
        self._undos: dict[str, Undo] = {}

    def register(self, name: str, recogniser: Recogniser, *, undo: Undo) -> None:
        self._recognisers[name] = recogniser
        self._undos[name] = undo

    def undo(self, transaction_ids: Sequence[int], actor: User | None) -> None:
        for undo in self._undos.values():
            undo(transaction_ids, actor)

    def recognise(self, transactions: Sequence["Transaction"], taken: set[int]) -> list[Recognised]:
        outgoing = [
            (i, tx) for i, tx in enumerate(transactions) if tx.amount_cents < 0 and i not in taken
        ]
        answers: list[Recognised] = []
        for recogniser in self._recognisers.values():
            if not outgoing:
                break
            answer = recogniser(outgoing)
            answers.append(answer)
            outgoing = [(i, tx) for i, tx in outgoing if i not in answer.found]
        return answers


outgoing_recognisers = OutgoingRecognisers()

# The transfer files (SEPA credit transfers) apps above payments make, for the accounting's zip:
# folder in the zip -> the files made between two dates (both included), withdrawn ones left out.
TransferFiles = Callable[[dt.date, dt.date], Sequence[TransferFile]]
transfer_files: dict[str, TransferFiles] = {}
