from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from eigenkracht.core.errors import bad_request


class PrivatePagesMiddleware:
    """Pages made for a logged-in person are never stored by the browser or a proxy: after
    logging out on a shared computer, "back" must not show a family's file again. Responses that
    set their own Cache-Control (files with `private, no-store`) keep it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


NUL = "\x00"


def _carries_nul(request: HttpRequest) -> bool:
    if NUL in request.path_info:
        return True
    texts: list[str] = [
        value
        for key, value in request.META.items()
        if key.startswith("HTTP_") and isinstance(value, str)
    ]
    texts += [*request.COOKIES.keys(), *request.COOKIES.values()]
    for data in (request.GET, request.POST):
        for key, values in data.lists():
            texts += [key, *values]
    texts += [upload.name or "" for upload in request.FILES.values()]
    return any(NUL in text for text in texts)


class RejectNulMiddleware:
    """A NUL character belongs in no address, header, cookie or form field, and PostgreSQL
    refuses it in text (a query with one fails as a server error). Answer 400 before any session,
    view or log writer passes it on. Sits high in the list, so nothing below ever sees it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _carries_nul(request):
            return bad_request(request)
        return self.get_response(request)
