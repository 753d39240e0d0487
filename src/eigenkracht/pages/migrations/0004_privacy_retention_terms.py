"""The privacy page no longer states its retention terms in its own words: it shows the terms
the system keeps, from the settings, where the marker stands. A page the office edited keeps its
text (the terms then follow it)."""

from django.db import migrations

OLD_SECTION = (
    "## Hoe lang bewaren we ze?\n\n"
    "- Inschrijvingsgegevens bewaren we tot twee jaar na de vorming, zodat we vragen over je "
    "deelname nog kunnen beantwoorden, bijvoorbeeld over een attest. Daarna wissen we ze of maken "
    "we ze anoniem.\n"
    "- Betalingsgegevens bewaren we zo lang als de boekhoudwetgeving voorschrijft: zeven jaar.\n\n"
)


def use_marker(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    page = Page.objects.filter(slug="privacy", updated_by=None).first()
    if page and OLD_SECTION in page.body:
        page.body = page.body.replace(OLD_SECTION, "[bewaartermijnen]\n\n")
        page.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("pages", "0003_free_text_limits")]

    operations = [migrations.RunPython(use_marker, migrations.RunPython.noop)]
