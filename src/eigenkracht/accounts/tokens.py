"""API keys: create and revoke them (audited), and check the `Authorization: Bearer` header.

The full key is returned once by `api_token_create` and never stored: the database holds its
sha256 hash and its first characters (to tell keys apart in a list).
"""

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from eigenkracht.accounts.models import ApiToken, User
from eigenkracht.accounts.policies import can_see_all_api_tokens, can_use_backoffice
from eigenkracht.core.audit import audit_record

PREFIX_LENGTH = 8


def api_key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


# Selector --------------------------------------------------------------------------------------


def api_tokens_visible_to(user: Any) -> QuerySet[ApiToken]:
    tokens = ApiToken.objects.select_related("user").order_by(
        F("revoked_at").desc(nulls_first=True), "-created_at", "-id"
    )
    if can_see_all_api_tokens(user):
        return tokens
    return tokens.filter(user=user)


# Services --------------------------------------------------------------------------------------


@transaction.atomic
def api_token_create(*, user: User, name: str, actor: User | None) -> tuple[ApiToken, str]:
    """A new key for `user`: returns the stored token and the plain key (show it once)."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip(), prefix=key[:PREFIX_LENGTH], key_hash=api_key_hash(key)
    )
    audit_record(
        actor=actor,
        action="api_token.created",
        obj=token,
        data={"user": user.email, "name": token.name, "prefix": token.prefix},
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User | None) -> ApiToken:
    """Revoke a key at once; revoking a revoked key changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action="api_token.revoked",
        obj=token,
        data={"user_id": token.user_id, "name": token.name, "prefix": token.prefix},
    )
    return token


# Authentication --------------------------------------------------------------------------------


def api_token_authenticate(key: str) -> ApiToken | None:
    """The live token for this key, if its owner may still use the back office."""
    if not key:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=api_key_hash(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not can_use_backoffice(token.user):
        return None
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    return token


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <key>` for staff (office and manager roles); else 401."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return api_token_authenticate(token.strip())
