"""`manage.py demo_data`: demo users, venues, trainings and registrations for a first look.

Idempotent: the demo users are recognised by their e-mail address, the venues by name and city,
and the trainings by their titles; whatever exists already is left alone, so a second run changes
nothing. Trainings and registrations go through the services, so that the audit log and the outbox
look exactly as they would after real use.
"""

import datetime as dt
import logging
from base64 import b32decode
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from eigenkracht.accounts.models import Role, User
from eigenkracht.allowances.demo import demo_allowances
from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import Organisation
from eigenkracht.evaluations.demo import demo_evaluations, demo_training_evaluations
from eigenkracht.invoices.demo import demo_invoices
from eigenkracht.payments import services as payment_services
from eigenkracht.payments.refunds.demo import demo_refunds
from eigenkracht.privacy.demo import demo_privacy
from eigenkracht.trainings import services
from eigenkracht.trainings.change_notices_demo import demo_moved_training
from eigenkracht.trainings.demo_dates import demo_day
from eigenkracht.trainings.demo_online import demo_online_session
from eigenkracht.trainings.models import Registration, Training, Venue
from eigenkracht.trainings.questions.demo import demo_questions
from eigenkracht.trainings.services import ContactData, PersonData
from eigenkracht.trainings.trainers.demo import demo_trainers
from eigenkracht.trainings.transitions import registration_transition
from eigenkracht.trajectories.demo import (
    DEMO_COORDINATOR_EMAIL,
    DEMO_COORDINATOR_PASSWORD,
    DEMO_REFERRER_EMAIL,
    DEMO_REFERRER_PASSWORD,
    demo_trajectories,
)
from eigenkracht.trajectories.demo.consent import demo_consent
from eigenkracht.volunteers.demo import demo_volunteers


@dataclass(frozen=True)
class DemoUser:
    email: str
    password: str
    role: str
    first_name: str
    last_name: str
    label: str


DEMO_USERS = (
    DemoUser(
        "kantoor@example.org", "demo-kantoor-2026", Role.OFFICE, "Sofie", "Peeters", "medewerker"
    ),
    DemoUser("beheer@example.org", "demo-beheer-2026", Role.MANAGER, "Koen", "Claes", "beheerder"),
    DemoUser(
        DEMO_COORDINATOR_EMAIL,
        DEMO_COORDINATOR_PASSWORD,
        Role.COORDINATOR,
        "Leen",
        "De Wolf",
        "EK-coördinator",
    ),
    DemoUser(
        DEMO_REFERRER_EMAIL, DEMO_REFERRER_PASSWORD, Role.REFERRER, "An", "Verstraeten", "aanmelder"
    ),
    DemoUser("trainer@example.org", "demo-trainer-2026", Role.TRAINER, "An", "Peeters", "lesgever"),
)

# Every account logs in with a second factor, demo users too. They all get a confirmed TOTP device
# with this fixed secret (base32; add it to an authenticator app by hand) and these recovery codes.
# A demo user without a TOTP device or without recovery codes gets them back on the next run.
DEMO_TOTP_SECRET = "EIGENKRACHTDEMO2FAGEHEIMVOORTEST"  # noqa: S105 - public demo secret
DEMO_RECOVERY_CODES = ("demo1111", "demo2222", "demo3333", "demo4444", "demo5555")

# name, street, postcode, city, directions
DEMO_VENUES = (
    (
        "Vergaderzaal De Waalse Krook",
        "Sint-Kristoffelstraat 2",
        "9000",
        "Gent",
        "Tram 1 en 4, halte Sint-Pietersstation; tien minuten wandelen van Gent-Sint-Pieters.",
    ),
    (
        "Ontmoetingscentrum Het Pakhuis",
        "Italiëlei 124",
        "2000",
        "Antwerpen",
        "Vijf minuten wandelen van tramhalte Italiëlei; betaalparking in de buurt.",
    ),
    (
        "Zaal De Wissel",
        "Brusselsestraat 63",
        "3000",
        "Leuven",
        "Vanaf het station bus 1 of 2; fietsenstalling aan de ingang.",
    ),
    (
        "Vormingscentrum Ter Groene Poorte",
        "Spoorwegstraat 14",
        "8200",
        "Brugge",
        "Naast het station van Brugge, langs de achterkant (Sint-Michiels).",
    ),
    (
        "Cultuurcentrum Hasselt, zaal 3",
        "Kunstlaan 5",
        "3500",
        "Hasselt",
        "Gratis bus H1 vanaf het station; parking Kunstlaan.",
    ),
    (
        "Dienstencentrum De Vlaspit",
        "Doorniksestraat 27",
        "8500",
        "Kortrijk",
        "Tien minuten wandelen van het station; ingang via de binnentuin.",
    ),
)


