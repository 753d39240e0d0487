"""Statement files for the back-office tests, made with the project's own generators."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.fixtures_gen.coda import CodaMovement, CodaStatement, make_coda

OUR_ACCOUNT = "BE68539007547034"
PAYER_IBAN = "BE71096123456769"


def ogm_payment(registration, *, amount_cents: int | None = None, name: str = "") -> CodaMovement:
    """An incoming transfer with the registration's structured communication."""
    return CodaMovement(
        amount_cents=registration.amount_due_cents if amount_cents is None else amount_cents,
        ogm=registration.structured_communication,
        counterparty_name=name or registration.full_name[:35],
        counterparty_iban=PAYER_IBAN,
    )


def free_text_payment(
    amount_cents: int, text: str, name: str = "Onbekende Betaler"
) -> CodaMovement:
    return CodaMovement(
        amount_cents=amount_cents, text=text, counterparty_name=name, counterparty_iban=PAYER_IBAN
    )


def coda_file(*movements: CodaMovement, number: int = 1, date: dt.date | None = None) -> bytes:
    statement = CodaStatement(
        account_iban=OUR_ACCOUNT,
        movements=list(movements),
        number=number,
        **({"date": date} if date else {}),
    )
    return make_coda([statement])


def upload(data: bytes, name: str = "uittreksel.cod") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")
