"""Invoices for a Peppol participant go to the access point; a local fake one checks what it
receives and answers as a real one would."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from lxml import etree

from eigenkracht.invoices import services
from eigenkracht.invoices.models import Document
from eigenkracht.invoices.peppol import peppol_send
from eigenkracht.invoices.ubl import DOCUMENT_TYPE
from tests.invoices.conftest import invoiced

TOKEN = "ap-secret-token"


class FakeAccessPoint:
    """An access point's HTTP API in a thread: records each request, answers `status`."""

    def __init__(self, status: int = 202) -> None:
        self.status = status
        self.received: list[dict] = []
        point = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                point.received.append({"path": self.path, "headers": self.headers, "body": body})
                if self.headers["Authorization"] != f"Bearer {TOKEN}":
                    self.send_response(401)
                    self.end_headers()
                    self.wfile.write(b"unknown token")
                    return
                self.send_response(point.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                answer = {"id": "ap-4711"} if point.status < 300 else {"error": "refused"}
                self.wfile.write(json.dumps(answer).encode())

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/documents"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeAccessPoint":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def access_point(settings):
    with FakeAccessPoint() as point:
        settings.PEPPOL_ACCESS_POINT_URL = point.url
        settings.PEPPOL_ACCESS_POINT_TOKEN = TOKEN
        yield point


@pytest.mark.django_db
def test_an_invoice_for_a_peppol_participant_reaches_the_access_point(
    access_point, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = invoiced(peppol_id="0208:0412345614")

    invoice = registration.invoice_documents.get()
    (request,) = access_point.received
    assert request["path"] == "/api/documents"
    headers = request["headers"]
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["Content-Type"] == "application/xml"
    assert headers["X-Peppol-Receiver"] == "0208:0412345614"
    assert headers["X-Peppol-Sender"] == f"0208:{invoice.seller['enterprise_number']}"
    assert headers["X-Peppol-Document-Type"] == DOCUMENT_TYPE["invoice"]
    assert headers["Idempotency-Key"] == invoice.number
    tree = etree.fromstring(request["body"])
    assert tree.tag.endswith("}Invoice")
    assert (
        tree.findtext("{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}ID")
        == invoice.number
    )
    invoice.refresh_from_db()
    assert invoice.delivery_status == Document.Delivery.SENT
    assert "ap-4711" in invoice.delivery_detail
    assert invoice.delivered_at is not None
    assert not mail.outbox  # Peppol instead of mail


@pytest.mark.django_db
def test_a_refusal_is_stored_and_shown_and_a_resend_tries_again(
    access_point, django_capture_on_commit_callbacks
):
    access_point.status = 422
    with django_capture_on_commit_callbacks(execute=True):
        registration = invoiced(peppol_id="0208:0412345614")
    invoice = registration.invoice_documents.get()
    assert invoice.delivery_status == Document.Delivery.FAILED
    assert "HTTP 422" in invoice.delivery_detail

    access_point.status = 200
    with django_capture_on_commit_callbacks(execute=True):
        services.document_resend(document=invoice, actor=None)

    invoice.refresh_from_db()
    assert invoice.delivery_status == Document.Delivery.SENT
    assert len(access_point.received) == 2


def test_a_wrong_token_or_no_server_is_a_failure_with_its_reason():
    with FakeAccessPoint() as point:
        refused = peppol_send(
            url=point.url,
            token="wrong",
            ubl=b"<Invoice/>",
            sender="0208:0412345614",
            receiver="0208:0412345614",
            document_type=DOCUMENT_TYPE["invoice"],
            idempotency_key="2026-0001",
        )
    assert not refused.accepted
    assert refused.error == "HTTP 401: unknown token"

    gone = peppol_send(
        url=point.url,
        token=TOKEN,
        ubl=b"<Invoice/>",
        sender="0208:0412345614",
        receiver="0208:0412345614",
        document_type=DOCUMENT_TYPE["invoice"],
        idempotency_key="2026-0001",
        timeout=2,
    )
    assert not gone.accepted
    assert gone.error.startswith("No answer from the access point")
