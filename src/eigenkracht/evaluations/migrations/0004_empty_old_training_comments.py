"""Retention now empties a training's open evaluation answers with its registrations: those of
trainings whose registrations were all made anonymous before are emptied here."""

from django.db import migrations


def empty_comments(apps, schema_editor):
    TrainingResponse = apps.get_model("evaluations", "TrainingResponse")
    Registration = apps.get_model("trainings", "Registration")
    anonymised = set(
        Registration.objects.filter(anonymised_at__isnull=False).values_list(
            "training_id", flat=True
        )
    )
    kept = set(
        Registration.objects.filter(anonymised_at__isnull=True).values_list(
            "training_id", flat=True
        )
    )
    TrainingResponse.objects.filter(training_id__in=anonymised - kept).exclude(comment="").update(
        comment=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0003_conference_tally"),
        ("trainings", "0021_registration_phone_plain_column"),
    ]

    operations = [migrations.RunPython(empty_comments, migrations.RunPython.noop)]
