"""Numbers without gaps, per year and kind: invoices 2026-0001, 2026-0002, ...; credit notes
C2026-0001, ...

The counter row of the year and kind is locked (SELECT ... FOR UPDATE) for the rest of the issuing
transaction: a second issuer waits until the first has committed or rolled back, so a number is
used once and a rolled-back issue gives its number back. The unique constraint on (kind, year,
sequence) is the database's own guard should anything take a number another way.
"""

from django.db import transaction

from eigenkracht.invoices.models import Document, NumberCounter

PREFIX = {Document.Kind.INVOICE: "", Document.Kind.CREDIT_NOTE: "C"}


def format_number(kind: str, year: int, sequence: int) -> str:
    return f"{PREFIX[kind]}{year}-{sequence:04d}"


@transaction.atomic(savepoint=False)
def number_take(*, kind: str, year: int) -> tuple[int, str]:
    """The next sequence number and its text; joins (and must run inside) the issuing
    transaction, which holds the counter's lock until it ends."""
    # The year's first issuer creates the row; a concurrent one finds it (ON CONFLICT DO NOTHING).
    NumberCounter.objects.bulk_create([NumberCounter(year=year, kind=kind)], ignore_conflicts=True)
    counter = NumberCounter.objects.select_for_update().get(year=year, kind=kind)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, format_number(kind, year, counter.last)
