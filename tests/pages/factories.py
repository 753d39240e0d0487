import factory

from eigenkracht.pages.models import Page


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    slug = factory.Sequence(lambda n: f"pagina-{n}")
    title = factory.Sequence(lambda n: f"Pagina {n}")
    intro = "Een korte inleiding."
    body = "## Tussentitel\n\nGewone tekst met **vet**."
