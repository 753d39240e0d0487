"""Office staff edit the public texts: preview first, then save; every save is audited."""

import pytest
from django.urls import reverse

from eigenkracht.core.models import AuditEntry
from eigenkracht.pages.models import Page
from tests.factories import UserFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db

EDIT_URL = reverse("pages_backoffice:page_edit", args=["voor-wie"])


def test_the_page_list_shows_every_public_page(office_client):
    html = office_client.get(reverse("pages_backoffice:page_list")).content.decode()

    assert "Privacyverklaring" in html
    assert "Voor wie?" in html
    assert EDIT_URL in html


def test_the_edit_form_shows_the_current_text(office_client):
    html = office_client.get(EDIT_URL).content.decode()

    assert 'value="Voor wie?"' in html
    assert "Schooluitval" in html
    assert ">Voorbeeld</button>" in html
    assert ">Opslaan</button>" in html


def test_preview_shows_the_rendered_text_without_saving(office_client):
    before = Page.objects.get(slug="voor-wie")

    response = office_client.post(
        EDIT_URL,
        {
            "title": "Voor wie is het?",
            "intro": "Nieuwe inleiding",
            "body": "## Nieuw stuk\n\n<script>alert(1)</script>",
            "action": "preview",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Nieuw stuk</h2>" in html
    assert "Dit is nog niet opgeslagen." in html
    assert "<script>alert(1)</script>" not in html
    assert 'value="Voor wie is het?"' in html
    after = Page.objects.get(slug="voor-wie")
    assert (after.title, after.body, after.updated_at) == (
        before.title,
        before.body,
        before.updated_at,
    )
    assert not AuditEntry.objects.filter(action="page.updated").exists()


def test_saving_changes_the_public_page_and_writes_an_audit_entry(office_client, office_user):
    response = office_client.post(
        EDIT_URL,
        {"title": "Voor wie is het?", "intro": "Voor iedereen.", "body": "Tekst", "action": "save"},
        follow=True,
    )

    assert "De pagina is opgeslagen: Voor wie is het?." in response.content.decode()
    page = Page.objects.get(slug="voor-wie")
    assert (page.title, page.intro, page.body, page.updated_by) == (
        "Voor wie is het?",
        "Voor iedereen.",
        "Tekst",
        office_user,
    )
    entry = AuditEntry.objects.get(action="page.updated")
    assert entry.actor == office_user
    assert entry.object_id == str(page.pk)
    assert entry.data == {"fields": ["title", "intro", "body"], "previous_title": "Voor wie?"}
    assert "<h1>Voor wie is het?</h1>" in office_client.get("/voor-wie/").content.decode()


def test_a_title_is_required(office_client):
    response = office_client.post(EDIT_URL, {"title": "", "body": "x", "action": "save"})

    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    assert Page.objects.get(slug="voor-wie").title == "Voor wie?"


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    for url in (reverse("pages_backoffice:page_list"), EDIT_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_a_referrer_may_not_edit_pages(client):
    login_verified(client, UserFactory(role="referrer"))

    assert client.get(reverse("pages_backoffice:page_list")).status_code == 403
    response = client.post(EDIT_URL, {"title": "Gekaapt", "body": "x", "action": "save"})
    assert response.status_code == 403
    assert Page.objects.get(slug="voor-wie").title == "Voor wie?"


def test_a_manager_may_edit_pages_too(manager_client):
    assert manager_client.get(EDIT_URL).status_code == 200
