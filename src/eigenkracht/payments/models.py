from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eigenkracht.trainings.models import Registration


class Payment(models.Model):
    """Money received for a registration: entered by hand, or (later) booked from a statement."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Manueel ingegeven")
        BANK = "bank", _("Rekeninguittreksel")

    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="payments"
    )
    amount_cents = models.PositiveIntegerField(_("bedrag (cent)"))
    paid_on = models.DateField(_("betaald op"))
    source = models.CharField(max_length=16, choices=Source.choices)
    note = models.CharField(_("notitie"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")

    def __str__(self) -> str:
        return f"{self.registration.code}: {self.amount_cents / 100:.2f}"
