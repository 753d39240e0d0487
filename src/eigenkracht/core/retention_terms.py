"""The categories of personal data the organisation keeps, each with its purpose, legal basis,
recipients and retention term. One description serves the public privacy page, the notices to
families and their network, the processing register (GDPR article 30) and the manager's settings,
so that none of them can promise what another does not do."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from eigenkracht.core.models import RetentionTerms


@dataclass(frozen=True)
class Category:
    code: str
    label: Promise
    data: Promise
    subjects: Promise
    purpose: Promise
    legal_basis: Promise
    recipients: Promise
    # Why the default term is what it is; shown next to the setting.
    reason: Promise
    # What happens when the term has passed.
    afterwards: Promise


CATEGORIES: tuple[Category, ...] = (
    Category(
        code="registrations",
        label=_("Inschrijvingen voor vormingen"),
        data=_(
            "naam, e-mailadres, telefoon, organisatie en functie, opmerkingen, antwoorden op de "
            "vragen van de vorming, aanwezigheid, attesten; de evaluaties van de vorming, zonder "
            "naam"
        ),
        subjects=_("wie zich inschrijft en de collega's die mee ingeschreven worden"),
        purpose=_("de inschrijving verwerken, deelnemers informeren, attesten uitreiken"),
        legal_basis=_("uitvoering van de overeenkomst (de inschrijving)"),
        recipients=_("de medewerkers die de vormingen organiseren en de lesgever van de vorming"),
        reason=_(
            "Twee jaar laat toe om vragen over een deelname of een attest nog te beantwoorden."
        ),
        afterwards=_(
            "Namen, contactgegevens, opmerkingen en antwoorden (ook de open antwoorden van de "
            "evaluaties) worden anoniem gemaakt of gewist; de aantallen en scores voor de "
            "statistieken blijven."
        ),
    ),
    Category(
        code="accounting",
        label=_("Betalingen, facturen en rekeninguittreksels"),
        data=_(
            "bedrag, datum, gestructureerde mededeling, naam en rekeningnummer van wie betaalde "
            "of wie we terugbetaalden, facturen aan werkgevers, de onkostenvergoedingen van "
            "vrijwilligers met hun bewijsstukken en de nominatieve lijst"
        ),
        subjects=_(
            "wie betaalt, wie een terugbetaling krijgt, werkgevers die een factuur krijgen, "
            "vrijwilligers die een vergoeding krijgen"
        ),
        purpose=_("betalingen herkennen, terugbetalen, factureren, de boekhouding"),
        legal_basis=_("wettelijke verplichting (boekhoudwetgeving)"),
        recipients=_("de medewerkers van het secretariaat, de boekhouder, de bank"),
        reason=_(
            "De boekhoudwetgeving vraagt zeven jaar na het boekjaar; korter kan niet. Intussen "
            "houden we niet meer persoonsgegevens bij dan de boekhouding nodig heeft."
        ),
        afterwards=_(
            "Namen, rekeningnummers en mededelingen worden gewist; bedragen en datums blijven."
        ),
    ),
    Category(
        code="trajectories",
        label=_("EK-trajecten"),
        data=_(
            "de aanmelding met de vraag en de zorgen, de deelnemers en hun contactgegevens, het "
            "netwerk, de conferentie, het plan, de opvolging en de notities; de evaluaties van de "
            "deelnemers, zonder naam"
        ),
        subjects=_(
            "het gezin, de mensen uit hun netwerk, de aanmelder en de betrokken hulpverleners"
        ),
        purpose=_("een Eigen Kracht-conferentie voorbereiden, houden en opvolgen"),
        legal_basis=_(
            "toestemming van het gezin; voor gegevens over gezondheid, jeugdhulp of justitie "
            "hun uitdrukkelijke toestemming"
        ),
        recipients=_(
            "de coördinator van het traject en de medewerkers die de trajecten opvolgen; de "
            "aanmelder ziet het plan, met wie elke afspraak opneemt"
        ),
        reason=_(
            "Een gezin of hulpverlener komt soms jaren later terug met een vraag over het plan; "
            "langer bewaren dan nodig doen we niet."
        ),
        afterwards=_(
            "Namen, contactgegevens, vrije teksten en de namen in het netwerk worden anoniem "
            "gemaakt; de cijfers voor wie ons subsidieert blijven."
        ),
    ),
    Category(
        code="referrals",
        label=_("Aanmeldingen die niet doorgingen of waarvan de toestemming ingetrokken werd"),
        data=_("de aanmelding met de vraag en de zorgen, de namen en contactgegevens"),
        subjects=_("het gezin en de aanmelder"),
        purpose=_("de aanmelding beoordelen en antwoorden"),
        legal_basis=_("toestemming van het gezin"),
        recipients=_("de medewerkers die de aanmeldingen beoordelen"),
        reason=_(
            "Kort: er kwam geen traject, of het gezin wil het niet meer. Zes maanden laat toe om "
            "een vraag over de beslissing te beantwoorden."
        ),
        afterwards=_("Alles wat de personen aanwijst wordt anoniem gemaakt."),
    ),
    Category(
        code="applications",
        label=_("Kandidaturen als EK-coördinator die niet doorgingen"),
        data=_("naam, contactgegevens, regio, beschikbaarheid, motivatie, de stappen en notities"),
        subjects=_("wie zich kandidaat stelt als vrijwillige coördinator"),
        purpose=_("de kandidatuur opvolgen: intake, opleiding, samenwerking"),
        legal_basis=_("toestemming van de kandidaat"),
        recipients=_("de medewerkers die de coördinatoren begeleiden"),
        reason=_(
            "Een jaar laat toe om iemand die stopte opnieuw te contacteren als die dat wil; wie "
            "coördinator wordt, valt onder de accounts."
        ),
        afterwards=_("Naam, contactgegevens, motivatie en notities worden anoniem gemaakt."),
    ),
    Category(
        code="outbox",
        label=_("Verstuurde e-mails"),
        data=_("de e-mails die het systeem verstuurde, met de ontvanger en de inhoud"),
        subjects=_("iedereen die een e-mail van ons kreeg"),
        purpose=_("kunnen nagaan of iemand een e-mail kreeg, en ze opnieuw sturen"),
        legal_basis=_("gerechtvaardigd belang (aantonen wat we lieten weten)"),
        recipients=_("de medewerkers van het secretariaat"),
        reason=_("Na een jaar vraagt niemand nog of een e-mail aankwam."),
        afterwards=_("De e-mails worden gewist."),
    ),
    Category(
        code="audit",
        label=_("Auditlog"),
        data=_(
            "wie wat deed en wanneer, met de nummers van wat bekeken of gewijzigd werd; "
            "geen namen of vrije teksten van de betrokkenen"
        ),
        subjects=_("medewerkers, coördinatoren en wie een dossier betreft"),
        purpose=_("aantonen wie een gevoelig dossier inkeek of wijzigde"),
        legal_basis=_("wettelijke verplichting (beveiliging van de verwerking, AVG artikel 32)"),
        recipients=_("de beheerders"),
        reason=_("Vijf jaar laat toe om een klacht over de inzage in een dossier te onderzoeken."),
        afterwards=_("De regels worden gewist."),
    ),
    Category(
        code="requests",
        label=_("Privacyverzoeken"),
        data=_(
            "wie het verzoek deed en over wie, wat gevraagd werd, de termijn en het antwoord; "
            "na een verzoek om te wissen niet meer de naam of het adres van de persoon"
        ),
        subjects=_("wie een verzoek doet en over wie het gaat"),
        purpose=_(
            "het verzoek binnen de wettelijke termijn beantwoorden en aantonen dat we dat deden"
        ),
        legal_basis=_("wettelijke verplichting (AVG artikelen 5 en 12)"),
        recipients=_("de medewerkers van het secretariaat en de beheerders"),
        reason=_("Vijf jaar laat toe om een klacht over het antwoord te onderzoeken."),
        afterwards=_("Het verzoek wordt gewist."),
    ),
    Category(
        code="accounts",
        label=_("Accounts van medewerkers, coördinatoren, lesgevers en aanmelders"),
        data=_("naam, e-mailadres, rol, de tweede factor, wanneer iemand inlogde"),
        subjects=_("wie met het platform werkt"),
        purpose=_("inloggen, en alleen laten zien wat iemands rol nodig heeft"),
        legal_basis=_("uitvoering van de overeenkomst of de samenwerking"),
        recipients=_("de beheerders"),
        reason=_("Een account is nodig zolang iemand met het platform werkt."),
        afterwards=_(
            "Een beheerder sluit het account af; een aanmelder die om wissen vraagt, wordt anoniem."
        ),
    ),
    Category(
        code="login_logs",
        label=_("Het logboek van het inloggen"),
        data=_(
            "het e-mailadres, het IP-adres, de browser en het tijdstip van elke aanmelding en van "
            "elke mislukte poging"
        ),
        subjects=_("wie inlogt of probeert in te loggen"),
        purpose=_("inbraakpogingen zien en een account na te veel mislukte pogingen blokkeren"),
        legal_basis=_("gerechtvaardigd belang (de beveiliging van de gegevens)"),
        recipients=_("de beheerders"),
        reason=_("Drie maanden laat toe een inbraakpoging te onderzoeken."),
        afterwards=_("De regels worden gewist."),
    ),
)

CATEGORY_BY_CODE = {category.code: category for category in CATEGORIES}


# Each category's term: the settings field holding its number, and the sentence around it
# (ngettext_lazy picks singular or plural from "n").
TERM_SENTENCES: dict[str, tuple[str, Promise]] = {
    "registrations": (
        "registrations_years",
        ngettext_lazy(
            "tot %(n)d jaar na de laatste sessie van de vorming",
            "tot %(n)d jaar na de laatste sessie van de vorming",
            "n",
        ),
    ),
    "accounting": (
        "accounting_years",
        ngettext_lazy(
            "%(n)d jaar na het einde van het boekjaar",
            "%(n)d jaar na het einde van het boekjaar",
            "n",
        ),
    ),
    "trajectories": (
        "trajectories_years",
        ngettext_lazy(
            "tot %(n)d jaar na de afsluiting van het traject",
            "tot %(n)d jaar na de afsluiting van het traject",
            "n",
        ),
    ),
    "referrals": (
        "referrals_months",
        ngettext_lazy(
            "%(n)d maand na de beslissing of na het intrekken van de toestemming",
            "%(n)d maanden na de beslissing of na het intrekken van de toestemming",
            "n",
        ),
    ),
    "applications": (
        "applications_months",
        ngettext_lazy(
            "%(n)d maand nadat de kandidatuur stopte",
            "%(n)d maanden nadat de kandidatuur stopte",
            "n",
        ),
    ),
    "outbox": (
        "outbox_months",
        ngettext_lazy("%(n)d maand na het versturen", "%(n)d maanden na het versturen", "n"),
    ),
    "audit": ("audit_years", ngettext_lazy("%(n)d jaar", "%(n)d jaar", "n")),
    "requests": (
        "requests_years",
        ngettext_lazy("%(n)d jaar na het antwoord", "%(n)d jaar na het antwoord", "n"),
    ),
}


def term_sentence(code: str, terms: RetentionTerms) -> str:
    """The retention term of one category in plain Dutch, from the settings."""
    if code == "accounts":
        return str(_("zolang iemand met het platform werkt"))
    if code == "login_logs":  # a setting of the deployment (LOGIN_LOG_DAYS), not the manager's
        return str(_("%(n)d dagen") % {"n": settings.LOGIN_LOG_DAYS})
    if code not in TERM_SENTENCES:
        raise ValueError(f"Unknown retention category {code!r}")
    field, sentence = TERM_SENTENCES[code]
    text = sentence % {"n": getattr(terms, field)}
    if code == "trajectories":
        text += str(
            ngettext_lazy(
                " (een traject dat nooit afgesloten werd: tot %(n)d jaar nadat er voor het laatst "
                "iemand aan werkte)",
                " (een traject dat nooit afgesloten werd: tot %(n)d jaar nadat er voor het laatst "
                "iemand aan werkte)",
                "n",
            )
            % {"n": terms.trajectories_years}
        )
    if code == "trajectories" and terms.trajectories_minor_age:
        text += str(
            _(", of langer: tot de jongste minderjarige in het traject %(age)d jaar wordt")
        ) % {"age": terms.trajectories_minor_age}
    return text


def retention_rows(
    terms: RetentionTerms | None = None, *, codes: tuple[str, ...] | None = None
) -> list[dict[str, object]]:
    """Every category (or those of `codes`) with its term as a sentence, for pages and the
    register."""
    terms = terms or RetentionTerms.current()
    return [
        {"category": category, "term": term_sentence(category.code, terms)}
        for category in CATEGORIES
        if codes is None or category.code in codes
    ]
