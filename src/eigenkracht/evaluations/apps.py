from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "eigenkracht.evaluations"
    verbose_name = _("Evaluaties")

    def ready(self) -> None:
        # The mails register their recipes; a conference recorded as held invites its people.
        from eigenkracht.evaluations import emails, receivers  # noqa: F401
