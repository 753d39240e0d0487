"""The trajectory's mails. They say what happened and link to the site; the family's details stay
behind the login (mail is not a safe place for them)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from eigenkracht.accounts.invitations import invitation_url
from eigenkracht.core.models import Organisation
from eigenkracht.core.outbox import outbox_queue
from eigenkracht.trajectories.models import Conference, Coordinator, Participant, Trajectory
from eigenkracht.trajectories.notices import PrivacyNotice, privacy_notice_for


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
    privacy: PrivacyNotice | None = None,
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
            "privacy_summary": privacy.summary if privacy else "",
            "privacy_url": privacy.url if privacy else "",
        },
        related=related,
        confidential=confidential,
    )


def _hello(name: str) -> str:
    return _("Dag %(name)s,") % {"name": name}


def _follow_link(trajectory: Trajectory) -> tuple[str, str, bool]:
    """Label, address and confidentiality of the link a referrer follows: the trajectory's page,
    or (before they chose a password) a one-time link to choose one, which staff must not see."""
    if trajectory.referrer is not None and not trajectory.referrer.has_usable_password():
        return _("Kies je wachtwoord en lees verder"), invitation_url(trajectory.referrer), True
    return _("Bekijk de aanmelding"), trajectory_url(trajectory), False


def send_referral_received(trajectory: Trajectory) -> None:
    paragraphs = [
        _(
            "Bedankt voor je aanmelding. Ze heeft referentie %(reference)s. We bekijken ze zo snel "
            "mogelijk en laten je weten of we een Eigen Kracht-conferentie kunnen opstarten."
        )
        % {"reference": trajectory.reference},
    ]
    link_label, link_url, confidential = _follow_link(trajectory)
    if trajectory.referrer is None:
        paragraphs.append(
            _(
                "We houden je per mail op de hoogte; met dit adres kan je de aanmelding niet "
                "online volgen."
            )
        )
        link_label = link_url = ""
    elif confidential:
        paragraphs.append(
            _(
                "Je kan de aanmelding online volgen. Kies daarvoor eerst een wachtwoord met de "
                "link hieronder; hij werkt één keer. Daarna stel je een tweede stap in voor het "
                "inloggen (een code op je telefoon), omdat het om gevoelige gegevens gaat."
            )
        )
    else:
        paragraphs.append(
            _("Je volgt de aanmelding op met je gewone login, onder “Mijn trajecten”.")
        )
    paragraphs.append(
        _(
            "Heb jij niemand aangemeld? Laat het ons dan weten door op deze mail te antwoorden; "
            "dan verwijderen we de aanmelding."
        )
    )
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
    _news_for_referrer(
        trajectory,
        kind="referral_accepted",
        subject=_("Aanmelding aanvaard: %(reference)s"),
        paragraph=_(
            "We starten een Eigen Kracht-conferentie op. We zoeken nu een coördinator die past "
            "bij wat het gezin vraagt; je hoort van ons zodra die gevonden is."
        ),
    )


def _news_for_referrer(
    trajectory: Trajectory, *, kind: str, subject: str, paragraph: str, behind_login: str = ""
) -> None:
    """A mail that something happened; what it is about stays behind the login (mail is not
    the place for details about the family, not even the office's own words about them).
    `behind_login` points to the page, for a referrer who can log in; one who cannot is asked
    to contact us instead."""
    link_label, link_url, confidential = _follow_link(trajectory)
    paragraphs = [paragraph]
    if trajectory.referrer is None:
        paragraphs.append(_("Neem contact met ons op; we vertellen het je graag."))
        link_label = link_url = ""
    elif behind_login:
        paragraphs.append(behind_login)
    _notice(
        kind=kind,
        recipient=trajectory.referrer_email,
        subject=subject % {"reference": trajectory.reference},
        greeting=_hello(trajectory.referrer_name),
        paragraphs=paragraphs,
        link_label=link_label,
        link_url=link_url,
        related=trajectory,
        confidential=confidential,
    )


def send_referral_declined(trajectory: Trajectory) -> None:
    _news_for_referrer(
        trajectory,
        kind="referral_declined",
        subject=_("Over je aanmelding %(reference)s"),
        paragraph=_(
            "We hebben je aanmelding bekeken en kunnen er geen Eigen Kracht-conferentie voor "
            "opstarten."
        ),
        behind_login=_("Waarom, lees je bij de aanmelding."),
    )


def send_information_request(trajectory: Trajectory) -> None:
    _news_for_referrer(
        trajectory,
        kind="referral_information_request",
        subject=_("Vraag over je aanmelding %(reference)s"),
        paragraph=_("Om over je aanmelding te beslissen, hebben we nog wat informatie nodig."),
        behind_login=_("Onze vraag staat bij de aanmelding. Antwoord op deze mail of bel ons."),
    )


def send_trajectory_ended(trajectory: Trajectory, *, stopped: bool) -> None:
    """The referrer set the limits the plan had to keep: they hear that the work ended."""
    if stopped:
        subject = _("Het traject %(reference)s is gestopt")
        paragraph = _("Het traject rond de Eigen Kracht-conferentie is gestopt.")
    else:
        subject = _("Het traject %(reference)s is afgesloten")
        paragraph = _("Het traject rond de Eigen Kracht-conferentie is afgesloten.")
    _news_for_referrer(
        trajectory,
        kind="trajectory_stopped" if stopped else "trajectory_closed",
        subject=subject,
        paragraph=paragraph,
        behind_login=_("Heb je er vragen over, neem dan contact met ons op."),
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


def send_coordinator_found(trajectory: Trajectory) -> None:
    """The referrer was told, when the referral was accepted, that they hear from us once a
    coordinator is found."""
    _news_for_referrer(
        trajectory,
        kind="referral_coordinator_found",
        subject=_("Er is een coördinator voor %(reference)s"),
        paragraph=_(
            "We vonden een coördinator voor de Eigen Kracht-conferentie. Die bereidt ze nu samen "
            "met het gezin voor."
        ),
    )


def send_coordinator_unassigned(trajectory: Trajectory, coordinator: Coordinator) -> None:
    """A coordinator another one replaced: the trajectory leaves their list, so they hear why,
    and that the days they worked on it can still be declared."""
    _notice(
        kind="coordinator_unassigned",
        recipient=coordinator.user.email,
        subject=_("Traject %(reference)s gaat naar een andere coördinator")
        % {"reference": trajectory.reference},
        greeting=_hello(coordinator.user.get_short_name()),
        paragraphs=[
            _(
                "Traject %(reference)s gaat vanaf vandaag verder met een andere coördinator; het "
                "staat niet meer bij je trajecten. De dagen dat je eraan werkte, kan je nog "
                "aangeven bij je onkosten."
            )
            % {"reference": trajectory.reference}
        ],
        link_label=_("Naar je onkosten"),
        link_url=settings.SITE_URL + reverse("allowances:home"),
        related=trajectory,
    )


def send_plan_presented(trajectory: Trajectory) -> None:
    _news_for_referrer(
        trajectory,
        kind="plan_presented",
        subject=_("Het plan van %(reference)s wacht op je akkoord"),
        paragraph=_(
            "Het gezin heeft zijn plan gemaakt. Bekijk of het veilig is en binnen de grenzen "
            "blijft: aanvaard het, of zeg wat er ontbreekt."
        ),
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


def send_conference_invitation(
    conference: Conference, participant: Participant, *, day: str, hour: str
) -> None:
    """The invitation to a participant who has an e-mail address: when and where, whom to call,
    and (as in every mail to a participant) the privacy notice meant for them. Who the
    conference is for and what it is about stay out of the mail."""
    coordinator = conference.trajectory.coordinator
    organisation = Organisation.current()
    contact = (
        _(
            "Heb je een vraag, of kun je niet komen? Neem contact op met %(name)s, de "
            "coördinator%(phone)s."
        )
        % {
            "name": coordinator.user.get_full_name(),
            "phone": f", {coordinator.phone}" if coordinator.phone else "",
        }
        if coordinator
        else _("Heb je een vraag, of kun je niet komen? Bel ons op %(phone)s.")
        % {"phone": organisation.phone}
    )
    follow_up = conference.kind == Conference.Kind.FOLLOW_UP
    _notice(
        kind="conference_invitation",
        recipient=participant.email,
        subject=(
            _("Uitnodiging voor de vervolgconferentie op %(day)s")
            if follow_up
            else _("Uitnodiging voor de Eigen Kracht-conferentie op %(day)s")
        )
        % {"day": day},
        greeting=_hello(participant.name),
        paragraphs=[
            (
                _("Graag nodigen we je uit op de vervolgconferentie.")
                if follow_up
                else _(
                    "Graag nodigen we je uit op de Eigen Kracht-conferentie waarvoor het gezin "
                    "jou gevraagd heeft. Jouw aanwezigheid is belangrijk."
                )
            ),
            _("Wanneer: %(day)s om %(hour)s.") % {"day": day, "hour": hour},
            _("Waar: %(place)s, %(address)s.")
            % {"place": conference.place, "address": conference.address},
            contact,
        ],
        related=participant,
        privacy=privacy_notice_for(participant),
    )
