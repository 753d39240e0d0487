import pytest

from eigenkracht.invoices import services
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory

BILLING = {
    "name": "CAW Oost-Vlaanderen vzw",
    "street": "Visserij 153",
    "postcode": "9000",
    "city": "Gent",
    "enterprise_number": "0412345614",
    "vat_number": "",
    "order_reference": "PO-2026-117",
    "email": "facturen@caw.example.be",
    "peppol_id": "",
}


def invoiced(*, language: str = "nl-be", **billing) -> Registration:
    """A pending registration of two participants (€ 40,00) with its employer's invoice."""
    training = TrainingFactory(title="Basisvorming Eigen Kracht", fee_cents=2000)
    registration = RegistrationFactory(training=training, seats=2, language=language)
    services.billing_details_save(
        registration=registration, data={**BILLING, **billing}, actor=UserFactory()
    )
    return registration


@pytest.fixture
def office(db):
    return UserFactory(email="boekhouding@example.org")


@pytest.fixture(scope="session")
def peppol_rules():
    """Both layers of the official rules, compiled once (they are large)."""
    from tests.invoices.peppol_rules import rules_or_skip

    return rules_or_skip()
