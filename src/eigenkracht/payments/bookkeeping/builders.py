"""The sections of the accountant's export, and the files that go with it.

Every section runs a fixed number of queries. The reconciliation adds up what the bank booked on
our accounts in the period and splits it into what the export lists (payments booked, surpluses
owed back, refunds paid) and what is not about registrations; the two sides agree by
construction of the import, and `tests/payments/bookkeeping` proves it on an imported statement.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigenkracht.invoices.models import Document
from eigenkracht.invoices.selectors import (
    Status,
    documents_in_period,
    with_status,
)
from eigenkracht.invoices.ubl import document_ubl, document_ubl_filename
from eigenkracht.payments.exports import builders as exports
from eigenkracht.payments.models import BankTransaction, Payment, Refund, SepaFile
from eigenkracht.payments.outgoing import transfer_files
from eigenkracht.trainings.exports.builders import (
    CSV,
    XLSX,
    Money,
    Scope,
    Section,
    write_csv,
    write_xlsx,
)

STATUS_LABELS = {
    Status.OPEN: gettext_lazy("open"),
    Status.PAID: gettext_lazy("betaald"),
    Status.CREDITED: gettext_lazy("gecrediteerd"),
    Status.CREDIT_NOTE: gettext_lazy("creditnota"),
}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def slug(self) -> str:
        return f"{self.start.isoformat()}-tot-{self.end.isoformat()}"


def _documents(period: Period, kind: str) -> QuerySet[Document]:
    return with_status(documents_in_period(period.start, period.end).filter(kind=kind))


# (header, value of a document, summed in the totals row)
Column = tuple[str, Callable[[Document], Any], bool]


def _amounts() -> list[Column]:
    return [
        (_("Maatstaf"), lambda d: Money(d.net_cents), True),
        (_("Btw"), lambda d: Money(d.vat_cents), True),
        (_("Totaal"), lambda d: Money(d.total_cents), True),
    ]


def _documents_section(title: str, kind: str, period: Period, columns: list[Column]) -> Section:
    section = Section(title=title, headers=[header for header, _value, _summed in columns])
    for doc in _documents(period, kind):
        section.registration_ids.add(doc.registration_id)
        section.rows.append([value(doc) for _header, value, _summed in columns])
    totals: list[Any] = [
        Money(sum(row[index].cents for row in section.rows)) if summed else None
        for index, (_header, _value, summed) in enumerate(columns)
    ]
    section.totals.append([_("Totaal"), *totals[1:]])
    return section


def invoices_section(period: Period) -> Section:
    columns: list[Column] = [
        (_("Nummer"), lambda d: d.number, False),
        (_("Datum"), lambda d: d.issued_on, False),
        (_("Te betalen vóór"), lambda d: d.due_on, False),
        (_("Klant"), lambda d: d.buyer_name, False),
        (_("Ondernemingsnummer"), lambda d: d.buyer_enterprise_number, False),
        (_("Btw-nummer"), lambda d: d.buyer_vat_number, False),
        (_("Referentie klant"), lambda d: d.buyer_reference, False),
        (_("Inschrijving"), lambda d: d.registration.code, False),
        *_amounts(),
        (_("Stand"), lambda d: str(STATUS_LABELS.get(d.status, "")), False),
    ]
    return _documents_section(_("Facturen"), Document.Kind.INVOICE, period, columns)


def credit_notes_section(period: Period) -> Section:
    columns: list[Column] = [
        (_("Nummer"), lambda d: d.number, False),
        (_("Datum"), lambda d: d.issued_on, False),
        (_("Crediteert factuur"), lambda d: d.credits.number if d.credits else "", False),
        (_("Klant"), lambda d: d.buyer_name, False),
        (_("Ondernemingsnummer"), lambda d: d.buyer_enterprise_number, False),
        (_("Reden"), lambda d: d.reason, False),
        (_("Inschrijving"), lambda d: d.registration.code, False),
        *_amounts(),
    ]
    return _documents_section(_("Creditnota's"), Document.Kind.CREDIT_NOTE, period, columns)


def payments_section(period: Period) -> Section:
    """The payments export's sheet for the period (with the invoice numbers), under its name."""
    section = exports.payments_section(Scope(date_from=period.start, date_to=period.end))
    section.title = _("Ontvangen betalingen")
    return section


def refunds_sent_section(period: Period) -> Section:
    section = Section(
        title=_("Terugbetalingen"),
        headers=[
            _("Verstuurd op"),
            _("Uitgevoerd op"),
            _("Bedrag"),
            _("Aan"),
            _("Rekening"),
            _("Referentie"),
            _("Inschrijving"),
            _("Reden"),
        ],
    )
    refunds = (
        Refund.objects.filter(sent_at__date__range=(period.start, period.end))
        .select_related("registration", "done_by")
        .order_by("sent_at", "id")
    )
    total = 0
    for refund in refunds:
        total += refund.amount_cents
        if refund.registration_id:
            section.registration_ids.add(refund.registration_id)
        section.rows.append(
            [
                timezone.localdate(refund.sent_at),
                refund.done_by.booking_date if refund.done_by else None,
                Money(refund.amount_cents),
                refund.payee_name,
                refund.payee_iban,
                refund.end_to_end_id,
                refund.registration.code if refund.registration else "",
                refund.get_cause_display(),
            ]
        )
    section.totals.append([_("Totaal"), None, Money(total)])
    return section


