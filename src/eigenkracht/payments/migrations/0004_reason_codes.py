"""Reasons as codes with parameters, worded when shown (payments/matching/reasons.py).

Transactions imported before keep their Dutch sentence in `reason`, shown as written, except the
sentences that can be read back exactly: those without data, and the review queue's "Manueel
gekoppeld door ..." and "Niet voor een inschrijving, volgens ...". A sentence with amounts,
codes and names is not parsed back: it stays as it was written, in Dutch. The sentences are
copied here as they were, so that this migration does not change with the reasons module.
"""

import re

from django.db import migrations, models

FIXED = {
    "Uitgaande betaling: die wordt bewaard maar niet aan een inschrijving gekoppeld.": "outgoing",
    "Verrichting zonder bedrag: niets te koppelen.": "no_amount",
    "Geen inschrijving gevonden: de betaling bevat geen gekende gestructureerde mededeling, code "
    "of naam.": "nothing_found",
    "Een naam in de betaling lijkt op een inschrijving, maar niet zeker genoeg om automatisch te "
    "koppelen: kies uit de voorstellen.": "name_uncertain",
    "Enkel een familienaam herkend, zonder voornaam: kies uit de voorstellen of markeer als niet "
    "voor een inschrijving.": "surname_only",
    "Geen naam herkend; voorstellen op basis van de organisatie van de betaler: kies de juiste "
    "inschrijving(en).": "organisation_only",
    "Geen naam herkend.": "no_name",
}
BY_STAFF = {
    "manual": re.compile(r"Manueel gekoppeld door (?P<user>.+)\."),
    "dismissed": re.compile(r"Niet voor een inschrijving, volgens (?P<user>.+)\."),
}
CURRENCY = re.compile(r"Betaling in (?P<currency>\S+) in plaats van euro: kijk ze manueel na\.")


def forward(apps, schema_editor):
    BankTransaction = apps.get_model("payments", "BankTransaction")
    for text, code in FIXED.items():
        BankTransaction.objects.filter(reason=text, reason_code="").update(
            reason_code=code, reason=""
        )
    changed = []
    rows = BankTransaction.objects.filter(reason_code="").exclude(reason="")
    for row in rows.only("pk", "rule", "reason").iterator(chunk_size=2000):
        if row.rule == "manual":
            patterns = BY_STAFF.items()
        elif row.reason.startswith("Betaling in "):
            patterns = [("foreign_currency", CURRENCY)]
        else:
            continue
        for code, pattern in patterns:
            if match := pattern.fullmatch(row.reason):
                row.reason_code, row.reason_params, row.reason = code, match.groupdict(), ""
                changed.append(row)
                break
    BankTransaction.objects.bulk_update(
        changed, ["reason_code", "reason_params", "reason"], batch_size=500
    )


def backward(apps, schema_editor):
    # The sentences as the code words them today: the codes go with the columns.
    from eigenkracht.payments.matching.reasons import render

    BankTransaction = apps.get_model("payments", "BankTransaction")
    changed = []
    rows = BankTransaction.objects.exclude(reason_code="")
    for row in rows.only("pk", "reason", "reason_code", "reason_params", "suggestions").iterator(
        chunk_size=2000
    ):
        row.reason = row.reason or render(row.reason_code, row.reason_params)
        for suggestion in row.suggestions:
            if "reason" not in suggestion:
                suggestion["reason"] = render(
                    suggestion.get("reason_code", ""), suggestion.get("reason_params", {})
                )
        changed.append(row)
    BankTransaction.objects.bulk_update(changed, ["reason", "suggestions"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("payments", "0003_own_accounts_and_statement_facts"),
    ]

    operations = [
        migrations.AddField(
            model_name="banktransaction",
            name="reason_code",
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.AddField(
            model_name="banktransaction",
            name="reason_params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(forward, backward),
    ]
