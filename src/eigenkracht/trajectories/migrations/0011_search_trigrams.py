# The trajectory list's and the staff search's search looks inside references and main
# people's names with icontains: trigram indexes on PostgreSQL, nothing on SQLite.

from django.db import migrations

from eigenkracht.core.pg_indexes import AddIndexOnPostgres, TrigramExtensionKept, trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("trajectories", "0010_referrer_sector"),
    ]

    operations = [
        TrigramExtensionKept(),
        AddIndexOnPostgres(
            "trajectory", trigram_index(name="trajectory_reference_trgm", column="reference")
        ),
        AddIndexOnPostgres(
            "participant", trigram_index(name="participant_name_trgm", column="name")
        ),
    ]
