"""The outbox and the audit log speak Dutch: with the demo's mails and entries, no page shows a
stored code (a mail kind, an action, an object type, a status or a data key)."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse

from eigenkracht.accounts.models import User
from eigenkracht.core.audit_actions import AUDIT_ACTIONS
from eigenkracht.core.models import AuditEntry, OutboxMessage
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db

SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


class _Text(HTMLParser):
    """The words a reader sees (option labels included), not markup, attributes or scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style", "iframe")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style", "iframe")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def codes_in(text: str) -> list[str]:
    dotted = [code for code in AUDIT_ACTIONS if code in text]
    object_types = {
        value for value in AuditEntry.objects.values_list("object_type", flat=True).distinct()
    } | set(OutboxMessage.objects.values_list("object_type", flat=True).distinct())
    return SNAKE_CASE.findall(text) + dotted + [t for t in object_types if t and t in text]


@pytest.fixture
def demo_client(client, settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())
    login_verified(client, User.objects.get(email="kantoor@example.org"))
    return client


def test_the_outbox_names_every_kind_and_object_in_words(demo_client):
    kinds = set(OutboxMessage.objects.values_list("kind", flat=True))
    assert len(kinds) > 10

    listing = visible_text(demo_client.get(reverse("backoffice:outbox")).content.decode())
    assert codes_in(listing) == []
    for kind in kinds:
        message = OutboxMessage.objects.filter(kind=kind).order_by("pk").first()
        url = reverse("backoffice:outbox_detail", args=[message.pk])
        text = visible_text(demo_client.get(url).content.decode())
        assert codes_in(text) == [], kind
        if message.object_type:
            assert "Hoort bij" in text and f"#{message.object_id}" not in text, kind


def test_the_audit_log_shows_sentences_labels_and_names(demo_client):
    entries = AuditEntry.objects.count()
    pages = -(-entries // 50)
    assert pages > 1
    for number in range(1, pages + 1):
        html = demo_client.get(reverse("backoffice:audit"), {"page": number}).content.decode()
        assert codes_in(visible_text(html)) == [], number
