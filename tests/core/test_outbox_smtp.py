"""A real SMTP conversation: the outbox delivers over the wire and records what happened."""

import email
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from eigenkracht.core.models import OutboxMessage
from eigenkracht.trainings import emails
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


class Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[email.message.Message] = []

    def handle_message(self, message) -> None:
        self.messages.append(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


def test_the_payment_mail_crosses_a_real_smtp_server_with_its_qr_code(
    smtp_server, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(email="marie@example.be")

    with django_capture_on_commit_callbacks(execute=True):
        emails.send_received(registration)

    (received,) = smtp_server.messages
    assert received["To"] == "marie@example.be"
    assert received["Subject"].startswith("Inschrijving ontvangen")
    parts = {part.get_content_type(): part for part in received.walk()}
    assert "+++" in parts["text/plain"].get_payload(decode=True).decode()
    assert "cid:epc-qr" in parts["text/html"].get_payload(decode=True).decode()
    assert parts["image/png"]["Content-ID"] == "<epc-qr>"
    stored = OutboxMessage.objects.get()
    assert stored.status == OutboxMessage.Status.SENT
    assert stored.sent_at is not None


def test_a_refused_connection_is_visible_as_failed_in_the_outbox(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nobody listens here
    settings.EMAIL_TIMEOUT = 2

    with django_capture_on_commit_callbacks(execute=True):
        emails.send_received(RegistrationFactory())

    stored = OutboxMessage.objects.get()
    assert stored.status == OutboxMessage.Status.FAILED
    assert "ConnectionRefusedError" in stored.error
