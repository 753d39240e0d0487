"""State changes of accounts: the second factor (TOTP device, recovery codes), the mails that
tell a user about it, password-reset requests and login locks.

Every function is one transaction and writes its audit entry in it. Recovery codes are returned
to the caller (to be shown once) and never written to the audit log.
"""

import datetime as dt
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Count, Exists, F, Max, Min, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_otp import verify_token
from django_otp.models import Device, VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from eigenkracht.accounts.enrolment import enrolment_url
from eigenkracht.accounts.models import User
from eigenkracht.accounts.tasks import password_reset_mail
from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import OutboxMessage
from eigenkracht.core.outbox import outbox_queue
from eigenkracht.core.tasks import enqueue_after_commit
from eigenkracht.core.throttle import attempt_allowed

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator-app"
RECOVERY_DEVICE_NAME = "Herstelcodes"

# Mails with a link to set up an app (at most one of them an hour per address), and with a link
# to choose a new password (at most one an hour too).
RESET_MAIL_KIND = "second_factor_reset"
LINK_MAIL_KIND = "second_factor_link"
PASSWORD_RESET_KIND = "password_reset"  # noqa: S105 - the outbox kind and throttle scope
MAIL_INTERVAL = dt.timedelta(hours=1)

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
def totp_device_confirm(*, device: TOTPDevice, actor: User | None) -> list[str]:
    """Confirm an enrolled device (its code was checked) and give the user new recovery codes.

    Any other TOTP device of the user is removed: an account has one authenticator app. The link
    that allowed this enrolment stops working, and the user gets a mail about the new app.
    Returns the recovery codes, to be shown once.
    """
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    user = device.user
    _second_factor_generation_next(user)
    audit_record(
        actor=actor,
        action="two_factor.enrolled",
        obj=user,
        data={"device": device.persistent_id},
    )
    codes = _recovery_codes_replace(user=user, actor=actor)
    _security_notice(
        kind="second_factor_added",
        user=user,
        subject=_("Nieuwe authenticator-app voor je account"),
        paragraphs=[
            _(
                "Op %(when)s werd een authenticator-app ingesteld voor je account, met nieuwe "
                "herstelcodes. Voortaan log je in met je wachtwoord en een code uit die app."
            )
            % {"when": _now_text()},
            _NOT_YOU,
        ],
    )
    return codes


@transaction.atomic
def recovery_codes_generate(*, user: User, actor: User | None) -> list[str]:
    """New recovery codes on the user's request (the old stop working), with a mail about it."""
    codes = _recovery_codes_replace(user=user, actor=actor)
    _security_notice(
        kind="recovery_codes_new",
        user=user,
        subject=_("Nieuwe herstelcodes voor je account"),
        paragraphs=[
            _(
                "Op %(when)s werden nieuwe herstelcodes gemaakt voor je account. De vorige "
                "herstelcodes werken niet meer."
            )
            % {"when": _now_text()},
            _NOT_YOU,
        ],
    )
    return codes


def _recovery_codes_replace(*, user: User, actor: User | None) -> list[str]:
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
def second_factor_reset(*, user: User, actor: User) -> int:
    """Remove the user's authenticator app and recovery codes, and mail them a one-time link to
    set up a new app (links of an earlier reset stop working).

    Sessions verified with the removed device are no longer verified (django-otp looks the
    device up on every request). Returns the number of devices removed.
    """
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    _second_factor_generation_next(user)
    audit_record(
        actor=actor,
        action="two_factor.reset",
        obj=user,
        data={"user": user.email, "devices_removed": removed},
    )
    _security_notice(
        kind=RESET_MAIL_KIND,
        user=user,
        subject=_("Je tweede factor is gewist: stel een nieuwe app in"),
        paragraphs=[
            _(
                "Op %(when)s wiste %(manager)s de tweede factor van je account: je "
                "authenticator-app en je herstelcodes werken niet meer."
            )
            % {"when": _now_text(), "manager": str(actor)},
            _ENROLMENT_HOW,
            _link_validity(until_enrolled=True),
            _NOT_YOU,
        ],
        link_label=_("Authenticator-app instellen"),
        link_url=enrolment_url(user),
    )
    return removed


