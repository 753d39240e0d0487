"""Evaluations filled in by the people themselves: after a conference and after a training.

Two kinds of rows, kept apart on purpose (docs/decisions.md, "Evaluations are anonymous once
submitted"):
- an *invite* is a personal link (a token) for one participant; it knows who it is for, and once
  used it only says so (`used`, and the date, no time);
- a *response* holds the answers with only what the figures cut by: the trajectory (province,
  sector, domain) or the training, the group, the date, the language. It has no column that
  points to an invite or a person, and a random primary key, so that not even the order of the
  rows tells whose answers they are.
"""

import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Group(models.TextChoices):
    """Who answered, as the Dutch annual figures split them (known from the link)."""

    MAIN_MINOR = "main_minor", _("Hoofdpersoon (minderjarig)")
    MAIN_ADULT = "main_adult", _("Hoofdpersoon (volwassen)")
    FAMILY = "family", _("Familie")
    NETWORK = "network", _("Netwerk (vrienden, buren, vertrouwenspersonen)")
    PROFESSIONAL = "professional", _("Professionals")


class Channel(models.TextChoices):
    """How the link reached the participant, or why it did not."""

    MAIL = "mail", _("Gemaild")
    SMS = "sms", _("Per sms gestuurd")
    SMS_UNAVAILABLE = "sms_unavailable", _("Enkel een telefoonnummer: sms is niet ingesteld")
    HAND_OUT = "hand_out", _("Geen e-mailadres of telefoon")


class Agree(models.IntegerChoices):
    """The agree scale of the fidelity statements."""

    DISAGREE_FULLY = 1, _("Helemaal niet akkoord")
    DISAGREE = 2, _("Niet akkoord")
    NEUTRAL = 3, _("Neutraal")
    AGREE = 4, _("Akkoord")
    AGREE_FULLY = 5, _("Helemaal akkoord")


class Propose(models.TextChoices):
    YES = "yes", _("Ja")
    MAYBE = "maybe", _("Misschien")
    NO = "no", _("Nee")


def new_token() -> str:
    # 12 URL-safe characters (72 random bits): short enough to type from a printed sheet.
    return secrets.token_urlsafe(9)


class EvaluationSettings(models.Model):
    """The office's settings for evaluations: one row."""

    reminder_after_days = models.PositiveSmallIntegerField(
        _("herinnering na (dagen)"),
        default=7,
        help_text=_("Eén herinnering aan wie de evaluatie nog niet invulde; 0: geen herinnering."),
    )

    class Meta:
        verbose_name = _("instellingen van de evaluaties")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "EvaluationSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class Invite(models.Model):
    """What both kinds of personal link share."""

    token = models.CharField(max_length=16, default=new_token, editable=False)
    language = models.CharField(_("taal"), max_length=8, default="nl-be")
    created_at = models.DateTimeField(_("uitgenodigd op"), auto_now_add=True)
    # The one reminder: set when it is claimed, in the transaction that stores its mail.
    reminded_at = models.DateTimeField(_("herinnerd op"), null=True, blank=True)
    used = models.BooleanField(_("ingevuld"), default=False)
    # A date, not a time: the day cannot be matched to one response among the day's others.
    used_on = models.DateField(_("ingevuld op"), null=True, blank=True)

    class Meta:
        abstract = True


# A conference's links are no longer asked (nor reminded) once the family withdrew its consent or
# the trajectory was made anonymous: ConferenceInvite.objects.filter(**STILL_ASKED).
STILL_ASKED = {
    "trajectory__consent_withdrawn_on__isnull": True,
    "trajectory__anonymised_at__isnull": True,
}


class ConferenceInvite(Invite):
    """A participant's link to evaluate the conference of their trajectory."""

    # Indexed: the coordinator's page lists a trajectory's invites.
    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.CASCADE, related_name="evaluation_invites"
    )
    # Read through the unique index below: no index of its own.
    participant = models.ForeignKey(
        "trajectories.Participant",
        on_delete=models.CASCADE,
        related_name="evaluation_invites",
        db_index=False,
    )
    group = models.CharField(_("groep"), max_length=16, choices=Group.choices)
    child_form = models.BooleanField(_("versie voor kinderen en jongeren"), default=False)
    channel = models.CharField(_("hoe bereikt"), max_length=16, choices=Channel.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            # The link's address: the form reads the invite by its token.
            models.UniqueConstraint(fields=["token"], name="conference_invite_token_unique"),
            # One link per participant, whatever the times attendance is recorded again.
            models.UniqueConstraint(
                fields=["participant"], name="conference_invite_one_per_participant"
            ),
        ]
        verbose_name = _("uitnodiging om de conferentie te evalueren")
        verbose_name_plural = _("uitnodigingen om de conferentie te evalueren")

    def __str__(self) -> str:
        return f"{self.trajectory_id}/{self.participant_id}"


