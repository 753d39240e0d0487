"""View code the back office shares."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control

from eigenkracht.core.refusals import Refused


def run_and_report(
    request: HttpRequest,
    service: Callable[[], Any],
    *,
    success: str,
    redirect_to: str,
    **redirect_kwargs: Any,
) -> HttpResponse:
    """Run one service; show `success`, or the service's refusal, on the page redirected to."""
    try:
        service()
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, success)
    return redirect(redirect_to, **redirect_kwargs)


@cache_control(max_age=60 * 60 * 24)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links; send them to the site's icon."""
    return redirect(static("core/favicon.svg"), permanent=True)
