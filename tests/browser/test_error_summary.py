"""A form sent with errors: the summary at the top gets the focus, and each of its links takes
the keyboard to the field it is about."""

import pytest
from django.urls import reverse

from eigenkracht.payments import services
from eigenkracht.payments.models import BankTransaction
from tests.factories import TrainingFactory, UserFactory
from tests.payments.backoffice.files import coda_file, free_text_payment
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def active(page) -> dict:
    return page.evaluate(
        "(() => { const el = document.activeElement;"
        " return {id: el.id, cls: el.className, href: el.getAttribute('href') || ''}; })()"
    )


def test_the_summary_takes_the_focus_and_its_links_lead_to_the_fields(page, live_server):
    training = TrainingFactory()
    page.goto(live_server.url + reverse("trainings:register", args=[training.pk]))
    page.fill("#id_collega-1-first_name", "An")
    page.fill("#id_collega-1-last_name", "Peeters")
    page.get_by_role("button", name="Inschrijving versturen").click()
    page.wait_for_selector(".error-summary")

    assert "error-summary" in active(page)["cls"]

    page.keyboard.press("Tab")
    assert active(page)["href"] == "#id_first_name"
    page.keyboard.press("Enter")
    assert active(page)["id"] == "id_first_name"

    page.get_by_role("link", name="Collega 2 (An Peeters): vul een e-mailadres in.").click()
    assert active(page)["id"] == "id_collega-1-email"


def test_a_form_sent_to_a_part_of_its_page_still_puts_the_focus_on_the_summary(page, live_server):
    """The split form is sent to the page's #split-title: the browser scrolls there after
    loading, which took the focus away from the summary."""
    password = "een-sterk-wachtwoord-42"
    device = totp_device(UserFactory(email="kantoor@example.org", role="office", password=password))
    services.statement_import(
        data=coda_file(free_text_payment(2000, "vorming")), filename="u.cod", actor=None
    )
    waiting = BankTransaction.objects.get(result=BankTransaction.Result.REVIEW)
    url = reverse("payments_backoffice:transaction_detail", args=[waiting.pk])
    page.goto(live_server.url + url)
    browser_log_in(page, email="kantoor@example.org", password=password, device=device)
    page.wait_for_url(f"**{url}")

    page.fill("#id_rows-0-reference", "EKQQQQQQ")
    page.fill("#id_rows-0-amount", "10")
    page.get_by_role("button", name="Verdelen en boeken").click()
    page.wait_for_url("**#split-title")
    page.wait_for_load_state("load")
    page.wait_for_timeout(100)

    assert "error-summary" in active(page)["cls"]
