""" "Probeer met een voorbeeldafschrift": a bank statement made from the registrations waiting for
payment, imported like any uploaded file, so that a newcomer sees matching work in one click.

The statement (CAMT.053, version .02) holds transfers for the oldest pending registrations: some
with their structured communication (booked at once), some with only the payer's initial and
surname (suggestions to review), and one that belongs to nobody. It exists to try the
application: only offered where `SAMPLE_STATEMENT` is on (the default in development, off in
production) and once: a second click finds the first import and refuses, changing nothing.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from eigenkracht.accounts.models import User
from eigenkracht.banking.iban import be_account_to_iban
from eigenkracht.core.models import Organisation
from eigenkracht.payments.models import StatementImport
from eigenkracht.payments.services import ImportOutcome, ImportRefused, statement_import
from eigenkracht.trainings.models import Registration

SAMPLE_FILENAME = "voorbeeldafschrift.xml"
NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
WITH_OGM = 3  # at most this many transfers carry the right structured communication
NAME_ONLY = 2  # at most this many only the registrant's name
UNKNOWN_CENTS = 1500


@dataclass(frozen=True)
class SampleTransfer:
    reference: str  # the bank's own reference: the same transfer is never booked twice
    amount_cents: int
    name: str
    iban: str
    ogm: str = ""
    text: str = ""


def _leaf(parent: etree._Element, path: str, text: str, **attributes: str) -> None:
    """`_leaf(x, "Id/IBAN", v)` adds `<Id><IBAN>v</IBAN></Id>` under `x`."""
    element = parent
    for name in path.split("/"):
        element = etree.SubElement(element, f"{{{NAMESPACE}}}{name}")
    element.text = text
    for key, value in attributes.items():
        element.set(key, value)


def _euros(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def camt053(*, account: str, day: dt.date, transfers: Sequence[SampleTransfer]) -> bytes:
    """One day's statement of `account` with incoming `transfers`."""
    q = f"{{{NAMESPACE}}}"
    document = etree.Element(f"{q}Document", nsmap={None: NAMESPACE})
    message = etree.SubElement(document, f"{q}BkToCstmrStmt")
    header = etree.SubElement(message, f"{q}GrpHdr")
    _leaf(header, "MsgId", f"EK-VOORBEELD-{day:%Y%m%d}")
    _leaf(header, "CreDtTm", f"{day.isoformat()}T06:00:00")
    statement = etree.SubElement(message, f"{q}Stmt")
    _leaf(statement, "Id", f"EK-VOORBEELD-{day:%Y%m%d}")
    _leaf(statement, "CreDtTm", f"{day.isoformat()}T06:00:00")
    acct = etree.SubElement(statement, f"{q}Acct")
    _leaf(acct, "Id/IBAN", account)
    _leaf(acct, "Ccy", "EUR")
    for code, cents in (("OPBD", 0), ("CLBD", sum(t.amount_cents for t in transfers))):
        balance = etree.SubElement(statement, f"{q}Bal")
        _leaf(balance, "Tp/CdOrPrtry/Cd", code)
        _leaf(balance, "Amt", _euros(cents), Ccy="EUR")
        _leaf(balance, "CdtDbtInd", "CRDT")
        _leaf(balance, "Dt/Dt", day.isoformat())
    for transfer in transfers:
        entry = etree.SubElement(statement, f"{q}Ntry")
        _leaf(entry, "Amt", _euros(transfer.amount_cents), Ccy="EUR")
        _leaf(entry, "CdtDbtInd", "CRDT")
        _leaf(entry, "Sts", "BOOK")
        _leaf(entry, "BookgDt/Dt", day.isoformat())
        _leaf(entry, "ValDt/Dt", day.isoformat())
        _leaf(entry, "AcctSvcrRef", transfer.reference)
        details = etree.SubElement(etree.SubElement(entry, f"{q}NtryDtls"), f"{q}TxDtls")
        _leaf(details, "Refs/EndToEndId", "NOTPROVIDED")
        _leaf(details, "AmtDtls/TxAmt/Amt", _euros(transfer.amount_cents), Ccy="EUR")
        parties = etree.SubElement(details, f"{q}RltdPties")
        _leaf(parties, "Dbtr/Nm", transfer.name)
        _leaf(parties, "DbtrAcct/Id/IBAN", transfer.iban)
        remittance = etree.SubElement(details, f"{q}RmtInf")
        if transfer.text:
            _leaf(remittance, "Ustrd", transfer.text)
        if transfer.ogm:
            reference = etree.SubElement(etree.SubElement(remittance, f"{q}Strd"), f"{q}CdtrRefInf")
            kind = etree.SubElement(reference, f"{q}Tp")
            _leaf(kind, "CdOrPrtry/Cd", "SCOR")
            _leaf(kind, "Issr", "BBA")
            _leaf(reference, "Ref", transfer.ogm)
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8")


