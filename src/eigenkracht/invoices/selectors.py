"""Reads of invoices: for the office's list, the registration pages and the payments exports."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Case, CharField, Exists, F, OuterRef, Q, QuerySet, Value, When

from eigenkracht.core.models import OutboxMessage
from eigenkracht.invoices.models import Document


class Status:
    """What the office filters on: an invoice is open, paid (its registration is paid in full)
    or credited (a credit note refers to it); a credit note is a credit note."""

    OPEN = "open"
    PAID = "paid"
    CREDITED = "credited"
    CREDIT_NOTE = "credit_note"


def with_status(queryset: QuerySet[Document]) -> QuerySet[Document]:
    credited = Document.objects.filter(credits=OuterRef("pk"))
    return queryset.annotate(
        status=Case(
            When(kind=Document.Kind.CREDIT_NOTE, then=Value(Status.CREDIT_NOTE)),
            When(Exists(credited), then=Value(Status.CREDITED)),
            When(
                registration__amount_paid_cents__gte=F("registration__amount_due_cents"),
                then=Value(Status.PAID),
            ),
            default=Value(Status.OPEN),
            output_field=CharField(),
        )
    )


def office_documents(*, status: str = "", q: str = "") -> QuerySet[Document]:
    """The office's list, newest first: filtered by status, searched in number, employer,
    reference and registration code."""
    queryset = with_status(Document.objects.select_related("registration__training", "credits"))
    if status:
        queryset = queryset.filter(status=status)
    q = q.strip()
    if q:
        queryset = queryset.filter(
            Q(number__icontains=q)
            | Q(buyer_name__icontains=q)
            | Q(buyer_reference__icontains=q)
            | Q(buyer_enterprise_number__icontains="".join(c for c in q if c.isdigit()) or q)
            | Q(registration__code__iexact=q)
        )
    return queryset.order_by("-issued_on", "-created_at", "-pk")


def registration_documents(registration_id: int) -> list[Document]:
    """A registration's invoices and credit notes, oldest first, with their status."""
    return list(
        with_status(
            Document.objects.filter(registration_id=registration_id).select_related("credits")
        ).order_by("created_at", "pk")
    )


def attach_mail_status(documents: Iterable[Document]) -> None:
    """Each mailed document (also a Peppol one mailed for want of an access point) gets `mail`,
    its latest outbox message (one query for all)."""
    documents = list(documents)
    ids = [
        str(document.pk)
        for document in documents
        if document.channel == "mail" or document.delivery_status == "mailed"
    ]
    latest: dict[str, OutboxMessage] = {}
    if ids:
        for message in OutboxMessage.objects.filter(
            object_type=Document._meta.label_lower, object_id__in=ids
        ).order_by("created_at", "pk"):
            latest[message.object_id] = message
    for document in documents:
        document.mail = latest.get(str(document.pk))


# For the payments app (exports, bookkeeping) ----------------------------------------------------


def invoice_numbers(registration_ids: Iterable[int]) -> dict[int, str]:
    """Registration id -> the number of its latest invoice (registrations without one are left
    out)."""
    numbers: dict[int, str] = {}
    rows = (
        Document.objects.filter(
            registration_id__in=list(registration_ids), kind=Document.Kind.INVOICE
        )
        .order_by("registration_id", "-year", "-sequence")
        .values_list("registration_id", "number")
    )
    for registration_id, number in rows:
        numbers.setdefault(registration_id, number)
    return numbers


def documents_in_period(start: dt.date, end: dt.date) -> QuerySet[Document]:
    """Invoices and credit notes issued from `start` to `end`, both included: credit notes, then
    invoices, each in number order; with the registration and the credited invoice loaded."""
    return (
        Document.objects.filter(issued_on__gte=start, issued_on__lte=end)
        .select_related("registration__training", "credits")
        .order_by("kind", "year", "sequence")
    )
