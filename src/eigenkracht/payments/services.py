"""Importing bank statements, booking their transfers, and the review queue's decisions."""

import datetime as dt
import itertools
import json
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import iban as stdnum_iban

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import actor_or_none, audit_record
from eigenkracht.core.bulk import JsonText, bulk_insert
from eigenkracht.core.collector import collector_paused
from eigenkracht.core.formatting import euro
from eigenkracht.core.models import Organisation
from eigenkracht.core.outbox import outbox_withdraw_unsent
from eigenkracht.core.refusals import Refused
from eigenkracht.core.tasks import enqueue_after_commit
from eigenkracht.payments import selectors
from eigenkracht.payments.booking import (
    BOOKABLE_STATUSES,
    BookingLine,
    RegistrationsChanged,
    payments_book,
    registrations_lock,
)
from eigenkracht.payments.known import (
    KnownSplit,
    accounts_lock,
    imports_relying_on,
    other_formats_unchanged,
    transfers_split,
)
from eigenkracht.payments.matching import Decision, Reason
from eigenkracht.payments.matching.reasons import render
from eigenkracht.payments.matching.types import REFUND, Booked
from eigenkracht.payments.models import (
    BankTransaction,
    CsvLayout,
    OwnAccount,
    Payment,
    Refund,
    StatementImport,
)
from eigenkracht.payments.outgoing import outgoing_recognisers
from eigenkracht.payments.reasons import statement_message
from eigenkracht.payments.refunds.recognition import (
    import_undone_note,
    refunds_mark_done,
    refunds_of_import_undo,
    refunds_paid_by,
    refunds_returned_by,
)
from eigenkracht.payments.refunds.services import (
    RefundSpec,
    payers_told,
    refunds_create,
    refunds_returned,
)
from eigenkracht.payments.statements.base import (
    AccountSummary,
    ParsedStatement,
    StatementError,
    Transaction,
)
from eigenkracht.payments.statements.messages import Note
from eigenkracht.payments.statements.values import compact_account
from eigenkracht.payments.tasks import run_statement_import
from eigenkracht.trainings.models import Registration, Training
from eigenkracht.trainings.transitions import TransitionNotAllowed, next_status

Progress = Callable[[int, int], None]
DUPLICATE = "duplicate"


class ImportRefused(Refused):
    """The import cannot go ahead; the message is for office staff.

    A refusal that a failed import may store carries a `code` of
    payments/statements/messages.py and its `params`, and is worded from them.
    """

    def __init__(
        self, message: str = "", *, code: str = "", params: dict[str, Any] | None = None
    ) -> None:
        self.code = code
        self.params = params or {}
        super().__init__(message or statement_message(code, self.params))


def account_display(account: str) -> str:
    """An IBAN as people write it ("BE68 5390 0754 7034"); a file that names none says so."""
    return stdnum_iban.format(account) if account else _("(geen rekeningnummer in het bestand)")


