"""Reasons and flags of bank transactions, and the notes and errors of statement imports, in the
reader's language.

The sentences live in `payments/matching/reasons.py` and `payments/statements/messages.py`; this
is where they meet Django's gettext, when a page shows them. A reason is stored as `reason_code`
and `reason_params`; `reason` holds text that is shown as written: a note staff typed when
dismissing a transfer, or the Dutch sentence of a transaction imported before reasons were stored
as codes. Likewise an import stores its notes as ``{"code", "params"}`` (older ones as text) and a
failure as `error_code` and `error_params` (`error`: text shown as written).
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext

from eigenkracht.payments.matching import reasons
from eigenkracht.payments.matching.reasons import FlagAdvice
from eigenkracht.payments.statements import messages
from eigenkracht.payments.statements.base import StatementError


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


def statement_message(code: str, params: Mapping[str, Any]) -> str:
    """A reader's note or error, or an import's refusal, from its code."""
    return messages.render(code, params, gettext) if code else ""


def statement_notes(notes: Iterable[Any]) -> list[str]:
    """An import's stored notes: ``{"code", "params"}``, or text stored before the codes."""
    return [messages.render_stored(note, gettext) for note in notes]


def import_error(*, error: str, error_code: str, error_params: Mapping[str, Any]) -> str:
    """Why an import failed: the text as written, else its code worded."""
    return error or statement_message(error_code, error_params)


def refusal_text(refusal: Exception) -> str:
    """What a page says about a file it cannot read or a refused import (already worded)."""
    if isinstance(refusal, StatementError):
        return statement_message(refusal.code, refusal.params)
    return str(refusal)
