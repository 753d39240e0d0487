"""The evaluation mails: the personal link, and the one reminder. Confidential in the outbox (the
link is the person's: staff who read the mail could fill in the form in their name). Each mail is
about the participant (not the invite), so that anonymising a trajectory or a registration
deletes it with the person's other mails (privacy.anonymise)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from eigenkracht.core.outbox import Mail, mail_recipe, outbox_send
from eigenkracht.evaluations.models import ConferenceInvite, TrainingInvite
from eigenkracht.trainings.models import Participant as Trainee
from eigenkracht.trajectories.models import Participant

NOTICE = "trajectories/emails/notice"


def conference_url(token: str) -> str:
    return settings.SITE_URL + reverse("evaluations:respond", args=[token])


def training_url(token: str) -> str:
    return settings.SITE_URL + reverse("evaluations:training_respond", args=[token])


def _hello(name: str) -> str:
    return _("Dag %(name)s,") % {"name": name}


@mail_recipe("evaluation_conference")
def conference_mail(participant: Participant, *, token: str, reminder: bool = False) -> Mail:
    paragraphs = [
        _(
            "Je was erbij op de Eigen Kracht-conferentie. Hoe vond je het? Vertel het ons in een "
            "paar minuten: we willen leren wat goed gaat en wat beter kan."
        ),
        _(
            "Je antwoorden zijn anoniem: we bewaren ze zonder je naam, en niemand van het gezin "
            "of van de hulpverlening krijgt ze te zien. De link werkt één keer."
        ),
    ]
    if reminder:
        paragraphs.insert(0, _("Een korte herinnering: je kan de vragenlijst nog invullen."))
    return Mail(
        NOTICE,
        {
            "subject": _("Hoe was de conferentie?"),
            "greeting": _hello(participant.name),
            "paragraphs": paragraphs,
            "link_label": _("Vul de vragenlijst in"),
            "link_url": conference_url(token),
        },
    )


@mail_recipe("evaluation_training", queryset=lambda: Trainee.objects.select_related("training"))
def training_mail(trainee: Trainee, *, token: str, reminder: bool = False) -> Mail:
    paragraphs = [
        _(
            "Bedankt om de vorming “%(title)s” te volgen. Wil je ons zeggen hoe ze was? Het "
            "duurt twee minuten."
        )
        % {"title": trainee.training.title},
        _("Je antwoorden zijn anoniem: we bewaren ze zonder je naam. De link werkt één keer."),
    ]
    if reminder:
        paragraphs.insert(0, _("Een korte herinnering: je kan de vragenlijst nog invullen."))
    return Mail(
        NOTICE,
        {
            "subject": _("Hoe was de vorming?"),
            "greeting": _hello(trainee.first_name),
            "paragraphs": paragraphs,
            "link_label": _("Vul de vragenlijst in"),
            "link_url": training_url(token),
        },
    )


def _send_link(
    recipe: str, invite: ConferenceInvite | TrainingInvite, *, kind: str, reminder: bool
) -> None:
    outbox_send(
        kind=kind,
        recipe=recipe,
        recipient=invite.participant.email,
        related=invite.participant,
        params={"token": invite.token, "reminder": reminder},
        confidential=True,
    )


def send_conference_link(invite: ConferenceInvite, *, reminder: bool = False) -> None:
    _send_link(
        "evaluation_conference",
        invite,
        kind="evaluation_conference_reminder" if reminder else "evaluation_conference",
        reminder=reminder,
    )


def send_training_link(invite: TrainingInvite, *, reminder: bool = False) -> None:
    _send_link(
        "evaluation_training",
        invite,
        kind="evaluation_training_reminder" if reminder else "evaluation_training",
        reminder=reminder,
    )