class AccountNotOurs(ImportRefused):
    """The statement is (also) of an account that is not ours, and staff did not accept that.

    `accounts` describe every account of the file as stored on an import (see `_account_facts`),
    `ours` lists our IBANs.
    """

    def __init__(
        self, *, accounts: list[dict[str, Any]], ours: list[str], notes: list[Note], format: str
    ) -> None:
        self.accounts = accounts
        self.ours = ours
        self.notes = notes
        self.format = format
        named = [account for account in self.foreign if account]
        if len(named) > 1:
            super().__init__(code="accounts_not_ours", params={"foreign": named, "ours": ours})
        elif named:
            super().__init__(code="account_not_ours", params={"foreign": named, "ours": ours})
        else:
            super().__init__(code="no_account_named", params={"ours": ours})

    @property
    def foreign(self) -> list[str]:
        return [facts["account"] for facts in self.accounts if not facts["ours"]]


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One transaction of the file and what became of it (the `--json` output)."""

    bank_id: str
    date: str
    amount_cents: int
    counterparty_name: str
    counterparty_iban: str
    communication: str
    structured: bool
    result: str
    registrations: list[str]
    reason_code: str
    reason_params: dict[str, Any]

    @property
    def reason(self) -> str:
        """The Dutch sentence, as the JSON output gives it whatever language is active."""
        return render(self.reason_code, self.reason_params)

    def as_json(self) -> dict[str, Any]:
        return {
            "bank_id": self.bank_id,
            "date": self.date,
            "amount_cents": self.amount_cents,
            "counterparty_name": self.counterparty_name,
            "counterparty_iban": self.counterparty_iban,
            "communication": self.communication,
            "structured": self.structured,
            "result": self.result,
            "registrations": list(self.registrations),
            "reason": self.reason,
        }


class ImportRows(Sequence[ImportRow]):
    """The file's transactions and what became of each, as rows made when read: the import
    need not build (and hold) a row for each of 100,000 transactions that nobody may read."""

    def __init__(
        self,
        new: list[Transaction],
        decisions: list[Decision],
        booked: Booked,
        duplicates: list[Transaction],
    ) -> None:
        self._new = new
        self._decisions = decisions
        self._booked = booked  # the codes of the registrations booked on
        self._duplicates = duplicates

    def __len__(self) -> int:
        return len(self._new) + len(self._duplicates)

    @overload
    def __getitem__(self, index: int) -> ImportRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[ImportRow]: ...

    def __getitem__(self, index: int | slice) -> ImportRow | list[ImportRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        if index >= len(self._new):
            duplicate = self._duplicates[index - len(self._new)]
            return _row(duplicate, DUPLICATE, [], Reason("duplicate", {}))
        decision = self._decisions[index]
        codes = [self._booked.code(booking.registration_id) for booking in decision.bookings]
        return _row(self._new[index], decision.result, codes, decision.why)

    def results(self) -> Iterator[str]:
        for decision in self._decisions:
            yield decision.result
        yield from itertools.repeat(DUPLICATE, len(self._duplicates))


@dataclass
class ImportOutcome:
    format: str
    rows: ImportRows
    statement_import: StatementImport | None = None
    dry_run: bool = False
    # Per account of the file: period, balances and whether it is ours (see `_account_facts`).
    accounts: list[dict[str, Any]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        counts = Counter(self.rows.results())
        return {result: counts.get(result, 0) for result in RESULT_ORDER}

    def as_json(self) -> dict[str, Any]:
        return {**self.json_head(), "transactions": [row.as_json() for row in self.rows]}

    def json_head(self) -> dict[str, Any]:
        """`as_json` but its transactions, which `as_json_text` writes one at a time."""
        return {
            "format": self.format,
            "dry_run": self.dry_run,
            "accounts": self.accounts,
            "notes": [str(note) for note in self.notes],  # the Dutch sentences, as for reasons
            "summary": self.summary,
        }

    def as_json_text(self) -> Iterator[str]:
        """`as_json` as compact JSON text in pieces, a transaction at a time: for a file of
        100,000 transactions the whole text, and the dicts it is made of, take hundreds of
        megabytes."""
        head = json.dumps({**self.json_head(), "transactions": []}, ensure_ascii=False)
        yield head[: -len("]}")]
        for n, row in enumerate(self.rows):
            yield (", " if n else "") + json.dumps(row.as_json(), ensure_ascii=False)
        yield "]}"


RESULT_ORDER = [*BankTransaction.Result.values, DUPLICATE]


# Reading ---------------------------------------------------------------------------------------


def statement_read(*, data: bytes, format: str = "auto", filename: str = "") -> ParsedStatement:
    """Parse a statement file; a CSV layout staff mapped before is used again."""
    # The readers load when a file is read, not with every command and page that imports this.
    from eigenkracht.payments.statements.detect import detect_format, parse_statement

    mapping = None
    if format == "csv" or (format == "auto" and detect_format(data, filename) == "csv"):
        # Loaded when needed, as above: the CSV layouts cost a CODA or CAMT import 8 ms.
        from eigenkracht.payments.statements.csv_formats import ColumnMapping, header_signature

        layout = CsvLayout.objects.filter(header_signature=header_signature(data)).first()
        if layout is not None:
            mapping = ColumnMapping(**layout.mapping)
    return parse_statement(data, format=format, filename=filename, mapping=mapping)


# Importing -------------------------------------------------------------------------------------


def _row(tx: Transaction, result: str, codes: list[str], reason: Reason) -> ImportRow:
    return ImportRow(
        bank_id=tx.bank_id,
        date=tx.booking_date.isoformat(),
        amount_cents=tx.amount_cents,
        counterparty_name=tx.counterparty_name,
        counterparty_iban=tx.counterparty_iban,
        communication=tx.communication,
        structured=tx.structured,
        result=result,
        registrations=codes,
        reason_code=reason.code,
        reason_params=reason.params,
    )


def _account_facts(summary: AccountSummary, ours: list[str]) -> dict[str, Any]:
    """What the file says about one account, as stored on the import and printed as JSON.

    A balance the file does not carry is None, never computed from the bookings.
    """
    return {
        "account": summary.account,
        "ours": summary.account in ours,
        "currency": summary.currency,
        "first_date": summary.first_date.isoformat() if summary.first_date else None,
        "last_date": summary.last_date.isoformat() if summary.last_date else None,
        "opening_balance_cents": summary.opening_cents,
        "closing_balance_cents": summary.closing_cents,
    }


def _statement_accounts(parsed: ParsedStatement, ours: list[str]) -> list[dict[str, Any]]:
    """Every account of the file; also one a transaction names that the reader did not sum up."""
    summaries = list(parsed.accounts)
    named = {summary.account for summary in summaries}
    for account in dict.fromkeys(tx.account for tx in parsed.transactions):
        if account not in named:
            summaries.append(AccountSummary(account=account))
    return [_account_facts(summary, ours) for summary in summaries]


def _decide(
    transactions: list[Transaction], progress: Progress | None
) -> tuple[list[Decision], Booked]:
    # Loaded when used: the matcher and rapidfuzz cost `import_statement --help` 40 ms.
    from eigenkracht.payments.matching import Matcher

    # The candidates stream into the matcher, which keeps what it needs of them as columns. In a
    # transaction: the server then sends them as they are read, instead of first keeping the
    # whole result for a cursor that outlives it.
    with transaction.atomic():
        matcher = Matcher(selectors.matching_candidates())
    decisions = []
    for index, tx in enumerate(transactions, start=1):
        decisions.append(matcher.decide(tx))
        if progress and index % 500 == 0:
            progress(index, len(transactions))
    # Only what was booked on is checked and named later: the matcher, with its tens of
    # thousands of candidates, goes when this returns.
    return decisions, matcher.booked()


@collector_paused()
def statement_import(
    *,
    data: bytes,
    filename: str,
    actor: User | None,
    format: str = "auto",
    dry_run: bool = False,
    progress: Progress | None = None,
    statement_import: StatementImport | None = None,
    other_accounts: Collection[str] = (),
) -> ImportOutcome:
    """Read a statement and book every transfer that is clearly for a registration.

    A file with an account that is not ours raises `AccountNotOurs`, unless staff accepted that
    account explicitly (`other_accounts`, or `accepted_accounts` of the held `statement_import`);
    such an import is audited. The whole file is written in one transaction or not at all;
    transactions the bank already reported in an earlier import are counted and left alone.
    Matching runs before the transaction opens; if a registration it booked on changed
    meanwhile, matching runs again.
    """
    parsed = statement_read(data=data, format=format, filename=filename)
    ours = OwnAccount.ours()
    accounts = _statement_accounts(parsed, ours)
    accepted = {compact_account(account) for account in other_accounts}
    if statement_import is not None:
        accepted.update(statement_import.accepted_accounts)
    foreign = [facts["account"] for facts in accounts if not facts["ours"]]
    if not accepted.issuperset(foreign):
        refusal = AccountNotOurs(
            accounts=accounts, ours=ours, notes=parsed.notes, format=parsed.format
        )
        if statement_import is not None:  # the file is kept: say what it holds
            StatementImport.objects.filter(pk=statement_import.pk).update(
                format=parsed.format, accounts=accounts, notes=stored_notes(parsed.notes)
            )
        raise refusal
    for _attempt in range(3):
        known = transfers_split(parsed)
        new = known.new
        incoming = sum(tx.amount_cents > 0 for tx in new)
        decisions, snapshot = _decide(new, progress)
        try:
            with transaction.atomic():
                outcome = _write(
                    parsed=parsed,
                    known=known,
                    decisions=decisions,
                    snapshot=snapshot,
                    data=data,
                    filename=filename,
                    requested_format=format,
                    actor=actor,
                    statement_import=statement_import,
                    accounts=accounts,
                    foreign=foreign,
                    ours=ours,
                )
                outcome.dry_run = dry_run
                if dry_run:
                    transaction.set_rollback(True)
                    outcome.statement_import = None
            if progress:
                progress(incoming, incoming)
            return outcome
        except RegistrationsChanged:
            continue
        except IntegrityError as exc:
            raise ImportRefused(code="import_busy") from exc
    raise ImportRefused(code="registrations_changed")


def _paid_registration_id(decision: Decision) -> int | None:
    """The registration money came in for: booked on, or already paid (paid twice)."""
    if decision.bookings:
        return decision.bookings[0].registration_id
    if decision.suggestions:
        return decision.suggestions[0].registration_id
    return None


def _write(
    *,
    parsed: ParsedStatement,
    known: KnownSplit,
    decisions: list[Decision],
    snapshot: Booked,
    data: bytes,
    filename: str,
    requested_format: str,
    actor: User | None,
    statement_import: StatementImport | None,
    accounts: list[dict[str, Any]],
    foreign: list[str],
    ours: list[str],
) -> ImportOutcome:
    # One import or undo of an account at a time: what another format booked meanwhile is seen.
    accounts_lock(tx.account for tx in parsed.transactions)
    if not other_formats_unchanged(parsed, known):
        raise RegistrationsChanged  # split and match again
    new, notes = known.new, [*parsed.notes, *known.notes]
    # Booking locks the trainings of late payments, then the registrations: first, before the
    # refunds below, in the order every booking and move takes.
    registrations_lock(expected=snapshot)
    finished = {
        "format": parsed.format,
        "status": StatementImport.Status.DONE,
        "finished_at": timezone.now(),
        "accounts": accounts,
        "notes": stored_notes(notes),
        "accepted_accounts": foreign,
        # A held upload imported now: why it was held no longer holds.
        "error": "",
        "error_code": "",
        "error_params": {},
    }
    if statement_import is None:
        statement_import = StatementImport.objects.from_file(
            data=data,
            created_by=actor_or_none(actor),
            filename=filename[:255],
            requested_format=requested_format,
            **finished,
        )
    else:  # queued or held: its file is stored already
        for name, value in finished.items():
            setattr(statement_import, name, value)
        statement_import.save(update_fields=list(finished))

    # Outgoing transfers that pay our refunds; each row below says so instead of "ignored".
    refunds_paid = refunds_paid_by(new)
    for index, refund_paid in refunds_paid.items():
        decisions[index] = Decision(
            REFUND, (), Reason("refund_done", refund_paid.reason_params), "refund"
        )
    # Incoming transfers that bring a refund back (the payee's bank refused it): not a payment.
    # What the matcher made of them is dropped; another transfer of the same file for the same
    # registration keeps its own decision.
    returned = refunds_returned_by(new)
    for index, refund_returned in returned.items():
        decisions[index] = Decision(
            REFUND, (), Reason("refund_returned", refund_returned.reason_params), "refund"
        )
    # Outgoing transfers that pay something of an app above payments (allowance payouts).
    others = outgoing_recognisers.recognise(new, taken=set(refunds_paid))
    for recognised in others:
        for index, params in recognised.found.items():
            decisions[index] = Decision(
                decisions[index].result, (), Reason("paid_out", params), decisions[index].rule
            )
    rows = (
        {
            "statement_import_id": statement_import.pk,
            "account": tx.account,
            "bank_id": tx.bank_id,
            "booking_date": tx.booking_date,
            "value_date": tx.value_date,
            "amount_cents": tx.amount_cents,
            "currency": tx.currency,
            "counterparty_name": tx.counterparty_name[:200],
            "counterparty_iban": tx.counterparty_iban[:34],
            "counterparty_bic": tx.counterparty_bic[:11],
            "communication": tx.communication,
            "structured": tx.structured,
            "line": tx.line[:32],
            "result": decision.result,
            "rule": decision.rule,
            "reason_code": decision.reason_code,
            "reason_params": JsonText(decision.why.encoded),
            "reason": "",
            "surplus_cents": decision.surplus_cents,
            "flag": decision.flag,
            "suggestions": [
                {
                    "registration_id": s.registration_id,
                    "score": s.score,
                    "reason_code": s.reason_code,
                    "reason_params": s.reason_params,
                }
                for s in decision.suggestions
            ],
            "resolved_by_id": None,
            "resolved_at": None,
        }
        for tx, decision in zip(new, decisions, strict=True)
    )
    ids = bulk_insert(BankTransaction, rows, count=len(new))
    payments_book(
        lines=[
            BookingLine(
                registration_id=booking.registration_id,
                amount_cents=booking.amount_cents,
                paid_on=tx.booking_date,
                bank_transaction_id=pk,
            )
            for tx, decision, pk in zip(new, decisions, ids, strict=True)
            for booking in decision.bookings
        ],
        actor=actor,
        action="registration.paid_by_bank",
    )
    if refunds_paid:
        refunds_mark_done(paid=refunds_paid, transaction_ids=ids, actor=actor)
    refunds_returned(returned=returned, transaction_ids=ids, actor=actor)
    for recognised in others:
        recognised.mark(ids, actor)
    refunds_create(
        specs=[
            RefundSpec(
                cause=Refund.Cause.SURPLUS,
                amount_cents=decision.surplus_cents,
                registration=Registration(pk=_paid_registration_id(decision)),
                paid_by=BankTransaction(
                    pk=pk,
                    account=tx.account,
                    bank_id=tx.bank_id,
                    counterparty_name=tx.counterparty_name[:200],
                    counterparty_iban=tx.counterparty_iban[:34],
                ),
                # The matcher books what was open on one registration, or nothing on one paid
                # already: the payer hears the rest comes back.
                announce=len(decision.bookings) <= 1,
                imported=True,
            )
            for tx, decision, pk in zip(new, decisions, ids, strict=True)
            if decision.surplus_cents > 0 and _paid_registration_id(decision)
        ],
        actor=actor,
    )

    outcome = ImportOutcome(
        format=parsed.format,
        rows=ImportRows(new, decisions, snapshot, known.duplicates),
        statement_import=statement_import,
        accounts=accounts,
        notes=notes,
    )
    statement_import.summary = outcome.summary
    statement_import.progress_done = statement_import.progress_total = len(new)
    statement_import.save(update_fields=["summary", "progress_done", "progress_total"])
    audit_record(
        actor=actor,
        action="statement.imported",
        obj=statement_import,
        data={
            "format": parsed.format,
            "summary": outcome.summary,
            "accounts": [facts["account"] for facts in accounts],
        },
    )
    if foreign:
        audit_record(
            actor=actor,
            action="statement.other_account_imported",
            obj=statement_import,
            data={"accounts": foreign, "our_accounts": ours},
        )
    return outcome


# Background imports ----------------------------------------------------------------------------


def statement_import_queue(
    *, data: bytes, filename: str, format: str, actor: User | None
) -> StatementImport:
    """Store an upload to be imported by a task; the page follows its progress."""
    statement_import = StatementImport.objects.from_file(
        data=data,
        created_by=actor_or_none(actor),
        filename=filename[:255],
        requested_format=format,
    )
    enqueue_after_commit(run_statement_import, statement_import.pk)
    return statement_import


def statement_import_run(*, statement_import_id: int) -> None:
    """The task's work: import a queued upload, recording progress and the outcome."""
    queued = StatementImport.objects.select_related("created_by").get(pk=statement_import_id)
    if queued.status != StatementImport.Status.QUEUED:
        return
    StatementImport.objects.filter(pk=queued.pk).update(status=StatementImport.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        StatementImport.objects.filter(pk=queued.pk).update(
            progress_done=done, progress_total=total
        )

    try:
        statement_import(
            data=bytes(queued.content),
            filename=queued.filename,
            format=queued.requested_format,
            actor=queued.created_by,
            progress=progress,
            statement_import=queued,
        )
    except (StatementError, ImportRefused) as exc:
        StatementImport.objects.filter(pk=queued.pk).update(
            status=StatementImport.Status.FAILED, finished_at=timezone.now(), **import_failure(exc)
        )
    except Exception:
        # Never leave the page polling an import that no longer runs; the worker logs the error.
        StatementImport.objects.filter(pk=queued.pk).update(
            status=StatementImport.Status.FAILED,
            error="",
            error_code="import_crashed",
            error_params={},
            finished_at=timezone.now(),
        )
        raise


def import_failure(exc: StatementError | ImportRefused) -> dict[str, Any]:
    """How a failed import stores why: the code and its parameters, or a refusal's text."""
    if isinstance(exc, StatementError) or exc.code:
        return {"error": "", "error_code": exc.code, "error_params": exc.params}
    return {"error": str(exc), "error_code": "", "error_params": {}}


def stored_notes(notes: list[Note]) -> list[dict[str, Any]]:
    """A reader's notes as an import stores them: ``{"code", "params"}`` each."""
    return [note.as_json() for note in notes]


# Statements of accounts that are not ours -----------------------------------------------------


@transaction.atomic
def statement_refusal_hold(
    *, data: bytes, filename: str, format: str, actor: User | None, refusal: AccountNotOurs
) -> StatementImport:
    """Keep an upload refused for its account, so that staff can still import it on purpose
    without sending the file again; it stays a failed import until they do."""
    held = StatementImport.objects.from_file(
        data=data,
        created_by=actor_or_none(actor),
        filename=filename[:255],
        requested_format=format,
        format=refusal.format,
        status=StatementImport.Status.FAILED,
        error_code=refusal.code,
        error_params=refusal.params,
        accounts=refusal.accounts,
        notes=stored_notes(refusal.notes),
    )
    audit_record(
        actor=actor,
        action="statement.refused_other_account",
        obj=held,
        data={"accounts": refusal.foreign, "our_accounts": refusal.ours},
    )
    return held


@transaction.atomic
def statement_accounts_accept(
    *, statement_import: StatementImport, actor: User | None
) -> StatementImport:
    """Staff confirm that a refused file, of accounts that are not ours, is imported anyway.

    Only the accounts the refusal named are accepted, for this file only.
    """
    held = StatementImport.objects.select_for_update().get(pk=statement_import.pk)
    if held.status != StatementImport.Status.FAILED:
        raise ImportRefused(_("Dit bestand werd intussen al ingelezen."))
    held.accepted_accounts = [facts["account"] for facts in held.accounts if not facts["ours"]]
    if not held.accepted_accounts:
        raise ImportRefused(_("Dit bestand werd niet geweigerd om zijn rekening."))
    held.save(update_fields=["accepted_accounts"])
    audit_record(
        actor=actor,
        action="statement.other_account_accepted",
        obj=held,
        data={"accounts": held.accepted_accounts},
    )
    return held


# The review queue ------------------------------------------------------------------------------


# Payments by hand and from the review queue ------------------------------------------------


@transaction.atomic
def registration_mark_paid(
    *,
    registration: Registration,
    amount_cents: int,
    paid_on: dt.date,
    actor: User | None,
    note: str = "",
) -> Registration:
    """Record a payment by hand; confirm the registration once the amount due is reached."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in BOOKABLE_STATUSES:
        raise TransitionNotAllowed(
            _("Een betaling kan enkel geboekt worden op een inschrijving die wacht op betaling.")
        )
    if registration.training.status == Training.Status.CANCELLED:
        raise TransitionNotAllowed(
            _("De vorming is geannuleerd: boek geen betaling, maar betaal het bedrag terug.")
        )
    if amount_cents <= 0:
        raise TransitionNotAllowed(_("Het bedrag moet groter zijn dan nul."))
    payments_book(
        lines=[
            BookingLine(
                registration_id=registration.pk,
                amount_cents=amount_cents,
                paid_on=paid_on,
                source=Payment.Source.MANUAL,
                note=note,
            )
        ],
        actor=actor,
        action="registration.paid_manually",
    )
    registration.refresh_from_db()
    return registration


@dataclass(frozen=True)
class Allocation:
    registration: Registration
    amount_cents: int


@transaction.atomic
def transaction_assign(
    *, bank_transaction: BankTransaction, allocations: list[Allocation], actor: User
) -> BankTransaction:
    """Book a transfer from the review queue on one or more registrations, splitting it.

    What is not allocated stays recorded as a surplus to refund.
    """
    bank_transaction = BankTransaction.objects.select_for_update().get(pk=bank_transaction.pk)
    if bank_transaction.result != BankTransaction.Result.REVIEW:
        raise ImportRefused(_("Deze verrichting werd intussen al behandeld."))
    if not allocations:
        raise ImportRefused(_("Kies minstens één inschrijving."))
    if any(a.amount_cents <= 0 for a in allocations):
        raise ImportRefused(_("Elk bedrag moet groter zijn dan nul."))
    total = sum(a.amount_cents for a in allocations)
    if total > bank_transaction.amount_cents:
        raise ImportRefused(
            _("Je verdeelt meer dan er werd overgeschreven (%(amount)s).")
            % {"amount": euro(bank_transaction.amount_cents)}
        )
    # Read the statuses again under a lock: the form may have loaded them minutes ago.
    current = Registration.objects.select_for_update().filter(
        pk__in=[a.registration.pk for a in allocations]
    )
    inactive, cancelled_training = [], []
    open_before: dict[int, int] = {}
    for pk, code, status, training_status, due, paid in current.values_list(
        "pk", "code", "status", "training__status", "amount_due_cents", "amount_paid_cents"
    ):
        open_before[pk] = max(due - paid, 0)
        if status not in BOOKABLE_STATUSES:
            inactive.append(code)
        elif training_status == Training.Status.CANCELLED:
            cancelled_training.append(code)
    if inactive:
        raise ImportRefused(
            _("Activeer eerst deze inschrijvingen opnieuw: %(codes)s.")
            % {"codes": ", ".join(sorted(inactive))}
        )
    if cancelled_training:
        raise ImportRefused(
            _("De vorming van %(codes)s is geannuleerd: betaal dit bedrag terug.")
            % {"codes": ", ".join(sorted(cancelled_training))}
        )
    outcome = payments_book(
        lines=[
            BookingLine(
                registration_id=a.registration.pk,
                amount_cents=a.amount_cents,
                paid_on=bank_transaction.booking_date,
                bank_transaction_id=bank_transaction.pk,
            )
            for a in allocations
        ],
        actor=actor,
        action="registration.paid_by_bank",
    )
    bank_transaction.surplus_cents = bank_transaction.amount_cents - total
    open_after = Registration.objects.filter(
        pk__in=[a.registration.pk for a in allocations], status=Registration.Status.PENDING
    ).exists()
    if bank_transaction.surplus_cents:
        bank_transaction.result = BankTransaction.Result.OVERPAID
    elif open_after:
        bank_transaction.result = BankTransaction.Result.PARTIAL
    else:
        bank_transaction.result = BankTransaction.Result.MATCHED
    bank_transaction.rule = "manual"
    bank_transaction.reason_code = "manual"
    bank_transaction.reason_params = {"user": str(actor)}
    bank_transaction.reason = ""
    bank_transaction.resolved_by = actor
    bank_transaction.resolved_at = timezone.now()
    bank_transaction.save()
    if bank_transaction.surplus_cents:
        refunds_create(
            specs=[
                RefundSpec(
                    cause=Refund.Cause.SURPLUS,
                    amount_cents=bank_transaction.surplus_cents,
                    registration=allocations[0].registration,
                    paid_by=bank_transaction,
                    # What the office left unbooked is "more than was open" only when it booked
                    # exactly what was open on one registration.
                    announce=len(allocations) == 1
                    and 0
                    < allocations[0].amount_cents
                    == open_before[allocations[0].registration.pk],
                )
            ],
            actor=actor,
        )
    audit_record(
        actor=actor,
        action="bank_transaction.assigned",
        obj=bank_transaction,
        data={
            "allocations": {a.registration.code: a.amount_cents for a in allocations},
            "surplus_cents": bank_transaction.surplus_cents,
            "confirmed": len(outcome.confirmed_ids),
        },
    )
    return bank_transaction


@transaction.atomic
def transaction_dismiss(
    *, bank_transaction: BankTransaction, actor: User, note: str = ""
) -> BankTransaction:
    """Mark a transfer as not for a registration (rent, a gift, a refund...)."""
    bank_transaction = BankTransaction.objects.select_for_update().get(pk=bank_transaction.pk)
    if bank_transaction.result != BankTransaction.Result.REVIEW:
        raise ImportRefused(_("Deze verrichting werd intussen al behandeld."))
    bank_transaction.result = BankTransaction.Result.IGNORED
    bank_transaction.rule = "manual"
    bank_transaction.reason_code = "dismissed"
    bank_transaction.reason_params = {"user": str(actor)}
    bank_transaction.reason = note  # staff's own words, shown instead of the sentence
    bank_transaction.resolved_by = actor
    bank_transaction.resolved_at = timezone.now()
    bank_transaction.save()
    audit_record(
        actor=actor,
        action="bank_transaction.dismissed",
        obj=bank_transaction,
        data={"note": note},
    )
    return bank_transaction


# Undo ------------------------------------------------------------------------------------------


def statement_import_undo_blocker(statement_import: StatementImport) -> str:
    """Why this import cannot be undone ('' when it can)."""
    if statement_import.status != StatementImport.Status.DONE:
        return _("Enkel een volledig ingelezen bestand kan ongedaan gemaakt worden.")
    relying = imports_relying_on(statement_import)
    if relying:
        return _(
            "Een later ingelezen uittreksel in een ander formaat (%(files)s) herkende verrichtingen"
            " uit dit bestand en boekte ze daarom niet opnieuw. Maak eerst dat bestand ongedaan."
        ) % {"files": ", ".join(relying)}
    transactions = statement_import.transactions.all()
    if transactions.filter(resolved_at__isnull=False).exists():
        return _("Een verrichting uit dit bestand werd al manueel behandeld.")
    registration_ids = Payment.objects.filter(bank_transaction__in=transactions).values(
        "registration_id"
    )
    later_by_hand = Payment.objects.filter(
        registration_id__in=registration_ids, created_at__gt=statement_import.finished_at
    ).exclude(bank_transaction__statement_import=statement_import)
    if later_by_hand.exists():
        return _("Op een inschrijving uit dit bestand werd nadien nog een betaling geboekt.")
    changed = Registration.objects.filter(
        pk__in=registration_ids,
        status__in=[Registration.Status.CANCELLED, Registration.Status.EXPIRED],
    )
    if changed.exists():
        return _("Een inschrijving uit dit bestand werd nadien geannuleerd of is vervallen.")
    surplus_on_its_way = Refund.objects.filter(paid_by__in=transactions).filter(
        Q(sepa_file__isnull=False) | Q(status__in=[Refund.Status.SENT, Refund.Status.DONE])
    )
    if surplus_on_its_way.exists():
        return _(
            "Een terugbetaling van geld uit dit bestand (te veel betaald, of teruggestort door de "
            "bank) staat al in een overschrijvingsbestand."
        )
    return ""


def statement_import_undo_told(statement_import: StatementImport) -> int:
    """How many registrants of this import were mailed that money comes back: undoing it
    withdraws those refunds without a mail (importing the file again continues them)."""
    return payers_told(
        Refund.objects.filter(
            Q(cause=Refund.Cause.SURPLUS) | Q(continues__status=Refund.Status.RETURNED),
            paid_by__statement_import=statement_import,
            status=Refund.Status.DUE,
        ).select_related("paid_by")
    )


@transaction.atomic
def statement_import_undo(
    *, statement_import: StatementImport, actor: User | None
) -> StatementImport:
    """Take back everything an import booked, as if the file had never been read."""
    statement_import = StatementImport.objects.select_for_update().get(pk=statement_import.pk)
    # As an import takes it: one that recognised this file's transfers has committed, or waits.
    accounts_lock(
        {facts["account"] for facts in statement_import.accounts}.union(
            statement_import.transactions.values_list("account", flat=True).distinct()
        )
    )
    blocker = statement_import_undo_blocker(statement_import)
    if blocker:
        raise ImportRefused(blocker)
    payments = list(
        Payment.objects.filter(bank_transaction__statement_import=statement_import).order_by("-id")
    )
    registrations = {
        r.pk: r
        for r in Registration.objects.select_for_update().filter(
            pk__in={p.registration_id for p in payments}
        )
    }
    now = timezone.now()
    for payment in payments:  # newest first, so the oldest payment's status_before wins
        registration = registrations[payment.registration_id]
        registration.amount_paid_cents -= payment.amount_cents
        if payment.status_before != registration.status:
            registration.status = next_status(
                registration.status, "undo_payment", payment.status_before
            )
        if payment.status_before == Registration.Status.PENDING:
            registration.confirmed_at = None
        registration.updated_at = now
    # What this import's mails would say no longer holds; those that left are not recalled. A
    # confirmation that does not leave is still owed: the next booking of the money sends it.
    closed = outbox_withdraw_unsent(
        related=Registration,
        ids=registrations,
        kinds=("registration_confirmed", "registration_partially_paid"),
        reason=import_undone_note(),
        since=statement_import.finished_at,
    )
    for kind, object_id in closed:
        if kind == "registration_confirmed":
            registrations[int(object_id)].confirmation_sent_at = None
    Registration.objects.bulk_update(
        registrations.values(),
        ["amount_paid_cents", "status", "confirmed_at", "confirmation_sent_at", "updated_at"],
    )
    transaction_ids = list(statement_import.transactions.values_list("pk", flat=True))
    refunds = refunds_of_import_undo(transaction_ids=transaction_ids, actor=actor)
    outgoing_recognisers.undo(transaction_ids, actor)
    summary = statement_import.summary
    statement_import.transactions.all().delete()  # cascades to their payments
    statement_import.status = StatementImport.Status.UNDONE
    statement_import.undone_at = now
    statement_import.undone_by = actor
    statement_import.save(update_fields=["status", "undone_at", "undone_by"])
    audit_record(
        actor=actor,
        action="statement.undone",
        obj=statement_import,
        data={
            "summary": summary,
            "payments_removed": len(payments),
            "mails_withdrawn": len(closed),
            **refunds,
        },
    )
    return statement_import


# Our own accounts ------------------------------------------------------------------------------


def _own_account_save(own_account: OwnAccount) -> None:
    if stdnum_iban.compact(own_account.iban) == Organisation.current().iban:
        raise ValidationError(
            {"iban": _("Dit is al een van onze rekeningen: de rekening op de betaalinstructies.")},
            code="unique",
        )
    try:
        with transaction.atomic():
            own_account.save()
    except IntegrityError as exc:  # the same IBAN added at the same moment by someone else
        raise ValidationError(
            {"iban": _("Deze rekening staat al bij onze rekeningen.")}, code="unique"
        ) from exc


@transaction.atomic
def own_account_create(*, iban: str, label: str, actor: User | None) -> OwnAccount:
    """Add a bank account of ours: its statements are imported without asking."""
    own_account = OwnAccount(
        iban=iban,
        label=label.strip(),
        created_by=actor_or_none(actor),
    )
    _own_account_save(own_account)
    audit_record(
        actor=actor,
        action="own_account.created",
        obj=own_account,
        data={"iban": own_account.iban, "label": own_account.label},
    )
    return own_account


@transaction.atomic
def own_account_update(
    *, own_account: OwnAccount, iban: str, label: str, actor: User | None
) -> OwnAccount:
    own_account = OwnAccount.objects.select_for_update().get(pk=own_account.pk)
    before = {"iban": own_account.iban, "label": own_account.label}
    own_account.iban = iban
    own_account.label = label.strip()
    _own_account_save(own_account)
    audit_record(
        actor=actor,
        action="own_account.changed",
        obj=own_account,
        data={"before": before, "after": {"iban": own_account.iban, "label": own_account.label}},
    )
    return own_account


@transaction.atomic
def own_account_delete(*, own_account: OwnAccount, actor: User | None) -> None:
    """Remove an account from ours; the IBAN on the payment instructions stays ours regardless."""
    audit_record(
        actor=actor,
        action="own_account.deleted",
        obj=own_account,
        data={"iban": own_account.iban, "label": own_account.label},
    )
    own_account.delete()
