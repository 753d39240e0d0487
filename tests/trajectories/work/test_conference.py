"""Planning the conference, noting who was there, and the invitation letters."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import Organisation
from eigenkracht.trajectories.models import (
    Conference,
    ConferenceAttendance,
    Trajectory,
    TrajectoryEvent,
)
from eigenkracht.trajectories.work.pdf import invitation_letter_pdf
from tests.core.pdf_reader import NAMES_IN_SCRIPTS, drawn, pdf_text, shown
from tests.trajectories.factories import (
    ConferenceFactory,
    ParticipantFactory,
    TrajectoryFactory,
)

pytestmark = pytest.mark.django_db
S = Trajectory.Status


def _url(trajectory, name, *args):
    return reverse(f"trajectories:{name}", args=[trajectory.pk, *args])


def _conference(**overrides):
    data = {
        "date": (timezone.localdate() + dt.timedelta(days=21)).isoformat(),
        "start_time": "18:30",
        "place": "Buurthuis De Vonk",
        "address": "Vonkstraat 3, 9000 Gent",
        "languages": ["nl", "ar"],
        "interpreter": "Samira (Arabisch)",
        "children_arrangements": "Emma is er bij de voorstelling; opvang door buurvrouw An.",
        "remarks": "",
    }
    data.update(overrides)
    return data


def test_planning_the_conference_moves_preparation_to_conference_planned(
    coordinator_client, trajectory
):
    response = coordinator_client.post(_url(trajectory, "conference"), _conference())
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.status == S.CONFERENCE_PLANNED
    conference = trajectory.conferences.get()
    assert conference.kind == Conference.Kind.CONFERENCE
    assert conference.languages == ["nl", "ar"]
    assert TrajectoryEvent.objects.filter(
        trajectory=trajectory, to_status=S.CONFERENCE_PLANNED
    ).exists()

    page = coordinator_client.get(_url(trajectory, "conference")).content.decode()
    assert "Buurthuis De Vonk" in page
    assert "Nederlands, Arabisch" in page
    assert _url(trajectory, "attendance", conference.pk) in page
    main = trajectory.participants.get()
    assert _url(trajectory, "invitation_letter", conference.pk, main.pk) in page


def test_changing_the_conference_keeps_one_conference(coordinator_client, trajectory):
    coordinator_client.post(_url(trajectory, "conference"), _conference())
    coordinator_client.post(_url(trajectory, "conference"), _conference(place="Parochiezaal"))
    assert trajectory.conferences.get().place == "Parochiezaal"


def test_a_conference_before_the_referral_is_refused(coordinator_client, trajectory):
    before = timezone.localdate(trajectory.referred_at) - dt.timedelta(days=1)
    response = coordinator_client.post(
        _url(trajectory, "conference"), _conference(date=before.isoformat())
    )
    assert response.status_code == 200
    assert "De conferentie kan niet voor de aanmelding vallen" in response.content.decode()
    assert not trajectory.conferences.exists()
    trajectory.refresh_from_db()
    assert trajectory.status == S.PREPARATION


def test_a_conference_sent_empty_lists_each_problem_at_the_top(coordinator_client, trajectory):
    response = coordinator_client.post(_url(trajectory, "conference"), {})

    page = response.content.decode()
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "De conferentie is nog niet bewaard." in summary
    assert 'href="#id_date"' in summary
    assert "Kies minstens één taal." in summary
    assert page.count('class="error-summary"') == 1


def test_a_conference_cannot_be_planned_before_the_preparation_starts(
    coordinator_client, trajectory
):
    Trajectory.objects.filter(pk=trajectory.pk).update(status=S.ASSIGNED)
    page = coordinator_client.get(_url(trajectory, "conference")).content.decode()
    assert "Conferentie plannen" not in page
    response = coordinator_client.post(_url(trajectory, "conference"), _conference())
    assert response.status_code == 200
    assert "niet in de status" in response.content.decode()
    assert not trajectory.conferences.exists()


def test_a_follow_up_conference_only_during_follow_up(coordinator_client, trajectory):
    ConferenceFactory(trajectory=trajectory, date=timezone.localdate() - dt.timedelta(days=30))
    response = coordinator_client.post(_url(trajectory, "follow_up_conference"), _conference())
    assert "pas tijdens de opvolging" in response.content.decode()
    Trajectory.objects.filter(pk=trajectory.pk).update(status=S.FOLLOW_UP)
    response = coordinator_client.post(_url(trajectory, "follow_up_conference"), _conference())
    assert response.status_code == 302
    assert trajectory.conferences.filter(kind=Conference.Kind.FOLLOW_UP).count() == 1


def _attendance_data(conference, rows, minutes="150"):
    data = {"private_time_minutes": minutes}
    for participant, parts in rows.items():
        for part in parts:
            data[f"p{participant.pk}_{part}"] = "on"
    return data


def test_attendance_is_recorded_and_the_conference_held(coordinator_client, trajectory):
    conference = ConferenceFactory(trajectory=trajectory, date=timezone.localdate())
    main = trajectory.participants.get()
    aunt = ParticipantFactory(trajectory=trajectory, name="Tante Els")
    teacher = ParticipantFactory(trajectory=trajectory, name="Juf Ann", role="professional")
    ParticipantFactory(trajectory=trajectory, name="Nonkel Jan")  # did not come
    url = _url(trajectory, "attendance", conference.pk)

    page = coordinator_client.get(url).content.decode()
    assert "<legend>Tante Els" in page
    assert "Informatieronde" in page

    response = coordinator_client.post(
        url,
        _attendance_data(
            conference,
            {
                main: ["information_round", "family_time", "plan_presentation"],
                aunt: ["information_round", "family_time"],
                teacher: ["information_round", "plan_presentation"],
            },
        ),
    )
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.held
    assert conference.private_time_minutes == 150
    rows = {
        a.participant.name: (a.information_round, a.family_time, a.plan_presentation)
        for a in ConferenceAttendance.objects.filter(conference=conference).select_related(
            "participant"
        )
    }
    assert rows == {
        main.name: (True, True, True),
        "Tante Els": (True, True, False),
        "Juf Ann": (True, False, True),
    }
    # The page shows what was stored.
    page = coordinator_client.get(url).content.decode()
    assert page.count("checked") == 7


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        ("-5", "De duur kan niet negatief zijn."),
        ("1500", "hoogstens een etmaal"),
        ("veel", "Vul een aantal minuten in"),
    ],
)
def test_impossible_private_time_is_refused(coordinator_client, trajectory, minutes, message):
    conference = ConferenceFactory(trajectory=trajectory, date=timezone.localdate())
    main = trajectory.participants.get()
    response = coordinator_client.post(
        _url(trajectory, "attendance", conference.pk),
        _attendance_data(conference, {main: ["family_time"]}, minutes=minutes),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    conference.refresh_from_db()
    assert not conference.held


def test_attendance_of_a_future_conference_is_refused(coordinator_client, trajectory):
    conference = ConferenceFactory(trajectory=trajectory)  # in two weeks
    main = trajectory.participants.get()
    url = _url(trajectory, "attendance", conference.pk)
    assert "pas genoteerd worden op de dag" in coordinator_client.get(url).content.decode()
    response = coordinator_client.post(url, _attendance_data(conference, {main: ["family_time"]}))
    assert response.status_code == 200
    conference.refresh_from_db()
    assert not conference.held


def test_the_invitation_letter_has_the_conference_details(coordinator_client, trajectory):
    organisation = Organisation.current()
    conference = ConferenceFactory(
        trajectory=trajectory,
        date=dt.date(2031, 3, 5),
        start_time=dt.time(18, 30),
        languages=["nl", "tr"],
        interpreter="Ayse, tolk Turks",
        children_arrangements="Opvang door buurvrouw An tijdens het besloten gedeelte.",
    )
    aunt = ParticipantFactory(trajectory=trajectory, name="Tante Els", address="Kerkstraat 1")
    response = coordinator_client.get(_url(trajectory, "invitation_letter", conference.pk, aunt.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "Beste Tante Els,",
        "woensdag 5 maart 2031",
        "18.30 uur",
        "Buurthuis De Vonk",
        "Vonkstraat 3, 9000 Gent",
        "Nederlands, Turks",
        "Ayse, tolk Turks",
        "Opvang door buurvrouw An",
        "Karim El Amrani",
        "0470 12 34 56",
        organisation.name,
        f"{organisation.street}, {organisation.postcode} {organisation.city}",
        "Sarah Janssens",  # whose conference it is
    ):
        assert expected in text, expected
    assert trajectory.concerns not in text


@pytest.mark.parametrize("script", NAMES_IN_SCRIPTS)
def test_the_invitation_letter_prints_names_in_any_script(coordinator_client, coordinator, script):
    name = " ".join(NAMES_IN_SCRIPTS[script])
    trajectory = TrajectoryFactory(
        status=Trajectory.Status.PREPARATION, coordinator=coordinator, main_person=name
    )
    conference = ConferenceFactory(trajectory=trajectory)
    invited = trajectory.participants.get()

    response = coordinator_client.get(
        _url(trajectory, "invitation_letter", conference.pk, invited.pk)
    )

    assert response.status_code == 200
    shown_texts = shown(response.content)
    assert drawn(name) in shown_texts  # the address
    assert f"Beste {drawn(name)}," in shown_texts


def test_the_invitation_letter_pdf_function_keeps_accents():
    from tests.trajectories.factories import TrajectoryFactory

    conference = ConferenceFactory(trajectory=TrajectoryFactory(main_person="Zoë Dubois"))
    participant = conference.trajectory.participants.get()
    content = invitation_letter_pdf(
        conference=conference, participant=participant, main_people=[participant], compress=False
    )
    text = pdf_text(content)
    assert "Zoë Dubois" in text
    assert "Geen tolk voorzien" in text


def test_a_letter_for_someone_of_another_trajectory_is_not_found(coordinator_client, trajectory):
    conference = ConferenceFactory(trajectory=trajectory)
    stranger = ParticipantFactory()
    response = coordinator_client.get(
        _url(trajectory, "invitation_letter", conference.pk, stranger.pk)
    )
    assert response.status_code == 404
    other_conference = ConferenceFactory()
    main = trajectory.participants.get()
    response = coordinator_client.get(
        _url(trajectory, "invitation_letter", other_conference.pk, main.pk)
    )
    assert response.status_code == 404
