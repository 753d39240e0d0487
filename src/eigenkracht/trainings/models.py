import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.phone import phone_validate

MAX_PARTICIPANTS = 10


def validate_meeting_url(value: str) -> None:
    """A meeting link goes to participants as is: only https, never another scheme."""
    URLValidator(schemes=["https"], message=_("Vul een link in die begint met https://."))(value)


class Venue(models.Model):
    name = models.CharField(_("naam"), max_length=120)
    street = models.CharField(_("straat en nummer"), max_length=120)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("gemeente"), max_length=80, db_index=True)
    directions = models.TextField(_("bereikbaarheid"), blank=True, max_length=2000)
    route_url = models.URLField(_("link naar de route"), blank=True, max_length=500)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"


class Training(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Ontwerp")
        PUBLISHED = "published", _("Gepubliceerd")
        CANCELLED = "cancelled", _("Geannuleerd")

    title = models.CharField(_("titel"), max_length=160)
    description = models.TextField(
        _("beschrijving"), max_length=20_000, help_text=_("Markdown is toegestaan.")
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="trainings", verbose_name=_("locatie")
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    fee_cents = models.PositiveIntegerField(_("prijs per deelnemer (cent)"))
    registration_opens_at = models.DateTimeField(
        _("inschrijvingen open vanaf"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        _("inschrijvingen sluiten op"),
        null=True,
        blank=True,
        help_text=_("Leeg: tot het begin van de eerste sessie."),
    )
    payment_term_days = models.PositiveSmallIntegerField(
        _("betaaltermijn (dagen)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leeg: de standaardtermijn van de organisatie."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Printed on the certificate. Plain names until trainers are users of their own.
    trainer_names = models.CharField(_("lesgever(s)"), max_length=200, blank=True)
    learning_goals = models.TextField(_("leerdoelen"), max_length=2000, blank=True)
    what_to_bring = models.TextField(_("meebrengen"), blank=True, max_length=1000)
    # Raised with every change of a date, an hour or the venue: the SEQUENCE of its calendar
    # events, so that a calendar replaces what it holds instead of adding a second event.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    # Denormalised from the sessions so that the calendar can sort and filter in one query.
    starts_on = models.DateField(null=True, blank=True, editable=False, db_index=True)
    ends_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["starts_on", "title"]
        indexes = [models.Index(fields=["status", "starts_on"])]
        verbose_name = _("vorming")
        verbose_name_plural = _("vormingen")

    def __str__(self) -> str:
        return self.title

    @property
    def is_online_only(self) -> bool:
        """Every session is online only: there is no place to travel to (reads the sessions as
        loaded)."""
        sessions = list(self.sessions.all())
        return bool(sessions) and all(session.online_only for session in sessions)

    @property
    def seats_left(self) -> int:
        """Needs the `seats_taken` annotation of `trainings.selectors.with_seats`."""
        return max(self.capacity - self.seats_taken, 0)


class Session(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("beginuur"))
    end_time = models.TimeField(_("einduur"))
    # Only for confirmed participants (their mails): never shown on a public page or feed.
    meeting_url = models.URLField(
        _("link voor online deelname"),
        max_length=500,
        blank=True,
        validators=[validate_meeting_url],
    )
    # With a link and not online only, the session is hybrid: at the training's venue and online.
    online_only = models.BooleanField(_("enkel online"), default=False)

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(online_only=False) | ~Q(meeting_url=""),
                name="session_online_only_has_link",
            ),
        ]
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M}-{self.end_time:%H:%M}"

    @property
    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.end_time))

    @property
    def is_hybrid(self) -> bool:
        return bool(self.meeting_url) and not self.online_only


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op betaling")
        CONFIRMED = "confirmed", _("Bevestigd")
        WAITING = "waiting", _("Wachtlijst")
        CANCELLED = "cancelled", _("Geannuleerd")
        EXPIRED = "expired", _("Vervallen")

    ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITING)
    SEAT_HOLDING_STATUSES = (Status.PENDING, Status.CONFIRMED)  # not the waiting list

    # Every index on this table is paid for by each UPDATE (booking a statement confirms
    # thousands at once): each one below names the queries that read it.
    # Read by training through the (training, status) index below: no index of its own.
    training = models.ForeignKey(
        Training, on_delete=models.PROTECT, related_name="registrations", db_index=False
    )
    # code, token, structured_communication: unique through Meta.constraints (see there).
    code = models.CharField(_("code"), max_length=12)
    token = models.CharField(max_length=64, editable=False)
    structured_communication = models.CharField(_("gestructureerde mededeling"), max_length=12)
    # Read through the (training, status) index and the partial index of open registrations.
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    # first_name, last_name, email: the staff search's trigram indexes, on PostgreSQL only
    # (migration 0019_registration_search_trigrams; core/pg_indexes.py says why not in Meta).
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("familienaam"), max_length=80)
    email = models.EmailField(_("e-mailadres"))
    # E.164, as the forms store it (core.phone shows it); a plain column, so that loading the
    # models does not load the phone number library.
    phone = models.CharField(_("telefoon"), max_length=128, blank=True, validators=[phone_validate])
    organisation = models.CharField(_("organisatie"), max_length=120, blank=True)
    job = models.CharField(_("functie"), max_length=120, blank=True)
    # Both optional, for the figures' training reach (by sector and province). Not indexed: the
    # figures read them with a year's registrations.
    sector = models.ForeignKey(
        "core.Sector",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sector"),
        db_index=False,
    )
    work_postcode = models.CharField(_("postcode van de werkplek"), max_length=4, blank=True)
    remarks = models.TextField(_("opmerkingen"), blank=True)
    language = models.CharField(max_length=8, default="nl-be")
    seats = models.PositiveSmallIntegerField(
        _("plaatsen"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTICIPANTS)]
    )
    amount_due_cents = models.PositiveIntegerField(_("te betalen (cent)"))
    amount_paid_cents = models.PositiveIntegerField(_("betaald (cent)"), default=0)
    payment_deadline = models.DateField(_("betalen vóór"), null=True, blank=True)
    consent_at = models.DateTimeField(_("toestemming privacyverklaring"))
    client_ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Indexed: the newest-first lists (a training's registrations, the API), the dashboard's
    # registrations per week, the mail-text preview's latest registrations.
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # The office's words, kept with the registration (and anonymised with it), not in the audit.
    cancel_reason = models.TextField(_("reden van annuleren"), max_length=500, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    practical_info_sent_at = models.DateTimeField(null=True, blank=True)
    # Set when the retention term passed or the registrant was erased (privacy): no mail goes
    # to the placeholder address, and pages say the data is gone.
    anonymised_at = models.DateTimeField(_("anoniem gemaakt op"), null=True, blank=True)
    # A seat offered to someone on the waiting list: held for them until the offer expires.
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    expired_at = models.DateTimeField(null=True, blank=True)
    # Indexed: MAX(updated_at) is the public pages' cache version (`calendar_version`, on every
    # visit of a cached page); the matcher's candidates include those changed in the last year.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # Seats taken per training (the calendar, a training's page, registering, booking a
            # late payment, offering seats), a training's registrations and their counts per
            # status in the back office, its waiting list, the API's filter by training.
            models.Index(fields=["training", "status"]),
            # Open registrations: payment reminders and expiry (pending, by deadline), a late
            # payment's check, waiting-list offers and their expiry, the matcher's candidates,
            # the back office's count of pending ones. Partial: a confirmed, cancelled or expired
            # registration (most rows, and what booking a statement writes) has no entry here.
            models.Index(
                fields=["status", "payment_deadline"],
                condition=Q(status__in=["pending", "waiting"]),
                name="registration_open",
            ),
        ]
        constraints = [
            # Constraints rather than unique=True: on PostgreSQL, Django gives a unique CharField
            # a second index (varchar_pattern_ops, for LIKE 'abc%'), and nothing searches these
            # by prefix. The code: the registrant's page (/mijn-inschrijving/<code>/), a payment
            # entered by code, a new code's uniqueness check.
            models.UniqueConstraint(fields=["code"], name="registration_code_unique"),
            # The token: the link in every mail (/inschrijving/<token>/).
            models.UniqueConstraint(fields=["token"], name="registration_token_unique"),
            # The OGM: a payment entered by OGM, a new OGM's uniqueness check (the matcher reads
            # every candidate's OGM at once, not through this index).
            models.UniqueConstraint(
                fields=["structured_communication"], name="registration_ogm_unique"
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1, seats__lte=MAX_PARTICIPANTS),
                name="registration_seats_in_range",
            ),
        ]
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")

    def __str__(self) -> str:
        return f"{self.code} {self.full_name}"

    def save(self, *args, **kwargs) -> None:
        # Partial saves still mark the row as changed: public pages are cached on updated_at.
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        # Stripped: a name made anonymous has no last name ("Anoniem", not "Anoniem ").
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def amount_open_cents(self) -> int:
        return max(self.amount_due_cents - self.amount_paid_cents, 0)

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def contact_attends(self) -> bool:
        """Whether the person who registered takes a seat: an organiser may register only
        colleagues. Reads `participants` (prefetch them for a list)."""
        email = self.email.casefold()
        return any(p.is_active and p.email.casefold() == email for p in self.participants.all())

    @property
    def calendar_may_hold(self) -> bool:
        """Whether the registrant's calendar may hold the training: a confirmation carried its
        file (also one sent before a cancellation and a reinstatement, which mails it again)."""
        return self.confirmation_sent_at is not None or self.confirmed_at is not None

    @property
    def payment_open(self) -> bool:
        """Something is to be paid for a seat that is held, for a training that takes place: only
        then do the pages and mails ask for it (with the QR code)."""
        return (
            self.status in self.SEAT_HOLDING_STATUSES
            and self.amount_open_cents > 0
            and self.training.status != Training.Status.CANCELLED
        )

    @property
    def has_open_offer(self) -> bool:
        return (
            self.status == self.Status.WAITING
            and self.offer_expires_at is not None
            and self.offer_expires_at > timezone.now()
        )


