from django.db import migrations


def forget_recipients(apps, schema_editor):
    """Entries about a mail were written with "recipient: subject" as the object's name; a mail
    is about a person, so its entries now hold its id alone (core.audit.PERSONAL_OBJECTS)."""
    AuditEntry = apps.get_model("core", "AuditEntry")
    AuditEntry.objects.filter(object_type="core.outboxmessage").exclude(object_repr="").update(
        object_repr=""
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0019_retention_searched_at")]

    operations = [migrations.RunPython(forget_recipients, migrations.RunPython.noop)]
