"""The office uploads a bank statement on a phone, watches it being read, and sees the result."""

import re

import pytest
from playwright.sync_api import expect

from eigenkracht.payments import services
from eigenkracht.payments.backoffice import views
from eigenkracht.payments.models import StatementImport
from tests.factories import RegistrationFactory, UserFactory
from tests.payments.backoffice.files import coda_file, free_text_payment, ogm_payment
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def _log_in_and_upload(page, live_server, data: bytes) -> None:
    device = totp_device(UserFactory(email="kantoor@example.org", role="office", password=PASSWORD))
    page.goto(f"{live_server.url}/beheer/betalingen/")
    browser_log_in(page, email="kantoor@example.org", password=PASSWORD, device=device)
    page.wait_for_url("**/beheer/betalingen/")
    page.get_by_role("link", name="Rekeninguittreksel inlezen").first.click()
    page.wait_for_url("**/beheer/betalingen/inlezen/")
    page.get_by_label("Rekeninguittreksel").set_input_files(
        {"name": "uittreksel.cod", "mimeType": "application/octet-stream", "buffer": data}
    )
    page.get_by_role("button", name="Inlezen").click()
    page.wait_for_url(re.compile(r"/beheer/betalingen/\d+/$"))


def test_upload_a_large_coda_file_follow_its_progress_and_read_the_summary(
    page, live_server, settings, monkeypatch
):
    # The worker is not running yet: the import waits in the queue until the test starts it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(views, "INLINE_MAX_BYTES", 1024)  # this file counts as large
    lotte = RegistrationFactory(first_name="Lotte", last_name="Vermeulen")
    others = [RegistrationFactory() for _ in range(3)]
    data = coda_file(
        ogm_payment(lotte),
        *[ogm_payment(registration) for registration in others],
        free_text_payment(15000, "huur zaal maart"),
    )
    assert len(data) > 1024

    errors = []

    def console(message):
        if message.type == "error" and "favicon.ico" not in message.location.get("url", ""):
            errors.append(message.text)

    page.on("console", console)
    _log_in_and_upload(page, live_server, data)

    progress = page.locator("progress#import-progress")
    expect(progress).to_be_visible()
    expect(page.locator("#progress-text")).to_have_text(
        "In de wachtrij: het inlezen begint zo dadelijk."
    )
    expect(page.locator("#progress-text")).to_have_attribute("aria-live", "polite")

    queued = StatementImport.objects.get()
    assert queued.status == StatementImport.Status.QUEUED
    services.statement_import_run(statement_import_id=queued.pk)  # what the worker does

    # The page's script notices the import is done and reloads: the summary replaces the bar.
    expect(page.get_by_text("Gekoppeld: 4")).to_be_visible(timeout=15_000)
    expect(progress).to_have_count(0)
    expect(page.get_by_text("Na te kijken: 1")).to_be_visible()
    expect(page.get_by_text("huur zaal maart")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert errors == []  # among others: no script blocked by the Content-Security-Policy

    page.get_by_role("link", name=lotte.code).click()
    page.wait_for_url(f"**/beheer/vormingen/inschrijvingen/{lotte.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bevestigd")


def test_without_javascript_the_page_refreshes_itself_until_the_summary(
    browser, live_server, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(views, "INLINE_MAX_BYTES", 100)
    registration = RegistrationFactory()
    context = browser.new_context(
        locale="nl-BE", viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        _log_in_and_upload(page, live_server, coda_file(ogm_payment(registration)))
        expect(page.locator("progress#import-progress")).to_be_visible()

        services.statement_import_run(statement_import_id=StatementImport.objects.get().pk)

        expect(page.get_by_text("Gekoppeld: 1")).to_be_visible(timeout=15_000)
    finally:
        context.close()
