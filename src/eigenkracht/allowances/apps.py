from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllowancesConfig(AppConfig):
    name = "eigenkracht.allowances"
    verbose_name = _("Vrijwilligersvergoedingen")

    def ready(self) -> None:
        # The mails register their recipes; the statement import tells us its outgoing transfers.
        from eigenkracht.allowances import (
            emails,  # noqa: F401
            recognition,
        )
        from eigenkracht.payments.outgoing import outgoing_recognisers

        outgoing_recognisers.register(
            "allowances",
            recognition.payout_lines_paid_by,
            undo=recognition.payout_lines_unpaid,
        )
