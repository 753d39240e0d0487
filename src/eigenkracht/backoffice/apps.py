from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The top of the apps: the back office's own pages (overview, outbox, audit log,
    settings), its navigation, and the commands that span every app (`run_periodic`,
    `demo_data`). Nothing imports it."""

    name = "eigenkracht.backoffice"
    verbose_name = _("Beheer")
