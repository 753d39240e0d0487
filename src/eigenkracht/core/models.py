from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.be import vat as stdnum_be_vat
from stdnum.exceptions import ValidationError as StdnumError

from eigenkracht.banking.iban import iban_validate

# The largest value of a bigint column (ids): a bigger number in a request must never reach a query.
BIGINT_MAX = 2**63 - 1


class AuditEntry(models.Model):
    """Who did what, when, on which object: written by services in the same transaction."""

    # Indexed: the audit log, newest first.
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Not indexed: the log is not filtered by person and nothing deletes a user; every look at
    # a registrant's data writes an entry, and each index costs every one of them.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # An object's history (a registration's page, the audit log filtered by object).
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class OutboxMessage(models.Model):
    """Every e-mail the system sends, stored first and delivered from what is stored."""

    class Status(models.TextChoices):
        COMPOSING = "composing", _("Wordt opgemaakt")
        RENDER_FAILED = "render_failed", _("Opmaak mislukt")
        QUEUED = "queued", _("In wachtrij")
        SENT = "sent", _("Verzonden")
        FAILED = "failed", _("Mislukt")
        DISMISSED = "dismissed", _("Afgesloten, niet verstuurd")

    FAILED_STATUSES = (Status.RENDER_FAILED, Status.FAILED)

    # Indexed: the outbox page, newest first.
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    kind = models.CharField(max_length=64)
    recipient = models.EmailField()
    subject = models.CharField(max_length=255, blank=True)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    # How to compose the mail (again): a registered recipe and its plain parameters; the related
    # object below is passed to it (see core/outbox.py).
    recipe = models.CharField(max_length=64, blank=True)
    params = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    # Messages carrying a login or password link: staff see that they went out, not the link.
    confidential = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The mails about an object: a registration's page, the registration form's
            # one-mail-an-hour check.
            models.Index(fields=["object_type", "object_id"]),
            # The one-mail-an-hour checks of the enrolment and password-reset links.
            models.Index(fields=["recipient"]),
            # Everything not yet sent: what `outbox_retry` looks for, and the failed mails the
            # back office counts and lists.
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=~models.Q(status="sent"),
                name="outbox_unsent",
            ),
        ]
        verbose_name = _("verzonden e-mail")
        verbose_name_plural = _("outbox")

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"

    @property
    def is_failed(self) -> bool:
        return self.status in self.FAILED_STATUSES

    @property
    def cannot_be_made(self) -> bool:
        """Composing failed for good: what it was made from no longer exists."""
        return self.status == self.Status.RENDER_FAILED and self.next_attempt_at is None


class OutboxAttachment(models.Model):
    # Indexed: a message's attachments, read when it is delivered and on its outbox page.
    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    mimetype = models.CharField(max_length=100)
    content = models.BinaryField()
    # Set for images shown inside the HTML body (cid:...), empty for ordinary attachments.
    content_id = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return self.filename


def validate_iban(value: str) -> None:
    try:
        iban_validate(value)
    except StdnumError as exc:
        raise ValidationError(_("Dit is geen geldig IBAN-rekeningnummer.")) from exc


def validate_bic(value: str) -> None:
    try:
        stdnum_bic.validate(value)
    except StdnumError as exc:
        raise ValidationError(_("Dit is geen geldige BIC-code.")) from exc


def validate_kbo(value: str) -> None:
    """A Belgian enterprise number (KBO), with or without dots and the BE prefix."""
    if not stdnum_be_vat.is_valid(value):
        raise ValidationError(_("Dit is geen geldig ondernemingsnummer."))


