"""A registrant whose employer pays ticks the box on a phone and the employer gets the invoice;
the office finds it on its invoices page, which fits a phone too."""

import pytest
from playwright.sync_api import expect

from eigenkracht.core.models import OutboxMessage
from eigenkracht.invoices.models import Document
from tests.factories import TrainingFactory, UserFactory
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def page_width(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def test_registering_for_an_employer_sends_the_invoice_and_the_office_lists_it(page, live_server):
    training = TrainingFactory(title="Basisvorming Eigen Kracht", fee_cents=2000)
    page.goto(f"{live_server.url}/vormingen/{training.pk}/inschrijven/")
    scroll, width = page_width(page)
    assert scroll <= width, f"the form is {scroll} px wide on a {width} px screen"

    page.locator("#id_first_name").fill("Anne-Sophie")
    page.locator("#id_last_name").fill("D'Hondt")
    page.locator("#id_email").fill("anne-sophie@example.be")
    expect(page.locator("#id_werkgever-name")).to_be_hidden()  # only for who ticks the box
    page.get_by_label("Mijn werkgever betaalt en wil een factuur").check()
    expect(page.locator("#id_werkgever-name")).to_be_visible()
    expect(page.locator("#id_werkgever-name")).not_to_have_attribute("required", "")
    page.locator("#id_werkgever-name").fill("CAW Oost-Vlaanderen vzw")
    page.locator("#id_werkgever-street").fill("Visserij 153")
    page.locator("#id_werkgever-postcode").fill("9000")
    page.locator("#id_werkgever-city").fill("Gent")
    page.get_by_label("Ondernemingsnummer (KBO)").fill("0412.345.615")  # one digit off
    page.locator("#id_werkgever-email").fill("facturen@caw.example.be")
    page.get_by_label("Ik ga akkoord met de").check()
    page.get_by_role("button", name="Inschrijving versturen").click()

    expect(page.get_by_role("link", name="Dit is geen geldig ondernemingsnummer")).to_be_visible()
    page.get_by_label("Ondernemingsnummer (KBO)").fill("0412.345.614")
    page.get_by_label("Ik ga akkoord met de").check()
    page.get_by_role("button", name="Inschrijving versturen").click()
    page.wait_for_url("**/ingeschreven/")

    invoice = Document.objects.get()
    assert OutboxMessage.objects.filter(
        recipient="facturen@caw.example.be", kind="invoice_document"
    ).exists()

    registration = invoice.registration
    page.goto(f"{live_server.url}/inschrijving/{registration.token}/")
    page.get_by_role("link", name="Factuur voor je werkgever: aanvragen of downloaden").click()
    assert page.get_by_text(f"Factuur {invoice.number}").is_visible()
    assert page.get_by_text("De factuur is al opgemaakt").is_visible()
    scroll, width = page_width(page)
    assert scroll <= width, f"the invoice page is {scroll} px wide on a {width} px screen"

    office = UserFactory(email="kantoor@example.org", role="office", password=PASSWORD)
    device = totp_device(office)
    page.goto(f"{live_server.url}/beheer/facturen/")
    browser_log_in(page, email="kantoor@example.org", password=PASSWORD, device=device)
    page.goto(f"{live_server.url}/beheer/facturen/?q=CAW")
    assert page.get_by_role("row", name=invoice.number).is_visible()
    scroll, width = page_width(page)
    assert scroll <= width, f"the invoices page is {scroll} px wide on a {width} px screen"

    for path in (
        f"/beheer/vormingen/inschrijvingen/{invoice.registration_id}/",
        f"/beheer/facturen/inschrijvingen/{invoice.registration_id}/werkgever/",
        f"/beheer/facturen/{invoice.pk}/crediteren/",
    ):
        page.goto(f"{live_server.url}{path}")
        scroll, width = page_width(page)
        assert scroll <= width, f"{path} is {scroll} px wide on a {width} px screen"
