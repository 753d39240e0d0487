"""An access request, on a phone: the office registers it, searches everything about the person,
reviews what goes in, ticks one note and downloads the ZIP."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.privacy.conftest import EMAIL, NAME, marie_everywhere
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def fits(page) -> None:
    scroll, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width, f"{page.url} is {scroll} px wide on a {width} px screen"


def test_the_office_answers_an_access_request_with_a_reviewed_zip(page, live_server):
    marie = marie_everywhere()
    device = totp_device(UserFactory(email="kantoor@example.org", role="office", password=PASSWORD))
    page.goto(f"{live_server.url}/beheer/privacy/verzoeken/")
    browser_log_in(page, email="kantoor@example.org", password=PASSWORD, device=device)
    fits(page)

    page.get_by_role("link", name="Verzoek registreren").click()
    page.get_by_label("Inzage").check()
    page.locator("#id_received_on").fill(timezone.localdate().isoformat())
    page.locator("#id_requested_by").fill("Marie zelf, per mail")
    page.locator("#id_subject_name").fill(NAME)
    page.locator("#id_subject_email").fill(EMAIL)
    page.locator("#id_subject_birth_date").fill("1990-05-17")
    fits(page)
    page.get_by_role("button", name="Verzoek registreren").click()
    expect(page.get_by_text("Het verzoek is geregistreerd.")).to_be_visible()
    expect(page.get_by_text("te beantwoorden vóór")).to_be_visible()
    fits(page)

    page.get_by_role("link", name="Zoek alle gegevens").click()
    expect(page.get_by_role("heading", name="Inschrijvingen voor vormingen")).to_be_visible()
    expect(
        page.get_by_role(
            "link", name="Inschrijving EKTMARIE1 voor vorming Basisvorming Gent", exact=True
        )
    ).to_be_visible()
    fits(page)

    page.get_by_role("link", name="Inzagebestand voorbereiden").click()
    expect(page.get_by_role("heading", name="Gaat automatisch mee")).to_be_visible()
    fits(page)
    note = marie.trajectory.notes.get(text__startswith="Gesprek")
    page.locator(f'input[value="note:{note.pk}"]').check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download het inzagebestand").click()
    content = Path(download.value.path()).read_bytes()

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        document = json.loads(archive.read("gegevens.json"))
        html = archive.read("gegevens.html").decode()
    assert "Gesprek met Marie Peeters over school." in html
    assert "Lucas wil bij oma wonen." not in html
    assert any(item["wat"] == "Je gegevens als deelnemer" for item in document["gegevens"])


def test_a_manager_reads_the_processing_register_on_a_phone(page, live_server):
    device = totp_device(UserFactory(email="beheer@example.org", role="manager", password=PASSWORD))
    page.goto(f"{live_server.url}/beheer/privacy/register/")
    browser_log_in(page, email="beheer@example.org", password=PASSWORD, device=device)

    expect(page.get_by_role("heading", name="EK-trajecten")).to_be_visible()
    expect(page.get_by_role("link", name="Download als PDF")).to_be_visible()
    fits(page)
