"""Generate valid CAMT.053 (ISO 20022 Bank-to-Customer Statement) files from plain data.

Used by the tests and the benchmarks: describe the bookings with `CamtEntry` (and `CamtDetail`
for a batch of several transactions under one entry) and `make_camt053` writes the XML, shaped
as versions camt.053.001.02 to .08 shape it (checked against the official XSDs):

- .02 writes `BIC`, later versions `BICFI`;
- .02 carries a transaction's amount only in `AmtDtls/TxAmt/Amt`, .03 and later also in
  `TxDtls/Amt` (with its own `CdtDbtInd`);
- .07 and later write the status as `<Sts><Cd>BOOK</Cd></Sts>` and the parties as
  `<Dbtr><Pty><Nm>`; earlier versions `<Sts>BOOK</Sts>` and `<Dbtr><Nm>`.

With `prefix=None` the namespace is the default one (`<Document xmlns="...">`); with a prefix every
element is qualified (`<ns:Document xmlns:ns="...">`).
"""

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

VERSIONS = ("001.02", "001.03", "001.04", "001.05", "001.06", "001.07", "001.08")
DEFAULT_DATE = dt.date(2025, 3, 14)


@dataclass(frozen=True)
class CamtDetail:
    """One transaction (`TxDtls`) of a batch. `amount_cents` is positive; its sign is the entry's.

    `amount_cents=None` leaves the amount out (for malformed-file tests).
    """

    amount_cents: int | None
    ogm: str = ""  # written verbatim in Strd/CdtrRefInf/Ref (SCOR, issuer BBA)
    text: str | Sequence[str] = ""  # one Ustrd per string
    counterparty_name: str = ""
    counterparty_iban: str = ""
    counterparty_bic: str = ""
    acct_svcr_ref: str = ""  # TxDtls/Refs/AcctSvcrRef, left out when empty
    end_to_end_id: str = ""


@dataclass(frozen=True)
class CamtEntry:
    """One booking (`Ntry`). `amount_cents` is signed: > 0 credit (CRDT), < 0 debit (DBIT).

    For a batch, give `batch` (two or more `CamtDetail`) and leave `amount_cents` None: the entry
    amount becomes the sum of the details (signed by `debit`).
    `acct_svcr_ref=None` generates a reference ("EKREF" + the entry's position), "" leaves it out.
    `with_details=False` writes no `NtryDtls` at all (only `AddtlNtryInf` when given).
    """

    amount_cents: int | None = None
    ogm: str = ""
    text: str | Sequence[str] = ""
    counterparty_name: str = ""
    counterparty_iban: str = ""
    counterparty_bic: str = ""
    acct_svcr_ref: str | None = None
    booking_date: dt.date = DEFAULT_DATE
    value_date: dt.date | None = None
    currency: str = "EUR"
    status: str = "BOOK"
    batch: Sequence[CamtDetail] = ()
    debit: bool = False  # only used for a batch, whose details carry unsigned amounts
    with_details: bool = True
    additional_info: str = ""  # AddtlNtryInf

    def signed_cents(self) -> int:
        if self.batch:
            total = sum(d.amount_cents or 0 for d in self.batch)
            if self.amount_cents is not None:
                return self.amount_cents
            return -total if self.debit else total
        if self.amount_cents is None:
            raise ValueError("CamtEntry needs amount_cents unless it has a batch")
        return self.amount_cents


@dataclass(frozen=True)
class CamtStatement:
    account: str  # IBAN
    entries: Sequence[CamtEntry] = field(default_factory=tuple)
    opening_cents: int = 0
    statement_id: str = "EK-STMT-1"
    period: tuple[dt.date, dt.date] | None = None  # written as FrToDt (whole days, UTC)


def make_camt053(
    account: str,
    entries: Sequence[CamtEntry] = (),
    version: str = "001.02",
    prefix: str | None = None,
    *,
    opening_cents: int = 0,
) -> bytes:
    """One statement of `account` with `entries`, as UTF-8 bytes."""
    return make_camt053_statements(
        [CamtStatement(account, entries, opening_cents)], version=version, prefix=prefix
    )


