"""Every state change of invoices: billing details, issuing, crediting, delivering.

Documents are written once (see models): there is no update path. A registration's documents are
issued under a lock on the registration's row, so that a registration has at most one invoice
that is not credited; the number comes from `numbering`, inside the same transaction.
"""

import datetime as dt
from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import Organisation
from eigenkracht.core.outbox import LaterMail, outbox_queue_later
from eigenkracht.core.refusals import Refused
from eigenkracht.core.tasks import enqueue_after_commit
from eigenkracht.invoices.amounts import amounts_from_gross
from eigenkracht.invoices.models import BillingDetails, Document
from eigenkracht.invoices.numbering import number_take
from eigenkracht.invoices.tasks import deliver_to_peppol
from eigenkracht.trainings.models import Registration, Training

BILLING_FIELDS = (
    "name",
    "street",
    "postcode",
    "city",
    "enterprise_number",
    "vat_number",
    "order_reference",
    "email",
    "peppol_id",
)
CREDIT_REASON_CANCELLED = gettext_lazy("Inschrijving geannuleerd")
CREDIT_REASON_TRAINING_CANCELLED = gettext_lazy("Vorming geannuleerd")
CREDIT_REASON_CORRECTED = gettext_lazy("Gegevens van de werkgever verbeterd")
CREDIT_REASON_EXPIRED = gettext_lazy("Inschrijving vervallen: niet op tijd betaald")
CREDIT_REASON_MOVED = gettext_lazy("Inschrijving verplaatst naar een andere datum")
CREDIT_REASON_REINSTATED = gettext_lazy("Inschrijving opnieuw actief: de hele vorming gefactureerd")
# Issued in one transaction with the credit note: well within this of it.
SAME_STEP = dt.timedelta(minutes=1)
# A credit note for one of these reasons comes with a new invoice that replaces the credited one.
CREDIT_REASONS_REPLACED = (CREDIT_REASON_CORRECTED, CREDIT_REASON_MOVED, CREDIT_REASON_REINSTATED)


def replaced_by_new_invoice(credit_note: Document) -> bool:
    """A credit note for a correction, a move or a reinstatement that a new invoice followed in
    the same step (a move to a free date, or details now missing, issue none; an invoice of
    months later, the costs of a cancellation, does not replace it)."""
    return credit_note.reason in {str(reason) for reason in CREDIT_REASONS_REPLACED} and (
        Document.objects.filter(
            registration_id=credit_note.registration_id,
            kind=Document.Kind.INVOICE,
            pk__gt=credit_note.pk,
            created_at__lte=credit_note.created_at + SAME_STEP,
        ).exists()
    )


class InvoiceRefused(Refused):
    """The invoice or credit note cannot be made; the message is for the person who asked."""


def open_invoice(registration: Registration) -> Document | None:
    """The registration's invoice that no credit note cancels, if any."""
    return (
        Document.objects.filter(
            registration=registration, kind=Document.Kind.INVOICE, credit_note__isnull=True
        )
        .order_by("-created_at")
        .first()
    )


def open_of(documents: list[Document]) -> Document | None:
    """`open_invoice` over a registration's documents already loaded."""
    credited = {d.credits_id for d in documents if d.credits_id}
    invoices = [d for d in documents if d.kind == Document.Kind.INVOICE and d.pk not in credited]
    return max(invoices, key=lambda d: (d.created_at, d.pk), default=None)


def invoice_refused_reason(registration: Registration) -> str:
    """Why no invoice can be issued for this registration now ('' when one can)."""
    if registration.status not in (Registration.Status.PENDING, Registration.Status.CONFIRMED):
        return _("Enkel een inschrijving met een plaats krijgt een factuur.")
    if registration.amount_due_cents <= 0:
        return _("Voor een gratis inschrijving is er geen factuur.")
    if registration.training.status == Training.Status.CANCELLED:
        return _("Deze vorming gaat niet door: er komt geen factuur.")
    if not BillingDetails.objects.filter(registration=registration).exists():
        return _("Vul eerst de gegevens van de werkgever in.")
    if open_invoice(registration) is not None:
        return _("Deze inschrijving heeft al een factuur. Crediteer die eerst.")
    return ""


