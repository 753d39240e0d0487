from collections import Counter

from django.db import migrations, models


def count_sectors(apps, schema_editor):
    """The counts of the snapshots taken before the field existed (the model's save fills them
    from now on)."""
    NetworkSnapshot = apps.get_model("network", "NetworkSnapshot")
    known = {"family", "friends", "school_work", "professionals"}
    batch = []
    for snapshot in NetworkSnapshot.objects.only("pk", "data").iterator(chunk_size=500):
        snapshot.sector_counts = dict(
            Counter(row.get("sector") if row.get("sector") in known else "" for row in snapshot.data)
        )
        batch.append(snapshot)
        if len(batch) == 500:
            NetworkSnapshot.objects.bulk_update(batch, ["sector_counts"])
            batch = []
    NetworkSnapshot.objects.bulk_update(batch, ["sector_counts"])


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="networksnapshot",
            name="sector_counts",
            # A database default too: a server's old workers, still running while it migrates,
            # insert snapshots without the column (`manage.py figures_recount` counts them).
            field=models.JSONField(
                default=dict, db_default=models.Value({}, output_field=models.JSONField())
            ),
        ),
        migrations.RunPython(count_sectors, migrations.RunPython.noop),
    ]
