"""Money back, on a phone: a registrant whose employer pays registers with an invoice, the
statement pays it, she cancels, the office pays the refund with a SEPA file, and the next
statement shows it done while the invoice is credited."""

import re
from pathlib import Path

import pytest
from lxml import etree
from playwright.sync_api import expect

from eigenkracht.invoices.models import Document
from eigenkracht.payments.models import Refund
from eigenkracht.trainings.models import Registration
from tests.factories import TrainingFactory, UserFactory
from tests.fixtures_gen.coda import CodaMovement
from tests.payments.backoffice.files import PAYER_IBAN, coda_file, ogm_payment
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def fits(page) -> None:
    scroll, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width, f"{page.url} is {scroll} px wide on a {width} px screen"


def upload(page, live_server, data: bytes, name: str) -> None:
    page.goto(f"{live_server.url}/beheer/betalingen/inlezen/")
    page.get_by_label("Rekeninguittreksel").set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": data}
    )
    page.get_by_role("button", name="Inlezen").click()
    page.wait_for_url(re.compile(r"/beheer/betalingen/\d+/$"))


def test_register_for_an_employer_pay_cancel_refund_by_sepa_file_and_see_it_done(
    page, live_server, browser
):
    training = TrainingFactory(fee_cents=6500)

    # Lotte registers on her phone; her employer pays and wants an invoice.
    phone = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 844})
    lotte = phone.new_page()
    lotte.goto(f"{live_server.url}/vormingen/{training.pk}/inschrijven/")
    lotte.locator("#id_first_name").fill("Lotte")
    lotte.locator("#id_last_name").fill("Vermeulen")
    lotte.locator("#id_email").fill("lotte@example.be")
    lotte.get_by_label("Mijn werkgever betaalt en wil een factuur").check()
    lotte.locator("#id_werkgever-name").fill("CLB Gent")
    lotte.locator("#id_werkgever-street").fill("Kortrijksesteenweg 1")
    lotte.locator("#id_werkgever-postcode").fill("9000")
    lotte.locator("#id_werkgever-city").fill("Gent")
    lotte.get_by_label("Ondernemingsnummer (KBO)").fill("0412.345.614")
    lotte.locator("#id_werkgever-email").fill("facturen@clb.example.be")
    lotte.get_by_label("Ik ga akkoord met de").check()
    lotte.get_by_role("button", name="Inschrijving versturen").click()
    lotte.wait_for_url("**/ingeschreven/")
    registration = Registration.objects.get()
    invoice = Document.objects.get()

    device = totp_device(UserFactory(email="kantoor@example.org", role="office", password=PASSWORD))
    page.goto(f"{live_server.url}/beheer/")
    browser_log_in(page, email="kantoor@example.org", password=PASSWORD, device=device)

    # The employer pays with the invoice's structured communication; the office reads the
    # statement.
    assert invoice.payment_reference == registration.structured_communication
    upload(page, live_server, coda_file(ogm_payment(registration)), "uittreksel-1.cod")
    expect(page.get_by_text("Gekoppeld: 1")).to_be_visible()

    # Lotte cancels on her own page, on her phone: the page says what she gets back.
    lotte.goto(f"{live_server.url}/inschrijving/{registration.token}/")
    expect(lotte.get_by_text("we storten dat terug binnen 30 dagen")).to_be_visible()
    lotte.get_by_role("link", name="Annuleer je inschrijving").click()
    lotte.get_by_role("button", name="Ja, annuleer mijn inschrijving").click()
    expect(
        lotte.get_by_text("We storten € 65,00 terug op rekening BE71 0961 2345 6769")
    ).to_be_visible()
    fits(lotte)
    phone.close()

    # The office chooses the refund with the keyboard and makes the file.
    page.goto(f"{live_server.url}/beheer/betalingen/terugbetalingen/")
    fits(page)
    expect(page.get_by_role("cell", name=f"{registration.code} Lotte Vermeulen")).to_be_visible()
    box = page.get_by_label("€ 65,00 aan Lotte Vermeulen kiezen")
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    page.get_by_role("button", name="Maak het SEPA-bestand").click()
    page.wait_for_url(re.compile(r"/sepa-bestanden/\d+/$"))
    expect(page.get_by_text("Het bestand is klaar")).to_be_visible()
    fits(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download het bestand").click()
    xml = Path(download.value.path()).read_bytes()
    refund = Refund.objects.get()
    assert [n.text for n in etree.fromstring(xml).iter("{*}EndToEndId")] == [refund.end_to_end_id]

    page.get_by_label("Ik laadde dit bestand op bij de bank").check()
    page.get_by_role("button", name="Opgeladen bij de bank: mail de deelnemers").click()
    expect(page.get_by_text("De terugbetalingen staan op verstuurd")).to_be_visible()

    # The bank's next statement carries the outgoing transfer with our reference.
    outgoing = CodaMovement(
        amount_cents=-6500,
        counterparty_name="Lotte Vermeulen",
        counterparty_iban=PAYER_IBAN,
        text=refund.communication[:100],
        customer_reference=refund.end_to_end_id,
    )
    upload(page, live_server, coda_file(outgoing, number=2), "uittreksel-2.cod")
    expect(page.get_by_text("Terugbetaling: 1")).to_be_visible()

    page.goto(f"{live_server.url}/beheer/betalingen/terugbetalingen/?toon=done")
    expect(page.get_by_role("cell", name=re.compile("Lotte Vermeulen BE71"))).to_be_visible()
    fits(page)

    # The invoice was credited when Lotte cancelled.
    page.goto(f"{live_server.url}/beheer/facturen/?q=CLB")
    credit_note = Document.objects.get(credits=invoice)
    expect(page.get_by_role("row", name=credit_note.number)).to_be_visible()
