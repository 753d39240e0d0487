"""Who may set up an authenticator app: only someone who proved, in this browser, that they read
the account's mail.

A password alone never leads to the QR code. The proof is a one-time link (`enrolment_url`),
mailed after a manager reset the second factor or when an account without one logs in, or the
invitation link once its password is chosen. Following the link stores its token in the session
(`enrolment_grant_store`) and redirects to an address without it; the enrolment step then checks
the token again (`enrolment_granted`).

The token is signed with the user's `second_factor_generation`, which goes up when an app is set
up or the second factor is reset: a used link, and the links of an earlier reset, stop working.
It expires after ``settings.PASSWORD_RESET_TIMEOUT`` like the invitation and reset links.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

SESSION_KEY = "accounts_enrolment_grant"


class EnrolmentTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "eigenkracht.accounts.enrolment.EnrolmentTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        # Not the password hash (as Django's reset tokens): choosing a new password through
        # "wachtwoord vergeten" must not void the link to set up the app.
        return f"{user.pk}{user.email}{user.is_active}{user.second_factor_generation}{timestamp}"


enrolment_token_generator = EnrolmentTokenGenerator()


def enrolment_url(user: Any) -> str:
    """The absolute one-time link (SITE_URL + path) to set up an authenticator app."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = enrolment_token_generator.make_token(user)
    path = reverse("accounts:enrolment_link", kwargs={"uidb64": uidb64, "token": token})
    return settings.SITE_URL.rstrip("/") + path


def enrolment_grant_store(request: HttpRequest, *, user: Any, token: str) -> None:
    request.session[SESSION_KEY] = {"user_id": user.pk, "token": token}


def enrolment_grant_new(request: HttpRequest, *, user: Any) -> None:
    """A grant for `user` in this session, e.g. right after they chose a password through their
    invitation (that link proved they read the mail)."""
    enrolment_grant_store(request, user=user, token=enrolment_token_generator.make_token(user))


def enrolment_granted(request: HttpRequest, user: Any) -> bool:
    data = request.session.get(SESSION_KEY) or {}
    return data.get("user_id") == user.pk and enrolment_token_generator.check_token(
        user, data.get("token")
    )


def enrolment_grant_clear(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
