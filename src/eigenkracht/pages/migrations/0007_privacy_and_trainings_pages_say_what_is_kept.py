"""The privacy page names everything the registration form asks (and the candidates' data), and
the trainings page says where the payment details come: in the mail, not on the page after the
form. Loaded from pages/content/ into the pages the office has not edited."""

import importlib

from django.db import migrations

SLUGS = ["privacy", "vormingen"]


def load_unedited(apps, slugs):
    """The text of pages/content/ into these pages, where the office has not edited them."""
    Page = apps.get_model("pages", "Page")
    # A module name starting with a digit cannot be imported with an import statement.
    read_page = importlib.import_module("eigenkracht.pages.migrations.0002_initial_pages").read_page
    for page in Page.objects.filter(slug__in=slugs, updated_by=None):
        page.body = read_page(page.slug)["body"]
        # The new moment also gives the calendar's cached trainings page its new text.
        page.save(update_fields=["body", "updated_at"])


def update_pages(apps, schema_editor):
    load_unedited(apps, SLUGS)


class Migration(migrations.Migration):
    dependencies = [("pages", "0006_seed_story_pages")]

    operations = [migrations.RunPython(update_pages, migrations.RunPython.noop)]