def make_camt053_statements(
    statements: Sequence[CamtStatement], version: str = "001.02", prefix: str | None = None
) -> bytes:
    """Several statements (`Stmt`) in one file."""
    if version not in VERSIONS:
        raise ValueError(f"unsupported version {version!r}; choose from {VERSIONS}")
    writer = _Writer(int(version[-2:]), prefix)
    namespace = f"urn:iso:std:iso:20022:tech:xsd:camt.053.{version}"
    ns_attr = f"xmlns:{prefix}" if prefix else "xmlns"
    out = writer.out
    out.append('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.append(f"<{writer.q('Document')} {ns_attr}={quoteattr(namespace)}>")
    writer.open("BkToCstmrStmt")
    writer.open("GrpHdr")
    writer.leaf("MsgId", "EK-MSG-1")
    writer.leaf("CreDtTm", "2025-03-15T06:00:00+01:00")
    writer.close("GrpHdr")
    counter = 0
    for number, statement in enumerate(statements, start=1):
        counter = writer.statement(statement, number, counter)
    writer.close("BkToCstmrStmt")
    writer.close("Document")
    return "".join(out).encode("utf-8")


_FIRST = ("An", "Bart", "Chloë", "Dirk", "Els", "Fatima", "Geert", "Hanne", "Ilse", "Jef")
_LAST = ("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens")
_CITIES = ("Gent", "Antwerpen", "Leuven", "Brugge", "Hasselt", "Mechelen")


def random_ogm(rnd: random.Random) -> str:
    """A valid structured communication (12 digits) drawn from `rnd`."""
    base = rnd.randrange(10**10)
    return f"{base:010d}{(base % 97) or 97:02d}"


def sample_entries(count: int, seed: int = 0) -> list[CamtEntry]:
    """`count` plausible bookings for benchmarks, the same for the same seed: about 70% with a
    structured communication, 15% with it typed in the free text, 10% with only name and city,
    5% outgoing; every twentieth incoming transfer is an employer's batch of three."""
    rnd = random.Random(seed)
    entries = []
    for index in range(count):
        name = f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}"
        iban = f"BE{rnd.randrange(10**14):014d}"
        draw = rnd.random()
        if draw < 0.05:
            entries.append(
                CamtEntry(-rnd.randrange(500, 50000), text="Huur zaal", counterparty_name=name)
            )
        elif index % 20 == 0:
            batch = [
                CamtDetail(2000, ogm=random_ogm(rnd), counterparty_name="VZW Werkgever")
                for _ in range(3)
            ]
            entries.append(CamtEntry(batch=batch, acct_svcr_ref=f"BATCH{index:08d}"))
        elif draw < 0.75:
            entries.append(
                CamtEntry(2000, ogm=random_ogm(rnd), counterparty_name=name, counterparty_iban=iban)
            )
        elif draw < 0.90:
            typed = random_ogm(rnd)
            text = f"+++{typed[:3]}/{typed[3:7]}/{typed[7:]}+++"
            entries.append(
                CamtEntry(2000, text=text, counterparty_name=name, counterparty_iban=iban)
            )
        else:
            text = f"{name} vorming {rnd.choice(_CITIES)}"
            entries.append(
                CamtEntry(2000, text=text, counterparty_name=name, counterparty_iban=iban)
            )
    return entries


def _amount(cents: int) -> str:
    return f"{abs(cents) // 100}.{abs(cents) % 100:02d}"


def _lines(text: str | Sequence[str]) -> list[str]:
    if isinstance(text, str):
        return [text] if text else []
    return [t for t in text if t]


