"""The privacy notices for families and for the people in their network: editable pages that
show the retention terms from the settings, linked from the public privacy page."""

import importlib

import pytest
from django.apps import apps

from eigenkracht.core.models import RetentionTerms
from eigenkracht.pages.models import Page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("slug", "title", "why"),
    [
        ("privacy-gezinnen", "Privacy voor gezinnen", "jullie gezin bij ons aangemeld"),
        (
            "privacy-netwerk",
            "Privacy voor wie in het netwerk genoemd wordt",
            "een gezin noemde jou, zodat we je konden uitnodigen",
        ),
    ],
)
def test_each_notice_says_why_we_have_the_data_and_shows_the_terms_from_the_settings(
    client, slug, title, why
):
    page = client.get(f"/{slug}/").content.decode()
    assert title in page
    assert why in page
    assert "Gegevensbeschermingsautoriteit" in page
    assert "tot 5 jaar na de afsluiting van het traject" in page
    assert "[bewaartermijnen]" not in page

    terms = RetentionTerms.current()
    terms.trajectories_years = 3
    terms.referrals_months = 4
    terms.save()
    page = client.get(f"/{slug}/").content.decode()
    assert "tot 3 jaar na de afsluiting van het traject" in page
    assert "4 maanden na de beslissing of na het intrekken van de toestemming" in page
    assert "tot 5 jaar na de afsluiting" not in page


def test_the_public_privacy_page_links_both_notices(client):
    page = client.get("/privacy/").content.decode()
    assert 'href="/privacy-gezinnen/"' in page
    assert 'href="/privacy-netwerk/"' in page


def test_the_migration_links_the_notices_from_a_privacy_page_nobody_edited():
    migration = importlib.import_module("eigenkracht.pages.migrations.0005_privacy_notices")
    privacy = Page.objects.get(slug="privacy")
    old_end = "## Eigen Kracht-conferenties\n\nExtra gevoelig. " + migration.OLD_LAST_SECTION
    privacy.body = privacy.body[: privacy.body.rindex("## Eigen Kracht")] + old_end
    privacy.save()
    migration.load_notices(apps, None)
    privacy.refresh_from_db()
    assert "(/privacy-netwerk/)" in privacy.body
    assert privacy.body.count("## Eigen Kracht-conferenties") == 1


def test_the_privacy_page_names_what_the_registration_form_and_the_candidates_give(client):
    page = client.get("/privacy/").content.decode()
    assert "de sector waarin je werkt en de postcode van je werkplek" in page
    assert "je antwoorden op de vragen die een vorming stelt" in page
    assert "de factuurgegevens van je werkgever" in page
    assert "Kandidaat-coördinatoren" in page
    assert "waarom je coördinator wil worden" in page
    assert "Meld je een gezin aan voor een Eigen Kracht-conferentie" in page


def test_the_family_referral_form_links_the_families_and_the_referrers_notice(client):
    page = client.get("/aanmelden/").content.decode()
    assert 'href="/privacy-gezinnen/">Privacy voor gezinnen</a>' in page
    assert 'href="/privacy/">Privacy voor wie aanmeldt</a>' in page


NEW_TEXTS = [
    (
        "0007_privacy_and_trainings_pages_say_what_is_kept",
        "vormingen",
        "Je krijgt meteen een e-mail met de betaalgegevens",
    ),
    (
        "0008_privacy_page_says_what_colleagues_get",
        "privacy",
        "hen te verwittigen als hun inschrijving geannuleerd wordt",
    ),
    (
        "0009_privacy_notices_say_what_the_referrer_sees",
        "privacy-gezinnen",
        "de naam van wie elke afspraak opneemt of opvolgt",
    ),
    (
        "0009_privacy_notices_say_what_the_referrer_sees",
        "privacy-netwerk",
        "ziet ook de hulpverlener die het gezin aanmeldde die afspraak met je naam",
    ),
]


@pytest.mark.parametrize("edited", [False, True])
@pytest.mark.parametrize(("migration", "slug", "new_text"), NEW_TEXTS)
def test_the_migration_brings_the_new_texts_to_pages_nobody_edited(
    migration, slug, new_text, edited, office_user
):
    migration = importlib.import_module(f"eigenkracht.pages.migrations.{migration}")
    page = Page.objects.get(slug=slug)
    page.body = "Een oudere tekst."
    page.updated_by = office_user if edited else None
    page.save()

    migration.Migration.operations[0].code(apps, None)

    page.refresh_from_db()
    assert (new_text in page.body) is not edited