def _seller(organisation: Organisation) -> dict[str, object]:
    return {
        "name": organisation.name,
        "street": organisation.street,
        "postcode": organisation.postcode,
        "city": organisation.city,
        "email": organisation.email,
        "phone": organisation.phone,
        "enterprise_number": organisation.enterprise_number,
        "vat_liable": organisation.vat_liable,
        "iban": organisation.iban,
        "bic": organisation.bic,
        "beneficiary": organisation.beneficiary,
    }


def _description(registration: Registration) -> str:
    """The line an employer's accounts department reads: which training, and for whom."""
    training = registration.training
    when = f" ({training.starts_on:%d/%m/%Y})" if training.starts_on else ""
    names = ", ".join(p.full_name for p in registration.participants.all())
    return _("Vorming %(title)s%(when)s, inschrijving %(code)s: %(names)s") % {
        "title": training.title,
        "when": when,
        "code": registration.code,
        "names": names,
    }


@transaction.atomic
def billing_details_save(
    *, registration: Registration, data: Mapping[str, str], actor: User | None
) -> BillingDetails:
    """Store the employer's details; issue the invoice when the registration can have one, or
    correct an issued one (credit note and a new invoice) when the details it shows changed."""
    unknown = set(data) - set(BILLING_FIELDS)
    if unknown:
        raise ValueError(f"Not a billing field: {', '.join(sorted(unknown))}")
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    details = BillingDetails.objects.filter(registration=registration).first()
    created = details is None
    details = details or BillingDetails(registration=registration)
    changes = {}
    for name in BILLING_FIELDS:
        old, new = str(getattr(details, name) or ""), str(data.get(name, "") or "")
        if old != new:
            changes[name] = {"old": old, "new": new}
            setattr(details, name, new)
    if not changes:
        return details
    details.full_clean(exclude=["registration"])
    details.save()
    audit_record(
        actor=actor,
        action="billing_details.created" if created else "billing_details.updated",
        obj=registration,
        data=changes,
    )
    issued = open_invoice(registration)
    # Every detail is printed on the invoice or in its UBL: a change needs a corrected invoice.
    if issued is not None:
        credit_note_issue(invoice=issued, actor=actor, reason=str(CREDIT_REASON_CORRECTED))
        invoice_issue(registration=registration, actor=actor)
    elif not invoice_refused_reason(registration):
        invoice_issue(registration=registration, actor=actor)
    return details


