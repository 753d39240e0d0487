from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

# Higher page numbers than this are read as this one (and then as the last page there is).
MAX_PAGE_NUMBER = 10_000


def page_number(request: HttpRequest) -> int:
    """The requested page number (`?page=`), forgiving about nonsense: 1 when unreadable."""
    try:
        number = int(request.GET.get("page", 1))
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE_NUMBER)


def _with_links(paginator: Paginator, number: int | str | None) -> Page:
    page = paginator.get_page(number)
    page.elided_range = list(
        paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int) -> Page:
    """The requested page (`?page=`), forgiving about nonsense, with the numbers to link to."""
    return _with_links(Paginator(queryset, per_page), request.GET.get("page"))


def paginate_count(count: int, number: int, per_page: int) -> Page:
    """The page links for `count` items whose page itself was rendered elsewhere (cached)."""
    return _with_links(Paginator(range(count), per_page), number)
