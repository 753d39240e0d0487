"""Test helpers for the second factor (TOTP).

- ``login_verified(client, user)``: log a Django test client in *with* a verified second
  factor, the way django-otp does it after a correct code (so ``request.user.is_verified()``).
- ``totp_device(user)``: the user's confirmed TOTP device (created when missing).
- ``totp_code(device)``: a currently valid code for that device, e.g. to type in a browser test.
- ``browser_log_in(page, email=..., password=..., device=...)``: both login steps in Playwright.
"""

import time
from typing import TYPE_CHECKING

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP

if TYPE_CHECKING:  # imported lazily: conftest imports this module before the apps are ready
    from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device(user, *, key: str | None = None) -> "TOTPDevice":
    """The user's confirmed TOTP device; created when missing (random secret unless `key`, hex)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        extra = {"key": key} if key else {}
        device = TOTPDevice.objects.create(
            user=user, name="Authenticator-app", confirmed=True, **extra
        )
    return device


def login_verified(client, user) -> "TOTPDevice":
    """force_login + a confirmed TOTP device + the session marked as verified by that device."""
    device = totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def totp_code(device: "TOTPDevice") -> str:
    """A code the device accepts right now.

    django-otp refuses a code from a time step it already accepted; when the current step was
    used (a second login within 30 seconds), this gives the next step's code, which the default
    tolerance of one step still accepts.
    """
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    t = totp.t()
    if device.last_t >= t:
        totp.time += (device.last_t + 1 - t) * device.step
    return f"{totp.token():0{device.digits}d}"


def browser_log_in(page, *, email: str, password: str, device: "TOTPDevice") -> None:
    """On the login page (Playwright): password step, then the code from ``device``."""
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.get_by_label("Code uit je authenticator-app").fill(totp_code(device))
    page.get_by_role("button", name="Inloggen", exact=True).click()
