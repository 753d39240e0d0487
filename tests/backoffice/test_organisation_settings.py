"""A manager keeps the organisation's details right; bank details are checked on the way in."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eigenkracht.core.models import AuditEntry, Organisation

pytestmark = pytest.mark.django_db

SETTINGS_URL = reverse("backoffice:organisation")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def form_data(**overrides) -> dict:
    return {
        "name": "Eigen Kracht Vlaanderen vzw",
        "street": "Kerkstraat 12",
        "postcode": "9000",
        "city": "Gent",
        "email": "info@example.org",
        "phone": "09 123 45 67",
        "iban": "BE68 5390 0754 7034",
        "bic": "GKCCBEBB",
        "beneficiary": "Eigen Kracht Vlaanderen vzw",
        "default_fee": "20,00",
        "default_payment_term_days": "14",
        "reminder_days_before": "3",
        "practical_reminder_days_before": "5",
        "waiting_list_offer_hours": "48",
        "cancellation_days_before": "7",
        "cancellation_refund_percent": "100",
        "refund_term_days": "30",
        "norm_coordinator_working_days": "5",
        "norm_conference_weeks": "10",
        "follow_up_weeks": "4",
        "enterprise_number": "BE 0412.345.614",
        "vat_rate_percent": "21",
        "vat_exemption_text": Organisation._meta.get_field("vat_exemption_text").default,
        **overrides,
    }


def test_the_form_shows_the_iban_in_groups_of_four(manager_client):
    html = manager_client.get(SETTINGS_URL).content.decode()

    assert 'value="BE68 5390 0754 7034"' in html
    assert 'value="20,00"' in html


def test_an_invalid_iban_is_refused_with_a_dutch_message(manager_client):
    response = manager_client.post(SETTINGS_URL, form_data(iban="BE00 0000 0000 0000"))

    assert response.status_code == 200
    assert "Dit rekeningnummer klopt niet: de controlecijfers passen niet bij het nummer." in (
        response.content.decode()
    )
    assert Organisation.current().iban == "BE68539007547034"
    assert not AuditEntry.objects.filter(action="organisation.updated").exists()


def test_an_invalid_bic_is_refused_with_a_dutch_message(manager_client):
    response = manager_client.post(SETTINGS_URL, form_data(bic="GKCC"))

    assert "Een BIC-code telt 8 of 11 tekens, bijvoorbeeld GKCCBEBB." in response.content.decode()


def test_a_valid_iban_with_spaces_is_saved_compact_and_shown_formatted(manager_client):
    Organisation.objects.filter(pk=1).update(iban="BE71096123456769", bic="GKCCBEBB")

    response = manager_client.post(
        SETTINGS_URL,
        form_data(iban="be68 5390 0754 7034", default_fee="25,50", city="Antwerpen"),
        follow=True,
    )

    html = response.content.decode()
    assert "De instellingen zijn opgeslagen." in html
    assert 'value="BE68 5390 0754 7034"' in html
    organisation = Organisation.current()
    assert organisation.iban == "BE68539007547034"
    assert organisation.default_fee_cents == 2550
    assert organisation.city == "Antwerpen"


def test_saving_audits_only_the_fields_that_changed(manager_client, manager_user):
    manager_client.post(SETTINGS_URL, form_data(city="Brugge", default_fee="30"))

    entry = AuditEntry.objects.get(action="organisation.updated")
    assert entry.actor == manager_user
    assert entry.data == {
        "street": {"old": "Voorbeeldstraat 1", "new": "Kerkstraat 12"},
        "city": {"old": "Gent", "new": "Brugge"},
        "default_fee_cents": {"old": 2000, "new": 3000},
    }


def test_a_png_logo_under_one_megabyte_is_accepted(manager_client):
    logo = SimpleUploadedFile("logo.png", PNG, content_type="image/png")

    manager_client.post(SETTINGS_URL, {**form_data(), "logo": logo})

    assert Organisation.current().logo.name.startswith("organisation/logo")


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("logo.png", PNG + b"\x00" * (1024 * 1024), "Het logo mag hoogstens 1 MB groot zijn."),
        ("logo.gif", b"GIF89a" + b"\x00" * 32, "Kies een afbeelding in PNG, JPEG of SVG."),
        ("logo.png", b"<html>geen afbeelding</html>", "Kies een afbeelding in PNG, JPEG of SVG."),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "Dit SVG-bestand bevat scripts of ingesloten inhoud.",
        ),
    ],
)
def test_a_logo_that_is_too_big_or_not_an_image_is_refused(
    manager_client, filename, content, message
):
    logo = SimpleUploadedFile(filename, content)

    response = manager_client.post(SETTINGS_URL, {**form_data(), "logo": logo})

    assert message in response.content.decode()
    assert not Organisation.current().logo


def test_office_staff_may_not_change_the_settings(office_client):
    assert office_client.get(SETTINGS_URL).status_code == 403
    assert office_client.post(SETTINGS_URL, form_data(city="Hasselt")).status_code == 403
    assert Organisation.current().city == "Gent"


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(SETTINGS_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_cancellation_deadline_is_a_setting(manager_client):
    html = manager_client.get(SETTINGS_URL).content.decode()
    assert "Annuleren kan tot (dagen voor de vorming)" in html

    manager_client.post(SETTINGS_URL, form_data(cancellation_days_before="10"))

    assert Organisation.current().cancellation_days_before == 10


def test_the_trajectory_time_norms_are_settings(manager_client):
    html = manager_client.get(SETTINGS_URL).content.decode()
    assert "conferentie binnen (weken na de aanmelding)" in html.lower()

    manager_client.post(SETTINGS_URL, form_data(norm_conference_weeks="8", follow_up_weeks="6"))

    organisation = Organisation.current()
    assert (organisation.norm_conference_weeks, organisation.follow_up_weeks) == (8, 6)


def test_the_enterprise_number_is_checked_and_kept_compact(manager_client):
    response = manager_client.post(SETTINGS_URL, form_data(enterprise_number="0412.345.615"))
    assert "Dit is geen geldig ondernemingsnummer." in response.content.decode()

    manager_client.post(SETTINGS_URL, form_data(enterprise_number="BE 0412.345.614"))
    organisation = Organisation.objects.get()
    assert organisation.enterprise_number == "0412345614"
    assert organisation.enterprise_number_display == "0412.345.614"


def _real_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (90, 30), "navy").save(out, format="PNG")
    return out.getvalue()


def test_a_signature_image_is_kept_for_the_certificates(manager_client):
    signature = SimpleUploadedFile("handtekening.png", _real_png(), content_type="image/png")

    manager_client.post(SETTINGS_URL, {**form_data(), "signature": signature})

    assert Organisation.current().signature.name.startswith("organisation/handtekening")


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("handtekening.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
        ("handtekening.png", b"<html>geen afbeelding</html>"),
        ("handtekening.png", PNG),  # the signature of a PNG, but no image behind it
        ("handtekening.pdf", b"%PDF-1.4"),
    ],
)
def test_a_signature_that_is_not_a_png_or_jpeg_image_is_refused(manager_client, filename, content):
    signature = SimpleUploadedFile(filename, content)

    response = manager_client.post(SETTINGS_URL, {**form_data(), "signature": signature})

    assert "Kies een afbeelding in PNG of JPEG." in response.content.decode()
    assert not Organisation.current().signature
