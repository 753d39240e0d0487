"""The public page "Word EK-coördinator" from pages/content/ (as pages 0002 loads the first
pages; an edited page is left alone), and the modules of the basic training."""

import importlib

from django.db import migrations

SLUG = "coordinator-worden"
MODULES = [
    "Visie en methodiek van de Eigen Kracht-conferentie",
    "Het netwerk in kaart brengen en uitnodigen",
    "Kinderen en jongeren betrekken",
    "De conferentie voorbereiden en leiden",
    "Het plan, de opvolging en de vervolgconferentie",
]


def load(apps, schema_editor):
    # A module name starting with a digit cannot be imported with an import statement.
    read_page = importlib.import_module("eigenkracht.pages.migrations.0002_initial_pages").read_page
    apps.get_model("pages", "Page").objects.get_or_create(slug=SLUG, defaults=read_page(SLUG))
    TrainingModule = apps.get_model("volunteers", "TrainingModule")
    for position, title in enumerate(MODULES, start=1):
        TrainingModule.objects.get_or_create(title=title, defaults={"position": position})


def remove(apps, schema_editor):
    apps.get_model("pages", "Page").objects.filter(slug=SLUG, updated_by=None).delete()
    apps.get_model("volunteers", "TrainingModule").objects.filter(title__in=MODULES).delete()


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_volunteers"), ("pages", "0005_privacy_notices")]

    operations = [migrations.RunPython(load, remove)]
