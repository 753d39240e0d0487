"""The stories: each family taken through the services as far as its phase, step by step on the
demo clock."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.db import transaction

from eigenkracht.accounts.models import Role, User
from eigenkracht.core.models import Sector
from eigenkracht.trajectories import services
from eigenkracht.trajectories.demo.cast import (
    BAKKALI,
    DE_SMET,
    DEMIR,
    DEMO_COORDINATOR_EMAIL,
    DEMO_COORDINATOR_PASSWORD,
    DEMO_COORDINATORS,
    DEMO_REFERRER_EMAIL,
    DEMO_REFERRER_PASSWORD,
    EL_AMRANI,
    EL_AMRANI_PLAN,
    ELIF,
    GIELEN,
    HERMANS,
    HERMANS_PLAN,
    INV,
    JANSSENS,
    LAMBRECHTS,
    LAMBRECHTS_PLAN,
    LEEN,
    MARC,
    PEETERS,
    REFERRALS,
    VAN_DAMME,
    VANDENBROUCKE,
    VERHAEGHE,
    VERHAEGHE_PLAN,
    VERMEERSCH,
    VERMEERSCH_PLAN,
    YOUSSEF,
    Deal,
    DemoFamily,
    R,
)
from eigenkracht.trajectories.demo.clock import _clock, _day
from eigenkracht.trajectories.models import (
    Conference,
    Coordinator,
    Participant,
    Plan,
    Trajectory,
)
from eigenkracht.trajectories.services import AgreementData, Presence
from eigenkracht.volunteers.demo import duties_complete_for_demo


@dataclass
class _Demo:
    office: User
    stdout: TextIO
    coordinators: dict[str, Coordinator] = field(default_factory=dict)
    trajectories: dict[str, Trajectory] = field(default_factory=dict)  # by first main person

    def say(self, line: str) -> None:
        self.stdout.write(f"{line}\n")

    # Coordinators and logins

    def make_coordinators(self) -> None:
        created = []
        for spec in DEMO_COORDINATORS:
            user = User.objects.filter(email__iexact=spec.email).first()
            existing = getattr(user, "coordinator", None) if user is not None else None
            if existing is not None:
                self.coordinators[spec.email] = existing
                continue
            if user is not None and user.role != Role.COORDINATOR:
                raise ValueError(f"{spec.email} bestaat al, maar is geen coördinator.")
            with _clock(400):
                self.coordinators[spec.email] = services.coordinator_save(
                    # A coordinator login made beforehand (e.g. with its second factor) keeps it.
                    coordinator=Coordinator(user=user) if user is not None else None,
                    user_data={
                        "email": spec.email,
                        "first_name": spec.first_name,
                        "last_name": spec.last_name,
                    },
                    data={
                        "phone": spec.phone,
                        "languages": list(spec.languages),
                        "gender": spec.gender,
                        "background": spec.background,
                        "provinces": list(spec.provinces),
                        "postcodes": list(spec.postcodes),
                        "max_trajectories": spec.max_trajectories,
                        "trained_on": spec.trained_on,
                    },
                    actor=self.office,
                )
                duties_complete_for_demo(self.coordinators[spec.email], actor=self.office)
            created.append(f"{spec.first_name} {spec.last_name}")
        _demo_password(DEMO_COORDINATOR_EMAIL, DEMO_COORDINATOR_PASSWORD)
        self.say(
            f"Coördinatoren: {len(created)} aangemaakt ({', '.join(created) or 'geen'}); "
            f"demo-login {DEMO_COORDINATOR_EMAIL} / {DEMO_COORDINATOR_PASSWORD}."
        )

    # The steps, each on the demo clock

    def refer_all(self) -> None:
        for family, days, hour in REFERRALS:
            self.trajectories[family.main_people[0]["name"]] = self.refer(family, days, hour)

    def trajectory(self, family: DemoFamily) -> Trajectory:
        return self.trajectories[family.main_people[0]["name"]]

    def refer(self, family: DemoFamily, days: int, hour: int) -> Trajectory:
        referrer = family.referrer
        referral = {
            "referrer_type": referrer.type,
            "referrer_name": referrer.name,
            "referrer_organisation": referrer.organisation,
            "referrer_sector": Sector.objects.filter(name=referrer.sector).first(),
            "referrer_role": referrer.role,
            "referrer_email": referrer.email,
            "referrer_phone": referrer.phone,
            "postcode": family.postcode,
            "domains": list(family.domains),
            "central_question": family.central_question,
            "concerns": family.concerns,
            "limits": family.limits,
            "urgency": family.urgency,
            "wish_language": family.wish_language,
            "wish_gender": family.wish_gender,
            "wish_background": family.wish_background,
            "consent_given": True,
            "consent_on": _day(days + family.consent_days_before),
            "consent_method": family.consent_method,
        }
        with _clock(days, hour, 17):
            trajectory = services.referral_submit(
                referral=referral,
                main_people=[dict(p) for p in family.main_people],
                children=[dict(c) for c in family.children],
            )
        if referrer.email == DEMO_REFERRER_EMAIL:
            _demo_password(DEMO_REFERRER_EMAIL, DEMO_REFERRER_PASSWORD)
        return trajectory

    def accept(self, trajectory: Trajectory, *, days: int, reason: str = "") -> None:
        with _clock(days, 9, 40):
            services.referral_accept(trajectory=trajectory, actor=self.office, reason=reason)

    def assign(self, trajectory: Trajectory, email: str, *, days: int, reason: str = "") -> None:
        with _clock(days, 14, 5):
            services.coordinator_assign(
                trajectory=trajectory,
                coordinator=self.coordinators[email],
                actor=self.office,
                reason=reason,
            )

    def prepare(
        self, family: DemoFamily, email: str, *, days: tuple[int, int, int]
    ) -> tuple[Trajectory, dict[str, Participant]]:
        """Intake, assignment and the start of the preparation on the days (ago) given; then the
        main people and children say they come, and the network is written down. Returns the
        trajectory and its participants by first name."""
        accepted, assigned, started = days
        trajectory = self.trajectory(family)
        self.accept(trajectory, days=accepted, reason="Past binnen de werking; het gezin wil het.")
        self.assign(trajectory, email, days=assigned)
        actor = trajectory.coordinator.user
        with _clock(started, 19, 30):
            services.preparation_start(trajectory=trajectory, actor=actor)
        with _clock(started - 1, 20):
            for person in trajectory.participants.all():
                services.participant_save(
                    trajectory=trajectory,
                    participant=person,
                    data={"invitation": INV.COMING},
                    actor=actor,
                )
        for index, (person_name, role, relation, invitation, extra) in enumerate(family.network):
            with _clock(started - 2 - index // 4, 19, 10 + index):
                services.participant_save(
                    trajectory=trajectory,
                    participant=None,
                    data={
                        "name": person_name,
                        "role": role,
                        "relation": relation,
                        "invitation": invitation,
                        **extra,
                    },
                    actor=actor,
                )
        people = {p.name.split()[0]: p for p in trajectory.participants.all()}
        return trajectory, people

    def conference(
        self, trajectory: Trajectory, *, planned: int, held: int, data: dict[str, Any]
    ) -> Conference:
        """Planned `planned` days ago, for the day `held` days ago (negative: still to come)."""
        date = _day(held)  # before the clock is set back: `_day` counts from the real today
        with _clock(planned, 20, 15):
            return services.conference_save(
                trajectory=trajectory,
                conference=None,
                kind=Conference.Kind.CONFERENCE,
                data={"date": date, "languages": ["nl"], **data},
                actor=trajectory.coordinator.user,
            )

    def attend(self, conference: Conference, *, days: int, minutes: int) -> None:
        presence = {}
        for person in conference.trajectory.participants.all():
            if person.role != R.MAIN_PERSON and person.invitation != INV.COMING:
                continue
            presence[person.pk] = Presence(
                information_round=person.role != R.CHILD,
                family_time=person.role != R.PROFESSIONAL,
                plan_presentation=True,
            )
        with _clock(days, 22, 30):
            services.attendance_record(
                conference=conference,
                presence=presence,
                private_time_minutes=minutes,
                actor=conference.trajectory.coordinator.user,
            )

    def plan(
        self,
        trajectory: Trajectory,
        people: dict[str, Participant],
        deals: tuple[Deal, ...],
        *,
        days: int,
        otherwise: str,
    ) -> Plan:
        """The plan written down `days` ago and presented to the referrer the same evening."""
        agreements = [
            AgreementData(
                what=what,
                responsible=[people[name] for name in who],
                due=due,
                checked_by=people[checker],
                domain=domain,
            )
            for what, who, due, checker, domain in deals
        ]
        actor = trajectory.coordinator.user
        evaluation_on = _day(days) + dt.timedelta(weeks=8)
        with _clock(days, 10):
            plan = services.plan_save(
                trajectory=trajectory,
                evaluation_on=evaluation_on,
                if_things_go_differently=otherwise,
                agreements=agreements,
                actor=actor,
            )
        with _clock(days, 21):
            return services.plan_present(plan=plan, actor=actor)

    def accept_plan(self, plan: Plan, *, days: int) -> None:
        with _clock(days, 11, 20):
            services.plan_accept(plan=plan, actor=plan.trajectory.referrer)

    def follow_up(
        self, trajectory: Trajectory, *, days: int, note: str, progress: tuple[str, ...]
    ) -> None:
        agreements = trajectory.plans.get().agreements.order_by("position")
        held_on = _day(days)
        with _clock(days, 19):
            services.follow_up_record(
                trajectory=trajectory,
                held_on=held_on,
                note=note,
                progress={a.pk: value for a, value in zip(agreements, progress, strict=True)},
                satisfaction={
                    "satisfaction_main_person": 8,
                    "satisfaction_family": 7,
                    "satisfaction_network": 8,
                    "satisfaction_professionals": 7,
                },
                actor=trajectory.coordinator.user,
            )

    # The groups

    def referred(self) -> None:
        asked = self.trajectory(PEETERS)
        with _clock(2, 9, 30):
            services.referral_request_information(
                trajectory=asked,
                actor=self.office,
                question=(
                    "Weet de vader van Noah van de aanmelding, en gaat hij akkoord? Hij heeft mee "
                    "het ouderlijk gezag. Welke taal spreekt het gezin thuis?"
                ),
            )
        self.say("Aangemeld: 3 trajecten (1 dringend, 1 met een vraag om meer informatie).")
        declined = self.trajectory(VANDENBROUCKE)
        with _clock(21, 10):
            services.referral_decline(
                trajectory=declined,
                actor=self.office,
                reason=(
                    "Lien is meerderjarig en wil op dit moment geen conferentie; zonder haar "
                    "akkoord kunnen we niet starten. We hebben haar vader uitgelegd dat hij "
                    "opnieuw kan aanmelden als Lien het wil, en hem de oudergroep van De Sleutel "
                    "aangeraden."
                ),
            )
        self.say("Niet aanvaard: 1 traject (de hoofdpersoon wil geen conferentie).")

    def intake(self) -> None:
        recent = self.trajectory(JANSSENS)
        self.accept(recent, days=1, reason="De drie kinderen van Jozef willen samen rond de tafel.")
        late = self.trajectory(BAKKALI)
        self.accept(
            late,
            days=10,
            reason=(
                "Aanvaard. Het gezin vraagt een Arabischsprekende man als coördinator; we zoeken "
                "nog iemand die vrij is."
            ),
        )
        self.say("Intake: 2 trajecten zonder coördinator (1 langer dan 5 werkdagen).")
        assigned = self.trajectory(DE_SMET)
        self.accept(assigned, days=15, reason="Roger gaat akkoord; zijn dochter belt mee in.")
        self.assign(
            assigned, MARC, days=8, reason="Marc woont in de buurt en kent de seniorenwerking."
        )
        self.say("Coördinator toegewezen: 1 traject (Marc Dubois).")

    def preparation(self) -> None:
        trajectory, _people = self.prepare(VAN_DAMME, LEEN, days=(35, 31, 29))
        self.say(
            f"Voorbereiding: 1 traject met {trajectory.participants.count()} deelnemers "
            "(familie, vrienden, professionals, kinderen, een vertrouwenspersoon en een tolk)."
        )
        trajectory, _people = self.prepare(DEMIR, ELIF, days=(49, 45, 43))
        conference = self.conference(
            trajectory,
            planned=12,
            held=-9,
            data={
                "start_time": dt.time(14),
                "place": "Ontmoetingscentrum Lokeren, zaal 2",
                "address": "Kerkplein 5, 9160 Lokeren",
                "languages": ["nl", "tr"],
                "interpreter": "Sociaal tolk Turks (aangevraagd)",
                "children_arrangements": "Kerem is erbij; zijn kleine nichtjes blijven bij "
                "een buurvrouw.",
                "remarks": "Broodjes en thee; de zaal is vrij tot 20 uur.",
            },
        )
        self.say(f"Conferentie gepland: 1 traject (conferentie op {conference.date:%d/%m/%Y}).")

    def plan_made(self) -> None:
        trajectory, people = self.prepare(VERHAEGHE, LEEN, days=(67, 63, 61))
        conference = self.conference(
            trajectory,
            planned=30,
            held=5,
            data={
                "start_time": dt.time(18, 30),
                "place": "Buurthuis Sint-Gillis",
                "address": "Kerkstraat 12, 9200 Dendermonde",
                "children_arrangements": "Ruben is er bij het begin; Nore blijft bij Ilse.",
            },
        )
        self.attend(conference, days=5, minutes=150)
        self.plan(
            trajectory,
            people,
            VERHAEGHE_PLAN,
            days=4,
            otherwise=(
                "Lukt een afspraak niet, dan belt Sanne de coördinator en komen we binnen twee "
                "weken opnieuw samen. Komt Kim langer dan drie dagen niet uit bed, dan verwittigt "
                "Sanne de huisarts."
            ),
        )
        self.say(
            f"Plan gemaakt: 1 plan wacht op aanvaarding door de aanmelder ({DEMO_REFERRER_EMAIL})."
        )

    def follow_ups(self) -> None:
        due, people = self.prepare(HERMANS, LEEN, days=(80, 77, 75))
        conference = self.conference(
            due,
            planned=40,
            held=17,
            data={
                "start_time": dt.time(14),
                "place": "Lokaal dienstencentrum De Kroon",
                "address": "Graanmarkt 8, 9300 Aalst",
            },
        )
        self.attend(conference, days=17, minutes=110)
        plan = self.plan(
            due,
            people,
            HERMANS_PLAN,
            days=16,
            otherwise=(
                "Valt Maria opnieuw, dan belt Rosa of de thuisverpleegkundige meteen Luc. Lukt "
                "een afspraak niet, dan nodigt Greet iedereen uit voor een vervolgconferentie."
            ),
        )
        self.accept_plan(plan, days=14)
        late, people = self.prepare(EL_AMRANI, YOUSSEF, days=(106, 102, 100))
        conference = self.conference(
            late,
            planned=70,
            held=45,
            data={
                "start_time": dt.time(17),
                "place": "Buurthuis De Klinge",
                "address": "Stationsstraat 40, 9100 Sint-Niklaas",
                "languages": ["nl", "ar"],
                "children_arrangements": "Adam blijft bij Hilde; Amine en Sara zijn erbij.",
            },
        )
        self.attend(conference, days=45, minutes=170)
        plan = self.plan(
            late,
            people,
            EL_AMRANI_PLAN,
            days=44,
            otherwise=(
                "Is Amine na 21 uur niet thuis, dan belt Karima eerst Nordin. Lukt het twee weken "
                "na elkaar niet, dan vraagt de familie een vervolgconferentie."
            ),
        )
        self.accept_plan(plan, days=42)
        self.say("Opvolging: 2 trajecten met een aanvaard plan van 8 afspraken (1 te laat).")

    def closed(self) -> None:
        trajectory, people = self.prepare(VERMEERSCH, MARC, days=(166, 160, 158))
        conference = self.conference(
            trajectory,
            planned=140,
            held=118,
            data={
                "start_time": dt.time(10),
                "place": "Parochiecentrum Sint-Martinus",
                "address": "Markt 3, 9800 Deinze",
                "children_arrangements": "Lena komt na de middag, voor het plan.",
            },
        )
        self.attend(conference, days=118, minutes=180)
        plan = self.plan(
            trajectory,
            people,
            VERMEERSCH_PLAN,
            days=117,
            otherwise="Loopt het mis, dan belt Christine de justitieassistent en de coördinator.",
        )
        self.accept_plan(plan, days=115)
        self.follow_up(
            trajectory,
            days=86,
            note=(
                "Dieter woont bij zijn ouders en werkt twee dagen per week met Kristof. Een studio "
                "is nog niet gevonden. Lena kwam drie keer op bezoek; dat liep goed."
            ),
            progress=("done", "ongoing", "ongoing", "done", "done", "ongoing", "ongoing"),
        )
        with _clock(30, 15):
            services.trajectory_close(
                trajectory=trajectory,
                outcome=Trajectory.Outcome.PLAN_WITH_CONFERENCE,
                reason=(
                    "Dieter huurt sinds vorige maand een studio en werkt vast bij Kristof. De "
                    "familie volgt de afspraken zelf verder op."
                ),
                actor=trajectory.coordinator.user,
            )
        without, people = self.prepare(LAMBRECHTS, LEEN, days=(137, 133, 131))
        plan = self.plan(
            without,
            people,
            LAMBRECHTS_PLAN,
            days=110,
            otherwise="Trekt mevrouw zich opnieuw terug, dan nodigt Johan iedereen bij haar uit.",
        )
        self.accept_plan(plan, days=108)
        self.follow_up(
            without,
            days=79,
            note="Alle afspraken lopen. Mevrouw gaat elke week naar de breiclub.",
            progress=("done", "ongoing", "done", "ongoing"),
        )
        with _clock(60, 16):
            services.trajectory_close(
                trajectory=without,
                outcome=Trajectory.Outcome.PLAN_WITHOUT_CONFERENCE,
                reason=(
                    "Het plan is gemaakt in twee gesprekken bij mevrouw thuis, zonder conferentie: "
                    "zij wilde geen grote bijeenkomst. De afspraken lopen goed."
                ),
                actor=without.coordinator.user,
            )
        self.say("Afgesloten: 2 trajecten (1 plan met conferentie, 1 plan zonder conferentie).")

    def stopped(self) -> None:
        trajectory, _people = self.prepare(GIELEN, YOUSSEF, days=(57, 53, 51))
        with _clock(23, 11):
            services.trajectory_stop(
                trajectory=trajectory,
                reason=Trajectory.StopReason.NO_NETWORK,
                explanation=(
                    "Eddy noemde vijf mensen: één is onbereikbaar, drie willen niet komen. Ook na "
                    "een tweede ronde vond niemand het moment goed. Eddy kan terecht bij de "
                    "buurtwerking van het OCMW."
                ),
                actor=trajectory.coordinator.user,
            )
        self.say("Gestopt: 1 traject (geen netwerk bereid).")


def _demo_password(email: str, password: str) -> None:
    """The known demo password, unless the login already has a password of its own."""
    user = User.objects.get(email__iexact=email)
    if not user.has_usable_password():
        user.set_password(password)
        user.save(update_fields=["password"])


def demo_trajectories(*, stdout: TextIO, office_user: User) -> None:
    """Demo coordinators, a referrer login and trajectories in every phase, made through the
    services; does nothing (and says so) when the demo referrer already has referrals."""
    if Trajectory.objects.filter(referrer__email__iexact=DEMO_REFERRER_EMAIL).exists():
        stdout.write("Trajecten: de demotrajecten bestaan al; niets veranderd.\n")
        return
    demo = _Demo(office=office_user, stdout=stdout)
    with transaction.atomic():
        demo.make_coordinators()
        demo.refer_all()
        demo.referred()
        demo.intake()
        demo.preparation()
        demo.plan_made()
        demo.follow_ups()
        demo.closed()
        demo.stopped()
    count = Trajectory.objects.filter(referrer__email__iexact=DEMO_REFERRER_EMAIL).count()
    demo.say(
        f"Aanmelder: demo-login {DEMO_REFERRER_EMAIL} / {DEMO_REFERRER_PASSWORD} "
        f"({count} aanmeldingen)."
    )
