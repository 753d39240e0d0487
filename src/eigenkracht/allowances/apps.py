import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from eigenkracht.allowances.models import Payout


class AllowancesConfig(AppConfig):
    name = "eigenkracht.allowances"
    verbose_name = _("Vrijwilligersvergoedingen")

    def ready(self) -> None:
        # The mails register their recipes; the statement import tells us its outgoing transfers;
        # the accounting's zip takes our payout files.
        from eigenkracht.allowances import (
            emails,  # noqa: F401
            recognition,
        )
        from eigenkracht.payments.outgoing import outgoing_recognisers, transfer_files

        outgoing_recognisers.register(
            "allowances",
            recognition.payout_lines_paid_by,
            undo=recognition.payout_lines_unpaid,
        )
        transfer_files["sepa"] = _payouts_made_between


def _payouts_made_between(start: dt.date, end: dt.date) -> Sequence["Payout"]:
    # The selectors load when the accounting's zip is made, not in every command's start-up.
    from eigenkracht.allowances.selectors import payouts_made_between

    return payouts_made_between(start, end)
