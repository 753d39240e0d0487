from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicesConfig(AppConfig):
    name = "eigenkracht.invoices"
    verbose_name = _("Facturen")

    def ready(self) -> None:
        # The receivers of trainings' signals, and the mail recipe, in every process (a worker
        # too); the office's own mail texts ask whether an employer pays.
        from eigenkracht.invoices import emails, receivers  # noqa: F401
        from eigenkracht.invoices.templatetags.invoicing import employer_paying_name
        from eigenkracht.trainings.employer_paying import employer_paying_answer

        employer_paying_answer(employer_paying_name)
