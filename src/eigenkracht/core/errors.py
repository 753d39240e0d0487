"""Error pages (400, 403, 404, 500, CSRF failure) in Dutch and in the site's layout, JSON under
/api/, and a log filter that keeps refused requests to one line.

Imported when logging is configured (before the app registry is ready): no models here.
"""

import logging

from django.core.exceptions import DisallowedHost, RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _back_url(request: HttpRequest) -> str:
    """The page the visitor came from, when it is one of ours and not the page that just failed
    to show (a form sent to its own address does lead back to it)."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:
        return ""
    if not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return ""
    if request.method == "GET" and referer == request.build_absolute_uri():
        return ""
    return referer


def _error(request: HttpRequest, *, status: int, template: str, detail: str) -> HttpResponse:
    if is_api_request(request):
        return JsonResponse({"detail": detail}, status=status)
    return render(request, template, {"back_url": _back_url(request)}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
        return _error(
            request,
            status=400,
            template="400_too_big.html",
            detail=_("Wat je verstuurde is te groot om te verwerken."),
        )
    return _error(
        request,
        status=400,
        template="400.html",
        detail=_("Het verzoek kan niet verwerkt worden: het adres of een gegeven is ongeldig."),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request, status=403, template="403.html", detail=_("Je hebt geen toegang tot deze pagina.")
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, status=404, template="404.html", detail=_("Niet gevonden."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        status=403,
        template="403_csrf.html",
        detail=_("Het formulier was verlopen. Laad de pagina opnieuw en verstuur het nog eens."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without a request context: nothing here may need the database, the session or
    anything else that may be what just failed."""
    detail = _("Er ging iets mis aan onze kant. Probeer het later opnieuw.")
    if is_api_request(request):
        return JsonResponse({"detail": detail}, status=500)
    return HttpResponse(loader.get_template("500.html").render(), status=500)


class OneLineClientErrors(logging.Filter):
    """A refused request (4xx) is the visitor's doing, not a fault in the code: log one line
    without the traceback Django attaches (every PermissionDenied would otherwise print one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
