"""On a phone, a visitor answers a training's questions for themself and a colleague; the office
reads the answers. Every page fits 390 px."""

import pytest

from eigenkracht.trainings.models import ParticipantAnswer
from tests.factories import TrainingFactory, UserFactory
from tests.trainings.questions.helpers import add_questions
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def fits(page) -> None:
    scroll, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width, f"{page.url} is {scroll} px wide on a {width} px screen"


def test_a_visitor_answers_the_questions_and_the_office_reads_them(page, live_server):
    training = TrainingFactory(title="Basisvorming Gent")
    add_questions(training)
    page.goto(f"{live_server.url}/vormingen/{training.pk}/inschrijven/")
    fits(page)

    page.fill("#id_first_name", "Anne-Sophie")
    page.fill("#id_last_name", "D'Hondt")
    page.fill("#id_email", "anne-sophie@example.be")
    own = page.locator("fieldset.questions")
    own.get_by_label("Vegetarisch").check()
    own.get_by_label("Tolk").check()
    page.fill("#id_collega-0-first_name", "Bert")
    page.fill("#id_collega-0-last_name", "Claes")
    page.fill("#id_collega-0-email", "bert@example.be")
    colleague = page.locator("fieldset.colleague").first
    colleague.get_by_label("Geen").check()
    colleague.get_by_label("Nee").check()
    page.get_by_label("Ik ga akkoord met de").check()
    page.get_by_role("button", name="Inschrijving versturen").click()

    # The registrant forgot the lunch question: told next to it, the rest stays filled in.
    assert own.get_by_text("Beantwoord deze vraag.").is_visible()
    assert own.get_by_label("Vegetarisch").is_checked()
    fits(page)
    own.get_by_label("Ja").check()
    page.get_by_label("Ik ga akkoord met de").check()
    page.get_by_role("button", name="Inschrijving versturen").click()
    page.wait_for_url("**/ingeschreven/")
    assert ParticipantAnswer.objects.count() == 5

    office = UserFactory(email="kantoor@example.org", role="office", password=PASSWORD)
    device = totp_device(office)
    page.goto(f"{live_server.url}/beheer/")
    browser_log_in(page, email="kantoor@example.org", password=PASSWORD, device=device)
    registration = training.registrations.get()
    page.goto(f"{live_server.url}/beheer/vormingen/inschrijvingen/{registration.pk}/")
    assert page.get_by_text("Vegetarisch").is_visible()
    fits(page)
    page.goto(f"{live_server.url}/beheer/vormingen/{training.pk}/vragen/")
    assert page.get_by_role("heading", name="Vragen op het inschrijvingsformulier").is_visible()
    fits(page)
