"""The public pages' menu and footer links, rendered once per process for each language and kind
of visitor.

Every public page showed 21 links, each an address reversed and a text translated on every
request: about a third of a training page's time for a visitor with a session (bench/calendar.py).
They change only with a new deployment (addresses, translations), so the rendered HTML is kept
for the life of the process, keyed by what it depends on."""

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

_rendered: dict[tuple[str, str, str | None, str], str] = {}
OFFICE_ROLES = ("office", "manager")  # accounts.Role values (accounts is a layer above core)


def _visitor_kind(user) -> str:
    """Which menu: the links differ for a visitor, the office, a trainer and other accounts."""
    if user is None or not user.is_authenticated:
        return "visitor"
    if user.role in OFFICE_ROLES:
        return "office"
    if user.role == "trainer":
        return "trainer"
    return "account"


def _once(template_name: str, kind: str) -> SafeString:
    key = (template_name, kind, get_language(), get_script_prefix())
    html = _rendered.get(key)
    if html is None:
        html = render_to_string(template_name, {"kind": kind})
        if not settings.DEBUG:  # in development an edited template shows at once
            _rendered[key] = html
    return mark_safe(html)  # noqa: S308 (rendered from the project's own template)


def _forget(**_kwargs) -> None:
    """A changed setting (in tests: addresses, languages) may change the links."""
    _rendered.clear()


setting_changed.connect(_forget)


@register.simple_tag(takes_context=True)
def public_nav(context) -> SafeString:
    return _once("core/_public_nav.html", _visitor_kind(context.get("user")))


@register.simple_tag(takes_context=True)
def public_footer_links(context) -> SafeString:
    return _once("core/_public_footer_links.html", _visitor_kind(context.get("user")))
