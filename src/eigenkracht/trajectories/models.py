"""An EKc trajectory: from referral, through preparation and the conference, to follow-up."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.trajectories.regions import PROVINCES


class Domain(models.TextChoices):
    GENERAL = "general", _("Algemene ondersteuning")
    HEALTH = "health", _("Gezondheid")
    INDEPENDENT_LIVING = "living", _("Zelfstandig wonen")
    PARENTING = "parenting", _("Opvoeding")
    SCHOOL = "school", _("Schooluitval")
    PLACEMENT = "placement", _("Uithuisplaatsing")
    LONELINESS = "loneliness", _("Eenzaamheid")
    WORK = "work", _("Werk")
    LEGAL = "legal", _("Juridische problemen")
    REINTEGRATION = "reintegration", _("Re-integratie")


class Language(models.TextChoices):
    DUTCH = "nl", _("Nederlands")
    FRENCH = "fr", _("Frans")
    ENGLISH = "en", _("Engels")
    GERMAN = "de", _("Duits")
    ARABIC = "ar", _("Arabisch")
    TURKISH = "tr", _("Turks")
    BERBER = "ber", _("Berbers")
    POLISH = "pl", _("Pools")
    ROMANIAN = "ro", _("Roemeens")
    SPANISH = "es", _("Spaans")
    RUSSIAN = "ru", _("Russisch")
    DARI = "prs", _("Dari")
    PASHTO = "ps", _("Pasjtoe")
    SOMALI = "so", _("Somalisch")
    TIGRINYA = "ti", _("Tigrinya")
    SIGN = "vgt", _("Vlaamse Gebarentaal")


class Gender(models.TextChoices):
    FEMALE = "female", _("vrouw")
    MALE = "male", _("man")
    OTHER = "other", _("anders")


class Trajectory(models.Model):
    """One EKc, from the referral to its closure. Statuses only change through services."""

    class Status(models.TextChoices):
        REFERRED = "referred", _("Aangemeld")
        INTAKE = "intake", _("Intake")
        ASSIGNED = "assigned", _("Coördinator toegewezen")
        PREPARATION = "preparation", _("Voorbereiding")
        CONFERENCE_PLANNED = "conference_planned", _("Conferentie gepland")
        PLAN_MADE = "plan_made", _("Plan gemaakt")
        FOLLOW_UP = "follow_up", _("Opvolging")
        CLOSED = "closed", _("Afgesloten")
        STOPPED = "stopped", _("Gestopt")
        DECLINED = "declined", _("Niet aanvaard")

    class ReferrerType(models.TextChoices):
        PROFESSIONAL = "professional", _("Professional")
        CITIZEN = "citizen", _("Burger (de persoon zelf of iemand uit het netwerk)")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Gewoon (voorbereiding van 6 tot 10 weken)")
        URGENT = "urgent", _("Dringend (conferentie binnen enkele dagen)")

    class ConsentMethod(models.TextChoices):
        WRITTEN = "written", _("Schriftelijk")
        VERBAL = "verbal", _("Mondeling, in een gesprek")
        PHONE = "phone", _("Telefonisch")
        SELF = "self", _("De persoon meldt zichzelf aan")

    class GenderWish(models.TextChoices):
        NONE = "", _("Geen voorkeur")
        FEMALE = "female", _("Een vrouw")
        MALE = "male", _("Een man")

    class StopReason(models.TextChoices):
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Toestemming ingetrokken")
        NO_NETWORK = "no_network", _("Geen netwerk bereid")
        SITUATION_CHANGED = "situation_changed", _("Situatie veranderd")
        REFERRER_WITHDREW = "referrer_withdrew", _("Aanmelder trok zich terug")
        OTHER = "other", _("Andere reden")
        # Set by the retention only (privacy.retention), never chosen in the stop form.
        UNTOUCHED = "untouched", _("Niemand werkte er nog aan (bewaartermijn)")

    class Outcome(models.TextChoices):
        PLAN_WITH_CONFERENCE = "plan_with_conference", _("Plan gemaakt op een conferentie")
        PLAN_WITHOUT_CONFERENCE = "plan_without_conference", _("Plan gemaakt zonder conferentie")
        STOPPED = "stopped", _("Gestopt")

    # Unique through Meta.constraints. The search inside it (the list, the staff search) reads a
    # trigram index on PostgreSQL (migration 0011_search_trigrams).
    reference = models.CharField(_("referentie"), max_length=16)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.REFERRED
    )
    # Indexed: the lists, newest first (the overview, the API), and the figures per period.
    referred_at = models.DateTimeField(_("aangemeld op"), db_index=True)
    status_changed_at = models.DateTimeField(_("status gewijzigd op"))

    # Who refers.
    # The referrer's login; none when the address given belongs to an account with another role
    # (the office then records the referrer's decisions). Indexed: the referrer's own list.
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("aanmelder"),
    )
    referrer_type = models.CharField(
        _("soort aanmelder"), max_length=16, choices=ReferrerType.choices
    )
    referrer_name = models.CharField(_("naam aanmelder"), max_length=120)
    referrer_organisation = models.CharField(_("organisatie"), max_length=160, blank=True)
    # Asked on the public form since the figures are cut by it; older referrals have none
    # ("Onbekend"). Not indexed: the figures read it with the period's rows (referred_at), and
    # a sector is never deleted (PROTECT reads it only then).
    referrer_sector = models.ForeignKey(
        "core.Sector",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sector aanmelder"),
        db_index=False,
    )
    referrer_role = models.CharField(_("functie of relatie"), max_length=120, blank=True)
    referrer_email = models.EmailField(_("e-mailadres aanmelder"))
    referrer_phone = models.CharField(_("telefoon aanmelder"), max_length=40, blank=True)

    # The main people as the referrer named them: what a referrer sees, whatever the file grows.
    referred_names = models.CharField(_("aangemeld voor"), max_length=300, blank=True)

    # What the conference is about.
    postcode = models.CharField(_("postcode van het gezin"), max_length=4, blank=True)
    domains = models.JSONField(_("domeinen"), default=list)
    central_question = models.TextField(_("vraagstelling"), max_length=4000)
    concerns = models.TextField(_("zorgen"), max_length=8000)
    limits = models.TextField(_("grenzen"), max_length=4000)
    urgency = models.CharField(
        _("dringendheid"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL
    )
    wish_language = models.CharField(
        _("gewenste taal coördinator"), max_length=8, choices=Language.choices, blank=True
    )
    wish_gender = models.CharField(
        _("gewenst geslacht coördinator"), max_length=8, choices=GenderWish.choices, blank=True
    )
    wish_background = models.CharField(
        _("gewenste achtergrond coördinator"), max_length=160, blank=True
    )
    consent_given = models.BooleanField(_("toestemming gegeven"))
    consent_on = models.DateField(_("toestemming gegeven op"))
    consent_method = models.CharField(
        _("hoe de toestemming gegeven werd"), max_length=8, choices=ConsentMethod.choices
    )

    # Intake and matching.
    intake_note = models.TextField(_("reden (intake)"), blank=True)
    # Read through the (coordinator, status) index: no index of its own.
    coordinator = models.ForeignKey(
        "trajectories.Coordinator",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trajectories",
        verbose_name=_("coördinator"),
        db_index=False,
    )
    accepted_at = models.DateTimeField(_("aanvaard op"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("toegewezen op"), null=True, blank=True)

    # The end.
    follow_up_due_on = models.DateField(_("opvolging gepland op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=24, choices=Outcome.choices, blank=True)
    stop_reason = models.CharField(
        _("reden van stoppen"), max_length=24, choices=StopReason.choices, blank=True
    )
    stop_reason_text = models.TextField(_("toelichting"), blank=True)
    # Set when the retention term passed (privacy): from then on the file is only read.
    anonymised_at = models.DateTimeField(_("anoniem gemaakt op"), null=True, blank=True)
    # The family withdrew its consent (see Consent): from this date the short retention term
    # of a withdrawn referral runs, also for a trajectory that had already ended.
    consent_withdrawn_on = models.DateField(_("toestemming ingetrokken op"), null=True, blank=True)
    consent_withdrawn_by = models.CharField(
        _("toestemming ingetrokken door"), max_length=120, blank=True
    )
    consent_withdrawal_note = models.TextField(
        _("toelichting bij de intrekking"), max_length=2000, blank=True
    )

    class Meta:
        ordering = ["-referred_at", "-id"]
        indexes = [
            # The office's inbox (referred, oldest first), the time-norm warnings (statuses
            # before a coordinator or a conference, referred before a date), the exports by
            # status.
            models.Index(fields=["status", "referred_at"]),
            # A coordinator's own trajectories, and the load of each (active statuses) when
            # matching; a coordinator's PROTECT check.
            models.Index(fields=["coordinator", "status"]),
        ]
        constraints = [
            # A constraint rather than unique=True: Django would add a second index on
            # PostgreSQL (varchar_pattern_ops, for LIKE 'abc%'), and no query reads the column
            # by prefix (the search looks anywhere in it: the trigram index of migration 0009).
            models.UniqueConstraint(fields=["reference"], name="trajectory_reference_unique"),
            models.CheckConstraint(
                condition=Q(consent_given=True), name="trajectory_requires_consent"
            ),
        ]
        verbose_name = _("EK-traject")
        verbose_name_plural = _("EK-trajecten")

    def __str__(self) -> str:
        return self.reference

    @property
    def main_people(self) -> list["Participant"]:
        return [p for p in self.participants.all() if p.role == Participant.Role.MAIN_PERSON]

    @property
    def title(self) -> str:
        names = ", ".join(p.name for p in self.main_people)
        return f"{self.reference} · {names}" if names else self.reference

    @property
    def referrer_title(self) -> str:
        return (
            f"{self.reference} · {self.referred_names}" if self.referred_names else self.reference
        )

    @property
    def days_since_referral(self) -> int:
        return (timezone.localdate() - timezone.localdate(self.referred_at)).days

    def domain_labels(self) -> list[str]:
        return [str(Domain(code).label) for code in self.domains if code in Domain.values]


# A coordinator is busy with these: they count towards the most trajectories they take at once.
ACTIVE_STATUSES = frozenset(
    {
        Trajectory.Status.ASSIGNED,
        Trajectory.Status.PREPARATION,
        Trajectory.Status.CONFERENCE_PLANNED,
        Trajectory.Status.PLAN_MADE,
        Trajectory.Status.FOLLOW_UP,
    }
)
FINISHED_STATUSES = frozenset(
    {Trajectory.Status.CLOSED, Trajectory.Status.STOPPED, Trajectory.Status.DECLINED}
)


class TrajectoryEvent(models.Model):
    """The timeline: every transition and every change, with who, when and why."""

    # Read through the (trajectory, at) index: no index of its own.
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="events", db_index=False
    )
    at = models.DateTimeField(_("tijdstip"))
    # Not indexed: no page asks what one person did, and nothing deletes a user.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    action = models.CharField(_("actie"), max_length=40)
    description = models.CharField(_("omschrijving"), max_length=300)
    from_status = models.CharField(max_length=24, blank=True)
    to_status = models.CharField(max_length=24, blank=True)
    reason = models.TextField(_("reden"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        # A trajectory's timeline, in order; whether the office asked for information (inbox).
        indexes = [models.Index(fields=["trajectory", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.description}"


class Coordinator(models.Model):
    """A trained volunteer who prepares conferences. The login is a user with role coordinator."""

    # Unique, so indexed: the coordinator of the logged-in user (`user.coordinator`).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordinator",
        verbose_name=_("gebruiker"),
    )
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    languages = models.JSONField(_("talen"), default=list)
    gender = models.CharField(_("geslacht"), max_length=8, choices=Gender.choices, blank=True)
    background = models.CharField(
        _("achtergrond"),
        max_length=160,
        blank=True,
        help_text=_("Bijvoorbeeld: Marokkaanse roots, ervaringsdeskundige jeugdhulp."),
    )
    provinces = models.JSONField(_("provincies"), default=list, blank=True)
    postcodes = models.JSONField(_("postcodes"), default=list, blank=True)
    available = models.BooleanField(_("beschikbaar voor nieuwe trajecten"), default=True)
    unavailable_until = models.DateField(_("niet beschikbaar tot"), null=True, blank=True)
    max_trajectories = models.PositiveSmallIntegerField(
        _("maximum aantal trajecten tegelijk"), default=2
    )
    trained_on = models.DateField(_("opgeleid op"), null=True, blank=True)
    remarks = models.TextField(_("opmerkingen"), blank=True, max_length=4000)

    class Meta:
        ordering = ["user__first_name", "user__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_trajectories__gte=1), name="coordinator_takes_at_least_one"
            )
        ]
        verbose_name = _("coördinator")
        verbose_name_plural = _("coördinatoren")

    def __str__(self) -> str:
        return str(self.user)

    def language_labels(self) -> list[str]:
        return [str(Language(code).label) for code in self.languages if code in Language.values]

    def province_labels(self) -> list[str]:
        return [PROVINCES[code] for code in self.provinces if code in PROVINCES]


class PastAssignment(models.Model):
    """A coordinator who worked on a trajectory before another took it over: from when to when,
    so that they can still declare the days they worked on it (allowances)."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="past_assignments", db_index=False
    )
    coordinator = models.ForeignKey(
        Coordinator, on_delete=models.CASCADE, related_name="past_assignments", db_index=False
    )
    from_on = models.DateField(_("van"))
    until_on = models.DateField(_("tot en met"))

    class Meta:
        ordering = ["from_on", "id"]
        # A coordinator's former trajectories (the declaring form), and the check per trajectory.
        indexes = [models.Index(fields=["coordinator", "trajectory"])]

    def __str__(self) -> str:
        return f"{self.trajectory_id} {self.coordinator_id} {self.from_on}..{self.until_on}"


