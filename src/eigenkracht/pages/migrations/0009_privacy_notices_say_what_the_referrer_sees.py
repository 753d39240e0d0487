"""The families' and the network's privacy notices say that the referrer reads the plan with the
names of who takes up or follows up each agreement, where the office has not edited them."""

import importlib

from django.db import migrations


def update_pages(apps, schema_editor):
    importlib.import_module(
        "eigenkracht.pages.migrations.0007_privacy_and_trainings_pages_say_what_is_kept"
    ).load_unedited(apps, ["privacy-gezinnen", "privacy-netwerk"])


class Migration(migrations.Migration):
    dependencies = [("pages", "0008_privacy_page_says_what_colleagues_get")]

    operations = [migrations.RunPython(update_pages, migrations.RunPython.noop)]
