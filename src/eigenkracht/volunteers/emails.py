"""The volunteers' mails. Like the trajectory's mails they name a trajectory by its reference
only: the family's details stay behind the login."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from eigenkracht.core.models import Organisation
from eigenkracht.core.outbox import outbox_queue
from eigenkracht.trajectories.models import Coordinator, Trajectory
from eigenkracht.volunteers.models import Application, Volunteer


def _notice(
    *,
    kind: str,
    recipient: str,
    subject: str,
    greeting: str,
    paragraphs: list[str],
    link_label: str = "",
    link_url: str = "",
    related: object = None,
) -> None:
    outbox_queue(
        kind=kind,
        recipient=recipient,
        template="trajectories/emails/notice",
        context={
            "subject": subject,
            "greeting": greeting,
            "paragraphs": paragraphs,
            "quote": "",
            "link_label": link_label,
            "link_url": link_url,
            "privacy_summary": "",
            "privacy_url": "",
        },
        related=related,
    )


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def send_application_received(application: Application) -> None:
    _notice(
        kind="volunteer_application_received",
        recipient=application.email,
        subject=_("Je kandidatuur als EK-coördinator"),
        greeting=_("Dag %(name)s,") % {"name": application.name},
        paragraphs=[
            _(
                "Bedankt voor je kandidatuur als EK-coördinator. We nemen binnenkort contact met "
                "je op voor een kennismakingsgesprek."
            ),
            _(
                "We bewaren je gegevens alleen om je kandidatuur te behandelen. Wil je dat we ze "
                "wissen, antwoord dan op deze mail."
            ),
        ],
        related=application,
    )


def send_application_to_office(application: Application) -> None:
    _notice(
        kind="volunteer_application_new",
        recipient=Organisation.current().email,
        subject=_("Nieuwe kandidaat-coördinator"),
        greeting=_("Dag collega,"),
        paragraphs=[_("Iemand stelde zich kandidaat als EK-coördinator.")],
        link_label=_("Naar de kandidaten"),
        link_url=settings.SITE_URL + reverse("volunteers:application", args=[application.pk]),
        related=application,
    )


def send_record_expiring(volunteer: Volunteer, *, valid_until: dt.date) -> None:
    coordinator = volunteer.coordinator
    _notice(
        kind="volunteer_record_expiring",
        recipient=Organisation.current().email,
        subject=_("Uittreksel strafregister vervalt: %(name)s") % {"name": coordinator},
        greeting=_("Dag collega,"),
        paragraphs=[
            _(
                "Het uittreksel uit het strafregister (model 2) van %(name)s is geldig tot "
                "%(date)s. Vraag een nieuw uittreksel; daarna kan %(name)s geen nieuw traject "
                "meer krijgen tot het nagekeken is."
            )
            % {"name": coordinator, "date": _date(valid_until)}
        ],
        link_label=_("Naar de plichten van de coördinator"),
        link_url=settings.SITE_URL + reverse("volunteers:duties", args=[coordinator.pk]),
        related=volunteer,
    )


def send_follow_up_due(
    coordinator: Coordinator, trajectory: Trajectory, day: dt.date, *, today: dt.date
) -> None:
    # Mostly the day before; on the day itself when a run was missed.
    when = (
        _("Vandaag opvolging: %(reference)s")
        if day <= today
        else _("Morgen opvolging: %(reference)s")
    )
    _notice(
        kind="volunteer_follow_up_due",
        recipient=coordinator.user.email,
        subject=when % {"reference": trajectory.reference},
        greeting=_("Dag %(name)s,") % {"name": coordinator.user.get_short_name()},
        paragraphs=[
            _("De opvolging van traject %(reference)s staat gepland op %(date)s.")
            % {"reference": trajectory.reference, "date": _date(day)}
        ],
        link_label=_("Naar het traject"),
        link_url=settings.SITE_URL + reverse("trajectories:detail", args=[trajectory.pk]),
        related=trajectory,
    )


def send_time_norm_near(
    coordinator: Coordinator, trajectory: Trajectory, deadline: dt.date
) -> None:
    _notice(
        kind="volunteer_time_norm_near",
        recipient=coordinator.user.email,
        subject=_("Tijdsnorm bijna voorbij: %(reference)s") % {"reference": trajectory.reference},
        greeting=_("Dag %(name)s,") % {"name": coordinator.user.get_short_name()},
        paragraphs=[
            _(
                "De conferentie van traject %(reference)s moet volgens de tijdsnorm gehouden "
                "zijn op %(date)s. Lukt dat niet, laat het dan weten aan het secretariaat."
            )
            % {"reference": trajectory.reference, "date": _date(deadline)}
        ],
        link_label=_("Naar het traject"),
        link_url=settings.SITE_URL + reverse("trajectories:detail", args=[trajectory.pk]),
        related=trajectory,
    )
