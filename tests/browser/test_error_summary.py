"""A form sent with errors: the summary at the top gets the focus, and each of its links takes
the keyboard to the field it is about."""

import pytest
from django.urls import reverse

from tests.factories import TrainingFactory

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
