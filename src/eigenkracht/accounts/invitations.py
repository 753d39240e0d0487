"""One-time invitation links: a new user (e.g. a referrer created by the referral form, who has
no usable password yet) follows the link, chooses a password and then logs in (where they enrol
their second factor).

The token comes from a Django password-reset-style token generator with its own salt: it is tied
to the user's password hash and last login, so it stops working once the password is set, and it
expires after ``settings.PASSWORD_RESET_TIMEOUT``. Invitation and password-reset tokens are not
interchangeable.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "eigenkracht.accounts.invitations.InvitationTokenGenerator"


invitation_token_generator = InvitationTokenGenerator()


def invitation_path(user) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_token_generator.make_token(user)
    return reverse("accounts:invitation", kwargs={"uidb64": uidb64, "token": token})


def invitation_url(user) -> str:
    """The absolute link (SITE_URL + path) where ``user`` chooses a password; works once."""
    return settings.SITE_URL.rstrip("/") + invitation_path(user)
