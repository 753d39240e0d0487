"""The seed's story on the public site: pages for professionals and families that say why an Eigen
Kracht-conferentie is worth proposing, and that send whoever wants to refer to the form."""

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from eigenkracht.pages.models import Page
from tests.factories import TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db

REFERRAL_FORM = reverse("referral:form")
STORY_PAGES = {
    "samenwerken-met-hulpverleners": "Samenwerken met hulpverleners",
    "waarom-een-ekc-voorstellen": "Waarom een EKc voorstellen?",
    "vragen-hulpverleners": "Veelgestelde vragen van hulpverleners",
    "vragen-gezinnen": "Veelgestelde vragen van gezinnen",
}
# Telling someone to mail or phone us to refer a family, as two pages once did.
MAIL_OR_PHONE = re.compile(
    r"(neem (gewoon )?contact met ons op|mail of bel|e-mailadres of het telefoonnummer)"
    r"[^.]*\.",
    re.IGNORECASE,
)


@pytest.mark.parametrize(("slug", "title"), STORY_PAGES.items())
def test_each_story_page_exists_and_links_the_referral_form(client, slug, title):
    response = client.get(reverse("pages:page", args=[slug]))

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert f'href="{REFERRAL_FORM}"' in html


def test_the_story_pages_tell_what_the_seed_tells(client):
    together = client.get("/samenwerken-met-hulpverleners/").content.decode()
    why = client.get("/waarom-een-ekc-voorstellen/").content.decode()

    assert "niet buitenspel" in together
    assert "expertmodel" in together and "beslissingsmodel" in together
    for words in (
        "verrassende oplossingen",
        "minder weerstand",
        "vraaggestuurd",
        "rechten van burgers",
        "Maori",
        "1989",
        "netwerk om op terug te vallen",
        "groeit vanzelf",
        "onafhankelijk en neutraal",
    ):
        assert words in why, words


def test_the_coordinator_page_has_the_application_form(client):
    html = client.get(reverse("volunteers_public:apply")).content.decode()
    assert "<h1>Word EK-coördinator</h1>" in html
    assert "<form" in html


def test_every_page_that_speaks_of_referring_links_the_form_and_none_says_mail_or_phone(client):
    for page in Page.objects.all():
        assert not MAIL_OR_PHONE.search(page.body) or "aanmeld" not in (
            MAIL_OR_PHONE.search(page.body).group(0).lower()
        ), page.slug
        if page.slug.startswith("privacy"):
            continue  # mailing about one's own data is right there
        for sentence in re.split(r"(?<=[.!?])\s", page.body):
            if re.search(r"\b(aanmelden|meld\w* .*aan)\b", sentence, re.IGNORECASE):
                assert not re.search(r"\b(mail|bel|telefoon)", sentence, re.IGNORECASE), (
                    page.slug,
                    sentence,
                )
    for slug in ("een-ekc-voorstellen", "voor-wie"):
        html = client.get(reverse("pages:page", args=[slug])).content.decode()
        assert f'href="{REFERRAL_FORM}"' in html, slug
        assert not MAIL_OR_PHONE.search(html), slug


def test_the_migration_mends_a_page_nobody_edited_and_leaves_an_edited_one_alone():
    migration = importlib.import_module("eigenkracht.pages.migrations.0006_seed_story_pages")
    old, _new = migration.SENTENCES["voor-wie"]
    unedited = Page.objects.get(slug="voor-wie")
    unedited.body = f"Je kan zelf aanvragen. {old} jouw vraag.\n"
    unedited.save()
    edited = Page.objects.get(slug="een-ekc-voorstellen")
    edited.body = migration.SENTENCES["een-ekc-voorstellen"][0] + "\n"
    edited.updated_by = UserFactory(email="kantoor2@example.org", role="office")
    edited.save()
    Page.objects.filter(slug="vragen-gezinnen").delete()

    migration.load_story(apps, None)

    unedited.refresh_from_db()
    assert "[Meld je aan](/aanmelden/)" in unedited.body and old not in unedited.body
    edited.refresh_from_db()
    assert edited.body == migration.SENTENCES["een-ekc-voorstellen"][0] + "\n"
    assert Page.objects.filter(slug="vragen-gezinnen").exists()


def test_the_office_edits_a_story_page_like_any_other(client):
    page = Page.objects.get(slug="vragen-gezinnen")
    assert page.get_absolute_url() == "/vragen-gezinnen/"


def test_the_training_page_calls_to_register_with_the_purple_button(client):
    training = TrainingFactory()
    html = client.get(reverse("trainings:detail", args=[training.pk])).content.decode()
    register = reverse("trainings:register", args=[training.pk])
    assert f'<a class="button" href="{register}">' in html
