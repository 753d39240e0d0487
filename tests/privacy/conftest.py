"""Marie Peeters, present in every place the organisation keeps personal data, beside a
stranger who must never show up in her search."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from eigenkracht.accounts.models import Role
from eigenkracht.core.models import OutboxMessage
from eigenkracht.invoices import services as invoices_services
from eigenkracht.network.models import NetworkMember, NetworkSnapshot
from eigenkracht.payments.models import BankTransaction, Payment, Refund, StatementImport
from eigenkracht.privacy.models import PrivacyRequest
from eigenkracht.trainings.models import ParticipantAnswer, Registration, TrainingQuestion
from eigenkracht.trajectories.models import FollowUp, Note, TrajectoryEvent
from eigenkracht.volunteers.models import Application
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory
from tests.invoices.conftest import BILLING
from tests.trajectories.factories import ParticipantFactory, PlanFactory, TrajectoryFactory

EMAIL = "marie.peeters@example.be"
NAME = "Marie Peeters"
BIRTH = dt.date(1990, 5, 17)


@dataclass
class Person:
    registration: Registration
    trajectory: object
    participant: object
    family_member: object


def _registration(training, *, first, last, email, code):
    return RegistrationFactory(
        training=training,
        code=code,
        first_name=first,
        last_name=last,
        email=email,
        participants=[(first, last, email)],
    )


def marie_everywhere(n: int = 1) -> Person:
    """`n` > 1: more of the same Marie (new codes and references), for query counts."""
    training = TrainingFactory(title="Basisvorming Gent")
    question = TrainingQuestion.objects.create(training=training, text="Dieetwensen", kind="text")
    registration = _registration(
        training, first="Marie", last="Peeters", email=EMAIL, code=f"EKTMARIE{n}"
    )
    stranger = _registration(
        training, first="Jan", last="Claes", email="jan@example.be", code=f"EKTJAN{n:02d}"
    )
    ParticipantAnswer.objects.create(
        participant=registration.participants.get(), question=question, value="vegetarisch"
    )
    ParticipantAnswer.objects.create(
        participant=stranger.participants.get(), question=question, value="geen"
    )
    statement = StatementImport.objects.create(filename="coda.txt", content=b"", sha256="0" * 64)
    transaction = BankTransaction.objects.create(
        statement_import=statement,
        account="BE68539007547034",
        bank_id=f"tx-{n}-1",
        booking_date=timezone.localdate(),
        amount_cents=2000,
        counterparty_name="CAW Oost-Vlaanderen",
        communication=registration.structured_communication,
        result=BankTransaction.Result.MATCHED,
    )
    BankTransaction.objects.create(
        statement_import=statement,
        account="BE68539007547034",
        bank_id=f"tx-{n}-2",
        booking_date=timezone.localdate(),
        amount_cents=2000,
        counterparty_name="PEETERS MARIE",
        communication="Marie Peeters Gent",
        result=BankTransaction.Result.REVIEW,
    )
    Payment.objects.create(
        registration=registration,
        amount_cents=2000,
        paid_on=timezone.localdate(),
        source=Payment.Source.BANK,
        bank_transaction=transaction,
    )
    Refund.objects.create(
        cause=Refund.Cause.SURPLUS,
        registration=registration,
        amount_cents=500,
        payee_name="Marie Peeters",
        deadline=timezone.localdate() + dt.timedelta(days=14),
        end_to_end_id=f"EKR-MARIE-{n}",
        communication="Terugbetaling",
    )
    invoices_services.billing_details_save(
        registration=registration, data={**BILLING, "email": EMAIL}, actor=None
    )

    trajectory = TrajectoryFactory(
        main_person="Marie Peeters",
        referred_names="Marie Peeters en haar zoon Lucas",
        concerns="Marie Peeters is uitgeput.",
    )
    participant = trajectory.participants.get()
    participant.email = EMAIL
    participant.birth_date = BIRTH
    participant.save()
    family_member = ParticipantFactory(trajectory=trajectory, name="Lucas Peeters", role="child")
    NetworkMember.objects.create(trajectory=trajectory, participant=family_member, name="Lucas")
    NetworkMember.objects.create(trajectory=trajectory, name="Marie Peeters", sector="family")
    NetworkSnapshot.objects.create(
        trajectory=trajectory,
        taken_at=timezone.now(),
        reason=NetworkSnapshot.Reason.INTAKE,
        member_count=2,
        data=[{"id": 1, "name": "Marie Peeters"}, {"id": 2, "name": "Lucas"}],
    )
    Note.objects.create(trajectory=trajectory, text="Gesprek met Marie Peeters over school.")
    Note.objects.create(trajectory=trajectory, text="Lucas wil bij oma wonen.")
    PlanFactory(trajectory=trajectory, if_things_go_differently="Oma belt Marie Peeters.")
    FollowUp.objects.create(
        trajectory=trajectory, held_on=timezone.localdate(), note="Marie Peeters doet het goed."
    )
    TrajectoryEvent.objects.create(
        trajectory=trajectory,
        at=timezone.now(),
        action="participant.add",
        description="Deelnemer Marie Peeters toegevoegd",
    )
    # Someone else refers a family with Marie as the referrer of another trajectory.
    TrajectoryFactory(
        referrer_name="Marie Peeters", referrer_email=EMAIL, main_person="Tom Wouters"
    )
    # A stranger's trajectory, with nothing about Marie.
    TrajectoryFactory(main_person="Jan Claes", concerns="Jan slaapt slecht.")
    OutboxMessage.objects.create(
        kind="registration", recipient=EMAIL, subject="Je inschrijving", body_text="Dag Marie"
    )
    OutboxMessage.objects.create(
        kind="registration", recipient="jan@example.be", subject="Dag Jan", body_text="Dag Jan"
    )
    UserFactory(email=EMAIL, first_name="Marie", last_name="Peeters", role=Role.REFERRER)
    Application.objects.create(
        name="Marie Peeters", email=EMAIL, phone="0470 12 34 56", postcode="9000",
        availability="woensdag", motivation="Ik wil gezinnen helpen.", consent_at=timezone.now(),
        applied_at=timezone.now(), step_on=timezone.localdate(),
    )  # fmt: skip
    return Person(
        registration=registration,
        trajectory=trajectory,
        participant=participant,
        family_member=family_member,
    )


@pytest.fixture
def marie(db) -> Person:
    return marie_everywhere()


@pytest.fixture
def access_request(db, office_user) -> PrivacyRequest:
    today = timezone.localdate()
    return PrivacyRequest.objects.create(
        kind=PrivacyRequest.Kind.ACCESS,
        received_on=today,
        requested_by="Marie Peeters zelf, per brief",
        subject_name=NAME,
        subject_email=EMAIL,
        subject_birth_date=BIRTH,
        deadline=today + dt.timedelta(days=30),
        created_by=office_user,
    )
