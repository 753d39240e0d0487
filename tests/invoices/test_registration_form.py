"""'Mijn werkgever betaalt en wil een factuur' on the registration form, and afterwards on the
registrant's own page."""

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse

from eigenkracht.invoices import services
from eigenkracht.invoices.models import BillingDetails, Document
from eigenkracht.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingFactory
from tests.invoices.conftest import invoiced
from tests.trainings.links import registrant_url
from tests.trainings.test_public_pages import form_data

pytestmark = pytest.mark.django_db

compact_migration = importlib.import_module(
    "eigenkracht.invoices.migrations.0004_peppol_0208_compact"
)
EMPLOYER = {
    "employer_pays": "on",
    "werkgever-name": "CAW Oost-Vlaanderen vzw",
    "werkgever-street": "Visserij 153",
    "werkgever-postcode": "9000",
    "werkgever-city": "Gent",
    "werkgever-enterprise_number": "0412.345.614",
    "werkgever-vat_number": "",
    "werkgever-order_reference": "PO-117",
    "werkgever-email": "Facturen@CAW.example.be",
}


def _register(client, training, **overrides):
    return client.post(
        reverse("trainings:register", args=[training.pk]), form_data(**{**EMPLOYER, **overrides})
    )


def test_the_form_offers_the_employer_box_only_where_there_is_a_fee(client):
    paid, free = TrainingFactory(fee_cents=2000), TrainingFactory(fee_cents=0)

    assert (
        "Mijn werkgever betaalt en wil een factuur"
        in client.get(reverse("trainings:register", args=[paid.pk])).content.decode()
    )
    assert (
        "Mijn werkgever betaalt"
        not in client.get(reverse("trainings:register", args=[free.pk])).content.decode()
    )


def test_registering_with_the_employer_box_mails_the_employer_an_invoice(
    client, django_capture_on_commit_callbacks
):
    training = TrainingFactory(fee_cents=2000)

    with django_capture_on_commit_callbacks(execute=True):
        response = _register(client, training)

    assert response.status_code == 302
    registration = Registration.objects.get()
    details = BillingDetails.objects.get(registration=registration)
    assert details.enterprise_number == "0412345614"
    assert details.email == "facturen@caw.example.be"
    assert details.peppol_id == ""
    invoice = Document.objects.get()
    assert invoice.payment_reference == registration.structured_communication
    assert invoice.total_cents == 2000
    recipients = {message.to[0] for message in mail.outbox}
    assert recipients == {"anne-sophie@example.be", "facturen@caw.example.be"}


def test_the_registrant_is_told_the_employer_pays_not_to_pay_themselves(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _register(client, TrainingFactory(fee_cents=2000))

    registration = Registration.objects.get()
    (received,) = [m for m in mail.outbox if m.to == [registration.email]]
    told = "Je werkgever betaalt: de factuur ging naar CAW Oost-Vlaanderen vzw."
    html = received.alternatives[0][0]
    for body in (received.body, html):
        assert told in body
        assert "Je hoeft zelf niet te betalen." in body
        assert "Zo betaal je" not in body
    assert 'src="cid:epc-qr"' not in html  # no code inviting the registrant to pay too
    page = client.get(registrant_url(client, "registration", registration)).content.decode()
    assert told in page
    assert "Betaal vóór die datum" not in page
    assert 'class="qr"' not in page

    # Once the invoice is credited, the registrant pays again.
    services.registration_credit(registration=registration, actor=None, reason="Fout")
    assert (
        told
        not in client.get(registrant_url(client, "registration", registration)).content.decode()
    )


def test_without_an_employer_the_registrant_is_told_how_to_pay(
    client, django_capture_on_commit_callbacks
):
    data = dict(EMPLOYER)
    data.pop("employer_pays")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("trainings:register", args=[TrainingFactory(fee_cents=2000).pk]),
            form_data(**data),
        )

    (received,) = mail.outbox
    assert "Zo betaal je" in received.body
    assert "Je werkgever betaalt" not in received.body


def test_via_peppol_without_an_id_uses_0208_and_the_enterprise_number(client, settings):
    settings.PEPPOL_ACCESS_POINT_URL = ""
    _register(client, TrainingFactory(), **{"werkgever-via_peppol": "on"})

    assert BillingDetails.objects.get().peppol_id == "0208:0412345614"
    assert Document.objects.get().delivery_status == Document.Delivery.MAILED


def test_a_peppol_id_typed_with_dots_is_kept_as_peppol_wants_it(client):
    _register(
        client,
        TrainingFactory(),
        **{"werkgever-via_peppol": "on", "werkgever-peppol_id": "0208:BE0412.345.614"},
    )

    assert BillingDetails.objects.get().peppol_id == "0208:0412345614"


