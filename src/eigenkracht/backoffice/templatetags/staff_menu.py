from typing import Any

from django import template

from eigenkracht.backoffice.menu import MenuItem
from eigenkracht.backoffice.menu import staff_menu as menu_for

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_menu(context: dict[str, Any]) -> list[MenuItem]:
    request = context["request"]
    return menu_for(request.user, request.path)
