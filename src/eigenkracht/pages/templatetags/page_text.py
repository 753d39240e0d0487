"""`{% page_text "vormingen" %}`: show a page's intro and text inside another template.

For pages whose address is taken by another view (the trainings calendar lives at
/vormingen/), so the office can still edit the text that appears there.
"""

from django import template

from eigenkracht.pages.selectors import page_find

register = template.Library()


@register.inclusion_tag("pages/_page_text.html")
def page_text(slug: str) -> dict:
    return {"page": page_find(slug)}
