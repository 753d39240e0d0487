"""Booking money on registrations: the one path for manual payments, imports and the review queue.

Runs inside the caller's transaction. Registrations are locked, payments added, pending
registrations confirmed once their due amount is reached, and the mails (confirmation exactly
once, what is still due after a partial payment) are sent by a task after commit, so that a
statement confirming thousands of registrations does not render thousands of mails in the request.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from eigenkracht.core.bulk import bulk_insert
from eigenkracht.core.models import AuditEntry
from eigenkracht.payments.models import Payment
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


def payments_book(*, lines: list[BookingLine], actor: Any, action: str) -> BookingOutcome:
    if not lines:
        return BookingOutcome([], [], [])
    if any(line.amount_cents <= 0 for line in lines):
        raise ValueError("Booked amounts must be positive")
    now = timezone.now()
    registrations = {
        registration.pk: registration
        for registration in Registration.objects.select_for_update()
        .filter(pk__any_of={line.registration_id for line in lines})
        .order_by("pk")
    }
    booked: dict[int, int] = defaultdict(int)
    lines_of: dict[int, list[BookingLine]] = defaultdict(list)
    payments = []
    for line in lines:
        registration = registrations[line.registration_id]
        if registration.status not in BOOKABLE_STATUSES:
            raise ValueError(f"Registration {registration.pk} is {registration.status}")
        payments.append(
            Payment(
                registration_id=line.registration_id,
                amount_cents=line.amount_cents,
                paid_on=line.paid_on,
                source=line.source,
                note=line.note,
                bank_transaction_id=line.bank_transaction_id,
                status_before=registration.status,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
        )
        booked[registration.pk] += line.amount_cents
        lines_of[registration.pk].append(line)

    confirmed, partial = [], []
    for pk, amount in booked.items():
        registration = registrations[pk]
        registration.amount_paid_cents += amount
        registration.updated_at = now
        if registration.status == Registration.Status.PENDING:
            if registration.amount_paid_cents >= registration.amount_due_cents:
                registration.status = Registration.Status.CONFIRMED
                registration.confirmed_at = now
                confirmed.append(pk)
            else:
                partial.append(pk)
    bulk_insert(Payment, payments)
    _update_registrations([registrations[pk] for pk in booked], now)
    # Rows are locked: this read and the update below decide alone who still needs the mail.
    mailed = list(
        Registration.objects.filter(
            pk__any_of=confirmed, confirmation_sent_at__isnull=True
        ).values_list("pk", flat=True)
    )
    Registration.objects.filter(pk__any_of=mailed).update(confirmation_sent_at=now)
    bulk_insert(
        AuditEntry,
        [
            AuditEntry(
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                action=action,
                object_type=Registration._meta.label_lower,
                object_id=str(pk),
                object_repr=str(registrations[pk])[:200],
                data={
                    "amount_cents": amount,
                    "paid_on": max(line.paid_on for line in lines_of[pk]).isoformat(),
                    "note": "; ".join(line.note for line in lines_of[pk] if line.note),
                    "confirmed": pk in confirmed,
                    "amount_paid_cents": registrations[pk].amount_paid_cents,
                },
            )
            for pk, amount in booked.items()
        ],
    )
    if mailed or partial:
        from eigenkracht.payments.tasks import send_payment_mails

        transaction.on_commit(lambda: send_payment_mails.enqueue(mailed, partial))
    return BookingOutcome(confirmed_ids=confirmed, partial_ids=partial, mailed_ids=mailed)


def _update_registrations(registrations: list[Registration], now: dt.datetime) -> None:
    """Write the new amounts and statuses in one statement, whatever the number of rows.

    Django's bulk_update builds a CASE per field and row, which costs seconds for the thousands
    of registrations a statement confirms; an UPDATE joined to the new values does not.
    """
    table = Registration._meta.db_table
    columns = (
        [r.pk for r in registrations],
        [r.amount_paid_cents for r in registrations],
        [r.status for r in registrations],
        [r.confirmed_at for r in registrations],
    )
    set_clause = (
        "amount_paid_cents = v.paid, status = v.status, confirmed_at = v.confirmed_at, "
        "updated_at = %s"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} SET {set_clause} FROM unnest("  # noqa: S608
                "%s::bigint[], %s::integer[], %s::varchar[], %s::timestamptz[]"
                f") AS v(id, paid, status, confirmed_at) WHERE {table}.id = v.id",
                [now, *columns],
            )
            return
        for start in range(0, len(registrations), 500):  # SQLite's limit on parameters
            rows = list(zip(*(column[start : start + 500] for column in columns), strict=True))
            values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
            cursor.execute(
                f"UPDATE {table} SET {set_clause} FROM (SELECT column1 AS id, "  # noqa: S608
                "column2 AS paid, column3 AS status, column4 AS confirmed_at "
                f"FROM (VALUES {values})) AS v WHERE {table}.id = v.id",
                [now, *(value for row in rows for value in row)],
            )
