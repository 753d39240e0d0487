"""After a training's last session each trainee gets a link, once; the office sees the results
per training and per trainer, with the response rate and nothing under 5 answers."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from eigenkracht.core.models import OutboxMessage
from eigenkracht.evaluations import services
from eigenkracht.evaluations.models import TrainingInvite, TrainingResponse
from eigenkracht.evaluations.periodic import trainings_evaluate
from eigenkracht.trainings.models import Attendance, Trainer
from tests.factories import RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)


def _training(*, last_session: dt.date, seats: int = 3, title: str = "Basisvorming"):
    training = TrainingFactory(
        title=title, sessions=2, sessions__first_date=last_session - dt.timedelta(days=7)
    )
    for n in range(seats):
        RegistrationFactory(training=training, status="confirmed", email=f"t{n}.{title}@ex.be")
    RegistrationFactory(training=training, status="pending", email=f"pending.{title}@ex.be")
    return training


def _links() -> list[str]:
    return sorted(
        OutboxMessage.objects.filter(kind="evaluation_training").values_list("recipient", flat=True)
    )


def test_the_day_after_the_last_session_every_confirmed_trainee_gets_a_link_once():
    training = _training(last_session=TODAY - dt.timedelta(days=1), seats=2)
    _training(last_session=TODAY, title="Nog bezig")  # its last session is today

    assert trainings_evaluate(today=TODAY - dt.timedelta(days=1)) == 0
    assert trainings_evaluate(today=TODAY) == 2
    assert trainings_evaluate(today=TODAY) == 0
    assert trainings_evaluate(today=TODAY + dt.timedelta(days=1)) == 3  # the other one, now

    assert TrainingInvite.objects.filter(training=training).count() == 2
    mine = [r for r in _links() if r.endswith(".Basisvorming@ex.be".lower())]
    assert mine == ["t0.basisvorming@ex.be", "t1.basisvorming@ex.be"]
    assert not OutboxMessage.objects.filter(recipient__startswith="pending.").exists()


def test_with_attendance_recorded_only_who_was_there_gets_a_link():
    training = _training(last_session=TODAY - dt.timedelta(days=1), seats=3)
    first_session = training.sessions.order_by("date").first()
    trainees = list(training.participants.filter(registration__status="confirmed"))
    Attendance.objects.create(participant=trainees[0], session=first_session, present=True)
    Attendance.objects.create(participant=trainees[1], session=first_session, present=False)

    trainings_evaluate(today=TODAY)

    assert _links() == [trainees[0].email]
    assert training.evaluation_round.by_attendance


def test_trainings_of_long_ago_and_cancelled_ones_are_left_alone():
    _training(last_session=TODAY - dt.timedelta(days=90), title="Oud")
    cancelled = _training(last_session=TODAY - dt.timedelta(days=1), title="Afgelast")
    cancelled.status = "cancelled"
    cancelled.save()
    assert trainings_evaluate(today=TODAY) == 0


def _answer(training, n: int, **overrides):
    for index in range(n):
        invite = TrainingInvite.objects.create(
            training=training, participant=_trainee(training, index)
        )
        services.training_response_submit(
            invite=invite,
            answers=services.TrainingAnswers(
                **{
                    "score_content": 8,
                    "score_trainer": 9,
                    "score_organisation": 6,
                    "would_propose": "yes" if index % 2 == 0 else "maybe",
                    **overrides,
                }
            ),
        )


def _trainee(training, index):
    registration = RegistrationFactory(
        training=training, status="confirmed", email=f"extra{index}.{training.pk}@ex.be"
    )
    return registration.participants.get()


def test_the_office_sees_means_from_5_answers_and_lt5_below(office_client):
    small = _training(last_session=TODAY, seats=0, title="Klein")
    large = _training(last_session=TODAY, seats=0, title="Groot")
    for training in (small, large):
        services.training_invites_create(training=training)  # the round, with no one in it
    _answer(small, 4)
    _answer(large, 6)
    TrainingInvite.objects.create(training=large, participant=_trainee(large, 99))  # no answer
    trainer = Trainer.objects.create(name="Lies Peeters")
    trainer.trainings.add(small, large)
    Trainer.objects.create(name="Tom Claes").trainings.add(small)

    page = office_client.get("/beheer/vormingen/evaluaties/").content.decode()

    rows = {
        re.search(r'<th scope="row">([^<]+)', row).group(1).strip(): row
        for row in page.split("<tr>")[1:]
        if 'scope="row"' in row
    }
    groot, klein = rows["Groot"], rows["Klein"]
    assert "<td>7</td>" in groot and "<td>6</td>" in groot  # invited, answered
    assert "86%" in groot  # 6 of 7
    assert "8,0" in groot and "9,0" in groot and "6,0" in groot and "50% ja" in groot
    assert "<td>4</td>" in klein and klein.count("&lt;5") == 4 and "8,0" not in klein
    # Per trainer: Lies over both (10 answers), Tom only the small one (suppressed).
    assert "8,0" in rows["Lies Peeters"] and "<td>11</td>" in rows["Lies Peeters"]
    assert rows["Tom Claes"].count("&lt;5") == 4
    assert TrainingResponse.objects.count() == 10
    # Each table scrolls sideways on a phone in a box the keyboard can reach.
    assert page.count('class="table-scroll" role="region" tabindex="0" aria-labelledby=') == 2


def test_the_office_reads_the_open_answers_of_a_training_with_5_answers_in_abc_order(
    office_client,
):
    small = _training(last_session=TODAY, seats=0, title="Klein")
    large = _training(last_session=TODAY, seats=0, title="Groot")
    for training in (small, large):
        services.training_invites_create(training=training)  # the round, with no one in it
    _answer(small, 4, comment="Te kort.")
    _answer(large, 5, comment="Zeer concreet.")
    one = TrainingResponse.objects.filter(training=large).first()
    TrainingResponse.objects.filter(pk=one.pk).update(comment="Anders dan verwacht.")

    page = office_client.get("/beheer/vormingen/evaluaties/").content.decode()

    answers = page.split("Wat de deelnemers schreven")[1]
    assert answers.index("Anders dan verwacht.") < answers.index("Zeer concreet.")
    assert "Te kort." not in page


def test_the_results_page_makes_the_same_queries_for_more_trainings(
    office_client, django_assert_max_num_queries
):
    def add(title):
        training = _training(last_session=TODAY, seats=0, title=title)
        services.training_invites_create(training=training)
        _answer(training, 2)
        Trainer.objects.create(name=f"Lesgever {title}").trainings.add(training)

    add("Een")
    with django_assert_max_num_queries(20) as first:
        office_client.get("/beheer/vormingen/evaluaties/")
    for title in ("Twee", "Drie", "Vier"):
        add(title)
    with django_assert_max_num_queries(len(first.captured_queries)):
        office_client.get("/beheer/vormingen/evaluaties/")


def test_a_trainee_fills_in_the_form_once(client):
    training = _training(last_session=TODAY, seats=1)
    services.training_invites_create(training=training)
    invite = TrainingInvite.objects.get()
    url = f"/evaluatie/vorming/{invite.token}/"
    assert "Zou je een Eigen Kracht-conferentie voorstellen" in client.get(url).content.decode()
    data = {
        "score_content": "7",
        "score_trainer": "8",
        "score_organisation": "9",
        "would_propose": "maybe",
        "comment": "",
    }
    assert client.post(url, data).status_code == 302
    assert "al ingevuld" in client.post(url, data).content.decode()
    assert TrainingResponse.objects.get().would_propose == "maybe"
    assert TrainingResponse.objects.get().submitted_on == timezone.localdate()


def test_trainers_and_coordinators_do_not_see_the_office_page(client):
    from tests.factories import UserFactory
    from tests.two_factor import login_verified

    login_verified(client, UserFactory(role="trainer"))
    assert client.get("/beheer/vormingen/evaluaties/").status_code == 403
