"""The sectors the referral form and the training registration offer at first; the office edits
the list afterwards."""

from django.db import migrations

SECTORS = (
    "CLB",
    "OCMW",
    "CAW",
    "Jeugdhulp",
    "Justitie",
    "School",
    "Gezondheidszorg",
    "Politie",
    "Burger",
    "Andere",
)


def seed(apps, schema_editor):
    Sector = apps.get_model("core", "Sector")
    for position, name in enumerate(SECTORS, start=1):
        Sector.objects.get_or_create(name=name, defaults={"position": position * 10})


class Migration(migrations.Migration):
    dependencies = [("core", "0017_sector_list")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
