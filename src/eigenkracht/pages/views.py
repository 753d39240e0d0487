from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.core.markdown import markdown_to_html
from eigenkracht.core.retention_terms import retention_rows
from eigenkracht.pages import selectors
from eigenkracht.pages.forms import PageForm
from eigenkracht.pages.models import HOME_SLUG, PRIVACY_SLUGS
from eigenkracht.pages.policies import can_edit_pages
from eigenkracht.pages.services import page_update


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html", {"page": selectors.home_page()})


def page(request: HttpRequest, slug: str) -> HttpResponse:
    if slug == HOME_SLUG:
        return redirect("pages:home", permanent=True)
    page = selectors.page_get(slug)
    context: dict[str, object] = {"page": page}
    if page.shows_retention_terms:
        context["body_before"], context["body_after"] = page.body_html_around_terms()
        context["retention_rows"] = retention_rows(codes=PRIVACY_SLUGS[page.slug])
    return render(request, "pages/page.html", context)


# Back office ------------------------------------------------------------------------------------


@policy_required(can_edit_pages)
def page_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "pages/backoffice/page_list.html", {"pages": selectors.pages_for_backoffice()}
    )


@policy_required(can_edit_pages)
def page_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Edit a page's texts. "Voorbeeld" shows the result below the form without saving."""
    page = selectors.page_get(slug)
    preview = None
    if request.method == "POST":
        form = PageForm(request.POST)
        if form.is_valid():
            if request.POST.get("action") == "save":
                page_update(page=page, actor=request.user, **form.cleaned_data)
                title = form.cleaned_data["title"]
                messages.success(
                    request, _("De pagina is opgeslagen: %(title)s.") % {"title": title}
                )
                return redirect("pages_backoffice:page_list")
            preview = {
                "title": form.cleaned_data["title"],
                "intro": form.cleaned_data["intro"],
                "body_html": markdown_to_html(form.cleaned_data["body"]),
            }
    else:
        form = PageForm.for_page(page)
    return render(
        request,
        "pages/backoffice/page_form.html",
        {"page": page, "form": form, "preview": preview},
    )