class Organisation(models.Model):
    """The organisation's own details: one row, edited by a manager in the back office."""

    name = models.CharField(_("naam"), max_length=120, default="Eigen Kracht Vlaanderen vzw")
    street = models.CharField(_("straat en nummer"), max_length=120, default="Voorbeeldstraat 1")
    postcode = models.CharField(_("postcode"), max_length=10, default="9000")
    city = models.CharField(_("gemeente"), max_length=80, default="Gent")
    email = models.EmailField(_("e-mailadres"), default="info@example.org")
    phone = models.CharField(_("telefoon"), max_length=40, blank=True, default="09 123 45 67")
    iban = models.CharField(
        _("IBAN"), max_length=34, default="BE68539007547034", validators=[validate_iban]
    )
    bic = models.CharField(_("BIC"), max_length=11, default="GKCCBEBB", validators=[validate_bic])
    beneficiary = models.CharField(
        _("begunstigde"), max_length=70, default="Eigen Kracht Vlaanderen vzw"
    )
    default_fee_cents = models.PositiveIntegerField(_("standaardprijs (cent)"), default=2000)
    default_payment_term_days = models.PositiveSmallIntegerField(
        _("standaardbetaaltermijn (dagen)"), default=14, validators=[MinValueValidator(1)]
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("betalingsherinnering (dagen voor de betaaldatum)"),
        default=3,
        help_text=_("0: geen herinnering."),
    )
    practical_reminder_days_before = models.PositiveSmallIntegerField(
        _("praktische info (dagen voor de eerste sessie)"),
        default=5,
        validators=[MaxValueValidator(60)],
        help_text=_("0: geen mail met praktische info."),
    )
    cancellation_days_before = models.PositiveSmallIntegerField(
        _("annuleren kan tot (dagen voor de vorming)"), default=7
    )
    cancellation_refund_percent = models.PositiveSmallIntegerField(
        _("terugbetaling bij annuleren binnen de termijn (procent)"),
        default=100,
        validators=[MaxValueValidator(100)],
        help_text=_("0: wie zelf annuleert, krijgt niets terug."),
    )
    refund_term_days = models.PositiveSmallIntegerField(
        _("terugbetalen binnen (dagen)"), default=30, validators=[MinValueValidator(1)]
    )
    # Invoices for employers: who we are for the buyer's finance department and Peppol.
    enterprise_number = models.CharField(
        _("ondernemingsnummer"), max_length=10, default="0412345614", validators=[validate_kbo]
    )
    vat_liable = models.BooleanField(
        _("vormingen met btw factureren"),
        default=False,
        help_text=_("Uit: de factuur vermeldt de vrijstelling hieronder."),
    )
    vat_rate_percent = models.PositiveSmallIntegerField(
        _("btw-tarief (procent)"), default=21, validators=[MaxValueValidator(100)]
    )
    vat_exemption_text = models.CharField(
        _("reden van de btw-vrijstelling"),
        max_length=200,
        default="Vrijgesteld van btw volgens artikel 44, § 2, 4° van het Btw-wetboek.",
    )
    waiting_list_offer_hours = models.PositiveSmallIntegerField(
        _("een vrijgekomen plaats blijft zoveel uur aangeboden"),
        default=48,
        validators=[MinValueValidator(1)],
    )
    # Time norms of an EKc trajectory: the office overview warns when one is passed.
    norm_coordinator_working_days = models.PositiveSmallIntegerField(
        _("coördinator toegewezen binnen (werkdagen na de aanmelding)"),
        default=5,
        validators=[MinValueValidator(1)],
    )
    norm_conference_weeks = models.PositiveSmallIntegerField(
        _("conferentie binnen (weken na de aanmelding)"),
        default=10,
        validators=[MinValueValidator(1)],
    )
    follow_up_weeks = models.PositiveSmallIntegerField(
        _("opvolging (weken na het plan)"), default=4, validators=[MinValueValidator(1)]
    )
    logo = models.FileField(_("logo"), upload_to="organisation/", blank=True)
    signature = models.FileField(
        _("handtekening op het attest"), upload_to="organisation/", blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisatie")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.iban = stdnum_iban.compact(self.iban)
        self.bic = stdnum_bic.compact(self.bic)
        self.enterprise_number = stdnum_be_vat.compact(self.enterprise_number)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    @property
    def iban_display(self) -> str:
        return stdnum_iban.format(self.iban)

    @property
    def enterprise_number_display(self) -> str:
        """As the KBO writes it: 0412.345.614."""
        n = self.enterprise_number
        return f"{n[:4]}.{n[4:7]}.{n[7:]}"

    @classmethod
    def current(cls) -> "Organisation":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class Attempt(models.Model):
    """One try at something rate-limited (a public form post, a password-reset request).

    The key (an e-mail address, a client address) is stored only as a keyed hash. Kept in the
    database, like the registration burst limit, so that every process counts the same tries.
    """

    scope = models.CharField(max_length=40)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "key_hash", "created_at"])]
        verbose_name = _("poging")
        verbose_name_plural = _("pogingen")

    def __str__(self) -> str:
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"


