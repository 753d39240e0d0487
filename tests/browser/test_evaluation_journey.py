"""A participant fills in the evaluation on a phone, with the keyboard only; a child gets faces
with words. Both pages fit 390 px."""

import pytest
from django.utils import timezone

from eigenkracht.evaluations.models import ConferenceInvite, ConferenceResponse
from eigenkracht.trajectories import services
from eigenkracht.trajectories.models import Trajectory
from tests.trajectories.factories import ConferenceFactory, CoordinatorFactory, TrajectoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _invite(*, born: int | None = 1988) -> ConferenceInvite:
    trajectory = TrajectoryFactory(
        status=Trajectory.Status.CONFERENCE_PLANNED, coordinator=CoordinatorFactory()
    )
    trajectory.participants.update(email="sarah@example.be", birth_year=born)
    conference = ConferenceFactory(trajectory=trajectory, date=timezone.localdate())
    services.attendance_record(
        conference=conference,
        presence={p.pk: services.Presence(True, True, True) for p in trajectory.participants.all()},
        private_time_minutes=None,
        actor=trajectory.coordinator.user,
    )
    return ConferenceInvite.objects.get()


def _fits(page) -> bool:
    scroll, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    return scroll <= width


def test_an_adult_fills_in_the_form_with_the_keyboard(page, live_server):
    invite = _invite()
    page.goto(f"{live_server.url}/evaluatie/{invite.token}/")
    assert _fits(page)

    page.get_by_role("group", name="Welk cijfer geef je aan de bijeenkomst zelf?").get_by_role(
        "radio", name="1", exact=True
    ).focus()
    for arrows in (7, 6, 8):  # 8 for the meeting, 7 for the plan, 9 for the coordinator
        for _ in range(arrows):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
    # Each statement starts on "Weet ik niet" (the last choice): the arrow goes round to 1.
    for arrows in (4, 5):  # "Akkoord", "Helemaal akkoord"
        for _ in range(arrows):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the third statement left open
    page.keyboard.type("Fijn dat iedereen er was.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Bedankt!").wait_for()
    response = ConferenceResponse.objects.get()
    assert (response.score_meeting, response.score_plan, response.score_coordinator) == (8, 7, 9)
    assert (response.decisions, response.inclusion, response.support) == (4, 5, None)
    assert response.comment == "Fijn dat iedereen er was."

    page.goto(f"{live_server.url}/evaluatie/{invite.token}/")
    page.get_by_role("heading", name="Deze vragenlijst is al ingevuld").wait_for()


def test_a_child_chooses_faces_that_have_words(page, live_server):
    invite = _invite(born=timezone.localdate().year - 10)
    page.goto(f"{live_server.url}/evaluatie/{invite.token}/")
    page.get_by_role("heading", name="Hoe was het voor jou?").wait_for()
    assert _fits(page)

    for question in ("Hoe vond je de bijeenkomst?", "Hoe vind je het plan?"):
        page.get_by_role("group", name=question).get_by_label("Heel goed").check()
    page.get_by_role("button", name="Versturen").click()

    # The coordinator's face was not chosen: the page says so, and nothing is stored.
    page.get_by_text("Kies een gezichtje.").wait_for()
    assert not ConferenceResponse.objects.exists()
    page.get_by_role("group", name="Hoe vond je de coördinator?").get_by_role(
        "radio", name="Goed", exact=True
    ).check()
    page.get_by_role("button", name="Versturen").click()

    page.get_by_role("heading", name="Bedankt!").wait_for()
    response = ConferenceResponse.objects.get()
    assert (response.score_meeting, response.score_coordinator, response.child_form) == (
        10,
        8,
        True,
    )