def _mailed_recently(*, kinds: tuple[str, ...], recipient: str) -> bool:
    return OutboxMessage.objects.filter(
        kind__in=kinds, recipient=recipient, created_at__gt=timezone.now() - MAIL_INTERVAL
    ).exists()


@transaction.atomic
def enrolment_link_send(*, user: User) -> bool:
    """Mail a one-time link to set up an authenticator app to someone who logged in with their
    password but has no second factor yet; at most one such mail an hour. Knowing the password
    is not enough: only the mailbox gets the link. False when no mail was sent."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if _mailed_recently(kinds=(RESET_MAIL_KIND, LINK_MAIL_KIND), recipient=user.email):
        return False
    audit_record(actor=None, action="two_factor.enrolment_link_sent", obj=user, data={})
    _security_notice(
        kind=LINK_MAIL_KIND,
        user=user,
        subject=_("Stel je authenticator-app in"),
        paragraphs=[
            _(
                "Op %(when)s logde iemand in met je e-mailadres en wachtwoord. Je account "
                "heeft nog geen authenticator-app: zonder die tweede stap kan je niet inloggen."
            )
            % {"when": _now_text()},
            _ENROLMENT_HOW,
            _link_validity(until_enrolled=True),
            _(
                "Was jij dit niet? Dan kent iemand anders je wachtwoord. Volg de link dan niet, "
                "kies een nieuw wachtwoord via “Wachtwoord vergeten?” op de pagina om in te "
                "loggen en laat het ons meteen weten."
            ),
        ],
        link_label=_("Authenticator-app instellen"),
        link_url=enrolment_url(user),
    )
    return True


def _second_factor_generation_next(user: User) -> None:
    generation = F("second_factor_generation") + 1
    User.objects.filter(pk=user.pk).update(second_factor_generation=generation)
    user.refresh_from_db(fields=["second_factor_generation"])


# Security notices --------------------------------------------------------------------------------

_NOT_YOU = gettext_lazy(
    "Was jij dit niet? Neem dan meteen contact met ons op: misschien kan iemand anders aan je "
    "account."
)
_ENROLMENT_HOW = gettext_lazy(
    "Open de link hieronder in de browser waarmee je inlogt. Daarna log je in met je "
    "e-mailadres en wachtwoord, en stel je een authenticator-app op je telefoon in."
)


def _now_text() -> str:
    return timezone.localtime().strftime("%d/%m/%Y %H:%M")


def _link_validity(*, until_enrolled: bool = False) -> str:
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 3600))
    if until_enrolled:  # the set-up link works until an app is set up with it
        return ngettext(
            "De link werkt tot je er een app mee instelde, en hoogstens %(days)d dag.",
            "De link werkt tot je er een app mee instelde, en hoogstens %(days)d dagen.",
            days,
        ) % {"days": days}
    return ngettext(
        "De link werkt één keer en is %(days)d dag geldig.",
        "De link werkt één keer en is %(days)d dagen geldig.",
        days,
    ) % {"days": days}


def _security_notice(
    *,
    kind: str,
    user: User,
    subject: str,
    paragraphs: list[str],
    link_label: str = "",
    link_url: str = "",
) -> OutboxMessage:
    """A mail to `user` about their own account; with a link it is confidential (staff see that
    it went out, not the link). The context holds plain strings only: the outbox stores it to
    compose the mail again."""
    return outbox_queue(
        kind=kind,
        recipient=user.email,
        template="accounts/emails/notice",
        context={
            "subject": str(subject),
            "greeting": _("Dag %(name)s,") % {"name": user.get_short_name()},
            "paragraphs": [str(paragraph) for paragraph in paragraphs],
            "link_label": str(link_label),
            "link_url": link_url,
        },
        confidential=bool(link_url),
    )


# Password reset --------------------------------------------------------------------------------


def password_reset_request(*, email: str, client_address: str | None) -> bool:
    """Someone asks for a link to choose a new password. Counts the attempt for the client's
    address (False: over PASSWORD_RESET_ATTEMPT_LIMIT this hour, nothing else happens) and
    leaves the rest (is there such an account? did it get a link this hour?) to a task after
    commit, so the answer takes the same time and says the same whether or not the address is
    known."""
    with transaction.atomic():
        if not attempt_allowed(
            scope=PASSWORD_RESET_KIND,
            key=client_address,
            limit=settings.PASSWORD_RESET_ATTEMPT_LIMIT,
            within=dt.timedelta(hours=1),
        ):
            return False
        enqueue_after_commit(password_reset_mail, email)
    return True


@transaction.atomic
def password_reset_send(*, email: str) -> bool:
    """Mail a link to choose a new password to the active account with this address, unless it
    got one in the past hour. An invited person who never chose a password gets one too (their
    invitation may have expired). False when no mail was sent."""
    user = User.objects.select_for_update().filter(email__iexact=email.strip(), is_active=True)
    user = user.first()
    if user is None or _mailed_recently(kinds=(PASSWORD_RESET_KIND,), recipient=user.email):
        return False
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={"uidb64": uidb64, "token": default_token_generator.make_token(user)},
    )
    outbox_queue(
        kind=PASSWORD_RESET_KIND,
        recipient=user.email,
        template="accounts/emails/password_reset",
        context={"reset_url": settings.SITE_URL.rstrip("/") + path, "validity": _link_validity()},
        confidential=True,
    )
    audit_record(actor=None, action="user.password_reset_mailed", obj=user, data={})
    return True


# Login locks (django-axes) -----------------------------------------------------------------------


@dataclass(frozen=True)
class LoginLock:
    """Logging in as `username` from `ip_address` is refused until `until`."""

    id: int
    username: str | None
    ip_address: str | None
    failures: int
    last_failure: datetime
    until: datetime


def login_locks() -> list[LoginLock]:
    """The current locks, newest first: pairs of username and address whose failures within the
    cool-off time reached AXES_FAILURE_LIMIT (django-axes counts them the same way)."""
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - get_cool_off())
        .values("username", "ip_address")
        .annotate(
            first_id=Min("pk"), failures=Sum("failures_since_start"), last=Max("attempt_time")
        )
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
    return [
        LoginLock(
            id=row["first_id"],
            username=row["username"],
            ip_address=row["ip_address"],
            failures=row["failures"],
            last_failure=row["last"],
            until=row["last"] + get_cool_off(),
        )
        for row in rows
    ]


def login_lock(lock_id: int) -> LoginLock | None:
    return next((lock for lock in login_locks() if lock.id == lock_id), None)


@transaction.atomic
def login_lock_lift(*, lock: LoginLock, actor: User | None, ip_address: str | None = None) -> int:
    """Forget the failed logins of this username from this address: logging in works again.
    Returns the number of attempt rows removed."""
    user = User.objects.filter(email__iexact=lock.username or "").first()
    audit_record(
        actor=actor,
        action="login_lock.lifted",
        # The account, or (for an address that belongs to no account) the lock itself.
        obj=user if user is not None else AccessAttempt.objects.get(pk=lock.id),
        data={
            "username": lock.username,
            "locked_address": lock.ip_address,
            "failures": lock.failures,
        },
        ip_address=ip_address,
    )
    removed, _counts = AccessAttempt.objects.filter(
        username=lock.username, ip_address=lock.ip_address
    ).delete()
    return removed


@transaction.atomic
def password_reset_completed(*, user: User, ip_address: str | None = None) -> int:
    """A new password chosen through the mailed link: the mailbox was proven, so the login
    locks on this account (from any address) are lifted; the change is in the audit log."""
    removed, _counts = AccessAttempt.objects.filter(username__iexact=user.email).delete()
    audit_record(
        actor=user,
        action="user.password_reset",
        obj=user,
        data={"login_locks_lifted": removed},
        ip_address=ip_address,
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
