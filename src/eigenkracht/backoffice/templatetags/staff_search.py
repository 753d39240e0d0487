"""`{% staff_search_box %}`: the search box for the staff header, for those who may search."""

from typing import Any

from django import template

from eigenkracht.backoffice.search import REGISTRATIONS, can_search, visible_kinds

register = template.Library()


@register.inclusion_tag("backoffice/_search_box.html", takes_context=True)
def staff_search_box(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "show": user is not None and can_search(user),
        # Coordinators and referrers find only trajectories: their hint names only those.
        "office": user is not None and REGISTRATIONS in visible_kinds(user),
        "search_query": context.get("search_query", ""),
    }
