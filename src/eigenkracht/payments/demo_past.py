"""Demo trainings of the past: made through the services as they would have happened (published,
registered, paid), then moved back to their dates. The privacy demo keeps one of three years ago
for its retention term; the evaluations demo one of months ago that its trainees evaluated."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from eigenkracht.accounts.models import User
from eigenkracht.core.models import Sector
from eigenkracht.payments import services as payment_services
from eigenkracht.trainings import services as training_services
from eigenkracht.trainings.models import Registration, Session, Training, Venue
from eigenkracht.trainings.services import ContactData, PersonData


@dataclass(frozen=True)
class PastTrainee:
    first_name: str
    last_name: str
    email: str
    organisation: str
    sector: str = ""  # a name from the seeded sector list; "" when not given
    work_postcode: str = ""


def past_training_create(
    *,
    title: str,
    description: str,
    first_day: dt.date,
    trainees: tuple[PastTrainee, ...],
    actor: User,
) -> tuple[Training, list[Registration]]:
    """A two-day training whose first day is `first_day` (in the past), each trainee registered
    and paid by transfer about a month before."""
    soon = timezone.localdate() + dt.timedelta(days=30)
    training = training_services.training_save(
        training=Training(
            title=title,
            description=description,
            venue=Venue.objects.order_by("pk").first(),
            capacity=16,
            fee_cents=9500,
        ),
        sessions=[
            {
                "date": soon + dt.timedelta(days=offset),
                "start_time": dt.time(9, 30),
                "end_time": dt.time(16, 30),
            }
            for offset in (0, 1)
        ],
        actor=actor,
    )
    training = training_services.training_publish(training=training, actor=actor)
    sectors = dict(Sector.objects.values_list("name", "pk"))
    registrations = []
    for trainee in trainees:
        registration = training_services.registration_create(
            training=training,
            contact=ContactData(
                first_name=trainee.first_name,
                last_name=trainee.last_name,
                email=trainee.email,
                organisation=trainee.organisation,
                sector_id=sectors.get(trainee.sector),
                work_postcode=trainee.work_postcode,
            ),
            participants=[PersonData(trainee.first_name, trainee.last_name, trainee.email)],
        )
        registrations.append(
            payment_services.registration_mark_paid(
                registration=registration,
                amount_cents=registration.amount_due_cents,
                paid_on=first_day - dt.timedelta(days=25),
                actor=actor,
                note="Overschrijving (demogegevens)",
            )
        )
    _move_back(training, registrations, first_day=first_day)
    training.refresh_from_db()
    return training, registrations


def _move_back(
    training: Training, registrations: list[Registration], *, first_day: dt.date
) -> None:
    shift = first_day - training.starts_on
    for session in training.sessions.all():
        Session.objects.filter(pk=session.pk).update(date=session.date + shift)
    Training.objects.filter(pk=training.pk).update(
        starts_on=training.starts_on + shift, ends_on=training.ends_on + shift
    )
    then = timezone.now() + shift - dt.timedelta(days=30)
    ids = [registration.pk for registration in registrations]
    Registration.objects.filter(pk__in=ids).update(
        created_at=then, consent_at=then, confirmed_at=then, confirmation_sent_at=then,
        payment_deadline=None,
    )  # fmt: skip
