"""The trajectory's mails. They say what happened and link to the site; the family's details stay
behind the login (mail is not a safe place for them)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from eigenkracht.accounts.invitations import invitation_url
from eigenkracht.core.models import Organisation
from eigenkracht.core.outbox import outbox_queue
from eigenkracht.trajectories.models import Coordinator, Trajectory


def trajectory_url(trajectory: Trajectory) -> str:
    return settings.SITE_URL + reverse("trajectories:detail", args=[trajectory.pk])


def _notice(
    *,
    kind: str,
    recipient: str,
    subject: str,
    greeting: str,
    paragraphs: list[str],
    link_label: str = "",
    link_url: str = "",
    quote: str = "",
    related: object = None,
    confidential: bool = False,
) -> None:
    outbox_queue(
        kind=kind,
        recipient=recipient,
        template="trajectories/emails/notice",
        context={
            "subject": subject,
            "greeting": greeting,
            "paragraphs": paragraphs,
            "quote": quote,
            "link_label": link_label,
            "link_url": link_url,
        },
        related=related,
        confidential=confidential,
    )


def _hello(name: str) -> str:
    return _("Dag %(name)s,") % {"name": name}


def send_referral_received(trajectory: Trajectory) -> None:
    referrer = trajectory.referrer
    paragraphs = [
        _(
            "Bedankt voor je aanmelding. Ze heeft referentie %(reference)s. We bekijken ze zo snel "
            "mogelijk en laten je weten of we een Eigen Kracht-conferentie kunnen opstarten."
        )
        % {"reference": trajectory.reference},
    ]
    if referrer.has_usable_password():
        paragraphs.append(
            _("Je volgt de aanmelding op met je gewone login, onder “Mijn trajecten”.")
        )
        link_label, link_url = _("Bekijk de aanmelding"), trajectory_url(trajectory)
        confidential = False
    else:
        paragraphs.append(
            _(
                "Je kan de aanmelding online volgen. Kies daarvoor eerst een wachtwoord met de "
                "link hieronder; hij werkt één keer. Daarna stel je een tweede stap in voor het "
                "aanmelden (een code op je telefoon), omdat het om gevoelige gegevens gaat."
            )
        )
        link_label, link_url = _("Kies je wachtwoord"), invitation_url(referrer)
        confidential = True
    _notice(
        kind="referral_received",
        recipient=trajectory.referrer_email,
        subject=_("Aanmelding ontvangen: %(reference)s") % {"reference": trajectory.reference},
        greeting=_hello(trajectory.referrer_name),
        paragraphs=paragraphs,
        link_label=link_label,
        link_url=link_url,
        related=trajectory,
        confidential=confidential,
    )


def send_new_referral_to_office(trajectory: Trajectory) -> None:
    _notice(
        kind="referral_new",
        recipient=Organisation.current().email,
        subject=_("Nieuwe aanmelding: %(reference)s") % {"reference": trajectory.reference},
        greeting=_("Dag collega,"),
        paragraphs=[_("Er is een nieuwe aanmelding binnengekomen. Ze staat bij de aanmeldingen.")],
        link_label=_("Naar de aanmeldingen"),
        link_url=settings.SITE_URL + reverse("trajectories:inbox"),
        related=trajectory,
    )


def send_referral_accepted(trajectory: Trajectory) -> None:
    _notice(
        kind="referral_accepted",
        recipient=trajectory.referrer_email,
        subject=_("Aanmelding aanvaard: %(reference)s") % {"reference": trajectory.reference},
        greeting=_hello(trajectory.referrer_name),
        paragraphs=[
            _(
                "We starten een Eigen Kracht-conferentie op. We zoeken nu een coördinator die "
                "past bij wat het gezin vraagt; je hoort van ons zodra die gevonden is."
            )
        ],
        link_label=_("Bekijk het traject"),
        link_url=trajectory_url(trajectory),
        related=trajectory,
    )


def send_referral_declined(trajectory: Trajectory, *, reason: str) -> None:
    _notice(
        kind="referral_declined",
        recipient=trajectory.referrer_email,
        subject=_("Over je aanmelding %(reference)s") % {"reference": trajectory.reference},
        greeting=_hello(trajectory.referrer_name),
        paragraphs=[
            _("We kunnen voor deze aanmelding geen Eigen Kracht-conferentie opstarten. De reden:"),
        ],
        quote=reason,
        related=trajectory,
    )


def send_information_request(trajectory: Trajectory, *, question: str) -> None:
    _notice(
        kind="referral_information_request",
        recipient=trajectory.referrer_email,
        subject=_("Vraag over je aanmelding %(reference)s") % {"reference": trajectory.reference},
        greeting=_hello(trajectory.referrer_name),
        paragraphs=[
            _(
                "Om over je aanmelding te beslissen, hebben we nog wat informatie nodig. "
                "Antwoord op deze mail of bel ons."
            )
        ],
        quote=question,
        related=trajectory,
    )


def send_coordinator_welcome(coordinator: Coordinator) -> None:
    _notice(
        kind="coordinator_welcome",
        recipient=coordinator.user.email,
        subject=_("Je account als EK-coördinator"),
        greeting=_hello(coordinator.user.get_short_name()),
        paragraphs=[
            _(
                "Je staat in onze pool van EK-coördinatoren. Kies een wachtwoord met de link "
                "hieronder (hij werkt één keer); daarna stel je een code op je telefoon in."
            )
        ],
        link_label=_("Kies je wachtwoord"),
        link_url=invitation_url(coordinator.user),
        related=coordinator,
        confidential=True,
    )


def send_coordinator_assigned(trajectory: Trajectory) -> None:
    coordinator = trajectory.coordinator
    _notice(
        kind="coordinator_assigned",
        recipient=coordinator.user.email,
        subject=_("Nieuw traject voor jou: %(reference)s") % {"reference": trajectory.reference},
        greeting=_hello(coordinator.user.get_short_name()),
        paragraphs=[
            _(
                "Je bent coördinator van traject %(reference)s. De gegevens van het gezin staan "
                "achter je login, niet in deze mail."
            )
            % {"reference": trajectory.reference}
        ],
        link_label=_("Open het traject"),
        link_url=trajectory_url(trajectory),
        related=trajectory,
    )


def send_plan_presented(trajectory: Trajectory) -> None:
    _notice(
        kind="plan_presented",
        recipient=trajectory.referrer_email,
        subject=_("Het plan van %(reference)s wacht op je akkoord")
        % {"reference": trajectory.reference},
        greeting=_hello(trajectory.referrer_name),
        paragraphs=[
            _(
                "Het gezin heeft zijn plan gemaakt. Bekijk of het veilig is en binnen de grenzen "
                "blijft: aanvaard het, of zeg wat er ontbreekt."
            )
        ],
        link_label=_("Bekijk het plan"),
        link_url=trajectory_url(trajectory),
        related=trajectory,
    )


def send_plan_decided(trajectory: Trajectory, *, accepted: bool) -> None:
    coordinator = trajectory.coordinator
    if coordinator is None:
        return
    if accepted:
        subject = _("Plan aanvaard: %(reference)s")
        paragraph = _("De aanmelder heeft het plan aanvaard. De opvolging kan beginnen.")
    else:
        subject = _("Plan aanvullen: %(reference)s")
        paragraph = _(
            "De aanmelder vraagt het plan aan te vullen. Wat er ontbreekt, staat bij het plan."
        )
    _notice(
        kind="plan_accepted" if accepted else "plan_changes_requested",
        recipient=coordinator.user.email,
        subject=subject % {"reference": trajectory.reference},
        greeting=_hello(coordinator.user.get_short_name()),
        paragraphs=[paragraph],
        link_label=_("Open het traject"),
        link_url=trajectory_url(trajectory),
        related=trajectory,
    )
