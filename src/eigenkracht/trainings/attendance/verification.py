"""Public: anyone (a fund, an employer) checks a certificate by the code printed on it.

The page shows the name, the training and its date, nothing more. Unknown codes answer the same
404 as any missing page; every check counts towards a limit per client address.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from eigenkracht.core.http import client_ip
from eigenkracht.trainings.attendance.services import (
    certificate_check_allowed,
    certificate_code_clean,
    certificate_find,
)


def _private(response: HttpResponse) -> HttpResponse:
    """Never indexed, never stored by a proxy or the page cache."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def certificate_form(request: HttpRequest) -> HttpResponse:
    typed = request.GET.get("code", "")[:40]
    error = ""
    if "code" in request.GET and not typed.strip():
        error = _("Vul de verificatiecode in die op het attest staat.")
    elif typed:
        code = certificate_code_clean(typed)
        if code:
            return redirect("trainings:certificate_check", code=code)
        error = _("Een verificatiecode telt 10 letters en cijfers, zoals die op het attest.")
    return _private(
        render(
            request,
            "trainings/attendance/certificate_form.html",
            {"typed": typed, "error": error},
            status=400 if error else 200,
        )
    )


@require_GET
def certificate_check(request: HttpRequest, code: str) -> HttpResponse:
    if not certificate_check_allowed(client_ip=client_ip(request)):
        return _private(
            render(request, "trainings/attendance/certificate_limited.html", status=429)
        )
    participant = certificate_find(code)
    if participant is None:
        # Said plainly to whoever checks: no certificate of ours carries this code.
        return _private(
            render(
                request,
                "trainings/attendance/certificate_form.html",
                {
                    "typed": code,
                    "error": _(
                        "Geen attest met deze code. Kijk de code na; klopt ze, dan is dit attest"
                        " niet door ons uitgereikt."
                    ),
                },
                status=404,
            )
        )
    training = participant.training
    return _private(
        render(
            request,
            "trainings/attendance/certificate_check.html",
            {
                "name": participant.full_name,
                "title": training.title,
                "starts_on": training.starts_on,
                "ends_on": training.ends_on,
            },
        )
    )
