"""What a visitor sees on the public information pages."""

import pytest
from django.urls import reverse

from eigenkracht.pages.models import Page
from tests.factories import TrainingFactory
from tests.pages.factories import PageFactory

pytestmark = pytest.mark.django_db

INITIAL_PAGES = {
    "eigen-kracht-conferentie": "Wat is een Eigen Kracht-conferentie?",
    "voor-wie": "Voor wie?",
    "een-ekc-voorstellen": "Een Eigen Kracht-conferentie voorstellen",
    "privacy": "Privacyverklaring",
}


def test_a_fresh_database_has_all_public_texts():
    assert set(Page.objects.values_list("slug", flat=True)) >= {
        "home",
        "eigen-kracht-conferentie",
        "voor-wie",
        "een-ekc-voorstellen",
        "vormingen",
        "privacy",
    }


@pytest.mark.parametrize(("slug", "heading"), INITIAL_PAGES.items())
def test_each_information_page_shows_its_dutch_heading(client, slug, heading):
    response = client.get(reverse("pages:page", args=[slug]))

    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_the_ekc_page_explains_the_phases_and_the_origin(client):
    html = client.get("/eigen-kracht-conferentie/").content.decode()

    for words in ("informatieronde", "besloten gedeelte", "coördinator", "Nieuw-Zeeland"):
        assert words in html


def test_the_home_page_welcomes_and_shows_the_next_three_trainings(client):
    trainings = [TrainingFactory(title=f"Basisvorming {n}") for n in range(4)]

    response = client.get(reverse("pages:home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Samen een plan maken, met de mensen die ertoe doen</h1>" in html
    assert "Eerstvolgende vormingen" in html
    shown = [t for t in trainings if t.title in html]
    assert len(shown) == 3
    assert reverse("trainings:detail", args=[shown[0].pk]) in html
    assert reverse("trainings:calendar") in html
    assert reverse("pages:page", args=["een-ekc-voorstellen"]) in html


def test_the_home_page_says_so_when_no_training_is_planned(client):
    html = client.get(reverse("pages:home")).content.decode()

    assert "Er staan op dit moment geen vormingen gepland." in html


def test_draft_trainings_stay_off_the_home_page(client):
    TrainingFactory(title="Nog geheime vorming", status="draft")

    assert "Nog geheime vorming" not in client.get("/").content.decode()


def test_an_unknown_address_answers_404(client):
    assert client.get("/bestaat-niet/").status_code == 404


def test_the_home_slug_redirects_to_the_front_page(client):
    response = client.get("/home/")

    assert response.status_code == 301
    assert response["Location"] == "/"


def test_a_script_typed_in_the_text_never_reaches_the_page(client):
    PageFactory(
        slug="test-pagina",
        title="Testpagina",
        intro="<script>alert('intro')</script>",
        body=(
            "Hallo <script>alert('body')</script>\n\n"
            '<img src="x" onerror="alert(1)">\n\n'
            "[klik](javascript:alert(1))"
        ),
    )

    html = client.get("/test-pagina/").content.decode()

    assert "<script>alert" not in html
    assert '<img src="x"' not in html
    assert '&lt;img src="x" onerror' in html  # shown as text, not as an image
    assert "javascript:" not in html
    assert "Hallo &lt;script&gt;alert(" in html  # the body's script shown as text


def test_another_template_can_show_a_page_text_by_its_address():
    from django.template import Context, Template

    html = Template('{% load page_text %}{% page_text "vormingen" %}').render(Context())

    assert "gestructureerde mededeling" in html
    assert "20 euro per deelnemer" in html
    assert (
        Template('{% load page_text %}{% page_text "bestaat-niet" %}').render(Context()).strip()
        == ""
    )