class _Writer:
    def __init__(self, version: int, prefix: str | None) -> None:
        self.version = version
        self.prefix = f"{prefix}:" if prefix else ""
        self.out: list[str] = []

    def q(self, name: str) -> str:
        return self.prefix + name

    def open(self, name: str) -> None:
        self.out.append(f"<{self.prefix}{name}>")

    def close(self, name: str) -> None:
        self.out.append(f"</{self.prefix}{name}>")

    def leaf(self, name: str, text: str, **attrs: str) -> None:
        attr = "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())
        tag = self.prefix + name
        self.out.append(f"<{tag}{attr}>{escape(text)}</{tag}>")

    def path(self, names: Sequence[str], text: str) -> None:
        """`path(["Id", "IBAN"], x)` writes `<Id><IBAN>x</IBAN></Id>`."""
        for name in names[:-1]:
            self.open(name)
        self.leaf(names[-1], text)
        for name in reversed(names[:-1]):
            self.close(name)

    def balance(self, code: str, cents: int, day: dt.date) -> None:
        self.open("Bal")
        self.path(["Tp", "CdOrPrtry", "Cd"], code)
        self.leaf("Amt", _amount(cents), Ccy="EUR")
        self.leaf("CdtDbtInd", "DBIT" if cents < 0 else "CRDT")
        self.path(["Dt", "Dt"], day.isoformat())
        self.close("Bal")

    def statement(self, statement: CamtStatement, number: int, counter: int) -> int:
        entries = list(statement.entries)
        day = min((e.booking_date for e in entries), default=DEFAULT_DATE)
        last = max((e.booking_date for e in entries), default=DEFAULT_DATE)
        closing = statement.opening_cents + sum(
            e.signed_cents() for e in entries if e.status == "BOOK"
        )
        self.open("Stmt")
        self.leaf("Id", f"{statement.statement_id}-{number}")
        self.leaf("ElctrncSeqNb", str(number))
        self.leaf("CreDtTm", "2025-03-15T06:00:00+01:00")
        if statement.period:
            self.open("FrToDt")
            self.leaf("FrDtTm", f"{statement.period[0].isoformat()}T00:00:00.000Z")
            self.leaf("ToDtTm", f"{statement.period[1].isoformat()}T23:59:59.999Z")
            self.close("FrToDt")
        self.open("Acct")
        self.path(["Id", "IBAN"], statement.account)
        self.leaf("Ccy", "EUR")
        self.close("Acct")
        self.balance("OPBD", statement.opening_cents, day)
        self.balance("CLBD", closing, last)
        for entry in entries:
            counter += 1
            self.entry(entry, counter)
        self.close("Stmt")
        return counter

    def status(self, status: str) -> None:
        if self.version >= 7:
            self.path(["Sts", "Cd"], status)
        else:
            self.leaf("Sts", status)

    def entry(self, entry: CamtEntry, counter: int) -> None:
        cents = entry.signed_cents()
        indicator = "DBIT" if cents < 0 else "CRDT"
        self.open("Ntry")
        self.leaf("Amt", _amount(cents), Ccy=entry.currency)
        self.leaf("CdtDbtInd", indicator)
        self.status(entry.status)
        self.path(["BookgDt", "Dt"], entry.booking_date.isoformat())
        self.path(["ValDt", "Dt"], (entry.value_date or entry.booking_date).isoformat())
        ref = f"EKREF{counter:08d}" if entry.acct_svcr_ref is None else entry.acct_svcr_ref
        if ref:
            self.leaf("AcctSvcrRef", ref)
        self.open("BkTxCd")
        self.open("Domn")
        self.leaf("Cd", "PMNT")
        self.open("Fmly")
        self.leaf("Cd", "ICDT" if indicator == "DBIT" else "RCDT")
        self.leaf("SubFmlyCd", "ESCT")
        self.close("Fmly")
        self.close("Domn")
        self.close("BkTxCd")
        if entry.with_details:
            self.open("NtryDtls")
            if entry.batch:
                self.open("Btch")
                self.leaf("NbOfTxs", str(len(entry.batch)))
                self.leaf("TtlAmt", _amount(cents), Ccy=entry.currency)
                self.leaf("CdtDbtInd", indicator)
                self.close("Btch")
                for detail in entry.batch:
                    self.details(detail, indicator, entry.currency)
            else:
                single = CamtDetail(
                    amount_cents=abs(cents),
                    ogm=entry.ogm,
                    text=entry.text,
                    counterparty_name=entry.counterparty_name,
                    counterparty_iban=entry.counterparty_iban,
                    counterparty_bic=entry.counterparty_bic,
                )
                self.details(single, indicator, entry.currency)
            self.close("NtryDtls")
        if entry.additional_info:
            self.leaf("AddtlNtryInf", entry.additional_info)
        self.close("Ntry")

    def details(self, detail: CamtDetail, indicator: str, currency: str) -> None:
        self.open("TxDtls")
        self.open("Refs")
        if detail.acct_svcr_ref:
            self.leaf("AcctSvcrRef", detail.acct_svcr_ref)
        self.leaf("EndToEndId", detail.end_to_end_id or "NOTPROVIDED")
        self.close("Refs")
        if detail.amount_cents is not None:
            amount = _amount(detail.amount_cents)
            if self.version >= 3:
                self.leaf("Amt", amount, Ccy=currency)
                self.leaf("CdtDbtInd", indicator)
            self.open("AmtDtls")
            self.open("TxAmt")
            self.leaf("Amt", amount, Ccy=currency)
            self.close("TxAmt")
            self.close("AmtDtls")
        # The counterparty: the debtor of a credit, the creditor of a debit.
        side = "Dbtr" if indicator == "CRDT" else "Cdtr"
        if detail.counterparty_name or detail.counterparty_iban:
            self.open("RltdPties")
            if detail.counterparty_name:
                self.open(side)
                if self.version >= 7:
                    self.path(["Pty", "Nm"], detail.counterparty_name)
                else:
                    self.leaf("Nm", detail.counterparty_name)
                self.close(side)
            if detail.counterparty_iban:
                self.path([f"{side}Acct", "Id", "IBAN"], detail.counterparty_iban)
            self.close("RltdPties")
        if detail.counterparty_bic:
            bic = "BIC" if self.version == 2 else "BICFI"
            self.path(["RltdAgts", f"{side}Agt", "FinInstnId", bic], detail.counterparty_bic)
        lines = _lines(detail.text)
        if detail.ogm or lines:
            self.open("RmtInf")
            for line in lines:
                self.leaf("Ustrd", line)
            if detail.ogm:
                self.open("Strd")
                self.open("CdtrRefInf")
                self.open("Tp")
                self.path(["CdOrPrtry", "Cd"], "SCOR")
                self.leaf("Issr", "BBA")
                self.close("Tp")
                self.leaf("Ref", detail.ogm)
                self.close("CdtrRefInf")
                self.close("Strd")
            self.close("RmtInf")
        self.close("TxDtls")
