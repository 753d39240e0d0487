"""Peppol ids of scheme 0208 were kept as typed ("0208:BE0202.239.951"), which Peppol's rule
PEPPOL-COMMON-R043 refuses: they become ten digits. Documents already issued keep theirs."""

from django.db import migrations
from stdnum.be import vat as be_vat


def compact_0208(apps, schema_editor):
    BillingDetails = apps.get_model("invoices", "BillingDetails")
    changed = []
    for details in BillingDetails.objects.filter(peppol_id__startswith="0208:"):
        identifier = details.peppol_id.removeprefix("0208:")
        if be_vat.is_valid(identifier):
            details.peppol_id = f"0208:{be_vat.compact(identifier)}"
            changed.append(details)
    BillingDetails.objects.bulk_update(changed, ["peppol_id"])


class Migration(migrations.Migration):
    dependencies = [("invoices", "0003_delivery_mailed")]

    operations = [migrations.RunPython(compact_0208, migrations.RunPython.noop)]
