"""Pure rules about registrations: deadlines and seats. No database access."""

import datetime as dt


def payment_deadline(*, registered_on: dt.date, term_days: int, first_session: dt.date) -> dt.date:
    """Registration date + payment term, but not after the day before the first session.

    Someone who registers on the eve of the training still gets that day to pay.
    """
    deadline = min(
        registered_on + dt.timedelta(days=term_days), first_session - dt.timedelta(days=1)
    )
    return max(deadline, registered_on)


def seats_left(*, capacity: int, seats_taken: int) -> int:
    return max(capacity - seats_taken, 0)


def cancellation_refund_cents(*, paid_cents: int, percent: int) -> int:
    """What a registrant who cancels within the term gets back: the rule's share, whole cents
    rounded down (a refund never exceeds what was paid)."""
    return paid_cents * min(max(percent, 0), 100) // 100


def cancellation_refund_due(
    *, paid_cents: int, cancelled_by: str, percent: int, office_refund_cents: int | None
) -> int:
    """What cancelling gives back of what was paid: the rule's share when the registrant
    cancels, what the office decided (everything unless it said otherwise) when the office
    cancels, everything when the training itself is cancelled. The rest is kept."""
    if cancelled_by == "registrant":
        return cancellation_refund_cents(paid_cents=paid_cents, percent=percent)
    if cancelled_by == "office" and office_refund_cents is not None:
        return min(max(office_refund_cents, 0), paid_cents)
    return paid_cents
