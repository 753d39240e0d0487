"""Trainers: the office adds and edits them and invites them to log in."""

from django.db import transaction
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import Role, User
from eigenkracht.core.audit import audit_record
from eigenkracht.core.refusals import Refused
from eigenkracht.trainings.models import Trainer, Training
from eigenkracht.trainings.trainers import emails

FIELDS = ("name", "bio", "email")


@transaction.atomic
def trainer_save(*, trainer: Trainer, actor: User | None) -> Trainer:
    """Create or update a trainer. Their account, once invited, keeps its own e-mail address."""
    created = trainer.pk is None
    old = {} if created else Trainer.objects.values(*FIELDS).get(pk=trainer.pk)
    trainer.save()
    changed = {
        name: {"old": old[name], "new": getattr(trainer, name)}
        for name in FIELDS
        if not created and old[name] != getattr(trainer, name)
    }
    audit_record(
        actor=actor,
        action="trainer.created" if created else "trainer.updated",
        obj=trainer,
        data=changed,
    )
    return trainer


@transaction.atomic
def trainer_invite(*, trainer: Trainer, actor: User | None) -> Trainer:
    """Make the trainer's account (role trainer, no password yet) and mail them the one-time
    link to choose a password; they set up their second factor at their first login."""
    trainer = Trainer.objects.select_for_update().get(pk=trainer.pk)
    if trainer.user_id is not None:
        raise Refused(_("%(name)s heeft al een account.") % {"name": trainer.name})
    if not trainer.email:
        raise Refused(_("Vul eerst het e-mailadres van de lesgever in."))
    email = trainer.email.lower()
    if User.objects.filter(email__iexact=email).exists():
        raise Refused(
            _(
                "Er bestaat al een account met het e-mailadres %(email)s. Een lesgever krijgt "
                "een eigen account: gebruik een ander adres."
            )
            % {"email": email}
        )
    first, _space, last = trainer.name.partition(" ")
    trainer.user = User.objects.create_user(
        email, None, role=Role.TRAINER, first_name=first[:80], last_name=last[:80]
    )
    trainer.save(update_fields=["user", "updated_at"])
    audit_record(actor=actor, action="trainer.invited", obj=trainer, data={"email": email})
    emails.send_trainer_invitation(trainer)
    return trainer


def participants_viewed(*, training: Training, actor: User, ip_address: str | None) -> None:
    """A trainer looked at their training's participant list: recorded like staff's reads."""
    audit_record(
        actor=actor,
        action="training.participants_viewed",
        obj=training,
        ip_address=ip_address,
    )


@transaction.atomic
def training_trainers_set(
    *, training: Training, trainers: list[Trainer], actor: User | None
) -> Training:
    """Give a training these trainers (the training form does this in `training_save`)."""
    training = Training.objects.select_for_update().get(pk=training.pk)
    old = sorted(trainer.name for trainer in training.trainers.all())
    training.trainers.set(trainers)
    training.save(update_fields=["updated_at"])  # the public page shows them
    new = sorted(trainer.name for trainer in trainers)
    if old != new:
        audit_record(
            actor=actor,
            action="training.updated",
            obj=training,
            data={"trainers": {"old": old, "new": new}},
        )
    return training
