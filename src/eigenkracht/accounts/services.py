"""State changes of accounts: the second factor (TOTP device, recovery codes) and invitations.

Every function is one transaction and writes its audit entry in it. Recovery codes are returned
to the caller (to be shown once) and never written to the audit log.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django_otp import verify_token
from django_otp.models import Device, VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import audit_record

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator-app"
RECOVERY_DEVICE_NAME = "Herstelcodes"

TOTP_CODE_RE = re.compile(r"\d{6}")
RECOVERY_CODE_RE = re.compile(r"[a-z0-9]{8}")  # StaticToken.random_token(): 8 characters


def normalise_code(value: str) -> str:
    """What the user typed, without spaces or dashes, in lower case (codes are shown grouped)."""
    return re.sub(r"[\s-]+", "", value or "").lower()


def format_recovery_code(code: str) -> str:
    """`abcd2efg` is shown as `abcd-2efg`; the dash is optional when typing it back."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


# Selectors -------------------------------------------------------------------------------------


def confirmed_totp_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_device(user: Any) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def users_with_second_factor() -> QuerySet[User]:
    """Every user, with `has_totp` and `recovery_codes_left`, in a single query."""
    tokens = (
        StaticToken.objects.filter(device__user=OuterRef("pk"), device__confirmed=True)
        .order_by()
        .values("device__user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return User.objects.annotate(
        has_totp=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        recovery_codes_left=Coalesce(Subquery(tokens), 0),
    ).order_by("last_name", "first_name", "email")


# Enrolment -------------------------------------------------------------------------------------


@transaction.atomic
def totp_device_for_enrolment(*, user: User, device_id: int | None) -> TOTPDevice:
    """The unconfirmed TOTP device of this login attempt (`device_id`, kept in the pending
    login), or a new one with a new secret. A secret shown in an earlier, unfinished attempt is
    never offered again: whoever saw it then must not end up holding the user's second factor."""
    device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if device is None:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, actor: Any) -> list[str]:
    """Confirm an enrolled device (its code was checked) and give the user new recovery codes.

    Any other TOTP device of the user is removed: an account has one authenticator app.
    Returns the recovery codes, to be shown once.
    """
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(
        actor=actor,
        action="two_factor.enrolled",
        obj=device.user,
        data={"device": device.persistent_id},
    )
    return recovery_codes_generate(user=device.user, actor=actor)


@transaction.atomic
def recovery_codes_generate(*, user: User, actor: Any) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new ones; the old stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes: list[str] = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes and not TOTP_CODE_RE.fullmatch(code):
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit_record(
        actor=actor,
        action="two_factor.recovery_codes_generated",
        obj=user,
        data={"count": len(codes)},
    )
    return codes


@transaction.atomic
def second_factor_reset(*, user: User, actor: Any) -> int:
    """Remove the user's authenticator app and recovery codes: they enrol again at next login.

    Sessions verified with the removed device are no longer verified (django-otp looks the
    device up on every request). Returns the number of devices removed.
    """
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    audit_record(
        actor=actor,
        action="two_factor.reset",
        obj=user,
        data={"user": user.email, "devices_removed": removed},
    )
    return removed


# Verification ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeCheck:
    device: Device | None = None
    # When verification was refused because of earlier failures: until when.
    locked_until: datetime | None = None
    recovery_codes_left: int | None = None

    @property
    def ok(self) -> bool:
        return self.device is not None


def _locked_until(device: Device) -> datetime | None:
    allowed, data = device.verify_is_allowed()
    if allowed or not data or data.get("reason") != VerifyNotAllowed.N_FAILED_ATTEMPTS:
        return None
    return data.get("locked_until")


def totp_code_check(*, device: TOTPDevice, code: str) -> CodeCheck:
    """Check a TOTP code against a (confirmed or enrolling) device, with django-otp's throttling:
    after each failure the next check must wait 1, 2, 4, ... seconds."""
    device.refresh_from_db()
    locked_until = _locked_until(device)
    if locked_until is not None:
        return CodeCheck(locked_until=locked_until)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        ok = device.verify_token(normalise_code(code))
    return CodeCheck(device=device if ok else None)


def second_factor_check(*, user: User, code: str) -> CodeCheck:
    """Check a code from the authenticator app or a recovery code (which is then used up)."""
    code = normalise_code(code)
    if TOTP_CODE_RE.fullmatch(code):
        device = confirmed_totp_device(user)
        if device is None:
            return CodeCheck()
        return totp_code_check(device=device, code=code)

    static = recovery_device(user)
    if static is None:
        return CodeCheck()
    locked_until = _locked_until(static)
    if locked_until is not None:
        return CodeCheck(locked_until=locked_until)
    with transaction.atomic():
        verified = verify_token(user, static.persistent_id, code)
        if verified is None:
            return CodeCheck()
        left = recovery_codes_left(user)
        audit_record(
            actor=user,
            action="two_factor.recovery_code_used",
            obj=user,
            data={"recovery_codes_left": left},
        )
    return CodeCheck(device=verified, recovery_codes_left=left)
