"""The SMS channel for evaluation links: pluggable, and off until a gateway is configured.

The setting `EVALUATION_SMS_SENDER` names a function `send(*, phone: str, text: str) -> None`
(dotted path). Empty (the default): no text message goes out, the invite records that SMS is not
configured, and the coordinator's page lists those people so that they get a printed QR code.
"""

from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

SmsSender = Callable[..., None]


def sms_sender() -> SmsSender | None:
    path = getattr(settings, "EVALUATION_SMS_SENDER", "")
    return import_string(path) if path else None
