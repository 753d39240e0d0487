"""Rate limits that count attempts, not only successes.

`attempt_allowed` records the attempt and says whether it is still within the limit, so a
form refuses the sixth try of the hour whether the five before it succeeded or not. Keys are
hashed with the secret key: the table holds no addresses.
"""

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

from eigenkracht.core.models import Attempt

# Attempts older than this are deleted by `run_periodic`; no limit looks further back.
KEEP = dt.timedelta(days=1)


def _hash(scope: str, key: str) -> str:
    message = f"{scope}:{key.strip().lower()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def attempt_allowed(*, scope: str, key: str | None, limit: int, within: dt.timedelta) -> bool:
    """Record one attempt under `key`; False when it is more than `limit` within `within`.

    An empty key (no client address known) is never limited: there is nothing to count on.
    """
    if not key:
        return True
    key_hash = _hash(scope, key)
    now = timezone.now()
    earlier = Attempt.objects.filter(
        scope=scope, key_hash=key_hash, created_at__gt=now - within
    ).count()
    Attempt.objects.create(scope=scope, key_hash=key_hash, created_at=now)
    return earlier < limit


def attempts_prune(*, now: dt.datetime | None = None) -> int:
    deleted, _ = Attempt.objects.filter(created_at__lt=(now or timezone.now()) - KEEP).delete()
    return deleted
