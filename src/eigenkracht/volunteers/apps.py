from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "eigenkracht.volunteers"
    verbose_name = _("Vrijwilligers")
