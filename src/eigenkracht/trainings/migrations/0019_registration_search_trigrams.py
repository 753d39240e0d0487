# The staff search (backoffice/search.py) looks inside registrants' names and e-mail addresses
# with icontains: trigram indexes on PostgreSQL, nothing on SQLite (training titles: a small
# table, read whole).

from django.db import migrations

from eigenkracht.core.pg_indexes import AddIndexOnPostgres, TrigramExtensionKept, trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("trainings", "0018_registration_sector_and_postcode"),
    ]

    operations = [
        TrigramExtensionKept(),
        AddIndexOnPostgres(
            "registration", trigram_index(name="registration_first_name_trgm", column="first_name")
        ),
        AddIndexOnPostgres(
            "registration", trigram_index(name="registration_last_name_trgm", column="last_name")
        ),
        AddIndexOnPostgres(
            "registration", trigram_index(name="registration_email_trgm", column="email")
        ),
    ]
