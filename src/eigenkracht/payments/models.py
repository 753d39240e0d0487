import hashlib
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban

from eigenkracht.core.bulk import binary_store
from eigenkracht.core.models import Organisation, TransferFile, validate_iban
from eigenkracht.trainings.models import Registration


class OwnAccount(models.Model):
    """A bank account of the organisation: statements of other accounts are refused.

    The IBAN on the payment instructions (`Organisation.iban`) is always one of ours, listed or not.
    """

    iban = models.CharField(_("IBAN"), max_length=34, unique=True, validators=[validate_iban])
    label = models.CharField(
        _("omschrijving"),
        max_length=80,
        blank=True,
        help_text=_("Bijvoorbeeld: zichtrekening vormingen, spaarrekening."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["iban"]
        verbose_name = _("rekening van de organisatie")
        verbose_name_plural = _("rekeningen van de organisatie")

    def __str__(self) -> str:
        return self.iban_display

    def save(self, *args, **kwargs) -> None:
        self.iban = stdnum_iban.compact(self.iban)
        super().save(*args, **kwargs)

    @property
    def iban_display(self) -> str:
        return stdnum_iban.format(self.iban)

    @classmethod
    def ours(cls) -> list[str]:
        """Every IBAN of ours, compact: the one on the payment instructions first. Two queries."""
        ibans = [Organisation.current().iban]
        for iban in cls.objects.values_list("iban", flat=True):
            if iban not in ibans:
                ibans.append(iban)
        return ibans


class StatementImportManager(models.Manager["StatementImport"]):
    def from_file(self, *, data: bytes, **fields: Any) -> "StatementImport":
        """A new import keeping the file `data` and its fingerprint; `fields` as for create."""
        with transaction.atomic(savepoint=False):
            statement_import = self.create(
                content=b"", sha256=hashlib.sha256(data).hexdigest(), **fields
            )
            binary_store(statement_import, "content", data)
        return statement_import


class StatementImport(models.Model):
    """One uploaded bank statement file and what importing it did."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Ingelezen")
        FAILED = "failed", _("Mislukt")
        UNDONE = "undone", _("Ongedaan gemaakt")

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(_("bestand"), max_length=255)
    requested_format = models.CharField(max_length=16, default="auto")
    format = models.CharField(_("formaat"), max_length=32, blank=True)
    content = models.BinaryField(editable=False)
    # The file's fingerprint, stored; no query looks an import up by it (a file imported twice
    # is recognised per transaction, by account and bank id), so it has no index.
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    # Why the import failed: a code of payments/statements/messages.py with its parameters,
    # worded when shown; `error` is text shown as written (a failure stored before the codes).
    error = models.TextField(blank=True)
    error_code = models.CharField(max_length=48, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    # What the file says about each account it covers (`AccountSummary` as JSON, plus "ours").
    accounts = models.JSONField(default=list, blank=True)
    # What the reader noticed (several accounts, balances not checked, duplicates...), as
    # {"code", "params"} each; text for notes stored before the codes.
    notes = models.JSONField(default=list, blank=True)
    # Accounts that are not ours, imported anyway because staff said so explicitly.
    accepted_accounts = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = StatementImportManager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("ingelezen rekeninguittreksel")
        verbose_name_plural = _("ingelezen rekeninguittreksels")

    def __str__(self) -> str:
        return self.filename

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 0 if self.status in (self.Status.QUEUED, self.Status.RUNNING) else 100
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def error_display(self) -> str:
        # Loaded when shown: the reasons' sentences bring the matcher's and the readers' modules,
        # which a command that shows none (run_periodic) does not need.
        from eigenkracht.payments.reasons import import_error

        return import_error(
            error=self.error, error_code=self.error_code, error_params=self.error_params
        )

    @property
    def notes_display(self) -> list[str]:
        from eigenkracht.payments.reasons import statement_notes  # loaded when shown, as above

        return statement_notes(self.notes)


class BankTransaction(models.Model):
    """One booking read from a statement; incoming ones are matched to registrations."""

    class Result(models.TextChoices):
        MATCHED = "matched", _("Gekoppeld")
        PARTIAL = "partial", _("Deels betaald")
        OVERPAID = "overpaid", _("Te veel betaald")
        REVIEW = "review", _("Na te kijken")
        IGNORED = "ignored", _("Niet voor een inschrijving")
        # Incoming money staff decided to send back; outgoing money that paid one of our refunds.
        TO_REFUND = "to_refund", _("Wordt terugbetaald")
        REFUND = "refund", _("Terugbetaling")

    # Indexed: an import's page lists its lines, undoing an import reads and deletes them, and
    # deleting a failed upload checks it has none.
    statement_import = models.ForeignKey(
        StatementImport, on_delete=models.CASCADE, related_name="transactions"
    )
    account = models.CharField(max_length=34)
    bank_id = models.CharField(max_length=128)
    booking_date = models.DateField(_("boekingsdatum"))
    value_date = models.DateField(null=True, blank=True)
    amount_cents = models.BigIntegerField(_("bedrag (cent)"))
    currency = models.CharField(max_length=3, default="EUR")
    counterparty_name = models.CharField(_("tegenpartij"), max_length=200, blank=True)
    counterparty_iban = models.CharField(_("rekening tegenpartij"), max_length=34, blank=True)
    counterparty_bic = models.CharField(max_length=11, blank=True)
    communication = models.TextField(_("mededeling"), blank=True)
    structured = models.BooleanField(default=False)
    line = models.CharField(max_length=32, blank=True)
    result = models.CharField(_("resultaat"), max_length=16, choices=Result.choices)
    rule = models.CharField(max_length=16, blank=True)
    # Why, as a code of payments/matching/reasons.py and its parameters, worded when shown;
    # `reason` is text shown as written (a note of staff, or a sentence from before the codes).
    reason_code = models.CharField(max_length=32, blank=True)
    reason_params = models.JSONField(default=dict, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    surplus_cents = models.PositiveIntegerField(default=0)
    flag = models.CharField(max_length=32, blank=True)
    # Ranked, best first: {"registration_id", "score", "reason_code", "reason_params"}.
    suggestions = models.JSONField(default=list, blank=True)
    # Not indexed: no page or service asks what one person resolved, nothing deletes a user, and
    # each index costs every one of the thousands of rows an import writes.
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["booking_date", "id"]
        constraints = [
            # Read by every import: which of the file's transactions are known already.
            models.UniqueConstraint(fields=["account", "bank_id"], name="bank_transaction_once")
        ]
        indexes = [
            # The review queue, oldest first; partial: only what waits for a person.
            models.Index(
                fields=["booking_date", "id"],
                condition=Q(result="review"),
                name="bank_transaction_review_queue",
            ),
            # Read by every import: what a statement in another format booked on the file's
            # days (payments/known.py).
            models.Index(fields=["account", "booking_date"], name="bank_transaction_by_day"),
            # The staff search by IBAN: the registrations a payer's account paid.
            models.Index(
                fields=["counterparty_iban"],
                condition=~Q(counterparty_iban=""),
                name="bank_transaction_by_iban",
            ),
        ]
        verbose_name = _("banktransactie")
        verbose_name_plural = _("banktransacties")

    def __str__(self) -> str:
        return f"{self.booking_date} {self.amount_cents / 100:.2f} {self.counterparty_name}"

    @property
    def is_incoming(self) -> bool:
        return self.amount_cents > 0

    @property
    def reason_display(self) -> str:
        from eigenkracht.payments.reasons import transaction_reason  # loaded when shown, as above

        return transaction_reason(
            reason=self.reason, reason_code=self.reason_code, reason_params=self.reason_params
        )

    @property
    def flag_display(self) -> str:
        from eigenkracht.payments.reasons import flag_label  # loaded when shown, as above

        return flag_label(self.flag)


class Payment(models.Model):
    """Money booked on a registration: entered by hand, or from a bank statement."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Manueel ingegeven")
        BANK = "bank", _("Rekeninguittreksel")

    # Indexed: a registration's payments (its page, the receipt, marking it paid, the exports).
    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="payments"
    )
    amount_cents = models.PositiveIntegerField(_("bedrag (cent)"))
    paid_on = models.DateField(_("betaald op"))
    source = models.CharField(max_length=16, choices=Source.choices)
    note = models.CharField(_("notitie"), max_length=200, blank=True)
    # Indexed: a transaction's payments (its page, an import's page, undoing an import, the
    # cascade when its transactions go).
    bank_transaction = models.ForeignKey(
        BankTransaction,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="payments",
    )
    # The registration's status before this payment, so that undoing an import can restore it.
    status_before = models.CharField(max_length=16, blank=True)
    # Not indexed: no page or service asks what one person booked, nothing deletes a user, and
    # an import writes thousands of payments at once.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")

    def __str__(self) -> str:
        return f"{self.registration.code}: {self.amount_cents / 100:.2f}"


