import datetime as dt

import factory
from django.utils import timezone

from eigenkracht.volunteers.models import Application, Volunteer


class VolunteerFactory(factory.django.DjangoModelFactory):
    """Every duty met: the note given, insured, the extract seen this year."""

    class Meta:
        model = Volunteer

    coordinator = factory.SubFactory(
        "tests.trajectories.factories.CoordinatorFactory", volunteer=None
    )
    note_given_on = dt.date(2024, 3, 1)
    note_version = "2024-1"
    insured = True
    insured_since = dt.date(2024, 3, 1)
    works_with_minors = True
    record_checked_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    record_checked_by = "Sara Peeters"


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    name = "Lotte Janssens"
    email = factory.Sequence(lambda n: f"kandidaat{n}@example.org")
    phone = "0470 12 34 56"
    languages = factory.LazyFunction(lambda: ["nl"])
    postcode = "9000"
    availability = "Woensdagnamiddag en zaterdag"
    motivation = "Ik geloof in de kracht van een netwerk."
    consent_at = factory.LazyFunction(timezone.now)
    applied_at = factory.LazyFunction(timezone.now)
    step_on = factory.LazyFunction(timezone.localdate)
