"""The client's address: one rule for login throttling (django-axes calls `client_ip` through
AXES_CLIENT_IP_CALLABLE), the burst limits and the audit log."""

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def client_ip(request: HttpRequest) -> str | None:
    """The address the outermost of our own proxies saw.

    Each proxy appends the address it received the request from to CLIENT_IP_HEADER
    (X-Forwarded-For), so the client is the TRUSTED_PROXY_COUNT-th entry from the right, and
    whatever a client wrote in front of that is ignored. ipware counts only the proxies *listed*
    in the header (the last proxy is REMOTE_ADDR, not in the list), hence the `- 1`. Not strict:
    nginx may overwrite the header (one entry) or append to what the client sent (several).
    Without a proxy (REMOTE_ADDR, or a count of 0), and when the header is missing, unreadable or
    shorter than the trusted chain (the request did not come through our proxies), the peer's
    address is all we know.
    """
    peer = request.META.get("REMOTE_ADDR") or None
    header = settings.CLIENT_IP_HEADER
    proxies = settings.TRUSTED_PROXY_COUNT if header != "REMOTE_ADDR" else 0
    if proxies < 1:
        return peer
    address, _routable = get_client_ip(
        request, proxy_count=proxies - 1, request_header_order=[header], strict=False
    )
    return address or peer