class CsvLayout(models.Model):
    """A column mapping staff chose once for a bank CSV we do not know, remembered by header."""

    header_signature = models.CharField(max_length=64, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    mapping = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("CSV-indeling")
        verbose_name_plural = _("CSV-indelingen")

    def __str__(self) -> str:
        return self.name


class SepaFile(TransferFile):
    """One SEPA credit-transfer file of refunds."""

    FILENAME_PREFIX = "terugbetalingen"

    class Status(models.TextChoices):
        MADE = "made", _("Klaar om op te laden")
        SENT = "sent", _("Opgeladen bij de bank")
        WITHDRAWN = "withdrawn", _("Ingetrokken")

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MADE)

    class Meta(TransferFile.Meta):
        verbose_name = _("SEPA-bestand")
        verbose_name_plural = _("SEPA-bestanden")


class Refund(models.Model):
    """Money we owe someone back, from the promise to the transfer on our statement."""

    class Status(models.TextChoices):
        DUE = "due", _("Te betalen")
        SENT = "sent", _("Verstuurd")
        DONE = "done", _("Uitgevoerd")
        # The payee's bank sent the money back; a new refund continues it to another account.
        RETURNED = "returned", _("Teruggestort door de bank")
        WITHDRAWN = "withdrawn", _("Geschrapt")

    class Cause(models.TextChoices):
        CANCELLED_BY_REGISTRANT = "registrant", _("Geannuleerd door de deelnemer")
        CANCELLED_BY_OFFICE = "office", _("Geannuleerd door het secretariaat")
        TRAINING_CANCELLED = "training", _("Vorming geannuleerd")
        SURPLUS = "surplus", _("Te veel of dubbel betaald")
        NOT_ACTIVE = "not_active", _("Betaald voor een geannuleerde of vervallen inschrijving")
        UNMATCHED = "unmatched", _("Overschrijving die bij geen inschrijving hoort")
        MOVED = "moved", _("Verplaatst naar een goedkopere datum")

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DUE
    )
    cause = models.CharField(_("reden"), max_length=12, choices=Cause.choices)
    # Indexed: a registration's refunds (its page, the receipt, the registrant's page).
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.PROTECT, related_name="refunds"
    )
    # The transfer that paid (where the IBAN came from); not indexed: nothing looks it up.
    paid_by = models.ForeignKey(
        BankTransaction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    amount_cents = models.PositiveIntegerField(_("bedrag (cent)"))
    payee_name = models.CharField(_("naam rekeninghouder"), max_length=70, blank=True)
    payee_iban = models.CharField(_("IBAN"), max_length=34, blank=True, validators=[validate_iban])
    deadline = models.DateField(_("terug te betalen vóór"))
    end_to_end_id = models.CharField(max_length=35, unique=True, editable=False)
    communication = models.CharField(_("mededeling"), max_length=140)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    iban_asked_at = models.DateTimeField(null=True, blank=True)
    # Indexed: a file's refunds (its page, marking it sent or withdrawing it).
    sepa_file = models.ForeignKey(
        SepaFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="refunds"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    # The outgoing transfer on our statement that paid it.
    done_by = models.ForeignKey(
        BankTransaction,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="refunds_done",
    )
    # The incoming transfer on our statement that brought it back. Indexed: undoing that
    # statement's import finds the refunds it returned.
    returned_by = models.ForeignKey(
        BankTransaction,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    note = models.CharField(_("notitie"), max_length=200, blank=True)
    # The transfer that paid ("<account> <bank id>"), kept when undoing its import removed it,
    # and whether that undo withdrew this refund (else the office had): importing the transfer
    # again continues this refund instead of starting over (refunds_create). Not indexed: it is
    # looked up among the refunds of a few registrations.
    undone_transfer = models.CharField(max_length=170, blank=True, editable=False)
    withdrawn_by_undo = models.BooleanField(default=False, editable=False)
    # The refund of the same transfer that this one continues. Indexed: the page of the refund
    # continued links to the one that continues it.
    continues = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="continued_by",
        editable=False,
    )

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [
            # The refunds page's tabs, by deadline; the dashboard's count of overdue ones.
            models.Index(fields=["status", "deadline"]),
            # The import looks up sent refunds by account and amount.
            models.Index(
                fields=["payee_iban", "amount_cents"],
                condition=Q(status="sent"),
                name="refund_sent_by_iban",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="refund_positive")
        ]
        verbose_name = _("terugbetaling")
        verbose_name_plural = _("terugbetalingen")

    def __str__(self) -> str:
        return self.end_to_end_id

    @property
    def registrant_gives_account(self) -> bool:
        """The registrant gives the account only when no bank transfer told us who paid (paid by
        hand): money that came from an account, an employer's for one, goes back to it; only the
        office can change that, in the audit log. So also when that account's bank sent the
        refund back: the office asks whoever paid. Reads the refund it continues."""
        if self.status != self.Status.DUE or self.sepa_file_id:
            return False
        if self.paid_by_id and self.payee_iban:
            return False
        came_back = self.continues if self.continues_id else None
        return not (came_back and came_back.status == self.Status.RETURNED and came_back.paid_by_id)

    @property
    def for_cancellation(self) -> bool:
        """Money of the registration itself going back because it was cancelled (not a surplus
        nor a move's difference)."""
        return self.cause in (
            self.Cause.CANCELLED_BY_REGISTRANT,
            self.Cause.CANCELLED_BY_OFFICE,
            self.Cause.TRAINING_CANCELLED,
        )

    @property
    def payee_iban_display(self) -> str:
        return stdnum_iban.format(self.payee_iban) if self.payee_iban else ""

    @property
    def account_missing_because(self) -> str:
        """Why the account number is missing, for the office ('' when it is there, or when there
        is nothing more to say). Reads the registration: load it with the refund."""
        if self.payee_iban:
            return ""
        if self.status in (self.Status.SENT, self.Status.DONE, self.Status.RETURNED):
            # It went out to an account: the privacy clean-up erased it after the term.
            return gettext("gewist na de bewaartermijn")
        if self.status != self.Status.DUE:
            return ""
        if self.registration_id is None:
            return gettext("niemand gevraagd: het geld hoort bij geen inschrijving")
        if not self.registrant_gives_account:
            return gettext(
                "de bank van wie betaalde stuurde de terugbetaling terug: vraag die een ander "
                "rekeningnummer"
            )
        if self.registration.anonymised_at is not None:
            return gettext("niemand meer te vragen: de inschrijving werd anoniem gemaakt")
        if self.iban_asked_at is not None:
            asked = timezone.localtime(self.iban_asked_at)
            return gettext("gevraagd aan de deelnemer op %(date)s") % {
                "date": asked.strftime("%d/%m/%Y")
            }
        return ""
