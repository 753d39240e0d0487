"""The people around the main person of a trajectory, and frozen copies of that map over time.

Every participant of the trajectory except the main people (the centre of the map) and
interpreters is a network member, linked to the participant and kept in sync by the services;
other members are people who are not (yet) invited. A member without a sector or a ring is still
to be sorted and is listed, not drawn.
"""

from collections import Counter

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.utils.translation import gettext_lazy as _

from eigenkracht.network.kinds import RINGS, SECTORS, TIES
from eigenkracht.trajectories.models import Participant, Trajectory


class Sector(models.TextChoices):
    FAMILY = "family", _("Familie")
    FRIENDS = "friends", _("Vrienden en buren")
    SCHOOL_WORK = "school_work", _("School, werk en vrije tijd")
    PROFESSIONALS = "professionals", _("Professionals en diensten")


class Ring(models.TextChoices):
    CLOSE = "close", _("Dichtbij")
    MIDDLE = "middle", _("Tussenin")
    FAR = "far", _("Veraf")


class Tie(models.TextChoices):
    STRONG = "strong", _("Sterke band")
    WEAK = "weak", _("Zwakke band")
    STRESSFUL = "stressful", _("Belastende band")


def place_label(sector: str, ring: str) -> str:
    """ "Familie, dichtbij", or "nog te sorteren"."""
    if sector not in Sector.values or ring not in Ring.values:
        return str(_("nog te sorteren"))
    return f"{Sector(sector).label}, {str(Ring(ring).label).lower()}"


assert tuple(Sector.values) == SECTORS and tuple(Ring.values) == RINGS
assert tuple(Tie.values) == TIES


class NetworkMember(models.Model):
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="network_members"
    )
    participant = models.OneToOneField(
        Participant,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="network_member",
        verbose_name=_("deelnemer"),
    )
    name = models.CharField(_("naam"), max_length=120)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices, blank=True)
    ring = models.CharField(_("nabijheid"), max_length=8, choices=Ring.choices, blank=True)
    tie = models.CharField(_("band"), max_length=10, choices=Tie.choices, default=Tie.STRONG)
    domains = models.JSONField(_("steunt bij"), default=list, blank=True)
    # The participant's role while linked; kept when the participant is removed, so that the
    # pseudonymised map and the research export can still say "family" or "professional".
    role = models.CharField(_("rol"), max_length=16, choices=Participant.Role.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["trajectory", "sector", "ring"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(sector__in=["", *SECTORS]), name="network_member_known_sector"
            ),
            models.CheckConstraint(
                condition=Q(ring__in=["", *RINGS]), name="network_member_known_ring"
            ),
            models.CheckConstraint(condition=Q(tie__in=TIES), name="network_member_known_tie"),
        ]
        verbose_name = _("netwerklid")
        verbose_name_plural = _("netwerkleden")

    def __str__(self) -> str:
        return self.name

    @property
    def is_sorted(self) -> bool:
        return bool(self.sector and self.ring)


class NetworkSnapshot(models.Model):
    """The map as it was at a moment: the members are copied into `data`, so that later changes
    never alter it."""

    class Reason(models.TextChoices):
        INTAKE = "intake", _("Bij de intake")
        CONFERENCE = "conference", _("Bij de conferentie")
        CLOSED = "closed", _("Bij de afsluiting")
        MANUAL = "manual", _("Met de hand")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="network_snapshots"
    )
    taken_at = models.DateTimeField(_("vastgelegd op"))
    reason = models.CharField(_("moment"), max_length=12, choices=Reason.choices)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("opmerking"), max_length=160, blank=True)
    member_count = models.PositiveIntegerField(_("aantal personen"))
    # [{"id", "name", "sector", "ring", "tie", "attended", "role", "domains"}, ...]
    data = models.JSONField(default=list)
    # Members per sector ("" for none or one no longer known), made from `data` on save: the
    # figures sum these over thousands of snapshots, and unpacking every member there took most
    # of that query's time (bench/figures.py). A member's sector in a snapshot never changes.
    sector_counts = models.JSONField(
        default=dict, db_default=Value({}, output_field=models.JSONField())
    )

    class Meta:
        ordering = ["taken_at", "id"]
        indexes = [models.Index(fields=["trajectory", "reason", "taken_at"])]
        verbose_name = _("momentopname van het netwerk")
        verbose_name_plural = _("momentopnamen van het netwerk")

    def __str__(self) -> str:
        return f"{self.trajectory_id} {self.get_reason_display()} {self.taken_at:%Y-%m-%d}"

    def save(self, *args, **kwargs) -> None:
        self.sector_counts = self.sector_counts_of(self.data)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "data" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sector_counts"}
        super().save(*args, **kwargs)

    @staticmethod
    def sector_counts_of(rows: list[dict]) -> dict[str, int]:
        known = set(Sector.values)
        return dict(
            Counter(row.get("sector") if row.get("sector") in known else "" for row in rows)
        )