@dataclass(frozen=True)
class DemoRegistration:
    """One registration; the first person is the contact, `outcome` is what happens next."""

    people: tuple[tuple[str, str, str], ...]
    organisation: str
    job: str = ""
    outcome: str = ""  # "" (as registered), "paid", "cancel" or "expire"
    attends: bool = True


@dataclass(frozen=True)
class DemoTraining:
    title: str
    description: str
    city: str
    days: tuple[int, ...]  # days from today, one per session
    capacity: int
    fee_cents: int
    final_status: str = Training.Status.PUBLISHED
    registrations: tuple[DemoRegistration, ...] = field(default_factory=tuple)


def _r(
    first: str, last: str, organisation: str, *, outcome: str = "", job: str = ""
) -> DemoRegistration:
    email = f"{first}.{last}".lower().replace(" ", "").replace("'", "") + "@example.be"
    return DemoRegistration(((first, last, email),), organisation, job=job, outcome=outcome)


DEMO_TRAININGS = (
    DemoTraining(
        title="Basisvorming: een Eigen Kracht-conferentie voorstellen aan een gezin",
        description=(
            "Twee lesdagen voor hulpverleners die gezinnen willen laten kennismaken met een "
            "**Eigen Kracht-conferentie**.\n\n"
            "- Dag 1: de methode, haar wortels in Nieuw-Zeeland en wat de coördinator doet.\n"
            "- Dag 2: oefenen met het gesprek: hoe stel je een conferentie voor, en hoe formuleer "
            "je je zorgen en grenzen?\n\n"
            "Je schrijft in voor beide dagen samen."
        ),
        city="Gent",
        days=(16, 23),
        capacity=20,
        fee_cents=4000,
        registrations=(
            _r("Lotte", "De Smet", "CAW Oost-Vlaanderen", job="maatschappelijk werker"),
            _r("Jens", "Vermeulen", "Jongerenwelzijn Gent", outcome="paid", job="consulent"),
            _r("Nora", "El Amrani", "CLB Gent", outcome="paid", job="CLB-medewerker"),
            DemoRegistration(
                (
                    ("Pieter", "Maes", "pieter.maes@example.be"),
                    ("Fatima", "Benali", "fatima.benali@example.be"),
                    ("Ruben", "Goossens", "ruben.goossens@example.be"),
                ),
                "OCMW Gent",
                job="teamverantwoordelijke",
                outcome="paid",
            ),
            _r("Hanne", "Wouters", "Kind en Gezin", outcome="cancel", job="gezinsondersteuner"),
        ),
    ),
    DemoTraining(
        title="Kennismaking met Eigen Kracht-conferenties voor CLB-medewerkers",
        description=(
            "Een gratis vormingsdag voor medewerkers van een CLB. Je hoort hoe een conferentie "
            "verloopt, van aanmelding tot opvolging, en een familie vertelt over haar ervaring.\n\n"
            "Deelname is gratis; inschrijven is wel nodig."
        ),
        city="Antwerpen",
        days=(30,),
        capacity=25,
        fee_cents=0,
        registrations=(
            _r("Elke", "Janssens", "CLB Antwerpen", job="psychopedagogisch consulent"),
            _r("Yusuf", "Demir", "CLB GO! Antwerpen", job="maatschappelijk werker"),
            _r("Sara", "Van den Broeck", "VCLB Antwerpen", job="CLB-arts"),
            _r("Thomas", "Willems", "CLB Antwerpen", outcome="cancel"),
        ),
    ),
    DemoTraining(
        title="Netwerkversterking in de jeugdhulp: de familie aan zet",
        description=(
            "Hoe breng je het netwerk rond een kind of jongere in kaart, en hoe help je een gezin "
            "om dat netwerk te verbreden? Met oefeningen op de netwerkkaart.\n\n"
            "Nog enkele plaatsen vrij."
        ),
        city="Leuven",
        days=(37,),
        capacity=12,
        fee_cents=2000,
        registrations=(
            _r("An", "Peeters", "Jongerenwelzijn Vlaams-Brabant", outcome="paid"),
            _r("Bram", "Hermans", "CAW Oost-Brabant", outcome="paid"),
            _r("Charlotte", "Dubois", "Kind en Gezin Leuven"),
            _r("Dries", "Michiels", "OCMW Leuven", outcome="paid"),
            _r("Emma", "Jacobs", "Centrum voor Integrale Gezinszorg"),
            DemoRegistration(
                (
                    ("Griet", "Mertens", "griet.mertens@example.be"),
                    ("Hamza", "Aydin", "hamza.aydin@example.be"),
                    ("Ilse", "Claessens", "ilse.claessens@example.be"),
                    ("Joris", "Smets", "joris.smets@example.be"),
                ),
                "Vzw Jeugdhulp Hageland",
                job="teamcoach",
                outcome="paid",
            ),
            _r("Katrien", "Lambrechts", "CLB Leuven"),
        ),
    ),
    DemoTraining(
        title="Zorgen en grenzen helder formuleren voor een Eigen Kracht-plan",
        description=(
            "Voor verwijzers: hoe zeg je duidelijk wat je zorgen zijn en welke grenzen het plan "
            "van de familie moet respecteren, zonder het plan zelf te schrijven?\n\n"
            "Deze vorming is volzet; je kan je nog op de wachtlijst zetten."
        ),
        city="Brugge",
        days=(44,),
        capacity=8,
        fee_cents=2000,
        registrations=(
            # Registered first and never paid: its seat came free again.
            _r("Laura", "Desmet", "CAW Noord-West-Vlaanderen", outcome="expire"),
            _r("Maarten", "Vandamme", "Jongerenwelzijn West-Vlaanderen", outcome="paid"),
            _r("Nele", "Verhaeghe", "OCMW Brugge", outcome="paid"),
            _r("Olivier", "Declercq", "Vertrouwenscentrum Kindermishandeling"),
            _r("Pauline", "Vandenberghe", "CLB Brugge", outcome="paid"),
            DemoRegistration(
                (
                    ("Quinten", "Deprez", "quinten.deprez@example.be"),
                    ("Rania", "Haddad", "rania.haddad@example.be"),
                    ("Stijn", "Pauwels", "stijn.pauwels@example.be"),
                    ("Tine", "Wuyts", "tine.wuyts@example.be"),
                ),
                "Vzw De Kade",
                outcome="paid",
            ),
            _r("Ulrike", "Vercruysse", "Huis van het Kind Brugge"),
            _r("Vincent", "Coppens", "Justitiehuis Brugge"),
        ),
    ),
    DemoTraining(
        title="Eigen Kracht-conferenties in de volwassenenzorg en het OCMW",
        description=(
            "Eigen Kracht-conferenties zijn er niet alleen voor gezinnen met kinderen: ook bij "
            "eenzaamheid, schulden, zelfstandig wonen of een terugkeer na detentie kan het netwerk "
            "een eigen plan maken.\n\nDeze vorming wordt nog voorbereid."
        ),
        city="Hasselt",
        days=(72,),
        capacity=16,
        fee_cents=2000,
        final_status=Training.Status.DRAFT,
    ),
    DemoTraining(
        title="Terugkomdag voor aanmelders: ervaringen delen",
        description=(
            "Een terugkomdag voor professionals die al een Eigen Kracht-conferentie aanmeldden: "
            "wat liep goed, wat kon beter, en hoe volg je een plan mee op?"
        ),
        city="Kortrijk",
        days=(51,),
        capacity=15,
        fee_cents=2000,
        final_status=Training.Status.CANCELLED,
        registrations=(
            _r("Wim", "Devos", "CAW Zuid-West-Vlaanderen", outcome="paid"),
            _r("Xena", "Verstraete", "OCMW Kortrijk"),
        ),
    ),
)

