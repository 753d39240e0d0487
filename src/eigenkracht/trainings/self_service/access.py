"""How a registrant reaches their own pages without an account.

The link in every mail carries a secret token (`/inschrijving/<token>/`). Its first use stores
the registration in the browser's session and redirects to an address without the secret
(`/mijn-inschrijving/<code>/`), so that the token appears in one log line instead of one per
click, and never in a Referer. The pages under that address answer only to a session that came
through the link.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from eigenkracht.trainings.models import Registration

SESSION_KEY = "registrations"
# A browser rarely holds more; the oldest is forgotten first.
MAX_REMEMBERED = 20


def registration_grant(request: HttpRequest, registration: Registration) -> None:
    granted = [pk for pk in request.session.get(SESSION_KEY, []) if pk != registration.pk]
    request.session[SESSION_KEY] = [*granted, registration.pk][-MAX_REMEMBERED:]
    # A new session key: whoever knew the cookie before the link was used learns nothing.
    request.session.cycle_key()


def private(response: HttpResponse) -> HttpResponse:
    """Never stored by a browser or a proxy, never indexed. Not no-referrer: browsers then send
    "Origin: null" with the forms, which CSRF refuses."""
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def link_needed(request: HttpRequest) -> HttpResponse:
    """The same answer for a code that does not exist and one this browser may not open."""
    code = request.resolver_match.kwargs.get("code", "") if request.resolver_match else ""
    return private(
        render(request, "trainings/self_service/link_needed.html", {"code": code[:12]}, status=403)
    )


def registrant_view(
    queryset: Callable[[], QuerySet[Registration]],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A registrant's page: `view(request, registration)`, for a session that used the link."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, code: str, *args: Any, **kwargs: Any) -> HttpResponse:
            granted = request.session.get(SESSION_KEY, [])
            registration = queryset().filter(code=code, pk__in=granted).first()
            if registration is None:
                return link_needed(request)
            return private(view(request, registration, *args, **kwargs))

        return wrapper

    return decorate
