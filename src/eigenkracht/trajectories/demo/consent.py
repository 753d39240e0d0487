"""Demo data for the family's consent: the referrals already recorded theirs; here one family's
signed form comes in later, and another family withdraws its consent, which stops its
trajectory. Run after `demo_trajectories`; does nothing (and says so) the second time."""

from typing import TextIO

from eigenkracht.accounts.models import User
from eigenkracht.trajectories import services
from eigenkracht.trajectories.demo.cast import DEMO_REFERRER_EMAIL
from eigenkracht.trajectories.demo.clock import _clock, _day
from eigenkracht.trajectories.models import Consent, Trajectory

S = Trajectory.Status


def demo_consent(*, actor: User, stdout: TextIO) -> None:
    demo = Trajectory.objects.filter(referrer__email__iexact=DEMO_REFERRER_EMAIL)
    if demo.filter(consent_withdrawn_on__isnull=False).exists():
        stdout.write("Toestemming: de demo-intrekking bestaat al; niets veranderd.\n")
        return
    signed = demo.filter(status=S.PREPARATION).order_by("referred_at").first()
    withdrawn = demo.filter(status__in=[S.ASSIGNED, S.INTAKE]).order_by("referred_at").first()
    if signed is None or withdrawn is None:
        stdout.write("Toestemming: geen demotrajecten om te gebruiken; niets veranderd.\n")
        return
    signed_on, withdrawn_on = max(_day(12), signed.consent_on), max(_day(5), withdrawn.consent_on)
    with _clock(10):
        services.consent_add(
            trajectory=signed,
            given_on=signed_on,
            given_by_name=signed.main_people[0].name,
            given_by_relation=Consent.Relation.MAIN_PERSON,
            method=Trajectory.ConsentMethod.WRITTEN,
            scope=list(Consent.Scope.values),
            note="Ondertekend formulier, afgegeven bij het eerste huisbezoek.",
            actor=actor,
        )
    with _clock(4):
        services.consent_withdraw(
            trajectory=withdrawn,
            withdrawn_on=withdrawn_on,
            withdrawn_by=f"{withdrawn.main_people[0].name} (hoofdpersoon)",
            note="Belde het kantoor: het gezin wil het zelf oplossen, zonder conferentie.",
            actor=actor,
        )
    stdout.write(
        f"Toestemming: ondertekend formulier bij {signed.reference}, "
        f"ingetrokken bij {withdrawn.reference} (traject gestopt).\n"
    )
