"""With JavaScript the network map changes in place: the page is not reloaded, the new map and
table come in, and the focus goes to the message about what happened."""

import pytest
from django.test import Client

from eigenkracht.network.models import NetworkMember
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory
from tests.two_factor import login_verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_adding_and_moving_someone_updates_the_map_in_place(page, live_server):
    coordinator = CoordinatorFactory()
    trajectory = TrajectoryFactory(status="preparation", coordinator=coordinator)
    client = Client()
    login_verified(client, coordinator.user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/netwerk/")
    page.evaluate("window.stayedOnThePage = true")
    page.get_by_label("Naam", exact=True).fill("Tante Els")
    page.get_by_label("Sector", exact=True).select_option("family")
    page.get_by_label("Nabijheid", exact=True).select_option("close")
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    notice = page.locator("[data-network-notice]")
    notice.wait_for()
    assert notice.text_content() == "Tante Els staat op de kaart."
    assert page.evaluate("document.activeElement.hasAttribute('data-network-notice')")
    assert page.locator("svg.network-map g.member title").all_text_contents() == ["Tante Els"]
    assert page.evaluate("window.stayedOnThePage") is True

    page.get_by_text("Verplaatsen").click()
    page.locator("form.move-form select[name=sector]").select_option("professionals")
    page.locator("form.move-form select[name=tie]").select_option("stressful")
    page.get_by_role("button", name="Bewaren").click()
    page.get_by_text("Tante Els staat nu bij Professionals en diensten, dichtbij").wait_for()
    # Her tie, and the sample in the legend.
    assert page.locator("svg.network-map path.tie.stressful").count() == 2
    assert page.evaluate("window.stayedOnThePage") is True

    els = NetworkMember.objects.get(trajectory=trajectory)
    assert (els.name, els.sector, els.ring, els.tie) == (
        "Tante Els",
        "professionals",
        "close",
        "stressful",
    )
