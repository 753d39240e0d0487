"""The export page's payments and refunds, and the page's entry point.

The participants section, the writers and the cell types are trainings' (trainings/exports/
builders.py); what was paid and what is to be refunded is read here, above trainings.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.invoices.selectors import invoice_numbers
from eigenkracht.payments.models import Payment, Refund
from eigenkracht.trainings.exports.builders import (
    CSV,
    PARTICIPANTS,
    PAYMENTS,
    XLSX,
    Money,
    Scope,
    Section,
    participants_section,
    write_csv,
    write_xlsx,
)

# Payments --------------------------------------------------------------------------------------


def payments_queryset(scope: Scope) -> QuerySet[Payment]:
    queryset = Payment.objects.select_related("registration__training", "bank_transaction")
    if scope.training is not None:
        queryset = queryset.filter(registration__training=scope.training)
    else:
        queryset = queryset.filter(paid_on__range=(scope.date_from, scope.date_to))
    return queryset.order_by("paid_on", "id")


def refunds_queryset(scope: Scope) -> QuerySet[Refund]:
    """Every refund that arose in the period (or for the training), whatever its state now; not
    one the bank sent back: the refund continuing it owes the same money."""
    queryset = Refund.objects.exclude(
        status__in=[Refund.Status.WITHDRAWN, Refund.Status.RETURNED]
    ).select_related("registration__training")
    if scope.training is not None:
        queryset = queryset.filter(registration__training=scope.training)
    else:
        queryset = queryset.filter(created_at__date__range=(scope.date_from, scope.date_to))
    return queryset.order_by("created_at", "id")


def payments_section(scope: Scope) -> Section:
    section = Section(
        title=_("Betalingen"),
        headers=[
            _("Betaald op"),
            _("Bedrag"),
            _("Bron"),
            _("Code"),
            _("Inschrijver"),
            _("Vorming"),
            _("Tegenpartij"),
            _("Rekening tegenpartij"),
            _("Mededeling"),
            _("Factuur"),
        ],
    )
    total = 0
    payments = list(payments_queryset(scope))
    numbers = invoice_numbers({p.registration_id for p in payments})
    for payment in payments:
        registration = payment.registration
        transaction = payment.bank_transaction
        total += payment.amount_cents
        section.registration_ids.add(registration.pk)
        if transaction is not None:
            section.bank_transaction_ids.add(transaction.pk)
        section.rows.append(
            [
                payment.paid_on,
                Money(payment.amount_cents),
                payment.get_source_display(),
                registration.code,
                registration.full_name,
                registration.training.title,
                transaction.counterparty_name if transaction else "",
                transaction.counterparty_iban if transaction else "",
                " ".join(transaction.communication.split()) if transaction else "",
                numbers.get(registration.pk, ""),
            ]
        )
    section.totals.append([_("Totaal"), Money(total)])
    section.totals.append([_("Aantal betalingen"), len(section.rows)])
    return section


def refunds_section(scope: Scope) -> Section:
    section = Section(
        title=_("Terugbetalingen"),
        headers=[
            _("Ontstaan op"),
            _("Reden"),
            _("Code"),
            _("Inschrijver"),
            _("Aan"),
            _("Rekening"),
            _("Mededeling"),
            _("Bedrag"),
            _("Stand"),
            _("Uiterlijk"),
        ],
    )
    total = 0
    for refund in refunds_queryset(scope):
        registration = refund.registration
        total += refund.amount_cents
        if registration is not None:
            section.registration_ids.add(registration.pk)
        section.rows.append(
            [
                timezone.localdate(refund.created_at),
                refund.get_cause_display(),
                registration.code if registration else "",
                registration.full_name if registration else "",
                refund.payee_name,
                refund.payee_iban,
                refund.communication,
                Money(refund.amount_cents),
                refund.get_status_display(),
                refund.deadline,
            ]
        )
    section.totals.append([_("Totaal"), *[None] * 6, Money(total)])
    return section


# Entry point -----------------------------------------------------------------------------------

CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
}
FILE_PREFIXES = {PARTICIPANTS: "deelnemers", PAYMENTS: "betalingen"}


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes
    registration_ids: list[int]
    bank_transaction_ids: list[int]


def build_export(*, kind: str, scope: Scope, file_format: str) -> ExportFile:
    if kind == PARTICIPANTS:
        sections = [participants_section(scope)]
    else:
        sections = [payments_section(scope), refunds_section(scope)]
    content = write_xlsx(sections) if file_format == XLSX else write_csv(sections).encode()
    return ExportFile(
        filename=f"{FILE_PREFIXES[kind]}-{scope.slug()}.{file_format}",
        content_type=CONTENT_TYPES[file_format],
        content=content,
        registration_ids=sorted(set().union(*(s.registration_ids for s in sections))),
        bank_transaction_ids=sorted(set().union(*(s.bank_transaction_ids for s in sections))),
    )
