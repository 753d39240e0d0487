"""Every logged-in session (staff, coordinators, referrers: all read family data) ends after
SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after the login whatever happens.

The login stamps the session (`session_limits_start`, on Django's `user_logged_in` signal); the
middleware checks the stamps on each request. An expired session is logged out and sent to the
login page with a message that says why, and `next` leads back to the page that was asked for.
A logged-in session without stamps dates from before these limits and ends too.
"""

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

STARTED_KEY = "accounts_session_started"
SEEN_KEY = "accounts_session_seen"
# The last request's time is written at most once a minute: a session is then saved (one write)
# once a minute of activity instead of on every request, and the idle limit holds to the minute.
SEEN_RESOLUTION_SECONDS = 60


def session_limits_start(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    now = time.time()
    request.session[STARTED_KEY] = now
    request.session[SEEN_KEY] = now
    # The cookie and the stored session end at the absolute limit too (`clearsessions` removes
    # them then), instead of Django's default of two weeks after the last change.
    request.session.set_expiry(timezone.now() + dt.timedelta(hours=settings.SESSION_MAX_HOURS))


def _expired_because(request: HttpRequest, now: float) -> str | None:
    """Why this session has ended, or None while it is still good."""
    started = request.session.get(STARTED_KEY)
    seen = request.session.get(SEEN_KEY)
    if started is None or seen is None:
        return _("Je sessie is verlopen. Log opnieuw in.")
    hours = settings.SESSION_MAX_HOURS
    if now - started > hours * 3600:
        return _(
            "Je was langer dan %(hours)s uur ingelogd en bent daarom uitgelogd. Log opnieuw "
            "in om verder te werken."
        ) % {"hours": number_format(hours, decimal_pos=0 if hours == int(hours) else 1)}
    minutes = settings.SESSION_IDLE_MINUTES
    if now - seen > minutes * 60:
        return ngettext(
            "Je was %(minutes)d minuut niet actief en bent daarom uitgelogd. Log opnieuw in "
            "om verder te werken.",
            "Je was %(minutes)d minuten niet actief en bent daarom uitgelogd. Log opnieuw in "
            "om verder te werken.",
            minutes,
        ) % {"minutes": minutes}
    return None


class SessionLimitMiddleware:
    """Placed after the authentication and message middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            reason = _expired_because(request, now)
            if reason is not None:
                auth.logout(request)
                messages.warning(request, reason)
                # The login and logout pages themselves carry on, now without the session.
                if request.path not in (reverse("accounts:login"), reverse("accounts:logout")):
                    return redirect_to_login(request.get_full_path())
            elif now - request.session[SEEN_KEY] >= SEEN_RESOLUTION_SECONDS:
                request.session[SEEN_KEY] = now
        return self.get_response(request)