def test_stored_peppol_ids_with_dots_are_made_ten_digits():
    invoiced()
    BillingDetails.objects.update(peppol_id="0208:BE0412.345.614")

    compact_migration.compact_0208(apps, None)

    assert BillingDetails.objects.get().peppol_id == "0208:0412345614"


def test_a_wrong_enterprise_number_is_refused_in_dutch_and_nothing_is_registered(client):
    response = _register(
        client, TrainingFactory(), **{"werkgever-enterprise_number": "0412.345.615"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dit is geen geldig ondernemingsnummer" in page
    assert "Je inschrijving is nog niet verstuurd" in page
    assert not Registration.objects.exists()
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("werkgever-vat_number", "BE0412345615", "Dit is geen geldig btw-nummer"),
        ("werkgever-peppol_id", "0208:123", "Een Peppol-ID ziet eruit als"),
        ("werkgever-postcode", "90", "Een Belgische postcode heeft 4 cijfers"),
        ("werkgever-email", "", "Vul het e-mailadres in waarop de organisatie facturen"),
    ],
)
def test_other_employer_mistakes_get_a_dutch_message(client, field, value, message):
    response = _register(client, TrainingFactory(), **{field: value})

    assert message in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("vat_number", "accepted"),
    [("BE0876543270", False), ("0412.345.614", True), ("BE 0412 345 614", True)],
)
def test_the_vat_number_must_be_be_and_the_enterprise_number(client, vat_number, accepted):
    response = _register(client, TrainingFactory(), **{"werkgever-vat_number": vat_number})

    assert Registration.objects.exists() is accepted
    if not accepted:
        assert (
            "Het btw-nummer van een Belgische organisatie is BE gevolgd door haar "
            "ondernemingsnummer, hier BE0412345614." in response.content.decode()
        )


def test_a_postcode_that_is_not_belgian_is_refused_not_cut(client):
    page = client.get(reverse("trainings:register", args=[TrainingFactory().pk])).content.decode()
    assert 'maxlength="4"' not in page
    assert "Facturen gaan enkel naar organisaties in België." in page

    response = _register(client, TrainingFactory(), **{"werkgever-postcode": "1012AB"})

    assert "Een Belgische postcode heeft 4 cijfers" in response.content.decode()
    assert not BillingDetails.objects.exists()


def test_a_peppol_id_without_the_peppol_box_is_refused(client):
    response = _register(client, TrainingFactory(), **{"werkgever-peppol_id": "0208:0412345614"})

    assert "Vink &#x27;Stuur de factuur via Peppol&#x27; aan" in response.content.decode()
    assert not Registration.objects.exists()


def test_the_peppol_box_with_an_id_sends_to_that_id(client):
    _register(
        client,
        TrainingFactory(),
        **{"werkgever-via_peppol": "on", "werkgever-peppol_id": "9925:BE0412345614"},
    )

    assert BillingDetails.objects.get().peppol_id == "9925:BE0412345614"


def test_without_the_box_the_employer_fields_are_ignored(client):
    data = {**EMPLOYER, "werkgever-enterprise_number": "nonsense"}
    data.pop("employer_pays")
    response = client.post(
        reverse("trainings:register", args=[TrainingFactory().pk]), form_data(**data)
    )

    assert response.status_code == 302
    assert Registration.objects.exists()
    assert not BillingDetails.objects.exists()


def test_a_registrant_asks_for_an_invoice_afterwards_on_their_page(
    client, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory()
    page = client.get(registrant_url(client, "registration", registration)).content.decode()
    assert reverse("trainings:self_service:invoice", args=[registration.code]) in page
    url = reverse("trainings:self_service:invoice", args=[registration.code])
    data = {key: value for key, value in EMPLOYER.items() if key != "employer_pays"}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)

    assert response.status_code == 302
    invoice = Document.objects.get()
    assert [message.to for message in mail.outbox] == [["facturen@caw.example.be"]]
    page = client.get(url).content.decode()
    assert invoice.number in page
    assert "De factuur is al opgemaakt" in page  # changing it is the office's work now
    pdf = client.get(
        reverse(
            "trainings:self_service:invoice_document", args=[registration.code, invoice.pk, "pdf"]
        )
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    xml = client.get(
        reverse(
            "trainings:self_service:invoice_document", args=[registration.code, invoice.pk, "xml"]
        )
    )
    assert xml.status_code == 200 and b"<cbc:ID>" + invoice.number.encode() in xml.content


def test_a_registrant_downloads_only_their_own_documents(client):
    mine = RegistrationFactory()
    other = invoiced().invoice_documents.get()
    registrant_url(client, "registration", mine)

    response = client.get(
        reverse("trainings:self_service:invoice_document", args=[mine.code, other.pk, "pdf"])
    )

    assert response.status_code == 404


def test_without_the_link_the_invoice_page_does_not_open(client):
    registration = invoiced()
    response = client.get(reverse("trainings:self_service:invoice", args=[registration.code]))
    assert response.status_code == 403
