from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectoriesConfig(AppConfig):
    name = "eigenkracht.trajectories"
    verbose_name = _("EK-trajecten")
