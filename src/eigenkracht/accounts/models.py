from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE = "office", _("Medewerker")
    COORDINATOR = "coordinator", _("EK-coördinator")
    REFERRER = "referrer", _("Aanmelder")
    MANAGER = "manager", _("Beheerder")
    TRAINER = "trainer", _("Lesgever")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("role", Role.MANAGER)
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: staff, coordinators and referrers. Identified by e-mail."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    first_name = models.CharField(_("voornaam"), max_length=80, blank=True)
    last_name = models.CharField(_("familienaam"), max_length=80, blank=True)
    role = models.CharField(_("rol"), max_length=16, choices=Role.choices)
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Goes up whenever the second factor is reset or set up: a link to set up an authenticator
    # app is signed with it, so the link stops working once used or after a newer reset.
    second_factor_generation = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email


class ApiToken(models.Model):
    """A key for the JSON API. Only a hash is stored: the key itself is shown once, at creation."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("gebruiker")
    )
    name = models.CharField(
        _("naam"),
        max_length=80,
        help_text=_("Waarvoor dient deze sleutel? Bijvoorbeeld: agenda op de website."),
    )
    # The first characters of the key, so that people can tell their keys apart in a list.
    prefix = models.CharField(_("begin van de sleutel"), max_length=8, editable=False)
    # sha256 (hex) of the full key; unique, so the database keeps an index on it.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
