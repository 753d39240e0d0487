"""A moved registration's employer gets a credit note and a new invoice for the new date."""

import datetime as dt

import pytest
from django.utils import timezone

from eigenkracht.invoices.models import Document
from eigenkracht.payments.models import Refund
from eigenkracht.trainings import seat_changes
from tests.factories import TrainingFactory
from tests.invoices.conftest import invoiced
from tests.payments.refunds.test_refunds_due import paid_by_bank

pytestmark = pytest.mark.django_db


def test_a_move_credits_the_invoice_and_invoices_the_new_date_with_what_was_paid():
    registration = paid_by_bank(invoiced())  # two participants, € 40,00, paid by the employer
    later = TrainingFactory(
        title=registration.training.title,
        fee_cents=1500,
        sessions__first_date=timezone.localdate() + dt.timedelta(days=60),
    )

    seat_changes.registration_move(registration=registration, training=later, actor=None)

    documents = list(Document.objects.order_by("created_at", "id"))
    assert [(d.kind, d.total_cents) for d in documents] == [
        ("invoice", 4000),
        ("credit_note", 4000),
        ("invoice", 3000),
    ]
    new = documents[-1]
    assert f"({later.starts_on:%d/%m/%Y})" in new.description
    assert new.prepaid_cents == 3000
    assert new.payment_reference == registration.structured_communication
    refund = Refund.objects.get()
    assert (refund.cause, refund.amount_cents) == ("moved", 1000)
    assert refund.payee_iban  # back to the account the employer paid from