class Participant(models.Model):
    """One seat: a person who attends the training, booked through a registration."""

    # Indexed (as every foreign key unless said otherwise): `registration.participants` on
    # pages, in mails, receipts and the API, the matcher's names of its candidates.
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="participants"
    )
    # Denormalised from the registration so the database itself refuses a second active seat
    # for the same e-mail address in the same training. Every read by training asks for active
    # seats (duplicates, a session's attendance, certificates): the partial unique index of
    # Meta.constraints serves them, so the column has no index of its own.
    training = models.ForeignKey(
        Training, on_delete=models.PROTECT, related_name="participants", db_index=False
    )
    is_active = models.BooleanField(default=True)
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("familienaam"), max_length=80)
    email = models.EmailField(_("e-mailadres"))
    certificate_sent_at = models.DateTimeField(_("attest verstuurd op"), null=True, blank=True)
    # Printed on the certificate; anyone can check it on the public verification page. Unique
    # through Meta.constraints: `unique=True` would add a LIKE copy of the index on PostgreSQL
    # that no query reads, paid for by every write to this table.
    certificate_code = models.CharField(  # noqa: DJ001 (NULL: many without a code, all unique)
        _("verificatiecode van het attest"),
        max_length=10,
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                "training",
                Lower("email"),
                condition=Q(is_active=True),
                name="participant_one_active_seat_per_email",
            ),
            models.UniqueConstraint(
                fields=["certificate_code"], name="participant_certificate_code_unique"
            ),
        ]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Attendance(models.Model):
    """Whether a participant was present at one session, as recorded by the office."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendances"
    )
    # PROTECT: a session is never deleted with its attendance (certificates depend on it).
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendances")
    present = models.BooleanField(_("aanwezig"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)

    class Meta:
        ordering = ["session", "participant"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "session"], name="attendance_one_per_participant_session"
            )
        ]
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")

    def __str__(self) -> str:
        return f"{self.participant} @ {self.session}: {self.present}"


class MailTemplate(models.Model):
    """The office's own text for one of the trainings mails, in one language.

    Without a row for a mail and the registrant's language, the built-in (Dutch) mail goes out.
    The text holds placeholders such as {voornaam}, filled in by plain substitution: never
    template code (see `trainings.mail_templates.rendering`).
    """

    class Kind(models.TextChoices):
        # In the order a registrant meets them.
        RECEIVED = "received", _("Inschrijving ontvangen, met betaalinstructies")
        WAITING = "waiting", _("Op de wachtlijst")
        PARTIALLY_PAID = "partially_paid", _("Deels betaald: de rest nog te betalen")
        REMINDER = "reminder", _("Betalingsherinnering")
        EXPIRED = "expired", _("Inschrijving vervallen")
        CONFIRMED = "confirmed", _("Inschrijving bevestigd")
        OFFER = "offer", _("Wachtlijst: er is een plaats vrij")
        OFFER_LAPSED = "offer_lapsed", _("Wachtlijst: de aangeboden plaats is vervallen")
        LINK = "link", _("De link naar de inschrijving, opnieuw gevraagd")
        NOT_MADE = "not_made", _("Niet ingeschreven: een deelnemer stond al ingeschreven")
        CANCELLED = "cancelled", _("Zelf geannuleerd")
        TRAINING_CANCELLED = "training_cancelled", _("De vorming gaat niet door")
        CERTIFICATE = "certificate", _("Attest van deelname")

    class Language(models.TextChoices):
        NL = "nl", _("Nederlands")
        FR = "fr", _("Frans")
        EN = "en", _("Engels")

    kind = models.CharField(_("soort mail"), max_length=32, choices=Kind.choices)
    language = models.CharField(_("taal"), max_length=2, choices=Language.choices)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language"], name="mail_template_one_per_kind_language"
            )
        ]
        verbose_name = _("e-mailtekst")
        verbose_name_plural = _("e-mailteksten")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_language_display()})"


class TrainingMessage(models.Model):
    """A mail the office wrote to the participants of one training: what was sent, to whom.

    Each registrant gets it as an individual mail from the outbox, in their language where the
    office wrote that version (Dutch otherwise).
    """

    class Audience(models.TextChoices):
        ACTIVE = "active", _("Alle actieve inschrijvingen")
        CONFIRMED = "confirmed", _("Bevestigd")
        PENDING = "pending", _("Wacht op betaling")
        WAITING = "waiting", _("Wachtlijst")

    # Indexed: a training's mail page lists what was sent before.
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="messages")
    audience = models.CharField(_("aan"), max_length=16, choices=Audience.choices)
    subject_nl = models.CharField(_("onderwerp"), max_length=200)
    body_nl = models.TextField(_("tekst"), max_length=10000)
    subject_fr = models.CharField(_("onderwerp (Frans)"), max_length=200, blank=True)
    body_fr = models.TextField(_("tekst (Frans)"), max_length=10000, blank=True)
    subject_en = models.CharField(_("onderwerp (Engels)"), max_length=200, blank=True)
    body_en = models.TextField(_("tekst (Engels)"), max_length=10000, blank=True)
    recipients = models.PositiveIntegerField(_("aantal ontvangers"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The one-time key of the preview it was sent from: the same form sent twice (a reload, a
    # second click) finds the message it already made instead of mailing everyone again.
    send_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mail aan de deelnemers")
        verbose_name_plural = _("mails aan de deelnemers")

    def __str__(self) -> str:
        return self.subject_nl

    def text_for(self, language: str) -> tuple[str, str, str]:
        """(language, subject, body): the registrant's language when the office wrote it."""
        subject = getattr(self, f"subject_{language}", "")
        body = getattr(self, f"body_{language}", "")
        if language != "nl" and subject and body:
            return language, subject, body
        return "nl", self.subject_nl, self.body_nl