class SentForm(models.Model):
    """A form's one-time token, recorded with what the form did (core/once.py): the same form
    sent again does nothing more. Kept a day, then deleted by `run_periodic`."""

    scope = models.CharField(max_length=40)
    token = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            # The referee between two sends of one form: one insert wins.
            models.UniqueConstraint(fields=["scope", "token"], name="sent_form_once")
        ]
        verbose_name = _("verstuurd formulier")
        verbose_name_plural = _("verstuurde formulieren")

    def __str__(self) -> str:
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"


class TransferFile(models.Model):
    """A SEPA credit-transfer file (banking/sepa.py) the office downloads to upload in the bank's
    app: refunds and volunteer payouts are both one of these, each with its own status and
    name."""

    FILENAME_PREFIX = "overschrijvingen"

    message_id = models.CharField(max_length=35, unique=True)
    schema = models.CharField(_("versie"), max_length=20)
    execution_date = models.DateField(_("uitvoeringsdatum"))
    count = models.PositiveIntegerField(_("aantal overschrijvingen"))
    total_cents = models.PositiveBigIntegerField(_("totaal (cent)"))
    content = models.BinaryField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename

    @property
    def filename(self) -> str:
        return f"{self.FILENAME_PREFIX}-{self.created_at:%Y-%m-%d}-{self.pk}.xml"


class RetentionTerms(models.Model):
    """How long each category of personal data is kept: one row, set by a manager. The public
    privacy page, the notices, the processing register and the retention proposals all read
    these fields, so that what the site promises is what the system does."""

    registrations_years = models.PositiveSmallIntegerField(
        _("inschrijvingen: jaren na de laatste sessie"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    accounting_years = models.PositiveSmallIntegerField(
        _("boekhouding: jaren na het boekjaar"),
        default=7,
        # The Belgian accounting law asks seven years; a shorter term would break it.
        validators=[MinValueValidator(7), MaxValueValidator(10)],
    )
    trajectories_years = models.PositiveSmallIntegerField(
        _("EK-trajecten: jaren na de afsluiting"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    trajectories_minor_age = models.PositiveSmallIntegerField(
        _("of tot de jongste minderjarige deze leeftijd heeft"),
        null=True,
        blank=True,
        validators=[MinValueValidator(18), MaxValueValidator(30)],
    )
    referrals_months = models.PositiveSmallIntegerField(
        _("niet aanvaarde of ingetrokken aanmeldingen: maanden"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    outbox_months = models.PositiveSmallIntegerField(
        _("verstuurde e-mails: maanden"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    audit_years = models.PositiveSmallIntegerField(
        _("auditlog: jaren"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    applications_months = models.PositiveSmallIntegerField(
        _("kandidaturen die niet doorgingen: maanden na het stoppen"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    requests_years = models.PositiveSmallIntegerField(
        _("privacyverzoeken: jaren na het antwoord"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    updated_at = models.DateTimeField(auto_now=True)
    # When `run_periodic` last looked for what passed these terms (privacy.retention): it looks
    # again after 20 hours, or as soon as it may when the terms change, not every few minutes.
    searched_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("bewaartermijnen")
        verbose_name_plural = _("bewaartermijnen")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "RetentionTerms":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class Sector(models.Model):
    """The sector a referrer or a trainee works in (CLB, OCMW, CAW, ...): one list for the
    referral form, the training registration and the figures, editable by the office."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    # An old sector stays on the referrals that chose it; only the forms stop offering it.
    active = models.BooleanField(_("aangeboden op de formulieren"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectoren")

    def __str__(self) -> str:
        return self.name
