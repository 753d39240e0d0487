"""The two privacy notices, for families and for the people in their network, loaded from
pages/content/ as 0002 loads the first pages; and the public privacy page's last section, which
now links both (only where the office has not edited that page)."""

import importlib

from django.db import migrations

SLUGS = ["privacy-gezinnen", "privacy-netwerk"]
OLD_LAST_SECTION = (
    "We gaan er met de grootste zorg mee om, en we vragen daarvoor altijd toestemming aan wie "
    "het aanbelangt.\n"
)


def _content():
    # A module name starting with a digit cannot be imported with an import statement.
    return importlib.import_module("eigenkracht.pages.migrations.0002_initial_pages")


def load_notices(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    read_page = _content().read_page
    for slug in SLUGS:
        Page.objects.get_or_create(slug=slug, defaults=read_page(slug))
    privacy = Page.objects.filter(slug="privacy", updated_by=None).first()
    if privacy and privacy.body.endswith(OLD_LAST_SECTION):
        new_body = read_page("privacy")["body"]
        last_section = new_body[new_body.rindex("## Eigen Kracht-conferenties") :]
        privacy.body = privacy.body[: privacy.body.rindex("## Eigen Kracht-conferenties")]
        privacy.body += last_section
        privacy.save(update_fields=["body"])


def remove_notices(apps, schema_editor):
    apps.get_model("pages", "Page").objects.filter(slug__in=SLUGS, updated_by=None).delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_privacy_retention_terms")]

    operations = [migrations.RunPython(load_notices, remove_notices)]
