"""What happens to a registration that apps above trainings act on, in the same transaction.

Trainings does not know about refunds or invoices (they import trainings, not the other way
round). These signals are sent inside the service's transaction, so whatever a receiver writes
(a refund, a credit note) is kept or rolled back together with the change itself.
"""

import enum

from django.dispatch import Signal


class CancelledBy(enum.StrEnum):
    REGISTRANT = "registrant"  # within the self-service rules
    OFFICE = "office"
    TRAINING = "training"  # the training itself was cancelled


# Sent with registration, actor, cancelled_by (CancelledBy), reason and refund_cents: what the
# office decided to pay back, or None to let the cancellation rules decide.
registration_cancelled = Signal()

# Sent with training, actor, reason and registrations: the ones that were active.
training_cancelled = Signal()

# Sent with registration, billing and actor inside the registration's transaction when the
# registrant asked for an invoice for their employer. `billing` holds plain, cleaned values (the
# keys of `EmployerForm.billing_data()`); a receiver that fails rolls the registration back.
registration_billing_requested = Signal()

# Sent with registration when a pending registration expired unpaid: its seats are free again.
registration_expired = Signal()

# Sent with registration and actor when a registration has a seat to pay for again after being
# without one: an offer from the waiting list accepted, a cancelled or expired one reinstated.
registration_seat_regained = Signal()

# Sent with registration (already on its new training), actor, old_training, old_amount_due_cents
# and new_amount_due_cents when a registration moved to another date of the same training: what
# was paid stays with it; apps above trainings refund or re-invoice the difference.
registration_moved = Signal()