@transaction.atomic
def invoice_issue(
    *, registration: Registration, actor: User | None, today: dt.date | None = None
) -> Document:
    """Issue the registration's invoice for its amount due, numbered and sent."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("training")
        .get(pk=registration.pk)
    )
    reason = invoice_refused_reason(registration)
    if reason:
        raise InvoiceRefused(reason)
    return _issue(
        registration=registration,
        actor=actor,
        today=today,
        total_cents=registration.amount_due_cents,
        quantity=registration.seats,
        description=_description(registration),
    )


def cancellation_fee_issue(
    *, registration: Registration, kept_cents: int, actor: User | None
) -> Document:
    """What the organisation keeps of a cancelled, invoiced registration (the cancellation rules
    refund less than was paid) gets its own invoice: the first one was credited in full."""
    return _issue(
        registration=registration,
        actor=actor,
        today=None,
        total_cents=kept_cents,
        quantity=1,
        description=_("Annuleringskosten: %(what)s") % {"what": _description(registration)},
    )


def _issue(
    *,
    registration: Registration,
    actor: User | None,
    today: dt.date | None,
    total_cents: int,
    quantity: int,
    description: str,
) -> Document:
    details = BillingDetails.objects.get(registration=registration)
    organisation = Organisation.current()
    today = today or timezone.localdate()
    amounts = amounts_from_gross(
        total_cents=total_cents,
        quantity=quantity,
        vat_rate_percent=organisation.vat_rate_percent if organisation.vat_liable else None,
    )
    sequence, number = number_take(kind=Document.Kind.INVOICE, year=today.year)
    # What is paid already is not asked again; with nothing left there is no date to pay by.
    prepaid_cents = min(registration.amount_paid_cents, total_cents)
    due_on = registration.payment_deadline
    if prepaid_cents >= total_cents:
        due_on = None
    elif due_on is None or due_on < today:
        due_on = today + dt.timedelta(days=organisation.default_payment_term_days)
    document = Document.objects.create(
        kind=Document.Kind.INVOICE,
        year=today.year,
        sequence=sequence,
        number=number,
        issued_on=today,
        due_on=due_on,
        registration=registration,
        seller=_seller(organisation),
        buyer_name=details.name,
        buyer_street=details.street,
        buyer_postcode=details.postcode,
        buyer_city=details.city,
        buyer_enterprise_number=details.enterprise_number,
        buyer_vat_number=details.vat_number,
        buyer_reference=details.order_reference,
        buyer_email=details.email,
        buyer_peppol_id=details.peppol_id,
        description=description[:300],
        quantity=amounts.quantity,
        unit_net_cents=amounts.unit_net_cents,
        net_cents=amounts.net_cents,
        vat_rate_percent=amounts.vat_rate_percent,
        vat_cents=amounts.vat_cents,
        vat_exemption_text=organisation.vat_exemption_text if not organisation.vat_liable else "",
        rounding_cents=amounts.rounding_cents,
        total_cents=amounts.total_cents,
        prepaid_cents=prepaid_cents,
        payment_reference=registration.structured_communication,
        channel=Document.Channel.PEPPOL if details.peppol_id else Document.Channel.MAIL,
    )
    audit_record(
        actor=actor,
        action="invoice.issued",
        obj=registration,
        data={
            "number": number,
            "total_cents": amounts.total_cents,
            "prepaid_cents": prepaid_cents,
        },
    )
    _deliver(document)
    return document


@transaction.atomic
def credit_note_issue(
    *, invoice: Document, actor: User | None, reason: str, today: dt.date | None = None
) -> Document:
    """Cancel `invoice` with a credit note for its whole amount, numbered and sent."""
    Registration.objects.select_for_update().filter(pk=invoice.registration_id).first()
    invoice = Document.objects.select_related("registration").get(pk=invoice.pk)
    if invoice.kind != Document.Kind.INVOICE:
        raise InvoiceRefused(_("Enkel een factuur kan gecrediteerd worden."))
    if Document.objects.filter(credits=invoice).exists():
        raise InvoiceRefused(_("Deze factuur is al gecrediteerd."))
    today = today or timezone.localdate()
    sequence, number = number_take(kind=Document.Kind.CREDIT_NOTE, year=today.year)
    copied = {
        name: getattr(invoice, name)
        for name in (
            "registration",
            "seller",
            "buyer_name",
            "buyer_street",
            "buyer_postcode",
            "buyer_city",
            "buyer_enterprise_number",
            "buyer_vat_number",
            "buyer_reference",
            "buyer_email",
            "buyer_peppol_id",
            "description",
            "quantity",
            "unit_net_cents",
            "net_cents",
            "vat_rate_percent",
            "vat_cents",
            "vat_exemption_text",
            "rounding_cents",
            "total_cents",
            "payment_reference",
            "channel",
        )
    }
    document = Document.objects.create(
        kind=Document.Kind.CREDIT_NOTE,
        year=today.year,
        sequence=sequence,
        number=number,
        issued_on=today,
        credits=invoice,
        reason=reason[:200],
        **copied,
    )
    audit_record(
        actor=actor,
        action="credit_note.issued",
        obj=invoice.registration,
        data={"number": number, "invoice": invoice.number, "reason": reason[:200]},
    )
    _deliver(document)
    return document


def registration_credit(
    *, registration: Registration, actor: User | None, reason: str, kept_cents: int = 0
) -> None:
    """A cancelled registration's open invoice gets its credit note (nothing without one); what
    the organisation keeps of the payment is invoiced again as cancellation costs."""
    invoice = open_invoice(registration)
    if invoice is None:
        return
    credit_note_issue(invoice=invoice, actor=actor, reason=reason)
    if kept_cents > 0:
        cancellation_fee_issue(registration=registration, kept_cents=kept_cents, actor=actor)


def registration_invoice_when_billed(*, registration: Registration, actor: User | None) -> None:
    """A registration with an employer's details that has a seat to pay for again (from the
    waiting list, reinstated) gets its invoice; one without details, or invoiced, nothing."""
    if not invoice_refused_reason(registration):
        invoice_issue(registration=registration, actor=actor)


# Delivery ---------------------------------------------------------------------------------------


def peppol_configured() -> bool:
    return bool(settings.PEPPOL_ACCESS_POINT_URL)


def _deliver(document: Document) -> None:
    """By mail (stored now, composed and sent after commit), or to the Peppol access point after
    commit. Without an access point a Peppol document goes by mail too (PDF and UBL attached), so
    that the employer always gets it; its delivery says so."""
    if document.channel == Document.Channel.PEPPOL and peppol_configured():
        enqueue_after_commit(deliver_to_peppol, document.pk)
        _delivery(document, Document.Delivery.PENDING, "")
        return
    outbox_queue_later(
        [
            LaterMail(
                kind="invoice_document",
                recipe="invoice_document",
                recipient=document.buyer_email,
                related=Document,
                related_id=document.pk,
            )
        ]
    )
    if document.channel == Document.Channel.PEPPOL:
        _delivery(
            document,
            Document.Delivery.MAILED,
            _("Er is geen Peppol-toegangspunt ingesteld: verstuurd per e-mail naar %(email)s.")
            % {"email": document.buyer_email},
        )


def delivery_way(document: Document) -> str:
    """How a document just issued or resent goes out, for the office's message: 'via Peppol' or
    'per e-mail naar ...'."""
    if document.channel == Document.Channel.PEPPOL and peppol_configured():
        return _("via Peppol")
    return _("per e-mail naar %(email)s") % {"email": document.buyer_email}


def _delivery(document: Document, status: str, detail: str) -> None:
    document.delivery_status = status
    document.delivery_detail = detail[:500]
    document.delivered_at = timezone.now() if status == Document.Delivery.SENT else None
    document.save(update_fields=["delivery_status", "delivery_detail", "delivered_at"])


def document_deliver_peppol(*, document_id: int) -> Document:
    """Hand the UBL to the access point (no transaction held while waiting for it), then record
    the outcome."""
    # Loaded when used: lxml's UBL writer is not needed by the rest of the site's start-up.
    from eigenkracht.invoices.peppol import peppol_send
    from eigenkracht.invoices.ubl import DOCUMENT_TYPE, document_ubl

    document = Document.objects.select_related("registration", "credits").get(pk=document_id)
    if not peppol_configured():
        return document
    handover = peppol_send(
        url=settings.PEPPOL_ACCESS_POINT_URL,
        token=settings.PEPPOL_ACCESS_POINT_TOKEN,
        ubl=document_ubl(document),
        sender=f"0208:{document.seller['enterprise_number']}",
        receiver=document.buyer_peppol_id,
        document_type=DOCUMENT_TYPE[document.kind],
        idempotency_key=document.number,
    )
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if handover.accepted:
            detail = _("Aanvaard door het toegangspunt") + (
                f" ({handover.reference})" if handover.reference else ""
            )
            _delivery(document, Document.Delivery.SENT, detail)
        else:
            _delivery(document, Document.Delivery.FAILED, handover.error)
        audit_record(
            actor=None,
            action="invoice_document.delivered" if handover.accepted else "invoice_document.failed",
            obj=document.registration,
            data={"number": document.number, "detail": document.delivery_detail},
        )
    return document


@transaction.atomic
def document_resend(*, document: Document, actor: User | None) -> Document:
    """Send an issued document again, the way it went the first time."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _deliver(document)
    audit_record(
        actor=actor,
        action="invoice_document.resent",
        obj=document.registration,
        data={"number": document.number, "channel": document.channel},
    )
    return document
