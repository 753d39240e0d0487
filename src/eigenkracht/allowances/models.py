"""Volunteer allowances of the coordinators: the year's caps and km rates (data the office keeps),
the system per coordinator and year, the declarations, and the payout files."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban

from eigenkracht.allowances import rules
from eigenkracht.core.models import TransferFile, validate_iban
from eigenkracht.trajectories.models import Coordinator, Trajectory


class YearCaps(models.Model):
    """The legal maxima of the flat-rate allowance in one calendar year, and what we pay a day."""

    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    day_cap_cents = models.PositiveIntegerField(_("maximum per dag (cent)"))
    year_cap_cents = models.PositiveIntegerField(_("maximum per jaar (cent)"))
    # What the organisation pays for one day worked; never above the day cap.
    day_amount_cents = models.PositiveIntegerField(_("vergoeding per dag (cent)"))
    source = models.CharField(_("bron"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(day_amount_cents__lte=models.F("day_cap_cents"))
                & Q(day_amount_cents__gt=0),
                name="allowance_day_amount_within_cap",
            )
        ]
        verbose_name = _("maximumbedragen van een jaar")
        verbose_name_plural = _("maximumbedragen per jaar")

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_checked(self) -> bool:
        """False while the source says the amounts still need checking against an official
        source (pre-filled or copied values): pages say so wherever the amounts apply."""
        return bool(self.source) and "controleren" not in self.source.lower()

    def as_rule(self) -> rules.Caps:
        return rules.Caps(self.year, self.day_cap_cents, self.year_cap_cents)


class KmRate(models.Model):
    """The rate per km for one quarter (indexed quarterly)."""

    year = models.PositiveSmallIntegerField(_("jaar"))
    quarter = models.PositiveSmallIntegerField(
        _("kwartaal"), choices=[(q, f"Q{q}") for q in range(1, 5)]
    )
    rate = models.DecimalField(_("euro per km"), max_digits=6, decimal_places=4)
    source = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="km_rate_once_a_quarter"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="km_rate_positive"),
        ]
        verbose_name = _("kilometervergoeding")
        verbose_name_plural = _("kilometervergoedingen")

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"


class System(models.TextChoices):
    FLAT = rules.FLAT, _("Forfaitaire vergoeding")
    REAL = rules.REAL, _("Reële kosten")


class YearSystem(models.Model):
    """The system the office chose for one coordinator in one calendar year."""

    coordinator = models.ForeignKey(
        Coordinator, on_delete=models.CASCADE, related_name="allowance_systems"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    system = models.CharField(_("systeem"), max_length=8, choices=System.choices)
    chosen_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["coordinator", "year"], name="one_system_a_year")
        ]
        verbose_name = _("vergoedingssysteem")
        verbose_name_plural = _("vergoedingssystemen")

    def __str__(self) -> str:
        return f"{self.coordinator} {self.year}: {self.get_system_display()}"


class Elsewhere(models.Model):
    """What a coordinator declares receiving as volunteer allowance elsewhere in a year."""

    coordinator = models.ForeignKey(
        Coordinator, on_delete=models.CASCADE, related_name="allowances_elsewhere"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount_cents = models.PositiveIntegerField(_("bedrag (cent)"), default=0)
    days = models.PositiveSmallIntegerField(_("dagen"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["coordinator", "year"], name="elsewhere_once_a_year")
        ]
        verbose_name = _("vergoeding van elders")
        verbose_name_plural = _("vergoedingen van elders")

    def __str__(self) -> str:
        return f"{self.coordinator} {self.year}"


class PayoutAccount(models.Model):
    """The account a coordinator is paid on; filled in by the coordinator."""

    coordinator = models.OneToOneField(
        Coordinator, on_delete=models.CASCADE, related_name="payout_account"
    )
    holder = models.CharField(_("naam rekeninghouder"), max_length=70)
    iban = models.CharField(_("IBAN"), max_length=34, validators=[validate_iban])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rekening voor vergoedingen")
        verbose_name_plural = _("rekeningen voor vergoedingen")

    def __str__(self) -> str:
        return self.iban_display

    @property
    def iban_display(self) -> str:
        return stdnum_iban.format(self.iban) if self.iban else ""


class Payout(TransferFile):
    """One SEPA credit-transfer file paying approved declarations."""

    FILENAME_PREFIX = "vrijwilligersvergoedingen"

    class Status(models.TextChoices):
        MADE = "made", _("Klaar om op te laden")
        SENT = "sent", _("Opgeladen bij de bank")
        WITHDRAWN = "withdrawn", _("Ingetrokken")

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MADE)

    class Meta(TransferFile.Meta):
        verbose_name = _("uitbetaling")
        verbose_name_plural = _("uitbetalingen")


class PayoutLine(models.Model):
    """One transfer of a payout file: everything approved for one coordinator."""

    payout = models.ForeignKey(Payout, on_delete=models.CASCADE, related_name="lines")
    coordinator = models.ForeignKey(Coordinator, on_delete=models.PROTECT, related_name="+")
    holder = models.CharField(max_length=70)
    iban = models.CharField(max_length=34)
    amount_cents = models.PositiveIntegerField()
    # Comes back on our statement (CAMT Refs/EndToEndId, CODA's client reference).
    end_to_end_id = models.CharField(max_length=35, unique=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    bank_transaction_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="payout_line_positive")
        ]

    def __str__(self) -> str:
        return self.end_to_end_id

    @property
    def iban_display(self) -> str:
        return stdnum_iban.format(self.iban)


class Declaration(models.Model):
    """A day worked, a trip in km or a real cost, declared by a coordinator for a trajectory."""

    class Kind(models.TextChoices):
        DAY = rules.DAY, _("Dag (forfait)")
        KM = rules.KM, _("Kilometers")
        COST = rules.COST, _("Reële kosten")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Ingediend")
        APPROVED = "approved", _("Goedgekeurd")
        RETURNED = "returned", _("Teruggestuurd")
        PAID = "paid", _("Betaald")

    coordinator = models.ForeignKey(
        Coordinator, on_delete=models.PROTECT, related_name="declarations"
    )
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.PROTECT, related_name="declarations"
    )
    kind = models.CharField(_("soort"), max_length=8, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    on = models.DateField(_("datum"))
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount_cents = models.PositiveIntegerField(_("bedrag (cent)"))
    km = models.PositiveIntegerField(_("kilometer"), default=0)
    km_rate = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)
    route_from = models.CharField(_("van"), max_length=120, blank=True)
    route_to = models.CharField(_("naar"), max_length=120, blank=True)
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    # The receipt of a real cost: kept in the database, never under MEDIA, shown only through a
    # view that checks who asks.
    receipt = models.BinaryField(null=True, blank=True, editable=False)
    receipt_type = models.CharField(max_length=40, blank=True)
    receipt_name = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.CharField(_("reden"), max_length=500, blank=True)
    payout_line = models.ForeignKey(
        PayoutLine,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="declarations",
    )

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [
            # A coordinator's year (their page, the rules' check), the office's queue.
            models.Index(fields=["coordinator", "year"]),
            models.Index(fields=["status", "on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0), name="declaration_amount_positive"
            ),
        ]
        verbose_name = _("onkostenaangifte")
        verbose_name_plural = _("onkostenaangiften")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"

    def as_rule(self) -> rules.Entry:
        return rules.Entry(self.kind, self.on, self.amount_cents, self.km)
