"""Staff read the audit log: who changed what, and when."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import AuditEntry, Organisation
from eigenkracht.pages.models import Page
from eigenkracht.trajectories.services import trajectories_listed
from tests.factories import UserFactory
from tests.trajectories.factories import TrajectoryFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db

AUDIT_URL = reverse("backoffice:audit")


def test_the_audit_log_shows_actor_action_object_and_readable_data(office_client, office_user):
    page = Page.objects.get(slug="privacy")
    audit_record(
        actor=office_user,
        action="page.updated",
        obj=page,
        data={"fields": ["title", "body"], "previous_title": "Oude titel"},
    )

    html = office_client.get(AUDIT_URL).content.decode()

    assert "Sofie Peeters" in html
    assert "Pagina van de website gewijzigd" in html  # the sentence, not the stored code
    assert "page.updated" not in html
    assert f'<a href="/beheer/paginas/{page.slug}/">{page.title}</a>' in html  # named, linked
    assert "<dt>Gewijzigde gegevens</dt><dd>titel, tekst</dd>" in html
    assert "<dt>Vorige titel</dt><dd>Oude titel</dd>" in html


def test_the_audit_log_filters_by_object_type_and_object_number(office_client, office_user):
    page = Page.objects.get(slug="privacy")
    audit_record(actor=office_user, action="page.updated", obj=page)
    audit_record(actor=office_user, action="organisation.updated", obj=Organisation.current())

    pages_only = office_client.get(AUDIT_URL, {"object_type": "pages.page"}).content.decode()
    by_number = office_client.get(AUDIT_URL, {"object_id": str(page.pk)}).content.decode()

    assert "Pagina van de website gewijzigd" in pages_only
    assert "Instellingen van de organisatie gewijzigd" not in pages_only
    assert "Pagina van de website gewijzigd" in by_number
    assert '<option value="pages.page" selected>Pagina</option>' in pages_only


def test_the_audit_log_needs_a_staff_login(client):
    response = client.get(AUDIT_URL)
    assert response.status_code == 302

    login_verified(client, UserFactory(role="coordinator"))
    assert client.get(AUDIT_URL).status_code == 403


def test_the_audit_log_costs_the_same_queries_for_5_or_50_entries(office_client):
    page = Page.objects.get(slug="privacy")

    def add_entries(count: int) -> None:
        for number in range(count):
            actor = UserFactory(email=f"medewerker-audit{AuditEntry.objects.count()}@example.org")
            audit_record(actor=actor, action="page.updated", obj=page, data={"n": number})

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert office_client.get(AUDIT_URL).status_code == 200
        return len(context.captured_queries)

    add_entries(5)
    with_five = count_queries()
    add_entries(45)

    assert count_queries() == with_five


def test_a_list_page_entry_names_and_links_the_trajectories_it_showed(office_client, office_user):
    shown = [TrajectoryFactory(), TrajectoryFactory()]
    trajectories_listed(actor=office_user, page="list", ids=[t.pk for t in shown])

    html = office_client.get(AUDIT_URL).content.decode()

    for trajectory in shown:
        assert f'<a href="/trajecten/{trajectory.pk}/">{trajectory.reference}</a>' in html
    assert "Nummers" not in html
