"""Apps above payments recognise their own outgoing transfers on a statement through a registry:
payments never imports them."""

import pytest

from eigenkracht.payments import services as payments
from eigenkracht.payments.models import BankTransaction
from eigenkracht.payments.outgoing import Recognised, outgoing_recognisers
from tests.fixtures_gen.coda import CodaMovement
from tests.payments.backoffice.files import PAYER_IBAN, coda_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def recogniser():
    marked: list = []

    def recognise(outgoing):
        found = {i: {"payout": tx.end_to_end_id} for i, tx in outgoing if tx.end_to_end_id}
        return Recognised(
            found=found, mark=lambda ids, actor: marked.append([ids[i] for i in found])
        )

    outgoing_recognisers.register("test", recognise, undo=lambda ids, actor: None)
    yield marked
    outgoing_recognisers._recognisers.pop("test")
    outgoing_recognisers._undos.pop("test")


def test_a_registered_recogniser_claims_its_transfer_and_marks_it_with_the_row(
    recogniser, office_user
):
    payments.statement_import(
        data=coda_file(
            CodaMovement(amount_cents=-1000, counterparty_iban=PAYER_IBAN, customer_reference="X1"),
            CodaMovement(amount_cents=-2000, counterparty_iban=PAYER_IBAN, text="Huur zaal"),
            CodaMovement(amount_cents=3000, counterparty_iban=PAYER_IBAN, text="iets"),
            number=3,
        ),
        filename="uittreksel-3.cod",
        actor=office_user,
    )

    claimed = BankTransaction.objects.get(amount_cents=-1000)
    assert claimed.reason_code == "paid_out"
    assert "X1" in claimed.reason_display
    assert BankTransaction.objects.get(amount_cents=-2000).reason_code == "outgoing"
    assert recogniser == [[claimed.pk]]
