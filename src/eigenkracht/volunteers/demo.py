"""Demo data for the volunteers: applicants in every step of the pipeline, the basic training and
two intervisions, and the demo coordinators' duties (complete for most, an expired criminal-record
check and a missing insurance for one each), their preferred days and a period away.

`duties_complete_for_demo` is called by the trajectories' demo as it makes each coordinator, so
that they can be assigned there; `demo_volunteers` runs after it. Idempotent: a second run finds
the demo applicants and changes nothing.
"""

import datetime as dt
from typing import TextIO

from django.utils import timezone

from eigenkracht.accounts.models import User
from eigenkracht.trajectories.models import Coordinator
from eigenkracht.volunteers import services
from eigenkracht.volunteers.models import Application, TrainingModule

Step = Application.Step

# (name, e-mail, languages, postcode, the steps after "applied" with days ago, note)
DEMO_APPLICANTS = (
    ("Nora Vermeulen", "nora.vermeulen@example.org", ["nl"], "9000", []),
    ("Hamza Ait Ali", "hamza.aitali@example.org", ["nl", "ar"], "2060", [(Step.INTAKE, 10)]),
    (
        "Sofie Claes",
        "sofie.claes@example.org",
        ["nl", "en"],
        "9300",
        [(Step.INTAKE, 60), (Step.TRAINING, 40)],
    ),
    (
        "Tom Willems",
        "tom.willems@example.org",
        ["nl", "fr"],
        "1000",
        [(Step.INTAKE, 200), (Step.TRAINING, 170), (Step.ACTIVE, 90)],
    ),
    (
        "Ayse Demir",
        "ayse.demir@example.org",
        ["nl", "tr"],
        "9100",
        [(Step.INTAKE, 150), (Step.TRAINING, 120), (Step.PAUSED, 30)],
    ),
    (
        "Pieter Maes",
        "pieter.maes@example.org",
        ["nl"],
        "8000",
        [(Step.INTAKE, 80), (Step.STOPPED, 70)],
    ),
)
NOTES = {
    Step.INTAKE: "Kennismakingsgesprek op kantoor ingepland.",
    Step.TRAINING: "Start in de basisopleiding van dit najaar.",
    Step.ACTIVE: "Eerste traject samen met een ervaren coördinator.",
    Step.PAUSED: "Pauze wegens verhuis; neemt zelf terug contact op.",
    Step.STOPPED: "Combineert het niet met een nieuwe job.",
}


def _ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def duties_complete_for_demo(coordinator: Coordinator, *, actor: User) -> None:
    """The information note, the insurance and a recent criminal-record check."""
    services.volunteer_duties_save(
        coordinator=coordinator,
        data={
            "note_given_on": _ago(400),
            "note_version": "2024-1",
            "insured": True,
            "insured_since": _ago(400),
            "works_with_minors": True,
            "record_checked_on": _ago(380),
            "record_checked_by": str(actor),
        },
        actor=actor,
    )


def demo_volunteers(*, actor: User, stdout: TextIO) -> None:
    if Application.objects.filter(email=DEMO_APPLICANTS[0][1]).exists():
        stdout.write("Vrijwilligers: de demo-kandidaten bestaan al.\n")
        return
    for name, email, languages, postcode, moves in DEMO_APPLICANTS:
        application = services.application_submit(
            data={
                "name": name,
                "email": email,
                "phone": "0470 00 00 00",
                "languages": languages,
                "postcode": postcode,
                "region": "",
                "availability": "Woensdagnamiddag en af en toe een zaterdag.",
                "motivation": "Ik wil gezinnen helpen hun eigen plan te maken.",
                "consent": True,
            }
        )
        if moves:
            # The demo's steps lie in the past: the application too.
            first = _ago(moves[0][1] + 7)
            Application.objects.filter(pk=application.pk).update(step_on=first)
            application.steps.update(on=first)
            application.refresh_from_db()
        for step, days_ago in moves:
            application = services.application_move(
                application=application, step=step, on=_ago(days_ago), note=NOTES[step], actor=actor
            )
    active = Application.objects.get(email="tom.willems@example.org")
    services.application_account_create(application=active, actor=actor)

    coordinators = list(Coordinator.objects.select_related("user").order_by("pk"))
    modules = list(TrainingModule.objects.filter(active=True))
    for index, coordinator in enumerate(coordinators):
        # The last coordinator is still in the basic training: one module to go.
        followed = modules if index < len(coordinators) - 1 else modules[:-1]
        services.volunteer_training_save(
            coordinator=coordinator,
            modules={m.pk: _ago(500 - 20 * n) for n, m in enumerate(followed)},
            intervisions=set(),
            actor=actor,
        )
    for days_ago, theme in ((70, "Werken met een tolk"), (20, "Als het netwerk klein is")):
        services.intervision_save(
            session=None,
            data={"date": _ago(days_ago), "theme": theme},
            attendees=coordinators[::2] if days_ago == 70 else coordinators[1:],
            actor=actor,
        )
    if len(coordinators) >= 2:
        # One check ran out last month; one coordinator's insurance is not confirmed yet.
        services.volunteer_duties_save(
            coordinator=coordinators[-1],
            data={"record_checked_on": _ago(3 * 365 + 40)},
            actor=actor,
        )
        newcomer = active.coordinator if active.coordinator_id else coordinators[-2]
        services.volunteer_duties_save(
            coordinator=newcomer,
            data={
                "note_given_on": _ago(60),
                "note_version": "2024-1",
                "record_checked_on": _ago(50),
                "record_checked_by": str(actor),
            },
            actor=actor,
        )
    for index, coordinator in enumerate(coordinators):
        services.volunteer_availability_save(
            coordinator=coordinator,
            preferred_days=[2, 5] if index % 2 else [0, 1, 3],
            preferred_parts=["evening"] if index % 2 else ["afternoon", "evening"],
            max_trajectories=coordinator.max_trajectories,
            away=[(_ago(-5), _ago(-20), "Op reis")] if index == 1 else [],
            actor=actor,
        )
    stdout.write(
        f"Vrijwilligers: {len(DEMO_APPLICANTS)} kandidaten in elke stap, opleiding en "
        f"plichten voor {len(coordinators)} coördinatoren (één uittreksel vervallen, één "
        "verzekering niet bevestigd).\n"
    )
