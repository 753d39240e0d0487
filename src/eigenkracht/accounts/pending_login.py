"""The state between the password step and the second factor, kept in the session.

After a correct password the user is *not* logged in: the session only remembers who they are,
which authentication backend accepted them, where to go afterwards and how many codes they got
wrong. That state expires: the code step after PENDING_SECONDS, the enrolment (installing an
app takes longer) after ENROLMENT_SECONDS, both counted from the password step.
"""

import time
from dataclasses import dataclass

from django.contrib import auth
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.models import Device

from eigenkracht.accounts.models import User

SESSION_KEY = "accounts_pending_login"
PENDING_SECONDS = 5 * 60
ENROLMENT_SECONDS = 15 * 60
MAX_CODE_ATTEMPTS = 5


@dataclass
class PendingLogin:
    user: User
    backend: str
    next_url: str
    started_at: float
    attempts: int
    enrolment_device_id: int | None = None

    def age(self) -> float:
        return time.time() - self.started_at


class Expired(Exception):
    def __init__(self, next_url: str = "") -> None:
        super().__init__("pending login expired")
        self.next_url = next_url


def pending_start(request: HttpRequest, *, user: User, next_url: str) -> None:
    if request.user.is_authenticated:
        # A session logged in with a password only (from before two-factor login) ends here.
        auth.logout(request)
    # A new session key now (as django.contrib.auth.login does), and again at the real login.
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "user_id": user.pk,
        "backend": user.backend,
        "next": next_url,
        "started_at": time.time(),
        "attempts": 0,
    }


def pending_get(request: HttpRequest, *, max_age: float = PENDING_SECONDS) -> PendingLogin | None:
    """The pending login, None when there is none; raises Expired (and forgets it) when too old
    or when its user can no longer log in."""
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    user = User.objects.filter(pk=data.get("user_id"), is_active=True).first()
    if user is None or time.time() - data.get("started_at", 0) > max_age:
        pending_clear(request)
        raise Expired(data.get("next", ""))
    return PendingLogin(
        user=user,
        backend=data["backend"],
        next_url=data.get("next", ""),
        started_at=data["started_at"],
        attempts=data.get("attempts", 0),
        enrolment_device_id=data.get("enrolment_device_id"),
    )


def pending_count_failure(request: HttpRequest) -> int:
    """One more wrong code; returns how many attempts are left (0: the pending login is gone)."""
    data = request.session[SESSION_KEY]
    data["attempts"] = data.get("attempts", 0) + 1
    left = MAX_CODE_ATTEMPTS - data["attempts"]
    if left <= 0:
        pending_clear(request)
        return 0
    request.session[SESSION_KEY] = data
    return left


def pending_remember_enrolment_device(request: HttpRequest, device_id: int) -> None:
    data = request.session[SESSION_KEY]
    data["enrolment_device_id"] = device_id
    request.session[SESSION_KEY] = data


def pending_clear(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def pending_complete(request: HttpRequest, pending: PendingLogin, device: Device) -> None:
    """The real login: Django's (new session key, signals, last_login) and django-otp's."""
    pending_clear(request)
    auth.login(request, pending.user, backend=pending.backend)
    otp_login(request, device)
