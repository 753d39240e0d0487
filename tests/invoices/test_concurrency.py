"""Numbers stay gapless when many invoices are issued at the same moment (PostgreSQL locks)."""

import threading

import pytest
from django.db import connection, connections

from eigenkracht.invoices import services
from eigenkracht.invoices.models import BillingDetails, Document
from tests.factories import RegistrationFactory, TrainingFactory
from tests.invoices.conftest import BILLING

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write, so there is no race to prove",
    ),
]


def test_parallel_issues_get_one_to_n_without_gaps_or_duplicates():
    count = 12
    training = TrainingFactory(fee_cents=2000)
    registrations = [RegistrationFactory(training=training) for _ in range(count)]
    for registration in registrations:
        BillingDetails.objects.create(registration=registration, **BILLING)
    start = threading.Barrier(count)
    errors: list[Exception] = []

    def issue(registration) -> None:
        try:
            start.wait()
            services.invoice_issue(registration=registration, actor=None)
        except Exception as exc:  # collected and shown by the assert below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(r,)) for r in registrations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    sequences = sorted(Document.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, count + 1))
    assert len(set(Document.objects.values_list("number", flat=True))) == count
