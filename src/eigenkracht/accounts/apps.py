from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "eigenkracht.accounts"
    verbose_name = _("Gebruikers")

    def ready(self) -> None:
        # Connected once the apps are loaded: importing these at the top would be too early.
        from django.contrib.auth.signals import user_logged_in

        from eigenkracht.accounts.session_limits import session_limits_start

        user_logged_in.connect(session_limits_start, dispatch_uid="accounts_session_limits")
