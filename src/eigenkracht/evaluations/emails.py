"""The evaluation mails: the personal link, and the one reminder. Confidential in the outbox (the
link is the person's: staff who read the mail could fill in the form in their name)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from eigenkracht.core.outbox import Mail, mail_recipe, outbox_send
from eigenkracht.evaluations.models import ConferenceInvite, TrainingInvite

NOTICE = "trajectories/emails/notice"


def conference_url(invite: ConferenceInvite) -> str:
    return settings.SITE_URL + reverse("evaluations:respond", args=[invite.token])


def training_url(invite: TrainingInvite) -> str:
    return settings.SITE_URL + reverse("evaluations:training_respond", args=[invite.token])


def _hello(name: str) -> str:
    return _("Dag %(name)s,") % {"name": name}


@mail_recipe(
    "evaluation_conference",
    queryset=lambda: ConferenceInvite.objects.select_related("participant"),
)
def conference_mail(invite: ConferenceInvite, *, reminder: bool = False) -> Mail:
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
            "greeting": _hello(invite.participant.name),
            "paragraphs": paragraphs,
            "link_label": _("Vul de vragenlijst in"),
            "link_url": conference_url(invite),
        },
    )


@mail_recipe(
    "evaluation_training",
    queryset=lambda: TrainingInvite.objects.select_related("participant", "training"),
)
def training_mail(invite: TrainingInvite, *, reminder: bool = False) -> Mail:
    paragraphs = [
        _(
            "Bedankt om de vorming “%(title)s” te volgen. Wil je ons zeggen hoe ze was? Het "
            "duurt twee minuten."
        )
        % {"title": invite.training.title},
        _("Je antwoorden zijn anoniem: we bewaren ze zonder je naam. De link werkt één keer."),
    ]
    if reminder:
        paragraphs.insert(0, _("Een korte herinnering: je kan de vragenlijst nog invullen."))
    return Mail(
        NOTICE,
        {
            "subject": _("Hoe was de vorming?"),
            "greeting": _hello(invite.participant.first_name),
            "paragraphs": paragraphs,
            "link_label": _("Vul de vragenlijst in"),
            "link_url": training_url(invite),
        },
    )


def send_conference_link(invite: ConferenceInvite, *, reminder: bool = False) -> None:
    kind = "evaluation_conference_reminder" if reminder else "evaluation_conference"
    outbox_send(
        kind=kind,
        recipe="evaluation_conference",
        recipient=invite.participant.email,
        related=invite,
        params={"reminder": reminder},
        confidential=True,
    )


def send_training_link(invite: TrainingInvite, *, reminder: bool = False) -> None:
    kind = "evaluation_training_reminder" if reminder else "evaluation_training"
    outbox_send(
        kind=kind,
        recipe="evaluation_training",
        recipient=invite.participant.email,
        related=invite,
        params={"reminder": reminder},
        confidential=True,
    )
