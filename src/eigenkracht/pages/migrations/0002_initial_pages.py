"""Load the public pages' first texts from pages/content/ so a fresh database has them.

Existing pages are left alone: once the office has edited a text, migrating again never
overwrites it.
"""

from pathlib import Path

from django.db import migrations

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
SLUGS = [
    "home",
    "eigen-kracht-conferentie",
    "voor-wie",
    "een-ekc-voorstellen",
    "vormingen",
    "privacy",
]


def read_page(slug):
    """A content file: `title:` and `intro:` lines, a `---` line, then the Markdown body."""
    text = (CONTENT_DIR / f"{slug}.md").read_text(encoding="utf-8")
    header, _, body = text.partition("\n---\n")
    fields = {}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return {"title": fields["title"], "intro": fields.get("intro", ""), "body": body.strip() + "\n"}


def load_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for slug in SLUGS:
        Page.objects.get_or_create(slug=slug, defaults=read_page(slug))


def remove_pages(apps, schema_editor):
    apps.get_model("pages", "Page").objects.filter(slug__in=SLUGS, updated_by=None).delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(load_pages, remove_pages)]
