"""A visitor on a phone finds a training, registers with the keyboard only, and can pay."""

import datetime as dt
import re

import pytest

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trainings.models import Registration
from tests.factories import TrainingFactory, VenueFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, matches, limit: int = 80) -> None:
    """Press Tab until the focused element satisfies `matches` (a JS predicate on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {matches}; }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {matches}")


def test_find_a_training_register_by_keyboard_and_see_how_to_pay(page, live_server):
    TrainingFactory(
        title="Basisvorming Eigen Kracht-conferenties",
        venue=VenueFactory(name="De Centrale", city="Gent"),
        fee_cents=2000,
        capacity=12,
        sessions__first_date=dt.date(2027, 2, 2),
    )
    page.goto(f"{live_server.url}/vormingen/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    assert page.get_by_text("di 2 februari 2027, 9.30-16.30").is_visible()
    assert page.get_by_text("Nog 12 plaatsen").is_visible()

    tab_to(page, "el.textContent.includes('Meer info en inschrijven')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/vormingen/*/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Basisvorming Eigen Kracht-conferenties"
    )

    tab_to(page, "el.textContent.trim() === 'Inschrijven'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/inschrijven/")

    for field_id, text in [
        ("id_first_name", "Anne-Sophie"),
        ("id_last_name", "D'Hondt"),
        ("id_email", "anne-sophie@example.be"),
        ("id_phone", "0470 12 34 56"),
        ("id_organisation", "CAW Oost-Vlaanderen"),
    ]:
        tab_to(page, f"el.id === '{field_id}'")
        page.keyboard.type(text)
    tab_to(page, "el.id === 'id_consent'")
    page.keyboard.press("Space")
    tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")

    page.wait_for_url("**/ingeschreven/")
    assert page.get_by_role("heading", name="Kijk in je mailbox").is_visible()
    # The link in the mail opens the registration; the secret leaves the address at once.
    registration = Registration.objects.get()
    mail = OutboxMessage.objects.get(kind="registration_received")
    page.goto(
        re.search(r"http://\S+/inschrijving/\S+/", mail.body_text)[0].replace(
            "http://testserver", live_server.url
        )
    )
    page.wait_for_url(f"**/mijn-inschrijving/{registration.code}/")
    ogm = registration.structured_communication
    assert page.get_by_role("heading", name="Zo betaal je").is_visible()
    assert page.get_by_text("€ 20,00").first.is_visible()
    assert page.get_by_text(f"+++{ogm[:3]}/{ogm[3:7]}/{ogm[7:]}+++").is_visible()
    assert page.get_by_text("BE68 5390 0754 7034").is_visible()
    qr = page.locator("svg.qr-code")
    assert qr.is_visible()
    assert qr.bounding_box()["width"] >= 150
    assert page.locator("svg.qr-code title").text_content() == "EPC QR-code"


def test_mistakes_are_announced_and_the_form_keeps_what_was_typed(page, live_server):
    training = TrainingFactory()
    page.goto(f"{live_server.url}/vormingen/{training.pk}/inschrijven/")

    page.get_by_label("Voornaam", exact=True).first.fill("Jan")
    page.get_by_label("E-mailadres", exact=True).first.fill("geen-adres")
    page.get_by_role("button", name="Inschrijving versturen").click()

    assert page.get_by_role("alert").first.is_visible()
    # In the summary at the top, as a link to the field, and next to the field itself.
    assert page.get_by_role("link", name="Vul je familienaam in.").is_visible()
    assert page.locator("#id_last_name_error").get_by_text("Vul je familienaam in.").is_visible()
    assert page.get_by_label("Voornaam", exact=True).first.input_value() == "Jan"
    assert not Registration.objects.exists()
