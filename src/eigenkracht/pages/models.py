from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.markdown import markdown_to_html

HOME_SLUG = "home"
# A paragraph holding only this marker is where a privacy page shows the retention terms, read
# from the settings; a privacy page without it shows them after its text.
RETENTION_MARKER = "[bewaartermijnen]"
# Each privacy page with the categories whose terms it shows (None: all of them): a family or
# someone in its network reads only what concerns a trajectory.
PRIVACY_SLUGS: dict[str, tuple[str, ...] | None] = {
    "privacy": None,
    "privacy-gezinnen": ("trajectories", "referrals"),
    "privacy-netwerk": ("trajectories", "referrals"),
}
# The notices for a family referred for a conference and for the people in their network.
FAMILY_NOTICE_SLUG = "privacy-gezinnen"
NETWORK_NOTICE_SLUG = "privacy-netwerk"


class Page(models.Model):
    """A public information page; its text is Markdown written by the office."""

    slug = models.SlugField(_("adres"), max_length=80, unique=True)
    title = models.CharField(_("titel"), max_length=160)
    intro = models.TextField(
        _("inleiding"),
        max_length=600,
        blank=True,
        help_text=_("Eén of twee zinnen bovenaan de pagina, zonder opmaak."),
    )
    body = models.TextField(
        _("tekst"), blank=True, max_length=50_000, help_text=_("Markdown is toegestaan.")
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("pagina")
        verbose_name_plural = _("pagina's")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.slug == HOME_SLUG:
            return reverse("pages:home")
        return reverse("pages:page", kwargs={"slug": self.slug})

    @property
    def body_html(self) -> str:
        return markdown_to_html(self.body)

    @property
    def shows_retention_terms(self) -> bool:
        return self.slug in PRIVACY_SLUGS

    def body_html_around_terms(self) -> tuple[str, str]:
        """The body before and after the place of the retention terms."""
        html = self.body_html
        before, _marker, after = html.partition(f"<p>{RETENTION_MARKER}</p>")
        return mark_safe(before), mark_safe(after)  # noqa: S308 (both halves of safe HTML)
