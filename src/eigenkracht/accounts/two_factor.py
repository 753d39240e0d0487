"""The second factor (TOTP with recovery codes) that every account logs in with.

``second_factor_required`` guards a view: anonymous users and sessions whose second factor has
not been verified (``request.user.is_verified()`` from django-otp) go to the login page, with
``next`` set to the page they asked for.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse


def is_verified(request: HttpRequest) -> bool:
    """True when the request's user is logged in *and* passed the second factor."""
    user = request.user
    if not user.is_authenticated:
        return False
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def second_factor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous or not-yet-verified sessions are sent to the login page (with ``next``)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_verified(request):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped
