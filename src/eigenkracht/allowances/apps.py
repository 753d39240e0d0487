from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllowancesConfig(AppConfig):
    name = "eigenkracht.allowances"
    verbose_name = _("Vrijwilligersvergoedingen")

    def ready(self) -> None:
        # The mails register their recipes; the statement import tells us its outgoing transfers;
        # the accounting's zip takes our payout files.
        from eigenkracht.allowances import (
            emails,  # noqa: F401
            recognition,
            selectors,
        )
        from eigenkracht.payments.outgoing import outgoing_recognisers, transfer_files

        outgoing_recognisers.register(
            "allowances",
            recognition.payout_lines_paid_by,
            undo=recognition.payout_lines_unpaid,
        )
        transfer_files["sepa"] = selectors.payouts_made_between
