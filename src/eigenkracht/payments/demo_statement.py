"""For demo data: money that went out, as a bank statement reports it, without a statement file
(the demo shows what the next import does with a refund or a volunteer's payout)."""

import datetime as dt
import hashlib
from typing import Any

from django.utils import timezone

from eigenkracht.accounts.models import User
from eigenkracht.core.models import Organisation
from eigenkracht.payments.models import BankTransaction, StatementImport


def demo_outgoing_transfer(
    *,
    actor: User,
    bank_id: str,
    day: dt.date,
    amount_cents: int,
    name: str,
    iban: str,
    communication: str,
    result: str,
    rule: str,
    reason_code: str,
    reason_params: dict[str, Any],
) -> BankTransaction:
    statement = StatementImport.objects.create(
        created_by=actor,
        filename=f"demo-uittreksel-{bank_id.lower()}.xml",
        format="camt053",
        content=b"",
        sha256=hashlib.sha256(bank_id.encode()).hexdigest(),
        status=StatementImport.Status.DONE,
        finished_at=timezone.now(),
    )
    return BankTransaction.objects.create(
        statement_import=statement,
        account=Organisation.current().iban,
        bank_id=bank_id,
        booking_date=day,
        amount_cents=-amount_cents,
        counterparty_name=name,
        counterparty_iban=iban,
        communication=communication,
        result=result,
        rule=rule,
        reason_code=reason_code,
        reason_params=reason_params,
    )
