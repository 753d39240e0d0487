"""A list's filter with a value it does not offer (an old bookmark, a hand-typed address): a
message says the filter is off, and the list shows what it would without it."""

import pytest
from django.urls import reverse

from tests.factories import TrainingFactory
from tests.trajectories.factories import TrajectoryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "params", "message"),
    [
        (
            reverse("trajectories:list"),
            {"status": "lost"},
            "Onbekende keuze bij “status”: we tonen alle trajecten.",
        ),
        (
            reverse("trajectories:list"),
            {"warning": "late_forever"},
            "Onbekende keuze bij “signaal”: we tonen alle trajecten.",
        ),
        (
            reverse("trainings_backoffice:training_list"),
            {"status": "gone"},
            "Onbekende keuze bij “status”: we tonen alle vormingen.",
        ),
        (
            reverse("backoffice:outbox"),
            {"status": "lost"},
            "Onbekende keuze bij “status”: we tonen alle mails.",
        ),
        (
            reverse("backoffice:audit"),
            {"object_type": "nope.nothing"},
            "Onbekende keuze bij “soort object”: we tonen het hele logboek.",
        ),
    ],
)
def test_an_unknown_filter_value_on_a_staff_list_gives_a_message_not_an_error(
    office_client, url, params, message
):
    TrajectoryFactory(main_person="Sarah Janssens")
    TrainingFactory(title="Basisvorming")

    response = office_client.get(url, params)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'aria-invalid="true"' not in page


def test_a_known_value_keeps_filtering_without_a_message(office_client):
    TrajectoryFactory(main_person="Sarah Janssens", status="intake")
    page = office_client.get(reverse("trajectories:list"), {"status": "referred"}).content.decode()
    assert "Onbekende" not in page and "Sarah Janssens" not in page
