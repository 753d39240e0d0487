"""The office keeps the list of sectors the referral form and the training registration offer."""

import pytest
from django.urls import reverse

from eigenkracht.core.models import AuditEntry, Sector

pytestmark = pytest.mark.django_db
URL = reverse("reports:sectors")


def test_the_list_starts_with_the_ten_sectors_of_the_issue():
    assert list(Sector.objects.values_list("name", flat=True)) == [
        "CLB", "OCMW", "CAW", "Jeugdhulp", "Justitie", "School", "Gezondheidszorg", "Politie",
        "Burger", "Andere",
    ]  # fmt: skip


def test_the_office_adds_a_sector_and_the_referral_form_offers_it(office_client, client):
    response = office_client.post(
        URL, {"name": "  Kinderopvang ", "position": "55", "active": "on"}
    )
    assert response.status_code == 302
    assert Sector.objects.get(name="Kinderopvang").position == 55
    assert AuditEntry.objects.filter(action="sector.created").exists()
    assert "Kinderopvang" in client.get(reverse("referral:form")).content.decode()


def test_a_sector_no_longer_offered_stays_on_old_referrals_but_leaves_the_form(
    office_client, client
):
    politie = Sector.objects.get(name="Politie")
    office_client.post(
        reverse("reports:sector_edit", args=[politie.pk]), {"name": "Politie", "position": "80"}
    )
    politie.refresh_from_db()
    assert not politie.active
    entry = AuditEntry.objects.get(action="sector.changed")
    assert entry.data == {"active": {"old": True, "new": False}}
    assert ">Politie<" not in client.get(reverse("referral:form")).content.decode()


def test_a_name_twice_is_refused_in_dutch(office_client):
    response = office_client.post(URL, {"name": "CAW", "position": "1", "active": "on"})
    assert "Er bestaat al een sector met de naam “CAW”." in response.content.decode()
    assert Sector.objects.filter(name="CAW").count() == 1


def test_only_the_office_keeps_the_list(client):
    from tests.factories import UserFactory
    from tests.two_factor import login_verified

    login_verified(client, UserFactory(role="coordinator"))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"name": "X", "position": "1"}).status_code == 403


def test_a_sector_that_differs_only_in_capitals_is_refused(office_client):
    before = Sector.objects.count()
    response = office_client.post(URL, {"name": " caw ", "position": "5", "active": "on"})
    assert "Er bestaat al een sector met de naam “caw”." in response.content.decode()
    assert Sector.objects.count() == before
    caw = Sector.objects.get(name="CAW")
    edit = reverse("reports:sector_edit", args=[caw.pk])
    office_client.post(edit, {"name": "Caw", "position": "30", "active": "on"})
    assert Sector.objects.get(pk=caw.pk).name == "Caw"  # its own name in other capitals is fine
