import datetime as dt

import factory
from django.utils import timezone

from eigenkracht.accounts.models import Role
from eigenkracht.trajectories.models import (
    Agreement,
    Conference,
    Consent,
    Coordinator,
    Participant,
    Plan,
    Trajectory,
)
from tests.factories import UserFactory


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coordinator
        skip_postgeneration_save = True

    user = factory.SubFactory(
        UserFactory,
        role=Role.COORDINATOR,
        first_name="Karim",
        last_name="El Amrani",
        email=factory.Sequence(lambda n: f"coordinator{n}@example.org"),
    )
    languages = factory.LazyFunction(lambda: ["nl"])
    gender = "male"
    provinces = factory.LazyFunction(lambda: ["OVL"])
    max_trajectories = 2
    trained_on = dt.date(2024, 3, 1)
    # The duties towards a volunteer met (a coordinator without them cannot be assigned); pass
    # `volunteer=None` for one without.
    volunteer = factory.RelatedFactory(
        "tests.volunteers.factories.VolunteerFactory", factory_related_name="coordinator"
    )


class TrajectoryFactory(factory.django.DjangoModelFactory):
    """A referral for a family in Gent with one main person; pass `status=` and `coordinator=`
    to start further along."""

    class Meta:
        model = Trajectory
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"EK-2026-{n:05d}")
    status = Trajectory.Status.REFERRED
    referred_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=3))
    status_changed_at = factory.LazyAttribute(lambda o: o.referred_at)
    referrer = factory.SubFactory(
        UserFactory,
        role=Role.REFERRER,
        first_name="Inge",
        last_name="Maes",
        email=factory.Sequence(lambda n: f"aanmelder{n}@example.org"),
    )
    referrer_type = Trajectory.ReferrerType.PROFESSIONAL
    referrer_name = "Inge Maes"
    referrer_organisation = "CAW Oost-Vlaanderen"
    referrer_role = "maatschappelijk werker"
    referrer_email = factory.LazyAttribute(lambda o: o.referrer.email)
    postcode = "9000"
    domains = factory.LazyFunction(lambda: ["parenting", "school"])
    central_question = "Hoe kan Emma veilig thuis blijven wonen?"
    concerns = "Emma gaat al weken niet naar school."
    limits = "Emma gaat elke dag naar school. Er is elke avond een volwassene thuis."
    consent_given = True
    consent_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=4))
    consent_method = Trajectory.ConsentMethod.WRITTEN

    @factory.post_generation
    def main_person(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            Participant.objects.create(
                trajectory=obj,
                role=Participant.Role.MAIN_PERSON,
                name=extracted or "Sarah Janssens",
                birth_year=1988,
                languages=["nl"],
            )


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    trajectory = factory.SubFactory(TrajectoryFactory)
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    role = Participant.Role.FAMILY
    relation = "tante"


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    trajectory = factory.SubFactory(TrajectoryFactory)
    kind = Conference.Kind.CONFERENCE
    date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    start_time = dt.time(18, 30)
    place = "Buurthuis De Vonk"
    address = "Vonkstraat 3, 9000 Gent"
    languages = factory.LazyFunction(lambda: ["nl"])


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    trajectory = factory.SubFactory(TrajectoryFactory)
    evaluation_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    if_things_go_differently = "Tante Els belt de aanmelder en we komen opnieuw samen."


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    what = "Oma brengt Emma elke ochtend naar school."
    due = "vanaf maandag, elke schooldag"

    @factory.post_generation
    def responsible(obj, create, extracted, **kwargs):
        if create:
            obj.responsible.set(
                extracted or [ParticipantFactory(trajectory=obj.plan.trajectory, name="Oma Rita")]
            )


class ConsentFactory(factory.django.DjangoModelFactory):
    """The signed form of the family's main person, a week ago."""

    class Meta:
        model = Consent

    trajectory = factory.SubFactory(TrajectoryFactory)
    given_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    given_by_name = "Sarah Janssens"
    given_by_relation = Consent.Relation.MAIN_PERSON
    method = Trajectory.ConsentMethod.WRITTEN
    scope = factory.LazyFunction(lambda: list(Consent.Scope.values))
    recorded_at = factory.LazyFunction(timezone.now)
