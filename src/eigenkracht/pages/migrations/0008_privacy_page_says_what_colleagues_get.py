"""The privacy page says what the colleagues someone registers are mailed (the practical
information, their certificate, and the end of their registration), where the office has not
edited the page."""

import importlib

from django.db import migrations


def update_page(apps, schema_editor):
    importlib.import_module(
        "eigenkracht.pages.migrations.0007_privacy_and_trainings_pages_say_what_is_kept"
    ).load_unedited(apps, ["privacy"])


class Migration(migrations.Migration):
    dependencies = [("pages", "0007_privacy_and_trainings_pages_say_what_is_kept")]

    operations = [migrations.RunPython(update_page, migrations.RunPython.noop)]
