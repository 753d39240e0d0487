"""One staff menu for /beheer/, /trajecten/, the trainers' and the account pages: each role sees
the items it may open, and the page it is on is marked."""

import pytest
from django.urls import reverse

from eigenkracht.backoffice.menu import staff_menu
from tests.factories import UserFactory
from tests.trajectories.factories import CoordinatorFactory
from tests.two_factor import login_verified

pytestmark = pytest.mark.django_db


def labels(role: str) -> list[str]:
    return [item.label for item in staff_menu(UserFactory(role=role), "/")]


def test_the_office_sees_its_work_but_not_the_managers_settings():
    office = labels("office")

    assert {"Overzicht", "Aanmeldingen", "Trajecten", "Vormingen", "Betalingen"} <= set(office)
    assert {"Verzonden mails", "Auditlog", "Privacy", "API-sleutels", "Mijn account"} <= set(office)
    assert "Gebruikers" not in office and "Instellingen" not in office
    assert {"Gebruikers", "Instellingen"} <= set(labels("manager"))


def test_coordinators_referrers_and_trainers_see_only_their_own_things():
    coordinator = CoordinatorFactory().user
    assert [item.label for item in staff_menu(coordinator, "/")] == [
        "Mijn trajecten",
        "Mijn agenda",
        "Onkosten",
        "Mijn account",
    ]
    assert labels("referrer") == ["Mijn trajecten", "Mijn account"]
    assert labels("trainer") == ["Mijn vormingen", "Mijn account"]


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/beheer/", "Overzicht"),
        ("/beheer/outbox/3/", "Verzonden mails"),
        ("/beheer/vormingen/overzicht/", "Vormingen"),
        ("/beheer/privacy/anoniem-maken/", "Privacy"),
        ("/trajecten/12/plan/", "Trajecten"),
        ("/trajecten/aanmeldingen/", "Aanmeldingen"),
        ("/trajecten/cijfers/", "Cijfers"),
    ],
)
def test_the_page_one_is_on_is_the_one_marked(path, current):
    menu = staff_menu(UserFactory(role="manager"), path)

    assert [item.label for item in menu if item.current] == [current]


def test_the_trajectories_and_the_back_office_share_one_header(client):
    login_verified(client, UserFactory(role="office"))

    for url in (reverse("backoffice:home"), reverse("trajectories:list"), "/account/"):
        html = client.get(url).content.decode()
        assert 'class="site-header staff-header"' in html, url
        assert f'href="{reverse("backoffice:outbox")}">Verzonden mails' in html, url
        assert "<summary>Menu</summary>" in html, url
