"""Demo refunds in every state, made with the services the office uses.

The demo registrations were paid by hand, so no transfer tells whose account to pay back: the
office fills in the account, as it would after a phone call. "Done" needs an outgoing transfer on
our statement: the demo writes that one line as a statement the bank would send.
"""

import datetime as dt
from typing import TextIO

from django.utils import timezone

from eigenkracht.accounts.models import User
from eigenkracht.payments.demo_statement import demo_outgoing_transfer
from eigenkracht.payments.models import BankTransaction, Refund
from eigenkracht.payments.refunds import services
from eigenkracht.payments.refunds.recognition import RefundPaid, refunds_mark_done
from eigenkracht.trainings.models import Registration

# (first name, IBAN, what happens to the refund of the money they paid twice)
DEMO_PAYEES = (
    ("Jens", "BE71096123456769", "done"),
    ("Nora", "BE62510007547061", "sent"),
    ("Maarten", "BE74735011234507", "due"),
    ("Nele", "", "overdue"),
    ("Bram", "BE21001234567803", "withdrawn"),
)


def demo_refunds(*, actor: User, stdout: TextIO) -> None:
    if Refund.objects.filter(cause=Refund.Cause.SURPLUS).exists():
        stdout.write("Terugbetalingen: bestaan al; niets veranderd.\n")
        return
    paid = {
        r.first_name: r
        for r in Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            first_name__in=[name for name, _iban, _state in DEMO_PAYEES],
        ).select_related("training")
    }
    refunds = {}
    for name, iban, state in DEMO_PAYEES:
        registration = paid[name]
        (refund,) = services.refunds_create(
            specs=[
                services.RefundSpec(
                    cause=Refund.Cause.SURPLUS,
                    amount_cents=registration.amount_due_cents,
                    registration=registration,
                    note="Twee keer overgeschreven (demogegevens)",
                )
            ],
            actor=actor,
        )
        if iban:
            refund = services.refund_iban_set(
                refund=refund, name=registration.full_name, iban=iban, actor=actor
            )
        refunds[state] = refund
    today = timezone.localdate()
    Refund.objects.filter(pk=refunds["overdue"].pk).update(deadline=today - dt.timedelta(days=3))
    services.refund_withdraw(
        refund=refunds["withdrawn"],
        actor=actor,
        note="De werkgever laat het bedrag staan voor de volgende vorming (demogegevens).",
    )
    sepa_file = services.sepa_file_make(
        refund_ids=[refunds["done"].pk, refunds["sent"].pk],
        actor=actor,
        execution_date=today + dt.timedelta(days=1),
    )
    services.sepa_file_mark_sent(sepa_file=sepa_file, actor=actor)
    done = refunds["done"]
    transaction = demo_outgoing_transfer(
        actor=actor,
        bank_id="DEMO-REFUND-1",
        day=today,
        amount_cents=done.amount_cents,
        name=done.payee_name,
        iban=done.payee_iban,
        communication=done.communication,
        result=BankTransaction.Result.REFUND,
        rule="refund",
        reason_code="refund_done",
        reason_params={"refund": done.end_to_end_id, "via_refund": "end_to_end"},
    )
    refunds_mark_done(
        paid={0: RefundPaid(done.pk, done.end_to_end_id, "end_to_end")},
        transaction_ids=[transaction.pk],
        actor=actor,
    )
    stdout.write(
        "Terugbetalingen: 5 aangemaakt (uitgevoerd, verstuurd, te betalen, te laat, geschrapt).\n"
    )
