"""The office's saved offer texts kept the starter's "you were first on the waiting list", untrue
when the office offers a seat out of turn: that clause is replaced as the starters now word it.
The rest of a text the office wrote stays as it is."""

from django.db import migrations

# Language -> (the old starter's clause, the new one), as in mail_templates/starters.py.
CLAUSES = {
    "nl": (
        "en jij stond als eerste op de wachtlijst",
        "en we bieden ze jou aan van op de wachtlijst",
    ),
    "fr": (
        "et vous étiez le premier ou la première sur la liste d'attente",
        "et nous vous la proposons depuis la liste d'attente",
    ),
    "en": (
        "and you were first on the waiting list",
        "and we offer it to you from the waiting list",
    ),
}


def forward(apps, schema_editor):
    MailTemplate = apps.get_model("trainings", "MailTemplate")
    for text in MailTemplate.objects.filter(kind="offer"):
        old, new = CLAUSES.get(text.language, ("", ""))
        if old and old in text.body:
            text.body = text.body.replace(old, new)
            text.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("trainings", "0021_registration_phone_plain_column")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
