"""Demo invoices: three demo registrations whose employer pays, one paid, one open and one
credited by the office. Made through the services, as the office would; idempotent.
The organisations are fictitious; their enterprise numbers only pass the check digits."""

from typing import Any

from eigenkracht.accounts.models import User
from eigenkracht.invoices import services
from eigenkracht.invoices.models import BillingDetails, Document
from eigenkracht.trainings.models import Registration

EMPLOYERS = {
    "paid": {
        "name": "OCMW Demostad",
        "street": "Stadhuisplein 1",
        "postcode": "9000",
        "city": "Gent",
        "enterprise_number": "0201234517",
        "vat_number": "",
        "order_reference": "BB-2026-0042",
        "email": "facturen@ocmw-demostad.example.be",
        "peppol_id": "0208:0201234517",
    },
    "open": {
        "name": "CAW Demoland vzw",
        "street": "Visserij 153",
        "postcode": "9000",
        "city": "Gent",
        "enterprise_number": "0411122226",
        "vat_number": "",
        "order_reference": "",
        "email": "boekhouding@caw-demoland.example.be",
        "peppol_id": "",
    },
    "credited": {
        "name": "Jeugdhulp Demo vzw",
        "street": "Kerkstraat 12",
        "postcode": "2000",
        "city": "Antwerpen",
        "enterprise_number": "0876543270",
        "vat_number": "BE0876543270",
        "order_reference": "PO 7781",
        "email": "facturen@jeugdhulp-demo.example.be",
        "peppol_id": "",
    },
}


def demo_invoices(*, actor: User, stdout: Any = None) -> int:
    """Invoice three demo registrations of trainings with a fee; returns how many documents
    were made (0 when there are invoices already or no suitable registrations)."""
    if Document.objects.exists():
        if stdout is not None:
            stdout.write("Facturen: er zijn al facturen; niets veranderd.")
        return 0
    with_fee = Registration.objects.filter(amount_due_cents__gt=0, billing_details__isnull=True)
    paid = with_fee.filter(status=Registration.Status.CONFIRMED).order_by("pk").first()
    pending = list(with_fee.filter(status=Registration.Status.PENDING).order_by("pk")[:2])
    chosen = [("paid", paid), *zip(("open", "credited"), pending, strict=False)]
    for outcome, registration in chosen:
        if registration is None:
            continue
        services.billing_details_save(
            registration=registration, data=EMPLOYERS[outcome], actor=actor
        )
        if outcome == "credited":
            # Credited by the office (the employer's order was withdrawn), without cancelling
            # the registration: the demo's seat counts stay as the calendar demo needs them.
            services.credit_note_issue(
                invoice=services.open_invoice(registration),
                actor=actor,
                reason="Bestelbon ingetrokken door de werkgever (demogegevens).",
            )
    made = Document.objects.count()
    if stdout is not None:
        stdout.write(
            f"Facturen: {made} facturen en creditnota's voor "
            f"{BillingDetails.objects.count()} werkgevers."
        )
    return made