DEMO_TITLES = tuple(t.title for t in DEMO_TRAININGS)
CANCEL_REASON = "Te weinig inschrijvingen; de terugkomdag wordt later opnieuw gepland."


class Command(BaseCommand):
    help = (
        "Maakt demogegevens aan (gebruikers, locaties, vormingen, inschrijvingen, EK-trajecten); "
        "idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook uitvoeren als DEBUG uit staat (demo-accounts hebben gekende wachtwoorden).",
        )

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG staat uit: dit lijkt een productieomgeving. De demo-accounts hebben gekende "
                "wachtwoorden; gebruik --force als je dit echt wil."
            )
        # The registrations queue real mails in the outbox. Deliver them to memory while the demo
        # data is made: the addresses are fictitious and the console stays readable.
        # The override is entered first so that it still holds when the mails go out on commit;
        # the task log (two lines per mail) is held back, this command prints its own summary.
        in_memory = "django.core.mail.backends.locmem.EmailBackend"
        tasks_logger = logging.getLogger("django_tasks")
        level = tasks_logger.level
        tasks_logger.setLevel(logging.WARNING)
        try:
            with override_settings(EMAIL_BACKEND=in_memory), transaction.atomic():
                Organisation.current()
                users = self._users()
                venues = self._venues()
                self._trainings(actor=users["kantoor@example.org"], venues=venues)
                demo_invoices(actor=users["kantoor@example.org"], stdout=self.stdout)
                demo_refunds(actor=users["kantoor@example.org"], stdout=self.stdout)
                demo_online_session(actor=users["kantoor@example.org"], stdout=self.stdout)
                demo_moved_training(actor=users["kantoor@example.org"], stdout=self.stdout)
                demo_trainers(actor=users["kantoor@example.org"], stdout=self.stdout)
                demo_questions(actor=users["kantoor@example.org"], stdout=self.stdout)
                demo_trajectories(stdout=self.stdout, office_user=users["kantoor@example.org"])
                demo_consent(actor=users["kantoor@example.org"], stdout=self.stdout)
                demo_evaluations(actor=users["kantoor@example.org"], stdout=self.stdout)
                demo_volunteers(actor=users["kantoor@example.org"], stdout=self.stdout)
                demo_allowances(actor=users["kantoor@example.org"], stdout=self.stdout)
                demo_privacy(actor=users["kantoor@example.org"], stdout=self.stdout)
                demo_training_evaluations(actor=users["kantoor@example.org"], stdout=self.stdout)
        finally:
            tasks_logger.setLevel(level)
        for user in DEMO_USERS:
            self.stdout.write(
                f"Demo-login {user.label}: {user.email} / {user.password}", self.style.SUCCESS
            )
            self.stdout.write(self._second_factor_line(user.email), self.style.SUCCESS)

    # Users and venues -------------------------------------------------------------------------

    def _users(self) -> dict[str, User]:
        users = {}
        for demo in DEMO_USERS:
            user = User.objects.filter(email=demo.email).first()
            if user is None:
                user = User.objects.create_user(
                    demo.email,
                    demo.password,
                    role=demo.role,
                    first_name=demo.first_name,
                    last_name=demo.last_name,
                )
                self.stdout.write(f"Gebruiker aangemaakt: {demo.email} ({demo.label})")
            else:
                self.stdout.write(f"Gebruiker bestaat al: {demo.email}")
            self._second_factor(user)
            users[demo.email] = user
        return users

    def _second_factor(self, user: User) -> None:
        """The demo TOTP device and recovery codes, unless the user already has their own."""
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.filter(user=user).delete()
            TOTPDevice.objects.create(
                user=user,
                name="Authenticator-app (demo)",
                key=b32decode(DEMO_TOTP_SECRET).hex(),
                confirmed=True,
            )
            self.stdout.write(f"Tweede factor (demo) ingesteld: {user.email}")
        if not StaticToken.objects.filter(device__user=user, device__confirmed=True).exists():
            StaticDevice.objects.filter(user=user).delete()
            device = StaticDevice.objects.create(user=user, name="Herstelcodes", confirmed=True)
            StaticToken.objects.bulk_create(
                StaticToken(device=device, token=code) for code in DEMO_RECOVERY_CODES
            )

    def _second_factor_line(self, email: str) -> str:
        device = TOTPDevice.objects.filter(user__email=email, confirmed=True).first()
        if device is None or device.key != b32decode(DEMO_TOTP_SECRET).hex():
            app = "eigen authenticator-app (niet de demosleutel)"
        else:
            app = f"TOTP-sleutel {DEMO_TOTP_SECRET}"
        left = StaticToken.objects.filter(
            device__user__email=email, token__in=DEMO_RECOVERY_CODES
        ).values_list("token", flat=True)
        codes = ", ".join(sorted(left)) or "geen demo-herstelcodes meer"
        return f"  tweede factor: {app}; herstelcodes: {codes}"

    def _venues(self) -> dict[str, Venue]:
        venues = {}
        created_count = 0
        for name, street, postcode, city, directions in DEMO_VENUES:
            venue, created = Venue.objects.get_or_create(
                name=name,
                city=city,
                defaults={"street": street, "postcode": postcode, "directions": directions},
            )
            created_count += created
            venues[city] = venue
        self.stdout.write(
            f"Locaties: {created_count} aangemaakt, {len(venues) - created_count} bestonden al."
        )
        return venues

    # Trainings and registrations --------------------------------------------------------------

    def _trainings(self, *, actor: User, venues: dict[str, Venue]) -> None:
        if Training.objects.filter(title__in=DEMO_TITLES).exists():
            self.stdout.write("Vormingen: de demovormingen bestaan al; niets veranderd.")
            return
        today = timezone.localdate()
        registration_count = 0
        for demo in DEMO_TRAININGS:
            training = services.training_save(
                training=Training(
                    title=demo.title,
                    description=demo.description,
                    venue=venues[demo.city],
                    capacity=demo.capacity,
                    fee_cents=demo.fee_cents,
                ),
                sessions=[
                    {
                        "date": demo_day(today, day),
                        "start_time": dt.time(9, 30),
                        "end_time": dt.time(16, 30),
                    }
                    for day in demo.days
                ],
                actor=actor,
            )
            if demo.final_status == Training.Status.DRAFT:
                continue
            training = services.training_publish(training=training, actor=actor)
            for spec in demo.registrations:
                self._registration(training=training, spec=spec, actor=actor, today=today)
                registration_count += 1
            if demo.final_status == Training.Status.CANCELLED:
                training = services.training_cancel(
                    training=training, actor=actor, reason=CANCEL_REASON
                )
                for registration in training.registrations.filter(
                    status__in=Registration.ACTIVE_STATUSES
                ):
                    services.registration_cancel(
                        registration=registration, actor=actor, reason=CANCEL_REASON
                    )
        self.stdout.write(
            f"Vormingen: {len(DEMO_TRAININGS)} aangemaakt, met {registration_count} inschrijvingen."
        )

    def _registration(
        self, *, training: Training, spec: DemoRegistration, actor: User, today: dt.date
    ) -> Registration:
        first, last, email = spec.people[0]
        registration = services.registration_create(
            training=training,
            contact=ContactData(
                first_name=first,
                last_name=last,
                email=email,
                organisation=spec.organisation,
                job=spec.job,
            ),
            participants=[PersonData(*person) for person in spec.people],
        )
        if spec.outcome == "paid" and registration.status == Registration.Status.PENDING:
            registration = payment_services.registration_mark_paid(
                registration=registration,
                amount_cents=registration.amount_due_cents,
                paid_on=today,
                actor=actor,
                note="Overschrijving (demogegevens)",
            )
        elif spec.outcome == "cancel":
            registration = services.registration_cancel(
                registration=registration, actor=actor, reason="Kan toch niet komen."
            )
        elif spec.outcome == "expire":
            registration = self._expire(registration)
        return registration

    def _expire(self, registration: Registration) -> Registration:
        # Expiry is the periodic command's job, on today's deadlines; the demo shows the result of
        # one that passed two days ago: no payment, the seats came free.
        registered_at = timezone.now() - dt.timedelta(days=16)
        Registration.objects.filter(pk=registration.pk).update(
            created_at=registered_at, consent_at=registered_at
        )
        registration.payment_deadline = timezone.localdate() - dt.timedelta(days=2)
        registration_transition(registration, "expire")
        registration.save(update_fields=["payment_deadline", "status"])
        registration.participants.update(is_active=False)
        audit_record(
            actor=None,
            action="registration.expired",
            obj=registration,
            data={"from": Registration.Status.PENDING, "to": registration.status, "demo": True},
        )
        return registration