class Participant(models.Model):
    """Someone from the network or a professional who takes part in the conference."""

    class Role(models.TextChoices):
        MAIN_PERSON = "main_person", _("Hoofdpersoon")
        CHILD = "child", _("Kind")
        FAMILY = "family", _("Familie")
        FRIEND = "friend", _("Vriend of buur")
        PROFESSIONAL = "professional", _("Professional die informatie geeft")
        CONFIDANT = "confidant", _("Vertrouwenspersoon of pleitbezorger van een kind")
        INTERPRETER = "interpreter", _("Tolk")

    class Invitation(models.TextChoices):
        TO_INVITE = "to_invite", _("Uit te nodigen")
        INVITED = "invited", _("Uitgenodigd")
        COMING = "coming", _("Komt")
        NOT_COMING = "not_coming", _("Komt niet")
        UNREACHABLE = "unreachable", _("Onbereikbaar")

    # Indexed: a trajectory's people (its pages, the list's main people, the search by name).
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="participants"
    )
    # The search by main person's name reads a trigram index on PostgreSQL (0011_search_trigrams).
    name = models.CharField(_("naam"), max_length=120)
    role = models.CharField(_("rol"), max_length=16, choices=Role.choices)
    relation = models.CharField(
        _("relatie of functie"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld: grootmoeder langs moederskant, leerkracht, huisarts."),
    )
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("geboortejaar"), null=True, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    languages = models.JSONField(_("talen"), default=list, blank=True)
    interpreter_needed = models.BooleanField(_("tolk nodig"), default=False)
    needs = models.TextField(_("noden"), blank=True)
    suggested_by = models.CharField(_("voorgesteld door"), max_length=120, blank=True)
    invitation = models.CharField(
        _("uitnodiging"), max_length=12, choices=Invitation.choices, default=Invitation.TO_INVITE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    def __str__(self) -> str:
        return self.name

    @property
    def birth_display(self) -> str:
        if self.birth_date:
            return self.birth_date.strftime("%d/%m/%Y")
        return str(self.birth_year or "")


class Conference(models.Model):
    """A meeting: the conference itself or a follow-up conference, with the same structure."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Eigen Kracht-conferentie")
        FOLLOW_UP = "follow_up", _("Vervolgconferentie")

    # Indexed: a trajectory's meetings; the partial unique index below holds only the first
    # conference, not the follow-up ones.
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="conferences")
    kind = models.CharField(
        _("soort"), max_length=12, choices=Kind.choices, default=Kind.CONFERENCE
    )
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("beginuur"))
    place = models.CharField(_("plaats"), max_length=160)
    address = models.CharField(_("adres"), max_length=200)
    languages = models.JSONField(_("talen"), default=list)
    interpreter = models.CharField(_("tolk"), max_length=160, blank=True)
    children_arrangements = models.TextField(_("afspraken voor de kinderen"), blank=True)
    remarks = models.TextField(_("opmerkingen"), blank=True)
    held = models.BooleanField(_("gehouden"), default=False)
    private_time_minutes = models.PositiveSmallIntegerField(
        _("duur van de familietijd (minuten)"), null=True, blank=True
    )

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory"],
                condition=Q(kind="conference"),
                name="one_conference_per_trajectory",
            )
        ]
        verbose_name = _("conferentie")
        verbose_name_plural = _("conferenties")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class ConferenceAttendance(models.Model):
    """Who was there for each part of the meeting."""

    # Read through the (conference, participant) unique index: no index of its own.
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="attendance", db_index=False
    )
    # Indexed: removing a participant deletes their attendance.
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )
    information_round = models.BooleanField(_("informatieronde"), default=False)
    family_time = models.BooleanField(_("besloten gedeelte"), default=False)
    plan_presentation = models.BooleanField(_("voorstelling van het plan"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "participant"], name="attendance_once_per_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.conference}"


class Plan(models.Model):
    """The family's own plan. The referrer accepts it or says what is missing."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In opmaak")
        PRESENTED = "presented", _("Voorgesteld aan de aanmelder")
        CHANGES_REQUESTED = "changes_requested", _("Aanvulling gevraagd")
        ACCEPTED = "accepted", _("Aanvaard")

    # Indexed: a trajectory's plans.
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="plans")
    # Unique, so indexed: a conference's plan.
    conference = models.OneToOneField(
        Conference, null=True, blank=True, on_delete=models.PROTECT, related_name="plan"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    evaluation_on = models.DateField(_("evaluatiedatum"), null=True, blank=True)
    if_things_go_differently = models.TextField(_("als het anders loopt"), blank=True)
    revision = models.PositiveSmallIntegerField(_("versie"), default=1)
    presented_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    # Not indexed: no page asks what one person accepted, and nothing deletes a user.
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    referrer_feedback = models.TextField(_("wat ontbreekt volgens de aanmelder"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("plan")
        verbose_name_plural = _("plannen")

    def __str__(self) -> str:
        return f"{self.trajectory.reference} plan v{self.revision}"


class Agreement(models.Model):
    """One concrete agreement: what, who does it, by when, who checks it."""

    class Progress(models.TextChoices):
        OPEN = "open", _("Nog niet opgevolgd")
        DONE = "done", _("Gedaan")
        ONGOING = "ongoing", _("Loopt")
        NOT_DONE = "not_done", _("Niet gedaan")

    # Indexed: a plan's agreements.
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="agreements")
    what = models.TextField(_("wat"))
    # Django's own through table: unique (agreement, participant) for an agreement's people,
    # participant for removing one; its separate agreement index is redundant but belongs to
    # the generated table (a small table, rarely written: not worth a custom through model).
    responsible = models.ManyToManyField(
        Participant, related_name="agreements", verbose_name=_("wie")
    )
    due = models.CharField(
        _("tegen wanneer"),
        max_length=80,
        help_text=_("Een datum of een ritme, bijvoorbeeld: elke woensdag, voor 1 maart."),
    )
    # Indexed: removing a participant clears the agreements they checked.
    checked_by = models.ForeignKey(
        Participant,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements_checked",
        verbose_name=_("wie volgt op"),
    )
    domain = models.CharField(_("domein"), max_length=16, choices=Domain.choices, blank=True)
    progress = models.CharField(
        _("stand van zaken"), max_length=10, choices=Progress.choices, default=Progress.OPEN
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")

    def __str__(self) -> str:
        return self.what[:60]


SATISFACTION_GROUPS = (
    "satisfaction_main_person",
    "satisfaction_family",
    "satisfaction_network",
    "satisfaction_professionals",
)


class FollowUp(models.Model):
    """The check some weeks after the plan: a note and the state of each agreement."""

    # Indexed: a trajectory's follow-ups.
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="follow_ups")
    held_on = models.DateField(_("datum van de opvolging"))
    note = models.TextField(_("verslag"))
    # The coordinator's estimate of how satisfied each group is with the plan so far (1-10):
    # never what the people said themselves (that is the evaluations app's anonymous answers).
    satisfaction_main_person = models.PositiveSmallIntegerField(
        _("inschatting coördinator: tevredenheid hoofdpersoon"), null=True, blank=True
    )
    satisfaction_family = models.PositiveSmallIntegerField(
        _("inschatting coördinator: tevredenheid familie"), null=True, blank=True
    )
    satisfaction_network = models.PositiveSmallIntegerField(
        _("inschatting coördinator: tevredenheid netwerk"), null=True, blank=True
    )
    satisfaction_professionals = models.PositiveSmallIntegerField(
        _("inschatting coördinator: tevredenheid professionals"), null=True, blank=True
    )
    # Not indexed: no page asks what one person wrote, and nothing deletes a user.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__range": (1, 10)}),
                name=f"followup_{name}_1_to_10",
            )
            for name in SATISFACTION_GROUPS
        ]
        verbose_name = _("opvolging")
        verbose_name_plural = _("opvolgingen")

    def __str__(self) -> str:
        return f"{self.trajectory_id} {self.held_on:%d/%m/%Y}"

    @property
    def estimates(self) -> list[tuple[str, int]]:
        """The coordinator's estimates given, each with its group's name."""
        groups = (_("hoofdpersoon"), _("familie"), _("netwerk"), _("professionals"))
        return [
            (str(group), getattr(self, name))
            for group, name in zip(groups, SATISFACTION_GROUPS, strict=True)
            if getattr(self, name) is not None
        ]


class Note(models.Model):
    """The coordinator's and the office's working notes; never shown to the referrer."""

    # Indexed: a trajectory's notes.
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="notes")
    # Not indexed: no page asks what one person wrote, and nothing deletes a user.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    text = models.TextField(_("notitie"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")

    def __str__(self) -> str:
        return self.text[:60]


