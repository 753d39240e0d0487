"""Cache public pages for visitors, keyed by a version read from the database on every request.

The version query is cheap (indexed maxima) and always current, so a change made by any process
shows at once, also with a per-process cache; only the rendering is saved. Visitors with a session
or pending messages always get a fresh page, because it may show something personal.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

TIMEOUT_SECONDS = 60 * 60


def _is_anonymous_visit(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def cached_for_visitors(version: Callable[[], str]) -> Callable:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not _is_anonymous_visit(request):
                return view(request, *args, **kwargs)
            # The date is in the key: what is upcoming and which seats are held depend on it.
            raw = f"{request.get_full_path()}|{version()}|{timezone.localdate()}"
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
