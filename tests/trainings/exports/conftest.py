import datetime as dt

import pytest
from django.utils import timezone

from eigenkracht.payments.models import BankTransaction, Payment, Refund, StatementImport
from tests.factories import UserFactory
from tests.two_factor import login_verified


@pytest.fixture
def login_as(client):
    """Log the test client in as a new user with the given role."""

    def _login(role: str):
        login_verified(client, UserFactory(role=role))
        return client

    return _login


@pytest.fixture
def office(login_as):
    return login_as("office")


@pytest.fixture
def make_payment():
    """A payment on a registration; with `counterparty=...` it comes from a bank statement."""
    statement = {}

    def _make(registration, cents, paid_on, *, counterparty=None, surplus_cents=0, **extra):
        transaction = None
        if counterparty is not None:
            if "import" not in statement:
                statement["import"] = StatementImport.objects.create(
                    filename="coda.txt", content=b"", sha256="0" * 64
                )
            transaction = BankTransaction.objects.create(
                statement_import=statement["import"],
                account="BE68539007547034",
                bank_id=f"tx-{BankTransaction.objects.count() + 1}",
                booking_date=paid_on,
                amount_cents=cents + surplus_cents,
                counterparty_name=counterparty,
                counterparty_iban=extra.get("iban", "BE71096123456769"),
                communication=extra.get("communication", "+++010/8068/17183+++"),
                result=BankTransaction.Result.OVERPAID
                if surplus_cents
                else BankTransaction.Result.MATCHED,
                surplus_cents=surplus_cents,
            )
        if surplus_cents:
            refund = Refund.objects.create(
                cause=Refund.Cause.SURPLUS,
                registration=registration,
                paid_by=transaction,
                amount_cents=surplus_cents,
                payee_name=counterparty or "",
                payee_iban=extra.get("iban", "BE71096123456769"),
                deadline=paid_on + dt.timedelta(days=30),
                end_to_end_id=f"EKTB{Refund.objects.count() + 1:016d}",
                communication=f"Terugbetaling inschrijving {registration.code}",
            )
            Refund.objects.filter(pk=refund.pk).update(
                created_at=timezone.make_aware(dt.datetime.combine(paid_on, dt.time(12)))
            )
        return Payment.objects.create(
            registration=registration,
            amount_cents=cents,
            paid_on=paid_on,
            source=Payment.Source.BANK if transaction else Payment.Source.MANUAL,
            bank_transaction=transaction,
        )

    return _make
