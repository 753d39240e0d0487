import datetime as dt

import factory
from django.utils import timezone

from eigenkracht.accounts.models import Role, User
from eigenkracht.banking.ogm import ogm_generate
from eigenkracht.trainings.models import Participant, Registration, Session, Training, Venue


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"medewerker{n}@example.org")
    first_name = "Sofie"
    last_name = "Peeters"
    role = Role.OFFICE
    password = factory.django.Password("een-sterk-wachtwoord-42")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Vergaderzaal {n}")
    street = "Kerkstraat 12"
    postcode = "9000"
    city = "Gent"


class TrainingFactory(factory.django.DjangoModelFactory):
    """A published training a month from now with one session; `sessions=n` gives n days."""

    class Meta:
        model = Training
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Basisvorming Eigen Kracht-conferenties {n}")
    description = "Hoe stel je een **Eigen Kracht-conferentie** voor aan een gezin?"
    venue = factory.SubFactory(VenueFactory)
    capacity = 20
    fee_cents = 2000
    status = Training.Status.PUBLISHED

    class Params:
        first_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))

    @factory.post_generation
    def sessions(obj, create, extracted, **kwargs):
        count = extracted if isinstance(extracted, int) else 1
        first = kwargs.get("first_date") or (timezone.localdate() + dt.timedelta(days=30))
        for day in range(count):
            Session.objects.create(
                training=obj,
                date=first + dt.timedelta(days=7 * day),
                start_time=dt.time(9, 30),
                end_time=dt.time(16, 30),
            )
        obj.starts_on = first
        obj.ends_on = first + dt.timedelta(days=7 * (count - 1))
        obj.save(update_fields=["starts_on", "ends_on"])


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A pending registration for one participant: the registrant."""

    class Meta:
        model = Registration
        skip_postgeneration_save = True

    training = factory.SubFactory(TrainingFactory)
    code = factory.Sequence(lambda n: f"EKT{n:05d}")
    token = factory.Sequence(lambda n: f"token-{n:04d}-abcdefghijklmnopqrstuvwxyz")
    structured_communication = factory.LazyFunction(ogm_generate)
    status = Registration.Status.PENDING
    first_name = "Marie"
    last_name = factory.Sequence(lambda n: f"Janssens{n}")
    email = factory.Sequence(lambda n: f"marie{n}@example.be")
    seats = 1
    amount_due_cents = factory.LazyAttribute(lambda o: o.training.fee_cents * o.seats)
    payment_deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    consent_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def participants(obj, create, extracted, **kwargs):
        people = extracted or [(obj.first_name, obj.last_name, obj.email)]
        for index in range(obj.seats):
            first, last, email = (
                people[index]
                if index < len(people)
                else (
                    f"Collega{index}",
                    obj.last_name,
                    f"collega{index}.{obj.email}",
                )
            )
            Participant.objects.create(
                registration=obj,
                training=obj.training,
                first_name=first,
                last_name=last,
                email=email.lower(),
                is_active=obj.status in Registration.ACTIVE_STATUSES,
            )


class MailTemplateFactory(factory.django.DjangoModelFactory):
    """An office-edited text; French by default, for the mail after registering."""

    class Meta:
        model = "trainings.MailTemplate"
        django_get_or_create = ("kind", "language")

    kind = "received"
    language = "fr"
    subject = "Inscription reçue : {vorming}"
    body = "Bonjour {voornaam},\n\nVoici comment payer :\n\n{betaalinstructies}\n\n{organisatie}"
