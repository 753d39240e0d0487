"""The office's invoices page and the invoicing on a registration's page."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenkracht.core.models import AuditEntry
from eigenkracht.invoices import services
from eigenkracht.invoices.models import BillingDetails, Document
from eigenkracht.payments.services import registration_mark_paid
from tests.factories import RegistrationFactory, UserFactory
from tests.invoices.conftest import BILLING, invoiced
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db

LIST = reverse("invoices_backoffice:document_list")


def _three_states():
    """An open invoice, a paid one and a credited one (with its credit note)."""
    open_ = invoiced(name="Open vzw", order_reference="PO-OPEN")
    paid = invoiced(name="Betaald vzw", order_reference="PO-PAID")
    registration_mark_paid(
        registration=paid, amount_cents=4000, paid_on=paid.created_at.date(), actor=UserFactory()
    )
    credited = invoiced(name="Gecrediteerd vzw", order_reference="PO-CRED")
    services.registration_credit(registration=credited, actor=None, reason="Geannuleerd")
    return open_, paid, credited


def _rows(response) -> list[str]:
    return [document.buyer_name for document in response.context["page_obj"]]


def test_the_office_lists_every_document_with_its_status(office_client):
    _three_states()

    response = office_client.get(LIST)

    assert response.status_code == 200
    page = response.content.decode()
    for expected in ("Open vzw", "Betaald vzw", "Gecrediteerd vzw", "PO-OPEN", "€ 40,00"):
        assert expected in page
    statuses = {d.buyer_name: d.status for d in response.context["page_obj"] if d.kind == "invoice"}
    assert statuses == {"Open vzw": "open", "Betaald vzw": "paid", "Gecrediteerd vzw": "credited"}
    assert len(_rows(response)) == 4  # three invoices and one credit note


def test_from_the_list_a_number_leads_to_its_registration_and_an_invoice_can_be_credited(
    office_client,
):
    open_, paid, credited = _three_states()

    page = office_client.get(LIST).content.decode()

    for registration in (open_, paid, credited):
        invoice = registration.invoice_documents.filter(kind="invoice").get()
        detail = reverse("trainings_backoffice:registration_detail", args=[registration.pk])
        assert f'<a href="{detail}#invoicing">Factuur {invoice.number}</a>' in page
        credit = reverse("invoices_backoffice:document_credit", args=[invoice.pk])
        # A credited invoice cannot be credited again.
        assert (f'href="{credit}"' in page) is (registration != credited)
    credit_page = office_client.get(
        reverse("invoices_backoffice:document_credit", args=[open_.invoice_documents.get().pk])
    )
    assert "Creditnota opmaken" in credit_page.content.decode()


@pytest.mark.parametrize(
    ("status", "names"),
    [
        ("open", ["Open vzw"]),
        ("paid", ["Betaald vzw"]),
        ("credited", ["Gecrediteerd vzw"]),
        ("credit_note", ["Gecrediteerd vzw"]),
    ],
)
def test_the_office_filters_by_status(office_client, status, names):
    _three_states()
    assert _rows(office_client.get(LIST, {"status": status})) == names


def test_the_office_searches_by_number_employer_and_reference(office_client):
    open_, paid, _credited = _three_states()
    number = paid.invoice_documents.get().number

    assert _rows(office_client.get(LIST, {"q": number})) == ["Betaald vzw"]
    assert _rows(office_client.get(LIST, {"q": "open VZW"})) == ["Open vzw"]
    assert _rows(office_client.get(LIST, {"q": "po-open"})) == ["Open vzw"]
    assert _rows(office_client.get(LIST, {"q": open_.code})) == ["Open vzw"]
    assert "Geen facturen gevonden" in office_client.get(LIST, {"q": "niemand"}).content.decode()


def test_a_nonsense_filter_shows_everything_instead_of_an_error(office_client):
    _three_states()
    response = office_client.get(LIST, {"status": "weg", "q": "x" * 500})
    assert response.status_code == 200


def test_the_list_takes_the_same_queries_for_3_or_30_documents(
    office_client, django_assert_num_queries
):
    _three_states()
    with CaptureQueriesContext(connection) as few:
        assert office_client.get(LIST).status_code == 200
    for _ in range(9):
        _three_states()

    with django_assert_num_queries(len(few)):
        response = office_client.get(LIST)

    assert len(_rows(response)) == 40


def test_the_office_downloads_pdf_and_ubl_and_the_look_is_audited(office_client):
    invoice = invoiced().invoice_documents.get()

    pdf = office_client.get(
        reverse("invoices_backoffice:document_download", args=[invoice.pk, "pdf"])
    )
    xml = office_client.get(
        reverse("invoices_backoffice:document_download", args=[invoice.pk, "xml"])
    )

    assert pdf["Content-Type"] == "application/pdf"
    assert f'filename="factuur-{invoice.number}.pdf"' in pdf["Content-Disposition"]
    assert xml["Content-Type"] == "application/xml"
    assert f'filename="factuur-{invoice.number}.xml"' in xml["Content-Disposition"]
    assert AuditEntry.objects.filter(action="registration.view").count() == 2
    assert (
        office_client.get(
            reverse("invoices_backoffice:document_download", args=[invoice.pk, "exe"])
        ).status_code
        == 404
    )


def test_the_office_resends_an_invoice_by_mail(office_client, django_capture_on_commit_callbacks):
    invoice = invoiced().invoice_documents.get()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            reverse("invoices_backoffice:document_resend", args=[invoice.pk])
        )

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["facturen@caw.example.be"]
    assert AuditEntry.objects.filter(action="invoice_document.resent").exists()
    page = office_client.get(LIST).content.decode()
    assert "Mail aan facturen@caw.example.be: verzonden" in page


def test_without_an_access_point_a_peppol_invoice_is_mailed_and_the_page_says_so(
    office_client, settings, django_capture_on_commit_callbacks
):
    settings.PEPPOL_ACCESS_POINT_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        invoice = invoiced(peppol_id="0208:0412345614").invoice_documents.get()

    (message,) = mail.outbox
    assert message.to == ["facturen@caw.example.be"]
    assert len(message.attachments) == 2  # the PDF and the UBL
    page = office_client.get(LIST).content.decode()
    assert "Er is geen Peppol-toegangspunt ingesteld" in page
    assert "per e-mail verstuurd (geen Peppol-toegangspunt)" in page
    assert "Mail aan facturen@caw.example.be: verzonden" in page
    assert "zelf te bezorgen" not in page

    response = office_client.post(
        reverse("invoices_backoffice:document_resend", args=[invoice.pk]), follow=True
    )
    assert (
        f"Factuur {invoice.number} wordt opnieuw per e-mail naar facturen@caw.example.be "
        "verstuurd." in response.content.decode()
    )


def test_the_office_is_told_how_a_credit_note_goes_out(office_client, settings):
    settings.PEPPOL_ACCESS_POINT_URL = "https://ap.example.org/api/documents"
    invoice = invoiced(peppol_id="0208:0412345614").invoice_documents.get()

    response = office_client.post(
        reverse("invoices_backoffice:document_credit", args=[invoice.pk]),
        {"reason": "Dubbel"},
        follow=True,
    )

    number = invoice.credit_note.number
    assert f"Creditnota {number} is opgemaakt en wordt via Peppol verstuurd." in (
        response.content.decode()
    )


def test_the_registration_page_shows_the_invoice_and_lets_the_office_credit_it(office_client):
    registration = invoiced()
    invoice = registration.invoice_documents.get()
    detail = reverse("trainings_backoffice:registration_detail", args=[registration.pk])

    page = office_client.get(detail).content.decode()
    assert "Factuur voor de werkgever" in page
    assert invoice.number in page
    assert "CAW Oost-Vlaanderen vzw" in page

    response = office_client.post(
        reverse("invoices_backoffice:document_credit", args=[invoice.pk]),
        {"reason": "Dubbel gefactureerd"},
    )

    assert response.status_code == 302
    credit_note = Document.objects.get(kind=Document.Kind.CREDIT_NOTE)
    assert credit_note.reason == "Dubbel gefactureerd"
    assert "Factuur opmaken" in office_client.get(detail).content.decode()


def test_crediting_without_a_reason_is_refused_in_dutch(office_client):
    invoice = invoiced().invoice_documents.get()
    response = office_client.post(
        reverse("invoices_backoffice:document_credit", args=[invoice.pk]), {"reason": ""}
    )
    assert "Schrijf waarom de factuur gecrediteerd wordt." in response.content.decode()
    assert not Document.objects.filter(kind=Document.Kind.CREDIT_NOTE).exists()


def test_crediting_twice_tells_the_office_it_was_done(office_client):
    invoice = invoiced().invoice_documents.get()
    url = reverse("invoices_backoffice:document_credit", args=[invoice.pk])
    office_client.post(url, {"reason": "fout"})

    response = office_client.post(url, {"reason": "nog eens"}, follow=True)

    assert "Deze factuur is al gecrediteerd." in response.content.decode()
    assert Document.objects.filter(kind=Document.Kind.CREDIT_NOTE).count() == 1


def test_the_office_adds_an_employer_to_a_registration_and_the_invoice_follows(office_client):
    registration = RegistrationFactory()
    url = reverse("invoices_backoffice:registration_billing", args=[registration.pk])
    data = {f"werkgever-{key}": value for key, value in BILLING.items()}

    response = office_client.post(url, data)

    assert response.status_code == 302
    assert BillingDetails.objects.get(registration=registration).name == BILLING["name"]
    assert Document.objects.get().registration == registration


def test_the_office_form_refuses_a_wrong_enterprise_number_in_dutch(office_client):
    registration = RegistrationFactory()
    data = {f"werkgever-{key}": value for key, value in BILLING.items()}
    data["werkgever-enterprise_number"] = "123"

    response = office_client.post(
        reverse("invoices_backoffice:registration_billing", args=[registration.pk]), data
    )

    assert "Dit is geen geldig ondernemingsnummer" in response.content.decode()
    assert not BillingDetails.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", None])
def test_only_staff_reach_the_invoices(client, role):
    invoice = invoiced().invoice_documents.get()
    if role:
        login_verified(client, UserFactory(role=role))
    for url in (LIST, reverse("invoices_backoffice:document_download", args=[invoice.pk, "pdf"])):
        assert client.get(url).status_code in (302, 403)
