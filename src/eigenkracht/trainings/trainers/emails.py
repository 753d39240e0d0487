"""The trainer's invitation: a one-time link to choose a password (confidential: staff who read
the outbox must not be able to use it)."""

from eigenkracht.accounts.invitations import invitation_url
from eigenkracht.core.outbox import Mail, mail_recipe, outbox_send
from eigenkracht.trainings.models import Trainer


@mail_recipe("trainer_invitation", queryset=lambda: Trainer.objects.select_related("user"))
def trainer_invitation_mail(trainer: Trainer) -> Mail:
    return Mail(
        template="trainings/emails/trainer_invitation",
        context={"trainer": trainer, "invitation_url": invitation_url(trainer.user)},
    )


def send_trainer_invitation(trainer: Trainer) -> None:
    outbox_send(
        kind="trainer_invitation",
        recipe="trainer_invitation",
        recipient=trainer.user.email,
        related=trainer,
        confidential=True,
    )