class Consent(models.Model):
    """Consent given for the family: who gave it, when, how and for what, and who wrote it down.
    The referral records the first; a signed form that comes later is another. A withdrawal is
    recorded on the trajectory (`consent_withdrawn_on`) and ends it."""

    class Relation(models.TextChoices):
        MAIN_PERSON = "main_person", _("de hoofdpersoon zelf")
        PARENT = "parent", _("ouder")
        GUARDIAN = "guardian", _("voogd of wettelijk vertegenwoordiger")
        OTHER = "other", _("iemand anders uit het gezin")
        # Only for consents recorded before who gave them was asked.
        UNKNOWN = "unknown", _("niet genoteerd")

    class Scope(models.TextChoices):
        CONFERENCE = "conference", _("de conferentie voorbereiden en houden")
        NETWORK = "network", _("de mensen uit het netwerk contacteren en uitnodigen")
        SHARE_PLAN = "share_plan", _("het plan delen met de aanmelder")

    # Indexed: a trajectory's consents.
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="consents")
    given_on = models.DateField(_("gegeven op"))
    given_by_name = models.CharField(_("gegeven door"), max_length=120, blank=True)
    given_by_relation = models.CharField(
        _("relatie tot het gezin"), max_length=12, choices=Relation.choices
    )
    method = models.CharField(_("hoe"), max_length=8, choices=Trajectory.ConsentMethod.choices)
    scope = models.JSONField(_("waarvoor"), default=list)
    note = models.TextField(_("opmerking"), max_length=2000, blank=True)
    # Not indexed: no page asks what one person recorded, and nothing deletes a user.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        verbose_name=_("genoteerd door"),
    )
    recorded_at = models.DateTimeField(_("genoteerd op"))

    class Meta:
        ordering = ["given_on", "id"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self) -> str:
        return f"{self.trajectory_id} {self.given_on:%d/%m/%Y}"

    def scope_labels(self) -> list[str]:
        return [
            str(Consent.Scope(code).label) for code in self.scope if code in Consent.Scope.values
        ]
