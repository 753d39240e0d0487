from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "eigenkracht.trainings"
    verbose_name = _("Vormingen")

    def ready(self) -> None:
        # The mail recipes must be registered in every process that composes mails (a worker too).
        from eigenkracht.trainings import emails  # noqa: F401
        from eigenkracht.trainings.mail_templates import services  # noqa: F401
        from eigenkracht.trainings.messages import services as messages  # noqa: F401
        from eigenkracht.trainings.self_service import services as self_service  # noqa: F401
        from eigenkracht.trainings.trainers import emails as trainers  # noqa: F401
