"""Reasons and flags of bank transactions in the reader's language.

The sentences live in `payments/matching/reasons.py`; this is where they meet Django's gettext,
when a page shows them. A reason is stored as `reason_code` and `reason_params`; `reason` holds
text that is shown as written: a note staff typed when dismissing a transfer, or the Dutch
sentence of a transaction imported before reasons were stored as codes.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext

from eigenkracht.payments.matching import reasons
from eigenkracht.payments.matching.reasons import FlagAdvice


def reason_text(code: str, params: Mapping[str, Any]) -> str:
    return reasons.render(code, params, gettext) if code else ""


def transaction_reason(*, reason: str, reason_code: str, reason_params: Mapping[str, Any]) -> str:
    """What a transaction's reason says: the text as written, else its code worded."""
    return reason or reason_text(reason_code, reason_params)


def suggestion_reason(suggestion: Mapping[str, Any]) -> str:
    """A stored suggestion's why; suggestions stored before the codes carry a Dutch `reason`."""
    return suggestion.get("reason") or reason_text(
        suggestion.get("reason_code", ""), suggestion.get("reason_params", {})
    )


def flag_label(flag: str) -> str:
    return reasons.flag_label(flag, gettext) if flag else ""


def flag_advice(flag: str) -> FlagAdvice | None:
    return reasons.flag_advice(flag, gettext)
