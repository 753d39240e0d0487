"""The last published maxima, so the office starts from them; it corrects them on the year page.
2024 was checked against Vlaanderen Vrijwilligt; 2025 is said to be checked before use. No value
for 2026 had been published in a source we could read."""

from django.db import migrations

CAPS = [
    (
        2024,
        4148,
        165929,
        "https://www.vlaanderenvrijwilligt.be/wetgeving/kostenvergoedingen/",
    ),
    (2025, 4231, 169251, "Te controleren: nog niet nagekeken in een officiële bron."),
]
KM_RATES = [
    (
        2024,
        1,
        "0.4269",
        "https://www.twizzit.com/v2/blog/article/volunteer-allowances-maximum-2024 (te controleren"
        " bij de FOD BOSA)",
    ),
]


def forwards(apps, schema_editor):
    YearCaps = apps.get_model("allowances", "YearCaps")
    KmRate = apps.get_model("allowances", "KmRate")
    for year, day, year_cap, source in CAPS:
        YearCaps.objects.get_or_create(
            year=year,
            defaults={
                "day_cap_cents": day,
                "year_cap_cents": year_cap,
                "day_amount_cents": day,
                "source": source,
            },
        )
    for year, quarter, rate, source in KM_RATES:
        KmRate.objects.get_or_create(
            year=year, quarter=quarter, defaults={"rate": rate, "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [("allowances", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
