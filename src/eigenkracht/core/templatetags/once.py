"""`{% once_input %}`: the hidden token of a form written by hand, so that sending it twice acts
once (core/once.py)."""

from django import template
from django.utils.html import format_html

from eigenkracht.core.once import once_token

register = template.Library()


@register.simple_tag
def once_input() -> str:
    return format_html('<input type="hidden" name="once" value="{}">', once_token())
