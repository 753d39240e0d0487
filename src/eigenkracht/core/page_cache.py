"""Cache public pages for visitors, keyed by a version read from the database.

The version (a cheap query over indexed maxima) tells when anything a page shows has changed, so
a change made by any process shows without waiting for a time-out, also with a per-process
cache. Each process re-reads the version at most every PUBLIC_PAGE_FRESHNESS_SECONDS: between two
reads a visitor may see a page that is that many seconds old (seat counts are only displayed;
the registration itself counts seats under a lock). Visitors with a session or pending messages
always get a fresh page, because it may show something personal; its impersonal parts can be
cached as fragments under the same version (`cached_fragment`).
"""

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

TIMEOUT_SECONDS = 60 * 60

# version function -> (version, monotonic time it was read); per process.
_versions: dict[Callable[[], str], tuple[str, float]] = {}
# fragment key -> (what `make()` returned, monotonic time it expires); per process. In front of
# the cache: reading a fragment back from it (unpickling) was a tenth of a training page's time
# for a visitor with a session (bench/calendar.py). Fragments are only read by the pages.
_fragments: dict[str, tuple[object, float]] = {}
FRAGMENTS_KEPT = 500  # then the process starts over: each version and date makes new keys


def _is_anonymous_visit(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _current(version: Callable[[], str]) -> str:
    now = time.monotonic()
    known = _versions.get(version)
    if known is None or now - known[1] >= settings.PUBLIC_PAGE_FRESHNESS_SECONDS:
        known = (version(), now)
        _versions[version] = known
    return known[0]


def current_version(version: Callable[[], str]) -> str:
    """The data version, read at most every PUBLIC_PAGE_FRESHNESS_SECONDS per process."""
    return _current(version)


def cached_fragment(version: str, name: str, parts: tuple, make: Callable[[], object]) -> object:
    """What `make()` returns, cached under `name`, `parts`, the data `version` (from
    `current_version`) and the date.

    For the parts of a page that are the same for everyone (the training cards), also for
    visitors with a session, whose whole page cannot be cached. `parts` must be few and bounded
    (filter values the view validated), so that made-up parameters cannot fill the cache.
    """
    raw = f"{name}|{parts}|{version}|{timezone.localdate()}"
    now = time.monotonic()
    kept = _fragments.get(raw)
    if kept is not None and kept[1] > now:
        return kept[0]
    key = "fragment:" + hashlib.sha256(raw.encode()).hexdigest()
    hit = cache.get(key)
    if hit is None:
        hit = make()
        cache.set(key, hit, TIMEOUT_SECONDS)
    if len(_fragments) >= FRAGMENTS_KEPT:
        _fragments.clear()
    _fragments[raw] = (hit, now + TIMEOUT_SECONDS)
    return hit


def cached_for_visitors(version: Callable[[], str], params: tuple[str, ...] = ()) -> Callable:
    """Cache a view's page for visitors. Only the query parameters in `params` (those the view
    reads) are part of the key, so made-up parameters cannot fill the cache with copies."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not _is_anonymous_visit(request):
                return view(request, *args, **kwargs)
            # The date is in the key: what is upcoming and which seats are held depend on it.
            query = sorted((k, v[:100]) for k, v in request.GET.items() if k in params)
            raw = f"{request.path}|{query}|{_current(version)}|{timezone.localdate()}"
            key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
            hit = cache.get(key)
            if hit is not None:
                content, content_type = hit
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.streaming
                and not response.cookies
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            ):
                cache.set(key, (response.content, response["Content-Type"]), TIMEOUT_SECONDS)
            return response

        return wrapped

    return decorator
