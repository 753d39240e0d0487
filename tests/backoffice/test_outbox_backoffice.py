"""Staff read the outbox to answer "did they get the mail?", without seeing login links."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenkracht.core.models import OutboxAttachment, OutboxMessage
from eigenkracht.trainings.emails import send_later
from tests.factories import RegistrationFactory, UserFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db

OUTBOX_URL = reverse("backoffice:outbox")


def detail_url(message: OutboxMessage) -> str:
    return reverse("backoffice:outbox_detail", args=[message.pk])


def make_message(**overrides) -> OutboxMessage:
    values = {
        "kind": "registration_received",
        "recipient": "marie@example.be",
        "subject": "Je inschrijving voor de basisvorming",
        "body_text": "Dag Marie, we ontvingen je inschrijving.",
        "body_html": "<p>Dag Marie, we ontvingen je <strong>inschrijving</strong>.</p>",
        "status": OutboxMessage.Status.SENT,
        **overrides,
    }
    return OutboxMessage.objects.create(**values)


def test_the_outbox_lists_mails_newest_first_with_their_status(office_client):
    make_message(subject="Eerste mail")
    make_message(subject="Tweede mail", status=OutboxMessage.Status.FAILED)

    html = office_client.get(OUTBOX_URL).content.decode()

    assert html.index("Tweede mail") < html.index("Eerste mail")
    assert "Mislukt" in html
    assert "Verzonden" in html
    assert "marie@example.be" in html
    assert "Inschrijving ontvangen, met betaalgegevens" in html  # the kind in words
    assert "registration_received" not in html


def test_the_outbox_filters_by_status_and_searches_by_recipient(office_client):
    make_message(recipient="jan@example.be", subject="Voor Jan")
    make_message(recipient="an@example.be", subject="Voor An", status="failed")

    failed = office_client.get(OUTBOX_URL, {"status": "failed"}).content.decode()
    jan = office_client.get(OUTBOX_URL, {"q": "JAN@"}).content.decode()

    assert "Voor An" in failed and "Voor Jan" not in failed
    assert "Voor Jan" in jan and "Voor An" not in jan


def test_the_outbox_is_paginated_by_fifty(office_client):
    for number in range(51):
        make_message(subject=f"Mail nummer {number:02d}")

    first = office_client.get(OUTBOX_URL).content.decode()
    second = office_client.get(OUTBOX_URL, {"page": 2}).content.decode()

    assert "Mail nummer 50" in first and "Mail nummer 00" not in first
    assert "Mail nummer 00" in second
    assert "1 tot 50 van 51" in first


def test_a_mail_shows_its_text_its_html_in_a_sandbox_and_its_attachments(office_client):
    message = make_message(body_html='<p>Hallo</p><script>alert("x")</script>')
    OutboxAttachment.objects.create(
        message=message, filename="vorming.ics", mimetype="text/calendar", content=b"x" * 2048
    )

    html = office_client.get(detail_url(message)).content.decode()

    assert "Dag Marie, we ontvingen je inschrijving." in html
    frame = reverse("backoffice:outbox_html", args=[message.pk])
    assert f'<iframe class="mail-frame" sandbox="" src="{frame}"' in html
    assert "Hallo" not in html  # the HTML is only in the frame
    assert '<pre class="mail-text">' in html
    assert "vorming.ics" in html
    assert "2,0" in html  # 2,0 KB


def test_a_confidential_mail_hides_its_body(office_client):
    message = make_message(
        kind="password_reset",
        subject="Stel je wachtwoord in",
        body_text="Klik op https://example.org/account/reset/geheim-token/",
        body_html='<a href="https://example.org/account/reset/geheim-token/">link</a>',
        confidential=True,
    )

    html = office_client.get(detail_url(message)).content.decode()

    assert "Stel je wachtwoord in" in html
    assert "marie@example.be" in html
    assert "Inhoud verborgen: deze mail bevat een persoonlijke link" in html
    assert "geheim-token" not in html
    assert "<iframe" not in html


def test_a_hidden_evaluation_mail_is_not_said_to_be_a_login_link(office_client):
    message = make_message(
        kind="evaluation_conference",
        subject="Hoe was de conferentie?",
        body_text="Vul de vragenlijst in: https://example.org/evaluatie/geheim/",
        confidential=True,
    )

    html = office_client.get(detail_url(message)).content.decode()

    assert "Link om de conferentie te evalueren (aan een deelnemer)" in html
    assert "een vragenlijst in te vullen" in html and "geheim" not in html


def test_a_mail_closed_without_being_sent_says_why(office_client):
    reason = "De inlezing van het rekeninguittreksel werd ongedaan gemaakt."
    message = make_message(status=OutboxMessage.Status.DISMISSED, error=reason, subject="",
                           body_text="", body_html="")  # fmt: skip

    html = office_client.get(detail_url(message)).content.decode()
    listed = office_client.get(reverse("backoffice:outbox")).content.decode()

    assert f"<dt>Reden</dt><dd>{reason}</dd>" in html
    assert "Foutmelding" not in html
    assert "<h1>Mail die niet opgemaakt werd</h1>" in html
    assert "Er is geen inhoud: de mail werd afgesloten voor ze opgemaakt werd." in html
    assert "zodra dat lukt" not in html
    assert "(niet opgemaakt)</a>" in listed
    assert '<span class="badge ">Afgesloten, niet verstuurd</span>' in listed


def test_an_unknown_mail_answers_404(office_client):
    assert office_client.get(reverse("backoffice:outbox_detail", args=[999])).status_code == 404


def test_the_outbox_needs_a_staff_login(client):
    message = make_message()
    for url in (OUTBOX_URL, detail_url(message)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))

    login_verified(client, UserFactory(role="referrer"))
    assert client.get(OUTBOX_URL).status_code == 403


def test_the_outbox_list_costs_the_same_queries_for_5_or_50_mails(office_client):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert office_client.get(OUTBOX_URL).status_code == 200
        return len(context.captured_queries)

    for _ in range(5):
        make_message()
    with_five = count_queries()
    for _ in range(45):
        make_message()

    assert count_queries() == with_five


def test_the_html_version_has_its_own_frame_that_allows_only_its_styles_and_images(office_client):
    message = make_message(
        body_html='<p style="color:red">Hallo</p><img src="cid:epc-qr" alt="QR">'
    )
    OutboxAttachment.objects.create(
        message=message,
        filename="qr.png",
        mimetype="image/png",
        content=b"PNG",
        content_id="epc-qr",
    )

    response = office_client.get(reverse("backoffice:outbox_html", args=[message.pk]))

    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "style-src 'unsafe-inline'" in policy
    assert "img-src data:" in policy and "sandbox" in policy
    assert "frame-ancestors 'self'" in policy and "script-src" not in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    body = response.content.decode()
    assert '<img src="data:image/png;base64,UE5H" alt="QR">' in body  # b"PNG", resolved
    assert "cid:" not in body


def test_a_real_payment_mail_shows_its_qr_code_in_the_frame(
    office_client, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory()
    with django_capture_on_commit_callbacks(execute=True):  # composed after commit
        send_later("registration_received", registration)
    message = OutboxMessage.objects.get(kind="registration_received")
    assert "cid:epc-qr" in message.body_html

    body = office_client.get(reverse("backoffice:outbox_html", args=[message.pk])).content
    assert b'src="data:image/png;base64,iVBOR' in body  # a PNG


def test_the_frame_of_a_confidential_mail_or_for_a_visitor_shows_nothing(client, office_client):
    secret = make_message(body_html="<a href='/reset/geheim'>link</a>", confidential=True)
    plain = make_message()

    assert office_client.get(reverse("backoffice:outbox_html", args=[secret.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("backoffice:outbox_html", args=[plain.pk])).status_code == 302
