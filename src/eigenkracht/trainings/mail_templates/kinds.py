"""Which mails the office can edit, and which placeholders each of them offers.

Plain data: the editor lists it next to the text, saving checks against it, rendering fills it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from eigenkracht.trainings.models import MailTemplate

Kind = MailTemplate.Kind
Language = MailTemplate.Language


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str
    # A block (a list, a table) stands alone on a line of its own; it cannot go in the subject.
    block: bool = False
    # An address: the only kind of placeholder that may be the target of a Markdown link.
    link: bool = False

    @property
    def token(self) -> str:
        return "{" + self.name + "}"


_ALL = [
    Placeholder("voornaam", _("Voornaam van de ontvanger")),
    Placeholder("familienaam", _("Familienaam van de ontvanger")),
    Placeholder("naam", _("Voornaam en familienaam van de ontvanger")),
    Placeholder("code", _("Code van de inschrijving, bijvoorbeeld EKAB12CD")),
    Placeholder("vorming", _("Titel van de vorming")),
    Placeholder("eerste_datum", _("Datum van de eerste sessie")),
    Placeholder("sessies", _("Alle sessies, één per regel, met datum en uren"), block=True),
    Placeholder("locatie", _("Naam en adres van de locatie")),
    Placeholder("deelnemers", _("De ingeschreven deelnemers, één per regel"), block=True),
    Placeholder("aantal_deelnemers", _("Aantal ingeschreven deelnemers")),
    Placeholder("inschrijving_link", _("Link naar de eigen pagina van de inschrijving"), link=True),
    Placeholder("te_betalen", _("Totaal te betalen bedrag")),
    Placeholder("betaald", _("Al ontvangen bedrag")),
    Placeholder("nog_te_betalen", _("Bedrag dat nog open staat")),
    Placeholder("mededeling", _("Gestructureerde mededeling, zoals +++123/4567/89002+++")),
    Placeholder("betalen_voor", _("Uiterste betaaldatum")),
    Placeholder("iban", _("Ons rekeningnummer (IBAN)")),
    Placeholder("bic", _("BIC van onze bank")),
    Placeholder("begunstigde", _("Naam van de begunstigde")),
    Placeholder(
        "betaalinstructies",
        _(
            "Kader met bedrag, rekeningnummer, BIC, begunstigde, mededeling en uiterste datum, "
            "met de QR-code om te betalen"
        ),
        block=True,
    ),
    Placeholder("qr_code", _("De QR-code om te betalen met een bankapp (enkel in de HTML-mail)")),
    Placeholder("aanbod_link", _("Link om de aangeboden plaats te aanvaarden"), link=True),
    Placeholder("aanbod_geldig_tot", _("Tot wanneer de plaats vastgehouden wordt")),
    Placeholder("reden", _("De reden die het kantoor bij het annuleren opgaf (kan leeg zijn)")),
    Placeholder("organisatie", _("Naam van onze organisatie")),
    Placeholder("organisatie_email", _("E-mailadres van onze organisatie")),
]
PLACEHOLDERS = {p.name: p for p in _ALL}

_PERSON = ("voornaam", "familienaam", "naam")
_REGISTRATION = (
    *_PERSON,
    "code",
    "vorming",
    "eerste_datum",
    "sessies",
    "locatie",
    "deelnemers",
    "aantal_deelnemers",
    "inschrijving_link",
)
_AMOUNTS = ("te_betalen", "betaald", "nog_te_betalen", "mededeling", "betalen_voor")
_PAYING = ("iban", "bic", "begunstigde", "betaalinstructies", "qr_code")
_ORGANISATION = ("organisatie", "organisatie_email")


@dataclass(frozen=True)
class MailKind:
    kind: str
    placeholders: tuple[str, ...]
    # Each group: the text must hold at least one of these (a payment mail without the
    # structured communication, an offer without its link, would be useless).
    required: tuple[tuple[str, ...], ...] = ()
    # The mail goes with the EPC QR image (shown where {betaalinstructies} or {qr_code} stands).
    with_qr: bool = False

    @property
    def label(self) -> str:
        return Kind(self.kind).label

    @property
    def placeholder_list(self) -> list[Placeholder]:
        return [PLACEHOLDERS[name] for name in self.placeholders]


_PAYMENT_REQUIRED = (("betaalinstructies", "mededeling"),)

MAIL_KINDS: dict[str, MailKind] = {
    mail.kind: mail
    for mail in (
        MailKind(
            Kind.RECEIVED,
            (*_REGISTRATION, *_AMOUNTS, *_PAYING, *_ORGANISATION),
            _PAYMENT_REQUIRED,
            with_qr=True,
        ),
        MailKind(Kind.WAITING, (*_REGISTRATION, *_ORGANISATION)),
        MailKind(
            Kind.PARTIALLY_PAID,
            (*_REGISTRATION, *_AMOUNTS, *_PAYING, *_ORGANISATION),
            _PAYMENT_REQUIRED,
            with_qr=True,
        ),
        MailKind(
            Kind.REMINDER,
            (*_REGISTRATION, *_AMOUNTS, *_PAYING, *_ORGANISATION),
            _PAYMENT_REQUIRED,
            with_qr=True,
        ),
        MailKind(Kind.EXPIRED, (*_REGISTRATION, *_AMOUNTS, *_ORGANISATION)),
        MailKind(Kind.CONFIRMED, (*_REGISTRATION, "te_betalen", "betaald", *_ORGANISATION)),
        MailKind(
            Kind.OFFER,
            (*_REGISTRATION, "aanbod_link", "aanbod_geldig_tot", *_ORGANISATION),
            (("aanbod_link",),),
        ),
        MailKind(Kind.OFFER_LAPSED, (*_REGISTRATION, *_ORGANISATION)),
        MailKind(Kind.LINK, (*_REGISTRATION, *_ORGANISATION), (("inschrijving_link",),)),
        MailKind(Kind.NOT_MADE, (*_PERSON, "vorming", "sessies", "locatie", *_ORGANISATION)),
        MailKind(Kind.CANCELLED, (*_REGISTRATION, "betaald", *_ORGANISATION)),
        MailKind(Kind.TRAINING_CANCELLED, (*_REGISTRATION, "betaald", "reden", *_ORGANISATION)),
        MailKind(
            Kind.CERTIFICATE,
            (*_PERSON, "vorming", "eerste_datum", "sessies", "locatie", *_ORGANISATION),
        ),
    )
}


def mail_language(code: str) -> str:
    """A registration's language ("nl-be", "fr-be", "en", ...) as nl, fr or en; Dutch otherwise."""
    prefix = (code or "").lower().split("-")[0]
    return prefix if prefix in Language.values else Language.NL


DJANGO_LANGUAGE = {Language.NL: "nl-be", Language.FR: "fr-be", Language.EN: "en"}
