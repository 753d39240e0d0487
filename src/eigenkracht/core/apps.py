from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "eigenkracht.core"
    verbose_name = _("Kern")

    def ready(self) -> None:
        from eigenkracht.core import bulk  # noqa: F401 - registers the `any_of` lookup
