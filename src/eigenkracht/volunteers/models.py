"""The volunteer coordinators around their trajectories: who applied, the basic training and
intervision, the legal duties towards volunteers, when they are free, and their private agenda."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eigenkracht.trajectories.models import Coordinator, Language

WEEKDAYS = [
    (0, _("maandag")),
    (1, _("dinsdag")),
    (2, _("woensdag")),
    (3, _("donderdag")),
    (4, _("vrijdag")),
    (5, _("zaterdag")),
    (6, _("zondag")),
]


class DayPart(models.TextChoices):
    MORNING = "morning", _("voormiddag")
    AFTERNOON = "afternoon", _("namiddag")
    EVENING = "evening", _("avond")


class Application(models.Model):
    """Someone who applied on the public page to become a coordinator, and where they are now."""

    class Step(models.TextChoices):
        APPLIED = "applied", _("Kandidaat gesteld")
        INTAKE = "intake", _("Intakegesprek")
        TRAINING = "training", _("In opleiding")
        ACTIVE = "active", _("Actief")
        PAUSED = "paused", _("Gepauzeerd")
        STOPPED = "stopped", _("Gestopt")

    name = models.CharField(_("naam"), max_length=120)
    email = models.EmailField(_("e-mailadres"))
    phone = models.CharField(_("telefoon"), max_length=40)
    languages = models.JSONField(_("talen"), default=list)
    postcode = models.CharField(_("postcode"), max_length=4)
    region = models.CharField(_("regio"), max_length=160, blank=True)
    availability = models.TextField(_("beschikbaarheid"), max_length=2000)
    motivation = models.TextField(_("motivatie"), max_length=4000)
    consent_at = models.DateTimeField(_("toestemming om te bewaren gegeven op"))
    applied_at = models.DateTimeField(_("kandidaat gesteld op"), db_index=True)
    step = models.CharField(_("stap"), max_length=12, choices=Step.choices, default=Step.APPLIED)
    step_on = models.DateField(_("stap sinds"))
    stop_reason = models.TextField(_("reden van stoppen"), max_length=2000, blank=True)
    coordinator = models.OneToOneField(
        Coordinator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
        verbose_name=_("coördinator"),
    )

    class Meta:
        ordering = ["-applied_at", "-id"]
        indexes = [models.Index(fields=["step", "applied_at"])]
        verbose_name = _("kandidatuur")
        verbose_name_plural = _("kandidaturen")

    def __str__(self) -> str:
        return self.name

    def language_labels(self) -> list[str]:
        return [str(Language(code).label) for code in self.languages if code in Language.values]


class ApplicationStep(models.Model):
    """One dated step of an application, with the office's note."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("stap"), max_length=12, choices=Application.Step.choices)
    on = models.DateField(_("datum"))
    note = models.TextField(_("notitie"), max_length=2000, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("stap van een kandidatuur")
        verbose_name_plural = _("stappen van een kandidatuur")

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} {self.get_step_display()}"


class TrainingModule(models.Model):
    """A module of the basic training; all active ones followed is "basisopleiding afgerond"."""

    title = models.CharField(_("titel"), max_length=160, unique=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("hoort bij de basisopleiding"), default=True)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("module van de basisopleiding")
        verbose_name_plural = _("modules van de basisopleiding")

    def __str__(self) -> str:
        return self.title


class ModuleFollowed(models.Model):
    coordinator = models.ForeignKey(
        Coordinator, on_delete=models.CASCADE, related_name="modules_followed"
    )
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="followed")
    followed_on = models.DateField(_("gevolgd op"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["coordinator", "module"], name="module_followed_once")
        ]

    def __str__(self) -> str:
        return f"{self.module_id} {self.followed_on:%d/%m/%Y}"


class IntervisionSession(models.Model):
    date = models.DateField(_("datum"))
    theme = models.CharField(_("thema"), max_length=200)
    attendees = models.ManyToManyField(
        Coordinator, blank=True, related_name="intervisions", verbose_name=_("aanwezig")
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("intervisie")
        verbose_name_plural = _("intervisies")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.theme}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class Volunteer(models.Model):
    """What the volunteer law and the planning need about a coordinator. The criminal-record
    extract itself is never stored: only the date it was seen and who saw it."""

    coordinator = models.OneToOneField(
        Coordinator, on_delete=models.CASCADE, related_name="volunteer", primary_key=True
    )
    # The information note (Belgian volunteer law, art. 4).
    note_given_on = models.DateField(_("informatienota gegeven op"), null=True, blank=True)
    note_version = models.CharField(_("versie van de informatienota"), max_length=40, blank=True)
    insured = models.BooleanField(_("verzekerd"), default=False)
    insured_since = models.DateField(_("verzekerd sinds"), null=True, blank=True)
    # Most conferences are about children: checked unless the office says otherwise.
    works_with_minors = models.BooleanField(_("in contact met minderjarigen"), default=True)
    record_checked_on = models.DateField(_("uittreksel (model 2) gezien op"), null=True, blank=True)
    record_checked_by = models.CharField(_("gezien door"), max_length=120, blank=True)
    # The check for which the office was warned that it expires (warned once per check).
    record_warned_for = models.DateField(null=True, blank=True, editable=False)
    preferred_days = models.JSONField(_("voorkeursdagen"), default=list, blank=True)
    preferred_parts = models.JSONField(_("voorkeursmomenten"), default=list, blank=True)
    feed_token = models.CharField(max_length=64, unique=True, default=new_feed_token)

    class Meta:
        verbose_name = _("vrijwilliger")
        verbose_name_plural = _("vrijwilligers")

    def __str__(self) -> str:
        return str(self.coordinator)


class AwayPeriod(models.Model):
    coordinator = models.ForeignKey(
        Coordinator, on_delete=models.CASCADE, related_name="away_periods"
    )
    starts_on = models.DateField(_("van"))
    ends_on = models.DateField(_("tot en met"))
    note = models.CharField(_("notitie"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="away_period_ends_after"
            )
        ]
        verbose_name = _("afwezigheid")
        verbose_name_plural = _("afwezigheden")

    def __str__(self) -> str:
        return f"{self.starts_on:%d/%m/%Y} - {self.ends_on:%d/%m/%Y}"


class VolunteerSettings(models.Model):
    """One row: the terms a manager sets."""

    record_renewal_years = models.PositiveSmallIntegerField(
        _("uittreksel opnieuw na (jaar)"), default=3
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(record_renewal_years__gte=1), name="record_renewal_at_least_a_year"
            )
        ]
        verbose_name = _("instellingen vrijwilligers")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "VolunteerSettings":
        """The row, or the defaults until a manager saved it (reading never writes)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class ReminderSent(models.Model):
    """A reminder mailed to a coordinator about one event (a follow-up or a time norm on one
    date): stored so that it goes out once."""

    coordinator = models.ForeignKey(Coordinator, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["coordinator", "key"], name="reminder_sent_once")
        ]

    def __str__(self) -> str:
        return self.key
