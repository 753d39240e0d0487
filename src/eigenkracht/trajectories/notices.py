"""Which privacy notice a trajectory's participant is told about, and its summary: the family
(the main people and their children) reads the families' notice; everyone else was named by the
family and reads the network's. Every invitation letter and every mail to a participant carries
the summary and the notice's full address."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from eigenkracht.pages.models import FAMILY_NOTICE_SLUG, NETWORK_NOTICE_SLUG
from eigenkracht.trajectories.models import Participant

FAMILY_ROLES = frozenset({Participant.Role.MAIN_PERSON, Participant.Role.CHILD})


@dataclass(frozen=True)
class PrivacyNotice:
    summary: str
    url: str

    @property
    def text(self) -> str:
        """The summary with the address, for a letter or a plain-text mail."""
        return _("%(summary)s Lees meer op %(url)s") % {"summary": self.summary, "url": self.url}


def privacy_notice_for(participant: Participant) -> PrivacyNotice:
    if participant.role in FAMILY_ROLES:
        slug = FAMILY_NOTICE_SLUG
        summary = _(
            "Voor de conferentie bewaren we gegevens over jullie gezin: namen, contactgegevens, "
            "de vraag, het netwerk en het plan. De coördinator en onze medewerkers die het "
            "traject opvolgen zien ze; wie jullie aanmeldde, ziet het plan. Na een vaste termijn "
            "maken we ze anoniem. Jullie kunnen ze altijd inkijken, laten verbeteren of jullie "
            "toestemming intrekken."
        )
    else:
        slug = NETWORK_NOTICE_SLUG
        summary = _(
            "Je naam en contactgegevens kregen we van het gezin, dat jou graag op de conferentie "
            "wil. We gebruiken ze alleen om je uit te nodigen en de conferentie te organiseren, "
            "en maken ze na een vaste termijn anoniem. Je kan ze altijd inkijken, laten "
            "verbeteren of wissen."
        )
    return PrivacyNotice(
        summary=summary, url=settings.SITE_URL + reverse("pages:page", kwargs={"slug": slug})
    )
