"""A form sent twice acts once: a double click, a second tap on a slow network, the back button.

Each such form carries a random token in a hidden field (`once_field`). The service that acts on
it records the token in its own transaction (`once_claim`): the unique constraint lets one send
through; the other waits for it and raises `SentBefore`, which the view answers as the first
send was answered. A send that is refused records nothing, so the corrected form goes through.
"""

import datetime as dt
import secrets

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.models import SentForm
from eigenkracht.core.refusals import Refused

# Tokens older than this are deleted by `run_periodic`: nobody sends a form again a day later.
KEEP = dt.timedelta(days=1)
TOKEN_LENGTH = 40


class SentBefore(Refused):
    """This form was sent before and did its work then."""


def once_token() -> str:
    return secrets.token_urlsafe(24)


class OnceField(forms.CharField):
    """A token that is too long is cut, not refused: the field is hidden, so nobody could correct
    it, and an altered token only goes unrecognised."""

    def to_python(self, value: object) -> str:
        return super().to_python(value)[: self.max_length]


def once_field() -> forms.CharField:
    """The hidden field holding the form's token, a new one each time the empty form is shown."""
    return OnceField(
        required=False, max_length=TOKEN_LENGTH, initial=once_token, widget=forms.HiddenInput
    )


def once_claim(*, scope: str, token: str) -> None:
    """Record the form's token in the caller's transaction; `SentBefore` if it was sent before.
    A form without a token (a page from before the tokens) is not checked."""
    if not token:
        return
    try:
        with transaction.atomic():
            SentForm.objects.create(scope=scope, token=token[:TOKEN_LENGTH])
    except IntegrityError as exc:
        raise SentBefore(_("Dit formulier werd al verstuurd; het werd één keer bewaard.")) from exc


def sent_forms_prune(*, now: dt.datetime | None = None) -> int:
    deleted, _count = SentForm.objects.filter(
        created_at__lt=(now or timezone.now()) - KEEP
    ).delete()
    return deleted
