from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.retention_terms import CATEGORIES

CATEGORY_CHOICES = [(category.code, category.label) for category in CATEGORIES]


class RetentionProposal(models.Model):
    """What passed its retention term, as `run_periodic` found it: nothing is anonymised until a
    manager approves it, and then exactly these items are, in batches that survive a crash."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Voorgesteld")
        APPROVED = "approved", _("Goedgekeurd, wordt uitgevoerd")
        DONE = "done", _("Uitgevoerd")
        REPLACED = "replaced", _("Vervangen door een nieuwer voorstel")

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    prepared_at = models.DateTimeField(_("opgemaakt op"))
    # {category code: number of items}, as prepared.
    counts = models.JSONField(default=dict)
    # {"outbox"|"audit": ISO datetime}: their rows older than this go, without a list of items.
    cutoffs = models.JSONField(default=dict)
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("goedgekeurd door"),
    )
    finished_at = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)

    class Meta:
        ordering = ["-prepared_at", "-id"]
        # The open proposal and the one being carried out: a handful of rows, read by status.
        indexes = [models.Index(fields=["status", "prepared_at"])]
        verbose_name = _("voorstel om gegevens anoniem te maken")
        verbose_name_plural = _("voorstellen om gegevens anoniem te maken")

    def __str__(self) -> str:
        day = formats.date_format(timezone.localtime(self.prepared_at), "j F Y")
        return f"{capfirst(self._meta.verbose_name)} ({day})"

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class RetentionItem(models.Model):
    """One object of a proposal: a registration, a trajectory, an accounting record, a mail or
    an audit entry, by category and id (no personal data)."""

    proposal = models.ForeignKey(RetentionProposal, on_delete=models.CASCADE, related_name="items")
    category = models.CharField(max_length=16, choices=CATEGORY_CHOICES)
    # The object's model within the category (accounting holds several kinds).
    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    done_at = models.DateTimeField(null=True, blank=True)
    # Done without making it anonymous: it was no longer due when its batch came (a trajectory
    # somebody worked on after the proposal).
    kept = models.BooleanField(default=False)

    class Meta:
        # The drill-down (a proposal's items of one category) and the batches (those not done).
        indexes = [models.Index(fields=["proposal", "category", "done_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "kind", "object_id"], name="retention_item_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class PrivacyRequest(models.Model):
    """A person's request under the GDPR, registered by the office, with its legal deadline."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Inzage")
        ERASURE = "erasure", _("Wissen")
        RECTIFICATION = "rectification", _("Verbeteren")
        OBJECTION = "objection", _("Bezwaar")
        RESTRICTION = "restriction", _("Beperking")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Beantwoord")
        REFUSED = "refused", _("Geweigerd")

    kind = models.CharField(_("soort verzoek"), max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    received_on = models.DateField(_("ontvangen op"))
    requested_by = models.CharField(_("gevraagd door"), max_length=160)
    # The person the request is about (the requester may be a parent or a lawyer).
    subject_name = models.CharField(_("naam van de betrokkene"), max_length=160, blank=True)
    subject_email = models.EmailField(_("e-mailadres van de betrokkene"), blank=True)
    subject_birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    details = models.TextField(_("wat er gevraagd wordt"), max_length=4000, blank=True)
    deadline = models.DateField(_("te beantwoorden vóór"))
    extended_to = models.DateField(_("verlengd tot"), null=True, blank=True)
    extension_reason = models.TextField(_("reden van de verlenging"), max_length=2000, blank=True)
    answered_on = models.DateField(_("beantwoord op"), null=True, blank=True)
    outcome = models.TextField(_("uitkomst"), max_length=4000, blank=True)
    # When the office last downloaded the access file (the audit log says by whom, how often).
    access_exported_at = models.DateTimeField(
        _("inzagebestand gedownload op"), null=True, blank=True
    )
    # What a legal duty kept after an erasure: [{"what", "where", "reason"}].
    kept = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "deadline", "id"]
        # The list (open first, by deadline) and the dashboard's overdue count.
        indexes = [models.Index(fields=["status", "deadline"])]
        verbose_name = _("privacyverzoek")
        verbose_name_plural = _("privacyverzoeken")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%Y-%m-%d}"

    @property
    def due_on(self):
        return self.extended_to or self.deadline


class Anonymised(models.Model):
    """An object made anonymous, by a retention proposal or a person's erasure: the proposals
    skip it from then on. Ids and the moment only."""

    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    at = models.DateTimeField()

    class Meta:
        # Serves "is this object already anonymous" when the proposal is prepared.
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="anonymised_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
