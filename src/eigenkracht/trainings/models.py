import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

MAX_PARTICIPANTS = 10


class Venue(models.Model):
    name = models.CharField(_("naam"), max_length=120)
    street = models.CharField(_("straat en nummer"), max_length=120)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("gemeente"), max_length=80, db_index=True)
    directions = models.TextField(_("bereikbaarheid"), blank=True, max_length=2000)
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
    def seats_left(self) -> int:
        """Needs the `seats_taken` annotation of `trainings.selectors.with_seats`."""
        return max(self.capacity - self.seats_taken, 0)


class Session(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("beginuur"))
    end_time = models.TimeField(_("einduur"))

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="session_ends_after_start"
            )
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


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op betaling")
        CONFIRMED = "confirmed", _("Bevestigd")
        WAITING = "waiting", _("Wachtlijst")
        CANCELLED = "cancelled", _("Geannuleerd")
        EXPIRED = "expired", _("Vervallen")

    ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITING)

    training = models.ForeignKey(Training, on_delete=models.PROTECT, related_name="registrations")
    code = models.CharField(_("code"), max_length=12, unique=True)
    token = models.CharField(max_length=64, unique=True, editable=False)
    structured_communication = models.CharField(
        _("gestructureerde mededeling"), max_length=12, unique=True
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, db_index=True)
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("familienaam"), max_length=80)
    email = models.EmailField(_("e-mailadres"))
    phone = PhoneNumberField(_("telefoon"), blank=True, region="BE")
    organisation = models.CharField(_("organisatie"), max_length=120, blank=True)
    job = models.CharField(_("functie"), max_length=120, blank=True)
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
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # A seat offered to someone on the waiting list: held for them until the offer expires.
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    expired_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["training", "status"]),
            models.Index(Lower("email"), name="registration_email_lower"),
            models.Index(fields=["client_ip_hash", "created_at"]),
            models.Index(
                fields=["payment_deadline"],
                condition=Q(status="pending"),
                name="registration_pending_deadline",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(seats__gte=1, seats__lte=MAX_PARTICIPANTS),
                name="registration_seats_in_range",
            ),
        ]
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")

    def __str__(self) -> str:
        return f"{self.code} {self.first_name} {self.last_name}"

    def save(self, *args, **kwargs) -> None:
        # Partial saves still mark the row as changed: public pages are cached on updated_at.
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def amount_open_cents(self) -> int:
        return max(self.amount_due_cents - self.amount_paid_cents, 0)

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def has_open_offer(self) -> bool:
        return (
            self.status == self.Status.WAITING
            and self.offer_expires_at is not None
            and self.offer_expires_at > timezone.now()
        )


class Participant(models.Model):
    """One seat: a person who attends the training, booked through a registration."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="participants"
    )
    # Denormalised from the registration so the database itself refuses a second active seat
    # for the same e-mail address in the same training.
    training = models.ForeignKey(Training, on_delete=models.PROTECT, related_name="participants")
    is_active = models.BooleanField(default=True)
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("familienaam"), max_length=80)
    email = models.EmailField(_("e-mailadres"))
    certificate_sent_at = models.DateTimeField(_("attest verstuurd op"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                "training",
                Lower("email"),
                condition=Q(is_active=True),
                name="participant_one_active_seat_per_email",
            )
        ]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


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