class Trainer(models.Model):
    """Someone who teaches trainings. Name and bio are public (the training page, the
    certificate); with an account (`user`) they see their trainings' participants and record
    attendance, nothing else."""

    name = models.CharField(_("naam"), max_length=120)
    bio = models.TextField(_("korte voorstelling"), max_length=600, blank=True)
    # Never shown publicly: where the invitation to log in goes.
    email = models.EmailField(_("e-mailadres"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainer",
        editable=False,
    )
    trainings = models.ManyToManyField(
        Training, related_name="trainers", blank=True, verbose_name=_("vormingen")
    )
    # Indexed: MAX(updated_at) is part of the public pages' cache version (a bio shows there).
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("lesgever")
        verbose_name_plural = _("lesgevers")

    def __str__(self) -> str:
        return self.name


class TrainingQuestion(models.Model):
    """A question of the office on a training's registration form, answered per participant.

    Once answered, a question keeps its kind and the choices people picked (see
    `trainings.questions.services.question_save`); it is closed instead of deleted.
    """

    class Kind(models.TextChoices):
        TEXT = "text", _("Korte tekst")
        CHOICE = "choice", _("Eén keuze uit een lijst")
        MULTIPLE = "multiple", _("Meerdere keuzes uit een lijst")
        YES_NO = "yes_no", _("Ja of nee")

    WITH_CHOICES = (Kind.CHOICE, Kind.MULTIPLE)

    # Indexed: the form, the office's pages and the exports read a training's questions.
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("vraag"), max_length=200)
    kind = models.CharField(_("soort antwoord"), max_length=16, choices=Kind.choices)
    choices = models.TextField(
        _("keuzes"), max_length=2000, blank=True, help_text=_("Eén keuze per regel.")
    )
    required = models.BooleanField(_("verplicht"), default=False)
    position = models.PositiveSmallIntegerField(default=0)
    # Closed: off the form, its answers stay on the pages and in the exports.
    is_open = models.BooleanField(_("staat op het formulier"), default=True)
    # The list to sign lies on a table for everyone: a sensitive answer stays off it.
    on_attendance_list = models.BooleanField(_("op de aanwezigheidslijst"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["choice", "multiple"]) | ~Q(choices=""),
                name="question_with_choices_has_choices",
            )
        ]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self) -> str:
        return self.text

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class ParticipantAnswer(models.Model):
    """One participant's answer to one question: a text, one choice, a list of choices, or a
    yes (true) or no (false)."""

    # Indexed through the unique constraint (participant first): a participant's answers.
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    # PROTECT: a question with answers is closed, never deleted with them.
    question = models.ForeignKey(TrainingQuestion, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(_("antwoord"))

    class Meta:
        ordering = ["question__position", "question_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "question"], name="answer_one_per_participant_question"
            )
        ]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")

    def __str__(self) -> str:
        return f"{self.participant}: {self.question}"
