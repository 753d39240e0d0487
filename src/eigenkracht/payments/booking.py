"""Booking money on registrations: the one path for manual payments, imports and the review queue.

Runs inside the caller's transaction. Registrations are locked, payments added, pending
registrations confirmed once their due amount is reached, and the mails (confirmation exactly
once, what is still due after a partial payment) stored in the outbox in the same transaction as
the flag that says they were sent. A task composes them after commit, so that a statement
confirming thousands of registrations does not render thousands of mails in the request.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import actor_or_none, audit_checked
from eigenkracht.core.bulk import bulk_insert, pg_array
from eigenkracht.core.models import AuditEntry
from eigenkracht.core.outbox import outbox_queue_later
from eigenkracht.core.refusals import Refused
from eigenkracht.payments.models import Payment
from eigenkracht.trainings.emails import later_mail
from eigenkracht.trainings.models import Registration, Training
from eigenkracht.trainings.selectors import seat_holding_q
from eigenkracht.trainings.transitions import next_status

BOOKABLE_STATUSES = (Registration.Status.PENDING, Registration.Status.CONFIRMED)
# Registrations locked, read and booked per round (booking lines, whole registrations): a
# statement may book on a hundred thousand.
SLICE = 10_000


@dataclass(frozen=True, slots=True)
class BookingLine:
    registration_id: int
    amount_cents: int
    paid_on: dt.date
    source: str = Payment.Source.BANK
    bank_transaction_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class BookingOutcome:
    confirmed_ids: list[int]  # confirmed by these payments
    partial_ids: list[int]  # still pending, with part paid
    mailed_ids: list[int]  # will get their confirmation mail (never mailed before)


class SeatsTaken(Refused):
    """Paying would confirm registrations whose deadline passed and whose seats were given away
    meanwhile (to the waiting list, to new registrations). The message is for staff."""

    def __init__(self, codes: list[str]) -> None:
        super().__init__(
            _(
                "De betaaltermijn van %(codes)s was verstreken en er zijn intussen niet genoeg "
                "plaatsen meer vrij. Boek deze betaling niet: betaal ze terug, of verhoog eerst "
                "het aantal plaatsen."
            )
            % {"codes": ", ".join(codes)}
        )
        self.codes = codes


@dataclass(slots=True)
class _Account:
    """What booking needs of a registration (plain data: thousands are booked at once)."""

    pk: int
    code: str
    email: str
    status: str
    paid: int
    due: int
    mailed_before: bool  # its confirmation mail went out already
    training_id: int
    seats: int
    late: bool  # pending past its deadline: it holds no seats (see seat_holding_q)


# Read as a tuple per row: a flag, not the timestamps, for what was mailed (psycopg reads a
# timestamp in Python, about 3 microseconds each, for thousands of rows).
_COLUMNS = (
    "pk",
    "code",
    "email",
    "status",
    "amount_paid_cents",
    "amount_due_cents",
    "mailed_before",
    "training_id",
    "seats",
    "payment_deadline",
)


def _account(row: tuple[Any, ...], today: dt.date) -> _Account:
    *fields, deadline = row  # in the order of _COLUMNS, which is _Account's but `late`
    status = fields[3]
    late = status == Registration.Status.PENDING and deadline is not None and deadline < today
    return _Account(*fields, late=late)


def _lock_trainings_of_late(registration_ids: Collection[int], today: dt.date) -> None:
    """Lock the trainings whose seats a late payment may take, before the registrations: the
    same order as registering and reinstating, so that they never wait on each other."""
    late = Registration.objects.filter(
        pk__any_of=registration_ids,
        status=Registration.Status.PENDING,
        payment_deadline__lt=today,
    ).values("training_id")
    list(
        Training.objects.select_for_update()
        .filter(pk__in=late)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _refused_for_seats(accounts: list[_Account], today: dt.date) -> list[_Account]:
    """Of the late registrations about to be confirmed, those whose seats are no longer free.

    Their trainings are locked (`_lock_trainings_of_late`), so nobody takes a seat meanwhile.
    """
    if not accounts:
        return []
    taken = dict(
        Registration.objects.filter(
            seat_holding_q(today), training_id__in={a.training_id for a in accounts}
        )
        .order_by()
        .values("training_id")
        .annotate(total=Sum("seats"))
        .values_list("training_id", "total")
    )
    capacity = dict(
        Training.objects.filter(pk__in={a.training_id for a in accounts}).values_list(
            "pk", "capacity"
        )
    )
    refused = []
    for account in sorted(accounts, key=lambda a: a.pk):
        left = capacity[account.training_id] - taken.get(account.training_id, 0)
        if account.seats > left:
            refused.append(account)
        else:
            taken[account.training_id] = taken.get(account.training_id, 0) + account.seats
    return refused


def _locked_accounts(registration_ids: set[int], today: dt.date) -> dict[int, _Account]:
    """Lock and read the registrations (their late payments' trainings are locked already)."""
    rows = (
        Registration.objects.select_for_update()
        .filter(pk__any_of=registration_ids)
        .order_by("pk")
        .annotate(
            mailed_before=ExpressionWrapper(
                Q(confirmation_sent_at__isnull=False), output_field=BooleanField()
            )
        )
        .values_list(*_COLUMNS)
    )
    return {row[0]: _account(row, today) for row in rows}


def _confirmed_late(accounts: dict[int, _Account], booked: dict[int, int]) -> list[_Account]:
    return [
        accounts[pk]
        for pk, amount in booked.items()
        if accounts[pk].late and accounts[pk].paid + amount >= accounts[pk].due
    ]


class RegistrationsChanged(Exception):
    """A registration is no longer as the caller read it: paid or changed since."""


def registrations_lock(*, expected: Mapping[int, tuple[int, str]]) -> None:
    """Lock the registrations a caller is about to book on, as booking does (the trainings of
    late payments first), before it locks anything else; raises `RegistrationsChanged` when one
    is no longer paid and in the status `expected` (registration id -> (paid, status))."""
    if not expected:
        return
    ids = sorted(expected)
    _lock_trainings_of_late(ids, timezone.localdate())
    # In slices, in id order (the order of every lock on registrations): what is read and
    # compared of each is held for one slice only.
    for start in range(0, len(ids), SLICE):
        ids_slice = ids[start : start + SLICE]
        locked = (
            Registration.objects.select_for_update()
            .filter(pk__any_of=ids_slice)
            .order_by("pk")
            .values_list("pk", "amount_paid_cents", "status")
        )
        if {pk: (paid, status) for pk, paid, status in locked} != {
            pk: expected[pk] for pk in ids_slice
        }:
            raise RegistrationsChanged


@transaction.atomic(savepoint=False)
def payments_book(*, lines: list[BookingLine], actor: User | None, action: str) -> BookingOutcome:
    """Book the lines; raises `SeatsTaken` when a late payment would confirm a registration
    whose seats are no longer free. That rolls back the transaction this joins, whole: nothing
    is booked (an earlier slice may have written before the exception)."""
    if not lines:
        return BookingOutcome([], [], [])
    if any(line.amount_cents <= 0 for line in lines):
        raise ValueError("Booked amounts must be positive")
    now = timezone.now()
    today = timezone.localdate()
    user = actor_or_none(actor)
    user_id = user.pk if user is not None else None
    audit_checked(action, None)  # the same action for every line: checked once
    outcome = BookingOutcome([], [], [])
    # In slices of whole registrations, in id order (the order of every lock on them): what is
    # read and queued for each is held for one slice only. A later slice counts the seats the
    # ones before it confirmed.
    lines = sorted(lines, key=lambda line: line.registration_id)
    # The trainings of late payments first, all at once: then the registrations, slice by slice.
    _lock_trainings_of_late({line.registration_id for line in lines}, today)
    start = 0
    while start < len(lines):
        end = min(start + SLICE, len(lines))
        while end < len(lines) and lines[end].registration_id == lines[end - 1].registration_id:
            end += 1
        part = _book(lines[start:end], user_id=user_id, action=action, now=now, today=today)
        outcome.confirmed_ids.extend(part.confirmed_ids)
        outcome.partial_ids.extend(part.partial_ids)
        outcome.mailed_ids.extend(part.mailed_ids)
        start = end
    return outcome


def _book(
    lines: list[BookingLine], *, user_id: int | None, action: str, now: dt.datetime, today: dt.date
) -> BookingOutcome:
    accounts = _locked_accounts({line.registration_id for line in lines}, today)
    booked: dict[int, int] = defaultdict(int)
    lines_of: dict[int, list[BookingLine]] = defaultdict(list)
    for line in lines:
        account = accounts[line.registration_id]
        if account.status not in BOOKABLE_STATUSES:
            raise ValueError(f"Registration {account.pk} is {account.status}")
        booked[account.pk] += line.amount_cents
        lines_of[account.pk].append(line)

    confirmed, partial = [], []
    refused = _refused_for_seats(_confirmed_late(accounts, booked), today)
    if refused:
        raise SeatsTaken([account.code for account in refused])
    # Written as they are made (a statement books tens of thousands), before statuses change.
    bulk_insert(
        Payment,
        (
            {
                "registration_id": line.registration_id,
                "amount_cents": line.amount_cents,
                "paid_on": line.paid_on,
                "source": line.source,
                "note": line.note,
                "bank_transaction_id": line.bank_transaction_id,
                "status_before": accounts[line.registration_id].status,
                "created_by_id": user_id,
            }
            for line in lines
        ),
    )
    for pk, amount in booked.items():
        account = accounts[pk]
        account.paid += amount
        if account.status == Registration.Status.PENDING:
            if account.paid >= account.due:
                account.status = next_status(account.status, "confirm")
                confirmed.append(pk)
            else:
                partial.append(pk)
    # The rows are locked: nobody else can decide meanwhile who still needs the mail.
    mailed = [pk for pk in confirmed if not accounts[pk].mailed_before]
    confirmed_set = set(confirmed)
    _update_registrations([accounts[pk] for pk in booked], confirmed_set, set(mailed), now)
    bulk_insert(
        AuditEntry,
        (
            {
                "actor_id": user_id,
                "action": action,
                "object_type": Registration._meta.label_lower,
                "object_id": str(pk),
                # A registration is about a person: ids, amounts and dates only (as
                # core.audit.audit_record writes for PERSONAL_OBJECTS); the note stays on the
                # payment.
                "object_repr": "",
                "data": {
                    "amount_cents": amount,
                    "paid_on": max(line.paid_on for line in lines_of[pk]).isoformat(),
                    "confirmed": pk in confirmed_set,
                    "amount_paid_cents": accounts[pk].paid,
                },
                "ip_address": None,
            }
            for pk, amount in booked.items()
        ),
    )
    outbox_queue_later(
        [
            *(
                later_mail(
                    "registration_confirmed", registration_id=pk, recipient=accounts[pk].email
                )
                for pk in mailed
            ),
            *(
                later_mail(
                    "registration_partially_paid", registration_id=pk, recipient=accounts[pk].email
                )
                for pk in partial
            ),
        ]
    )
    return BookingOutcome(confirmed_ids=confirmed, partial_ids=partial, mailed_ids=mailed)


def _update_registrations(
    accounts: list[_Account], confirmed: set[int], mailed: set[int], now: dt.datetime
) -> None:
    """Write the new amounts and statuses in one statement, whatever the number of rows.

    Django's bulk_update builds a CASE per field and row, which costs seconds for the thousands
    of registrations a statement confirms; an UPDATE joined to the new values does not. The
    dates are set to `now` where a flag says so (they are `now` or unchanged), so that no
    timestamp is sent per row.
    """
    table = Registration._meta.db_table
    set_clause = (
        "amount_paid_cents = v.paid, status = v.status, "
        f"confirmed_at = CASE WHEN v.confirmed THEN %s ELSE {table}.confirmed_at END, "
        f"confirmation_sent_at = CASE WHEN v.mailed THEN %s ELSE {table}.confirmation_sent_at END, "
        "updated_at = %s"
    )
    columns = (
        [a.pk for a in accounts],
        [a.paid for a in accounts],
        [a.status for a in accounts],
        [a.pk in confirmed for a in accounts],
        [a.pk in mailed for a in accounts],
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} SET {set_clause} FROM unnest("  # noqa: S608
                "%s::bigint[], %s::integer[], %s::varchar[], %s::boolean[], %s::boolean[]"
                f") AS v(id, paid, status, confirmed, mailed) WHERE {table}.id = v.id",
                [now, now, now, *map(pg_array, columns)],
            )
            return
        for start in range(0, len(accounts), 500):  # SQLite's limit on parameters
            rows = list(zip(*(column[start : start + 500] for column in columns), strict=True))
            values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
            cursor.execute(
                f"UPDATE {table} SET {set_clause} FROM (SELECT column1 AS id, "  # noqa: S608
                "column2 AS paid, column3 AS status, column4 AS confirmed, "
                f"column5 AS mailed FROM (VALUES {values})) AS v WHERE {table}.id = v.id",
                [now, now, now, *(value for row in rows for value in row)],
            )
