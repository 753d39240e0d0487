"""Read queries for the public pages and their back office."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from eigenkracht.pages.models import HOME_SLUG, Page


def page_get(slug: str) -> Page:
    """The page with this address, or 404."""
    return get_object_or_404(Page, slug=slug)


def page_find(slug: str) -> Page | None:
    """The page with this address, or None (for pages that must render without it)."""
    return Page.objects.filter(slug=slug).first()


def home_page() -> Page | None:
    return page_find(HOME_SLUG)


def pages_for_backoffice() -> QuerySet[Page]:
    return Page.objects.select_related("updated_by").order_by("title")
