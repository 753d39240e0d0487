"""Invoices and credit notes for employers, and the employer's billing details.

A document is immutable once issued: only how it was delivered changes afterwards (`save()`
refuses anything else). A correction is a credit note that refers to the invoice it cancels.
Numbers run without gaps per year and kind: `numbering.py` takes them from a locked counter row,
and the database refuses a number twice.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban

from eigenkracht.trainings.models import Registration


class BillingDetails(models.Model):
    """Who pays a registration and wants an invoice: the employer of the registrant."""

    registration = models.OneToOneField(
        Registration, on_delete=models.PROTECT, related_name="billing_details"
    )
    name = models.CharField(_("naam van de organisatie"), max_length=120)
    street = models.CharField(_("straat en nummer"), max_length=120)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("gemeente"), max_length=80)
    enterprise_number = models.CharField(_("ondernemingsnummer"), max_length=10)
    vat_number = models.CharField(_("btw-nummer"), max_length=14, blank=True)
    order_reference = models.CharField(
        _("referentie of bestelbonnummer"), max_length=60, blank=True
    )
    email = models.EmailField(_("e-mailadres voor facturen"))
    # Empty: the invoice goes by mail. "0208:0412345614": through a Peppol access point.
    peppol_id = models.CharField(_("Peppol-deelnemer"), max_length=60, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("facturatiegegevens")
        verbose_name_plural = _("facturatiegegevens")

    def __str__(self) -> str:
        return self.name

    @property
    def enterprise_number_display(self) -> str:
        n = self.enterprise_number
        return f"{n[:4]}.{n[4:7]}.{n[7:]}"


class NumberCounter(models.Model):
    """The last number given per year and kind; its row is locked while a number is taken."""

    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "kind"], name="invoices_counter_year_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"


class Document(models.Model):
    """An issued invoice or credit note, with everything it says, as it said it."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("factuur")
        CREDIT_NOTE = "credit_note", _("creditnota")

    class Channel(models.TextChoices):
        MAIL = "mail", _("e-mail")
        PEPPOL = "peppol", _("Peppol")

    class Delivery(models.TextChoices):
        PENDING = "pending", _("wordt verstuurd")
        SENT = "sent", _("verstuurd")
        FAILED = "failed", _("mislukt")
        MAILED = "mailed", _("per e-mail verstuurd (geen Peppol-toegangspunt)")

    # What a change may touch after issuing: how and whether the document reached the buyer.
    DELIVERY_FIELDS = frozenset({"delivery_status", "delivery_detail", "delivered_at"})

    kind = models.CharField(max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("nummer"), max_length=20)
    issued_on = models.DateField(_("datum"))
    due_on = models.DateField(_("te betalen vóór"), null=True, blank=True)
    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="invoice_documents"
    )
    credits = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_note",
        verbose_name=_("crediteert"),
    )
    reason = models.CharField(_("reden"), max_length=200, blank=True)
    # The seller and the buyer as they were on the day of issue.
    seller = models.JSONField()
    buyer_name = models.CharField(max_length=120)
    buyer_street = models.CharField(max_length=120)
    buyer_postcode = models.CharField(max_length=10)
    buyer_city = models.CharField(max_length=80)
    buyer_enterprise_number = models.CharField(max_length=10)
    buyer_vat_number = models.CharField(max_length=14, blank=True)
    buyer_reference = models.CharField(max_length=60, blank=True)
    buyer_email = models.EmailField()
    buyer_peppol_id = models.CharField(max_length=60, blank=True)
    # One line: the training, per participant.
    description = models.CharField(max_length=300)
    quantity = models.PositiveSmallIntegerField()
    unit_net_cents = models.PositiveIntegerField()
    net_cents = models.PositiveIntegerField()
    vat_rate_percent = models.PositiveSmallIntegerField(null=True, blank=True)  # None: exempt
    vat_cents = models.PositiveIntegerField(default=0)
    vat_exemption_text = models.CharField(max_length=200, blank=True)
    rounding_cents = models.IntegerField(default=0)
    total_cents = models.PositiveIntegerField(_("totaal"))
    # What the registration had already paid when the invoice was issued (BT-113): the invoice
    # asks only for the rest.
    prepaid_cents = models.PositiveIntegerField(_("al betaald"), default=0)
    payment_reference = models.CharField(_("gestructureerde mededeling"), max_length=12)
    channel = models.CharField(_("verzending"), max_length=8, choices=Channel.choices)
    delivery_status = models.CharField(
        _("verzendstatus"), max_length=8, choices=Delivery.choices, default=Delivery.PENDING
    )
    delivery_detail = models.CharField(max_length=500, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("factuur of creditnota")
        verbose_name_plural = _("facturen en creditnota's")
        ordering = ["-year", "kind", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "sequence"], name="invoices_document_gapless_number"
            ),
            models.UniqueConstraint(fields=["number"], name="invoices_document_number"),
            models.CheckConstraint(
                condition=Q(kind="credit_note", credits__isnull=False)
                | Q(kind="invoice", credits__isnull=True),
                name="invoices_credit_note_refers_to_an_invoice",
            ),
            models.CheckConstraint(
                condition=Q(
                    total_cents=models.F("net_cents")
                    + models.F("vat_cents")
                    + models.F("rounding_cents")
                ),
                name="invoices_document_total_adds_up",
            ),
            models.CheckConstraint(
                condition=Q(prepaid_cents__lte=models.F("total_cents")),
                name="invoices_document_prepaid_within_total",
            ),
        ]
        indexes = [
            # documents_in_period (the bookkeeping export) and the office's list by date.
            models.Index(fields=["issued_on"], name="invoices_document_issued_on"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def save(self, *args, **kwargs) -> None:
        # Issued is final: afterwards only the delivery may be written, and only by naming it.
        if self.pk is not None:
            fields = kwargs.get("update_fields")
            if fields is None or not set(fields) <= self.DELIVERY_FIELDS:
                raise ValueError("An issued invoice or credit note cannot be changed")
        super().save(*args, **kwargs)

    @property
    def payable_cents(self) -> int:
        """What the invoice still asks to pay (BT-115)."""
        return self.total_cents - self.prepaid_cents

    @property
    def seller_iban_display(self) -> str:
        """The seller's account as people write it: BE68 5390 0754 7034."""
        return stdnum_iban.format(self.seller["iban"])

    @property
    def vat_exempt(self) -> bool:
        return self.vat_rate_percent is None