def refunds_owed_section(period: Period) -> Section:
    """What we owed back at the end of the period and had not sent yet (a debt on that day)."""
    section = Section(
        title=_("Nog terug te betalen"),
        headers=[
            _("Ontstaan op"),
            _("Uiterlijk"),
            _("Bedrag"),
            _("Aan"),
            _("Inschrijving"),
            _("Reden"),
        ],
    )
    refunds = (
        Refund.objects.filter(created_at__date__lte=period.end)
        .exclude(status=Refund.Status.WITHDRAWN)
        .filter(Q(sent_at__isnull=True) | Q(sent_at__date__gt=period.end))
        .select_related("registration")
        .order_by("created_at", "id")
    )
    total = 0
    for refund in refunds:
        total += refund.amount_cents
        if refund.registration_id:
            section.registration_ids.add(refund.registration_id)
        section.rows.append(
            [
                timezone.localdate(refund.created_at),
                refund.deadline,
                Money(refund.amount_cents),
                refund.payee_name,
                refund.registration.code if refund.registration else "",
                refund.get_cause_display(),
            ]
        )
    section.totals.append([_("Totaal"), None, Money(total)])
    return section


@dataclass(frozen=True)
class BankTotals:
    """What the bank booked on our accounts in the period, split by what it was for."""

    incoming_cents: int
    booked_cents: int  # on registrations (the payments from the bank)
    owed_back_cents: int  # received on top, to refund
    other_in_cents: int  # not for a registration, or still to review
    outgoing_cents: int  # positive: money that left
    refunds_cents: int  # of which our refunds
    other_out_cents: int


def bank_totals(period: Period) -> BankTotals:
    transactions = BankTransaction.objects.filter(
        booking_date__range=(period.start, period.end)
    ).exclude(statement_import__status="undone")
    sums = transactions.aggregate(
        incoming=Sum("amount_cents", filter=Q(amount_cents__gt=0), default=0),
        outgoing=Sum("amount_cents", filter=Q(amount_cents__lt=0), default=0),
        owed_back=Sum("surplus_cents", filter=Q(amount_cents__gt=0), default=0),
        # Outgoing only: a refund the payee's bank sent back is a refund line too, coming in.
        refunds=Sum(
            "amount_cents",
            filter=Q(result=BankTransaction.Result.REFUND, amount_cents__lt=0),
            default=0,
        ),
    )
    booked = Payment.objects.filter(bank_transaction__in=transactions).aggregate(
        total=Sum("amount_cents", default=0)
    )["total"]
    return BankTotals(
        incoming_cents=sums["incoming"],
        booked_cents=booked,
        owed_back_cents=sums["owed_back"],
        other_in_cents=sums["incoming"] - booked - sums["owed_back"],
        outgoing_cents=-sums["outgoing"],
        refunds_cents=-sums["refunds"],
        other_out_cents=-sums["outgoing"] + sums["refunds"],
    )


def reconciliation_section(period: Period) -> Section:
    totals = bank_totals(period)
    manual = Payment.objects.filter(
        source=Payment.Source.MANUAL, paid_on__range=(period.start, period.end)
    ).aggregate(total=Sum("amount_cents", default=0))["total"]
    section = Section(title=_("Afstemming met de bank"), headers=[_("Post"), _("Bedrag")])
    section.rows = [
        [_("Ontvangen op onze rekeningen"), Money(totals.incoming_cents)],
        [_("  waarvan geboekt op inschrijvingen"), Money(totals.booked_cents)],
        [_("  waarvan te veel ontvangen (terug te betalen)"), Money(totals.owed_back_cents)],
        [_("  waarvan niet voor een inschrijving of na te kijken"), Money(totals.other_in_cents)],
        [_("Vertrokken van onze rekeningen"), Money(totals.outgoing_cents)],
        [_("  waarvan terugbetalingen"), Money(totals.refunds_cents)],
        [_("  waarvan andere uitgaven"), Money(totals.other_out_cents)],
        [_("Betalingen manueel ingegeven (niet via onze rekeningen)"), Money(manual)],
        [
            _("Ontvangen betalingen: geboekt van de bank plus manueel ingegeven"),
            Money(totals.booked_cents + manual),
        ],
    ]
    return section


def sections(period: Period) -> list[Section]:
    return [
        invoices_section(period),
        credit_notes_section(period),
        payments_section(period),
        refunds_sent_section(period),
        refunds_owed_section(period),
        reconciliation_section(period),
    ]


@dataclass(frozen=True)
class BookkeepingFile:
    filename: str
    content: bytes
    registration_ids: list[int]
    bank_transaction_ids: list[int]


def bookkeeping_file(period: Period, file_format: str) -> BookkeepingFile:
    parts = sections(period)
    content = write_xlsx(parts) if file_format == XLSX else write_csv(parts).encode()
    return BookkeepingFile(
        filename=f"boekhouding-{period.slug()}.{file_format}",
        content=content,
        registration_ids=sorted(set().union(*(s.registration_ids for s in parts))),
        bank_transaction_ids=sorted(set().union(*(s.bank_transaction_ids for s in parts))),
    )


def period_files(period: Period) -> list[tuple[str, bytes]]:
    """Every invoice and credit note of the period as UBL, and every SEPA file made in it: the
    refunds' and those of the apps above payments (the coordinators' payouts)."""
    files = [
        (f"ubl/{document_ubl_filename(doc)}", document_ubl(doc))
        for doc in documents_in_period(period.start, period.end)
    ]
    files += [
        (f"sepa/{sepa_file.filename}", bytes(sepa_file.content))
        for sepa_file in SepaFile.objects.filter(
            created_at__date__range=(period.start, period.end)
        ).exclude(status=SepaFile.Status.WITHDRAWN)
    ]
    for folder, made_between in transfer_files.items():
        files += [
            (f"{folder}/{made.filename}", bytes(made.content))
            for made in made_between(period.start, period.end)
        ]
    return files


FORMATS = (XLSX, CSV)
