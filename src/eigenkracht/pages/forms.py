from django import forms
from django.utils.translation import gettext_lazy as _

from eigenkracht.pages.models import Page


def _field_max_length(name: str) -> int | None:
    return Page._meta.get_field(name).max_length


class PageForm(forms.Form):
    """The texts of one page; saving goes through `page_update`, never through this form."""

    title = forms.CharField(label=_("Titel"), max_length=_field_max_length("title"))
    intro = forms.CharField(
        label=_("Inleiding"),
        max_length=_field_max_length("intro"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén of twee zinnen bovenaan de pagina, zonder opmaak."),
    )
    body = forms.CharField(
        label=_("Tekst"),
        max_length=_field_max_length("body"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "Opmaak met Markdown: ## Tussentitel, **vet**, *schuin*, - opsomming, "
            "[linktekst](https://...). HTML-code wordt als gewone tekst getoond."
        ),
    )

    @classmethod
    def for_page(cls, page: Page) -> "PageForm":
        return cls(initial={"title": page.title, "intro": page.intro, "body": page.body})

    def clean_body(self) -> str:
        return self.cleaned_data["body"].replace("\r\n", "\n")
