"""View decorators: a page behind one policy, for a verified login."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from eigenkracht.accounts.policies import needs_second_factor
from eigenkracht.accounts.two_factor import is_verified


def policy_required(policy: Callable[[object], bool]) -> Callable:
    """Anonymous users, and sessions that have not passed the second factor, go to the login page
    (with ``next``); logged-in, verified users the policy refuses get 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if needs_second_factor(request.user) and not is_verified(request):
                return redirect_to_login(request.get_full_path())
            if not policy(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