def _payer_iban(number: int) -> str:
    """A valid Belgian IBAN of a made-up payer (its own Belgian check digits)."""
    base = 735_000_0000 + number
    return be_account_to_iban(f"{base:010d}{base % 97 or 97:02d}")


def sample_transfers(registrations: Sequence[Registration]) -> list[SampleTransfer]:
    """Transfers for `registrations` (the oldest pending first) and one for nobody."""
    name_only = min(NAME_ONLY, len(registrations) // 2)
    with_ogm = min(WITH_OGM, len(registrations) - name_only)
    transfers = []
    for number, registration in enumerate(registrations[: with_ogm + name_only]):
        paid_with_ogm = number < with_ogm
        transfers.append(
            SampleTransfer(
                reference=f"EKVB{registration.pk:08d}",
                amount_cents=registration.amount_open_cents,
                # Without the OGM, the payer writes as people do: an initial and a surname,
                # which the matcher suggests but never books on its own (it needs a city or a
                # date too), so these land in "Na te kijken" as the page says.
                name=(
                    registration.full_name
                    if paid_with_ogm
                    else f"{registration.first_name[:1]}. {registration.last_name}"
                ).upper(),
                iban=_payer_iban(registration.pk),
                ogm=registration.structured_communication if paid_with_ogm else "",
                text="" if paid_with_ogm else "inschrijving vorming",
            )
        )
    transfers.append(
        SampleTransfer(
            reference="EKVB-ONBEKEND",
            amount_cents=UNKNOWN_CENTS,
            name="J. VAN ONBEKEND",
            iban=_payer_iban(0),
            text="gift werking",
        )
    )
    return transfers


def _pending() -> list[Registration]:
    return list(
        Registration.objects.filter(status=Registration.Status.PENDING, amount_due_cents__gt=0)
        .exclude(structured_communication="")
        .order_by("created_at", "pk")[: WITH_OGM + NAME_ONLY]
    )


def sample_statement_done() -> StatementImport | None:
    """The sample statement's import, when it was imported (and not undone)."""
    return (
        StatementImport.objects.filter(filename=SAMPLE_FILENAME)
        .exclude(status=StatementImport.Status.UNDONE)
        .order_by("-pk")
        .first()
    )


def sample_statement_blocker() -> str:
    """Why the sample statement is not offered now, or "" when it is."""
    if not settings.SAMPLE_STATEMENT:
        return _("Een voorbeeldafschrift is er alleen om de toepassing uit te proberen.")
    if sample_statement_done() is not None:
        return _("Het voorbeeldafschrift is al ingelezen; een tweede keer verandert niets.")
    if not _pending():
        return _("Er zijn geen inschrijvingen die op een betaling wachten.")
    return ""


def sample_statement_import(*, actor: User | None) -> ImportOutcome:
    """Make the sample statement and import it through the normal import (which audits it)."""
    blocker = sample_statement_blocker()
    if blocker:
        raise ImportRefused(blocker)
    data = camt053(
        account=Organisation.current().iban,
        day=timezone.localdate(),
        transfers=sample_transfers(_pending()),
    )
    return statement_import(data=data, filename=SAMPLE_FILENAME, actor=actor, format="auto")
