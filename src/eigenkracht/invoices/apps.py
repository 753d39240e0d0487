from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicesConfig(AppConfig):
    name = "eigenkracht.invoices"
    verbose_name = _("Facturen")

    def ready(self) -> None:
        # The receivers of trainings' signals, and the mail recipe, in every process (a worker
        # too).
        from eigenkracht.invoices import emails, receivers  # noqa: F401
