"""The network map as the browser paints it: every tie shows as a line from the main person to
the member, in the style of the legend."""

import io

import pytest
from django.test import Client
from PIL import Image

from eigenkracht.network.models import NetworkMember
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory
from tests.two_factor import login_verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Points along each tie, between 15 % and 85 % of its length (clear of the centre and the dot),
# in pixels of the map's screenshot.
POINTS_ON_TIES = """svg => {
  const box = svg.getBoundingClientRect();
  return [...svg.querySelectorAll(':scope > .tie')].map(tie => {
    const matrix = tie.getScreenCTM();
    const length = tie.getTotalLength();
    const points = [];
    for (let k = 0; k <= 20; k++) {
      const p = tie.getPointAtLength(length * (0.15 + 0.7 * k / 20)).matrixTransform(matrix);
      points.push([p.x - box.left, p.y - box.top]);
    }
    return {kind: tie.getAttribute('class'), points};
  });
}"""


def _inked(image: Image.Image, x: float, y: float) -> bool:
    """Whether a dark pixel lies at the point or right beside it (lines are anti-aliased)."""
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            pixel = image.getpixel((round(x) + dx, round(y) + dy))
            if sum(pixel[:3]) / 3 < 150:  # the tie's grey, not the white ground or a ring
                return True
    return False


def test_every_tie_is_painted_from_the_centre_to_the_member(page, live_server):
    coordinator = CoordinatorFactory()
    trajectory = TrajectoryFactory(status="preparation", coordinator=coordinator)
    NetworkMember.objects.bulk_create(
        [
            NetworkMember(trajectory=trajectory, name="Oma Rita", sector="family", ring="far"),
            NetworkMember(
                trajectory=trajectory, name="Buurman Jan", sector="friends", ring="far", tie="weak"
            ),
            NetworkMember(
                trajectory=trajectory,
                name="Juf Els",
                sector="school_work",
                ring="far",
                tie="stressful",
            ),
        ]
    )
    client = Client()
    login_verified(client, coordinator.user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 1400, "height": 1300})  # the map at about its own size

    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/netwerk/")
    svg = page.locator("svg.network-map")
    ties = svg.evaluate(POINTS_ON_TIES)
    image = Image.open(io.BytesIO(svg.screenshot())).convert("RGB")

    assert sorted(tie["kind"] for tie in ties) == ["tie stressful", "tie strong", "tie weak"]
    inked = {tie["kind"]: sum(_inked(image, x, y) for x, y in tie["points"]) for tie in ties}
    assert inked["tie strong"] >= 19  # of 21 points: a solid line
    assert inked["tie stressful"] >= 19
    assert 5 <= inked["tie weak"] <= 18  # dashes and gaps
