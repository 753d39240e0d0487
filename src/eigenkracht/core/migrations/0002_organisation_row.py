from django.db import migrations


def create_organisation(apps, schema_editor):
    # The organisation's single row exists from the start, so pages never create it mid-request.
    apps.get_model("core", "Organisation").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_organisation, migrations.RunPython.noop)]
