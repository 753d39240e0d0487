"""Booking money on registrations: the one path for manual payments, imports and the review queue.

Runs inside the caller's transaction. Registrations are locked, payments added, pending
registrations confirmed once their due amount is reached, and the mails (confirmation exactly
once, what is still due after a partial payment) stored in the outbox in the same transaction as
the flag that says they were sent. A task composes them after commit, so that a statement
confirming thousands of registrations does not render thousands of mails in the request.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils import timezone

from eigenkracht.core.bulk import bulk_insert
from eigenkracht.core.models import AuditEntry
from eigenkracht.core.outbox import outbox_queue_later
from eigenkracht.payments.models import Payment
from eigenkracht.trainings.emails import later_mail
from eigenkracht.trainings.models import Registration

BOOKABLE_STATUSES = (Registration.Status.PENDING, Registration.Status.CONFIRMED)


@dataclass(frozen=True)
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


@dataclass
class _Account:
    """What booking needs of a registration (plain data: thousands are booked at once)."""

    pk: int
    label: str
    email: str
    status: str
    paid: int
    due: int
    confirmed_at: dt.datetime | None
    confirmation_sent_at: dt.datetime | None


def payments_book(*, lines: list[BookingLine], actor: Any, action: str) -> BookingOutcome:
    if not lines:
        return BookingOutcome([], [], [])
    if any(line.amount_cents <= 0 for line in lines):
        raise ValueError("Booked amounts must be positive")
    now = timezone.now()
    user_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    accounts = {
        pk: _Account(
            pk, f"{code} {first} {last}"[:200], email, status, paid, due, confirmed, mailed
        )
        for pk, code, first, last, email, status, paid, due, confirmed, mailed in (
            Registration.objects.select_for_update()
            .filter(pk__any_of={line.registration_id for line in lines})
            .order_by("pk")
            .values_list(
                "pk",
                "code",
                "first_name",
                "last_name",
                "email",
                "status",
                "amount_paid_cents",
                "amount_due_cents",
                "confirmed_at",
                "confirmation_sent_at",
            )
        )
    }
    booked: dict[int, int] = defaultdict(int)
    lines_of: dict[int, list[BookingLine]] = defaultdict(list)
    payments = []
    for line in lines:
        account = accounts[line.registration_id]
        if account.status not in BOOKABLE_STATUSES:
            raise ValueError(f"Registration {account.pk} is {account.status}")
        payments.append(
            {
                "registration_id": account.pk,
                "amount_cents": line.amount_cents,
                "paid_on": line.paid_on,
                "source": line.source,
                "note": line.note,
                "bank_transaction_id": line.bank_transaction_id,
                "status_before": account.status,
                "created_by_id": user_id,
            }
        )
        booked[account.pk] += line.amount_cents
        lines_of[account.pk].append(line)

    confirmed, partial = [], []
    for pk, amount in booked.items():
        account = accounts[pk]
        account.paid += amount
        if account.status == Registration.Status.PENDING:
            if account.paid >= account.due:
                account.status = Registration.Status.CONFIRMED
                account.confirmed_at = now
                confirmed.append(pk)
            else:
                partial.append(pk)
    # The rows are locked: nobody else can decide meanwhile who still needs the mail.
    mailed = [pk for pk in confirmed if accounts[pk].confirmation_sent_at is None]
    for pk in mailed:
        accounts[pk].confirmation_sent_at = now
    bulk_insert(Payment, payments)
    _update_registrations([accounts[pk] for pk in booked], now)
    confirmed_set = set(confirmed)
    bulk_insert(
        AuditEntry,
        [
            {
                "actor_id": user_id,
                "action": action,
                "object_type": Registration._meta.label_lower,
                "object_id": str(pk),
                "object_repr": accounts[pk].label,
                "data": {
                    "amount_cents": amount,
                    "paid_on": max(line.paid_on for line in lines_of[pk]).isoformat(),
                    "note": "; ".join(line.note for line in lines_of[pk] if line.note),
                    "confirmed": pk in confirmed_set,
                    "amount_paid_cents": accounts[pk].paid,
                },
                "ip_address": None,
            }
            for pk, amount in booked.items()
        ],
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


def _to(account: _Account) -> dict[str, Any]:
    return {"registration_id": account.pk, "recipient": account.email}


def _update_registrations(accounts: list[_Account], now: dt.datetime) -> None:
    """Write the new amounts and statuses in one statement, whatever the number of rows.

    Django's bulk_update builds a CASE per field and row, which costs seconds for the thousands
    of registrations a statement confirms; an UPDATE joined to the new values does not.
    """
    table = Registration._meta.db_table
    columns = (
        [a.pk for a in accounts],
        [a.paid for a in accounts],
        [a.status for a in accounts],
        [a.confirmed_at for a in accounts],
        [a.confirmation_sent_at for a in accounts],
    )
    set_clause = (
        "amount_paid_cents = v.paid, status = v.status, confirmed_at = v.confirmed_at, "
        "confirmation_sent_at = v.sent_at, updated_at = %s"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} SET {set_clause} FROM unnest("  # noqa: S608
                "%s::bigint[], %s::integer[], %s::varchar[], %s::timestamptz[], %s::timestamptz[]"
                f") AS v(id, paid, status, confirmed_at, sent_at) WHERE {table}.id = v.id",
                [now, *columns],
            )
            return
        for start in range(0, len(accounts), 500):  # SQLite's limit on parameters
            rows = list(zip(*(column[start : start + 500] for column in columns), strict=True))
            values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
            cursor.execute(
                f"UPDATE {table} SET {set_clause} FROM (SELECT column1 AS id, "  # noqa: S608
                "column2 AS paid, column3 AS status, column4 AS confirmed_at, "
                f"column5 AS sent_at FROM (VALUES {values})) AS v WHERE {table}.id = v.id",
                [now, *(value for row in rows for value in row)],
            )