class ConferenceResponse(models.Model):
    """One participant's answers about a conference, without any link to who gave them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Indexed: the figures read the responses of a set of trajectories.
    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.CASCADE, related_name="evaluation_responses"
    )
    group = models.CharField(_("groep"), max_length=16, choices=Group.choices)
    child_form = models.BooleanField(_("versie voor kinderen en jongeren"), default=False)
    submitted_on = models.DateField(_("ingevuld op"))
    language = models.CharField(_("taal"), max_length=8)
    score_meeting = models.PositiveSmallIntegerField(_("de bijeenkomst"))
    score_plan = models.PositiveSmallIntegerField(_("het plan"))
    score_coordinator = models.PositiveSmallIntegerField(_("de coördinator"))
    # The fidelity statements (Agree); empty for "weet ik niet".
    decisions = models.PositiveSmallIntegerField(
        _("samen beslissen"), choices=Agree.choices, null=True, blank=True
    )
    inclusion = models.PositiveSmallIntegerField(
        _("de familie telde mee"), choices=Agree.choices, null=True, blank=True
    )
    support = models.PositiveSmallIntegerField(
        _("steun van de professionals"), choices=Agree.choices, null=True, blank=True
    )
    comment = models.TextField(_("opmerking"), max_length=2000, blank=True)

    class Meta:
        ordering = ["submitted_on"]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__range": (1, 10)}), name=f"conference_{name}_1_to_10"
                )
                for name in ("score_meeting", "score_plan", "score_coordinator")
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__range": (1, 5)}),
                    name=f"conference_{name}_1_to_5",
                )
                for name in ("decisions", "inclusion", "support")
            ),
        ]
        indexes = [
            # The figures page lists the written answers among thousands without one.
            models.Index(
                fields=["trajectory"], condition=~Q(comment=""), name="conference_with_comment"
            )
        ]
        verbose_name = _("evaluatie van een conferentie")
        verbose_name_plural = _("evaluaties van conferenties")

    def __str__(self) -> str:
        return f"{self.trajectory_id} {self.group} {self.submitted_on}"


STATEMENTS = ("decisions", "inclusion", "support")  # the fidelity statements' fields


class ConferenceTally(models.Model):
    """What the answers about one trajectory add up to, per group: the figures sum these few rows
    instead of every answer (100,000 answers took a tenth of the figures page, bench/figures.py).
    Updated with each answer, in its transaction (evaluations/tallies.py). It holds nothing an
    answer does not: sums and counts per trajectory and group."""

    trajectory = models.ForeignKey(
        "trajectories.Trajectory", on_delete=models.CASCADE, related_name="+"
    )
    group = models.CharField(_("groep"), max_length=16, choices=Group.choices)
    responses = models.PositiveIntegerField(default=0)
    sum_meeting = models.PositiveIntegerField(default=0)
    sum_plan = models.PositiveIntegerField(default=0)
    sum_coordinator = models.PositiveIntegerField(default=0)
    # Per statement: the sum and number of its answers ("weet ik niet" is none), and how many
    # agreed (Agree.AGREE or more).
    sum_decisions = models.PositiveIntegerField(default=0)
    answered_decisions = models.PositiveIntegerField(default=0)
    agreed_decisions = models.PositiveIntegerField(default=0)
    sum_inclusion = models.PositiveIntegerField(default=0)
    answered_inclusion = models.PositiveIntegerField(default=0)
    agreed_inclusion = models.PositiveIntegerField(default=0)
    sum_support = models.PositiveIntegerField(default=0)
    answered_support = models.PositiveIntegerField(default=0)
    agreed_support = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "group"], name="one_tally_per_group")
        ]
        verbose_name = _("optelling van evaluaties")
        verbose_name_plural = _("optellingen van evaluaties")

    def __str__(self) -> str:
        return f"{self.trajectory_id} {self.group} ({self.responses})"


class TrainingEvaluation(models.Model):
    """A training whose evaluation links went out: the claim that makes it happen once."""

    training = models.OneToOneField(
        "trainings.Training", on_delete=models.CASCADE, related_name="evaluation_round"
    )
    invited_at = models.DateTimeField(_("uitnodigingen verstuurd op"))
    # What the links went to: attendance where it was recorded, else every confirmed seat.
    by_attendance = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("evaluatieronde van een vorming")
        verbose_name_plural = _("evaluatierondes van vormingen")

    def __str__(self) -> str:
        return str(self.training_id)


class TrainingInvite(Invite):
    """A trainee's link to evaluate the training they followed."""

    # Indexed: the office's results count a training's invites.
    training = models.ForeignKey(
        "trainings.Training", on_delete=models.CASCADE, related_name="evaluation_invites"
    )
    # Read through the unique index below: no index of its own.
    participant = models.ForeignKey(
        "trainings.Participant",
        on_delete=models.CASCADE,
        related_name="evaluation_invites",
        db_index=False,
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["token"], name="training_invite_token_unique"),
            models.UniqueConstraint(
                fields=["participant"], name="training_invite_one_per_participant"
            ),
        ]
        verbose_name = _("uitnodiging om een vorming te evalueren")
        verbose_name_plural = _("uitnodigingen om een vorming te evalueren")

    def __str__(self) -> str:
        return f"{self.training_id}/{self.participant_id}"


class TrainingResponse(models.Model):
    """One trainee's answers about a training, without any link to who gave them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Indexed: the office's results per training and per trainer.
    training = models.ForeignKey(
        "trainings.Training", on_delete=models.CASCADE, related_name="evaluation_responses"
    )
    submitted_on = models.DateField(_("ingevuld op"))
    language = models.CharField(_("taal"), max_length=8)
    score_content = models.PositiveSmallIntegerField(_("de inhoud"))
    score_trainer = models.PositiveSmallIntegerField(_("de lesgever"))
    score_organisation = models.PositiveSmallIntegerField(_("de praktische organisatie"))
    would_propose = models.CharField(
        _("zou een Eigen Kracht-conferentie voorstellen"), max_length=8, choices=Propose.choices
    )
    comment = models.TextField(_("opmerking"), max_length=2000, blank=True)

    class Meta:
        ordering = ["submitted_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__range": (1, 10)}), name=f"training_{name}_1_to_10"
            )
            for name in ("score_content", "score_trainer", "score_organisation")
        ]
        verbose_name = _("evaluatie van een vorming")
        verbose_name_plural = _("evaluaties van vormingen")

    def __str__(self) -> str:
        return f"{self.training_id} {self.submitted_on}"
