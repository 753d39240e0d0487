"""The seed's story for professionals and families: four pages loaded from pages/content/ as 0002
loads the first ones (only when absent); and the two pages that told people to mail or phone to
refer a family now link the referral form (only where the office has not edited them)."""

import importlib

from django.db import migrations

SLUGS = [
    "samenwerken-met-hulpverleners",
    "waarom-een-ekc-voorstellen",
    "vragen-hulpverleners",
    "vragen-gezinnen",
]
# slug: (the sentence the first text had, the one that replaces it, as in pages/content/).
SENTENCES = {
    "een-ekc-voorstellen": (
        "Neem contact met ons op via het e-mailadres of het telefoonnummer onderaan deze pagina. "
        "We overlopen de aanvraag samen met jou",
        "Vul het [aanmeldingsformulier](/aanmelden/) in, met de vraag, je zorgen en je grenzen. "
        "We nemen daarna contact met je op, overlopen de aanvraag samen met jou",
    ),
    "voor-wie": (
        "Neem gewoon contact met ons op: samen bekijken we",
        "[Meld je aan](/aanmelden/) met het aanmeldingsformulier: daarna nemen we contact met je "
        "op en bekijken we samen",
    ),
}


def load_story(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    # A module name starting with a digit cannot be imported with an import statement.
    read_page = importlib.import_module("eigenkracht.pages.migrations.0002_initial_pages").read_page
    for slug in SLUGS:
        Page.objects.get_or_create(slug=slug, defaults=read_page(slug))
    for slug, (old, new) in SENTENCES.items():
        page = Page.objects.filter(slug=slug, updated_by=None).first()
        if page is not None and old in page.body:
            page.body = page.body.replace(old, new)
            page.save(update_fields=["body"])


def remove_story(apps, schema_editor):
    apps.get_model("pages", "Page").objects.filter(slug__in=SLUGS, updated_by=None).delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0005_privacy_notices")]

    operations = [migrations.RunPython(load_story, remove_story)]
