"""Why a transfer was booked or sent to review, as a code with plain parameters, and its words.

Every reason of reconciliation is stored as `reason_code` plus `reason_params` (JSON: amounts in
cents, registration codes, names as written, dates as ISO strings) and worded only when shown, so
that a French or English catalogue needs no data migration. This module holds every sentence: the
matcher's, the review queue's ("Manueel gekoppeld door ...") and the flags'.

The sentences are Dutch message ids marked with `gettext_noop` for makemessages; `render` takes
the gettext to word them with. The matcher's own `Decision.reason` passes none: the Dutch source.
payments/reasons.py passes Django's. No Django here: the matcher stays pure.

Parameters a sentence reads (`_values` turns them into words):

- ``amount``, ``open``: cents; ``rest`` (open - amount) and ``surplus`` (amount - open) follow.
- ``registration``: ``{"code", "name"}`` plus ``"city"`` and, when known, ``"date"`` (the first
  session) where the place helps tell registrations apart; ``registrations``, ``named``,
  ``inactive`` and ``waiting`` are lists of those, ``codes`` a list of registration codes.
- ``via``: the rule that identified the registration (``ogm``, ``ogm_in_text``, ``code``).
- ``state``: ``cancelled`` or ``expired``; ``money``: how the amount relates to what is open.
- ``evidence``: ``[kind, value]`` pairs, e.g. ``["name", "Marie Claes"]``, ``["city", "Gent"]``.
- ``blocked``: why a name alone may not book this transfer (a code of `BLOCKERS`), with its own
  parameters (``ogm``, ``written``, ``word``) beside it.
- ``ogm``: 12 digits, shown as +++010/8068/17183+++ (other digits as they are).
- ``written``, ``word``, ``name``, ``currency``, ``user``, ``count``: shown as they are.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eigenkracht.banking.money import euro
from eigenkracht.banking.ogm import ogm_display

Gettext = Callable[[str], str]
Params = dict[str, Any]


def gettext_noop(message: str) -> str:
    """Marks a message for makemessages; translated when rendered."""
    return message


def _dutch(message: str) -> str:
    return message


# Compact JSON, non-ASCII letters as they are: the text the import writes to the database.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class Reason:
    """A code and its parameters, the parameters kept as the JSON text the import writes: an
    import holds one per transfer, and the dicts of a reason cost three times its text."""

    __slots__ = ("code", "encoded")

    def __init__(self, code: str, params: Params) -> None:
        self.code = code
        self.encoded = _encode(params) if params else "{}"

    @property
    def params(self) -> Params:
        """The parameters as JSON reads them back (lists where they were tuples): a new dict
        on every read."""
        return json.loads(self.encoded)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reason):
            return NotImplemented
        return self.code == other.code and self.params == other.params

    __hash__ = None  # type: ignore[assignment]  # unhashable, as with a dict of parameters

    def __repr__(self) -> str:
        return f"Reason(code={self.code!r}, params={self.params!r})"


# Reason codes and their sentences -----------------------------------------------------------

REASONS: dict[str, str] = {
    # No registration to look for.
    "outgoing": gettext_noop(
        "Uitgaande betaling: die wordt bewaard maar niet aan een inschrijving gekoppeld."
    ),
    "no_amount": gettext_noop("Verrichting zonder bedrag: niets te koppelen."),
    "foreign_currency": gettext_noop(
        "Betaling in %(currency)s in plaats van euro: kijk ze manueel na."
    ),
    # One registration identified by its structured communication or code.
    "identified": gettext_noop("Herkend aan %(how)s."),
    "identified_inactive": gettext_noop(
        "Betaling van %(amount)s via %(how)s voor inschrijving %(registration)s, die %(state)s"
        " is: heractiveer ze als er nog plaatsen vrij zijn, anders betaal het bedrag terug."
    ),
    "identified_waiting": gettext_noop(
        "Betaling van %(amount)s via %(how)s voor inschrijving %(registration)s, die op de"
        " wachtlijst staat en nog niet moest betalen: geef een plaats of betaal terug."
    ),
    "identified_paid_twice": gettext_noop(
        "Inschrijving %(registration)s (via %(how)s) was al volledig betaald: deze tweede"
        " betaling van %(amount)s is dubbel en moet terugbetaald worden."
    ),
    "identified_paid": gettext_noop(
        "Inschrijving %(registration)s herkend aan %(how)s; het openstaande bedrag van"
        " %(amount)s is volledig betaald."
    ),
    "identified_partial": gettext_noop(
        "Inschrijving %(registration)s herkend aan %(how)s, maar er is %(amount)s betaald van de"
        " %(open)s die open stond: nog %(rest)s te betalen."
    ),
    "identified_overpaid": gettext_noop(
        "Inschrijving %(registration)s herkend aan %(how)s, maar er is %(amount)s betaald voor"
        " %(open)s open: %(surplus)s terug te betalen."
    ),
    # Several registrations identified in one transfer.
    "identified_many_inactive": gettext_noop(
        "Betaling via %(how)s voor %(count)s inschrijvingen (%(codes)s), waarvan %(inactive)s"
        " geannuleerd of vervallen: heractiveer die als er nog plaatsen vrij zijn, anders verdeel"
        " en betaal terug."
    ),
    "identified_many_waiting": gettext_noop(
        "Betaling via %(how)s voor %(count)s inschrijvingen (%(codes)s), waarvan %(waiting)s nog"
        " op de wachtlijst: verdeel het bedrag manueel."
    ),
    "identified_many_paid": gettext_noop(
        "%(count)s inschrijvingen herkend aan %(how)s en samen precies betaald met %(amount)s:"
        " %(registrations)s."
    ),
    "identified_many_mismatch": gettext_noop(
        "%(count)s inschrijvingen (%(codes)s) herkend aan %(how)s, maar %(amount)s past niet bij"
        " de %(open)s die samen open staat: verdeel het bedrag manueel."
    ),
    # Names.
    "name_paid_exactly": gettext_noop(
        "Herkend aan %(evidence)s: inschrijving %(registration)s; het bedrag van %(amount)s is"
        " precies wat open stond."
    ),
    "group_paid_exactly": gettext_noop(
        "Groepsbetaling: %(count)s inschrijvingen herkend aan de namen, samen precies %(amount)s"
        " open: %(registrations)s."
    ),
    "ambiguous_name": gettext_noop(
        "De naam %(name)s past bij meer dan één inschrijving: %(registrations)s; plaats of datum"
        " in de mededeling onderscheiden ze niet duidelijk, kies de juiste."
    ),
    "name_partly_recognised": gettext_noop(
        "De betaling lijkt voor %(registration)s, maar de naam is maar gedeeltelijk herkend"
        " (tikfouten, enkel een initiaal of een andere plaats in de mededeling): kijk het na."
    ),
    "no_name": gettext_noop("Geen naam herkend."),
    "too_many": gettext_noop(
        "De betaling noemt %(count)s inschrijvingen: verdeel het bedrag manueel."
    ),
    "name_inactive": gettext_noop(
        "Betaling op naam van %(registration)s, maar die inschrijving is %(state)s: heractiveer"
        " ze als er nog plaatsen vrij zijn, anders betaal terug."
    ),
    "name_waiting": gettext_noop(
        "Betaling op naam van %(registration)s, maar die inschrijving staat op de wachtlijst en"
        " moest nog niet betalen: geef een plaats of betaal terug."
    ),
    "name_paid": gettext_noop(
        "Betaling op naam van %(registration)s, maar die inschrijving is al volledig betaald:"
        " mogelijk dubbel betaald, kijk na en betaal terug."
    ),
    "name_amount_differs": gettext_noop(
        "Herkend: %(named)s, maar %(amount)s verschilt van de %(open)s die open staat: kijk het"
        " bedrag na en koppel manueel."
    ),
    "group_amount_differs": gettext_noop(
        "Herkend: %(named)s, maar %(amount)s verschilt van de %(open)s die samen open staat:"
        " kijk het bedrag na en koppel manueel."
    ),
    "payer_other_name": gettext_noop(
        "De betaler is %(named)s, maar de mededeling noemt een andere naam (%(word)s): kijk na"
        " voor wie de betaling is."
    ),
    "payer_other_subject": gettext_noop(
        "De betaler is %(named)s, maar de mededeling ('%(word)s') zegt niet dat het om die"
        " inschrijving gaat: kijk na waarvoor de betaling is."
    ),
    "name_uncertain": gettext_noop(
        "Een naam in de betaling lijkt op een inschrijving, maar niet zeker genoeg om automatisch"
        " te koppelen: kies uit de voorstellen."
    ),
    "surname_only": gettext_noop(
        "Enkel een familienaam herkend, zonder voornaam: kies uit de voorstellen of markeer als"
        " niet voor een inschrijving."
    ),
    "organisation_only": gettext_noop(
        "Geen naam herkend; voorstellen op basis van de organisatie van de betaler: kies de"
        " juiste inschrijving(en)."
    ),
    "nothing_found": gettext_noop(
        "Geen inschrijving gevonden: de betaling bevat geen gekende gestructureerde mededeling,"
        " code of naam."
    ),
    # A name alone may not book this transfer (`blocked` says why).
    "blocked": gettext_noop("%(blocked)s."),
    "blocked_no_name": gettext_noop(
        "%(blocked)s, en er werd geen gekende naam in de betaling gevonden."
    ),
    "blocked_named": gettext_noop("%(blocked)s, al werd %(named)s herkend: kijk het na."),
    # A suggestion in the review queue: one piece of evidence, or several.
    "suggested": gettext_noop("%(registration)s: %(evidence)s komt overeen; %(money)s."),
    "suggested_several": gettext_noop("%(registration)s: %(evidence)s komen overeen; %(money)s."),
    # Decided by staff in the review queue, or found in an earlier import.
    "manual": gettext_noop("Manueel gekoppeld door %(user)s."),
    "dismissed": gettext_noop("Niet voor een inschrijving, volgens %(user)s."),
    "duplicate": gettext_noop("Deze verrichting werd al eerder ingelezen."),
    # Money going out or sent back.
    "to_refund": gettext_noop("Wordt terugbetaald, volgens %(user)s."),
    "refund_done": gettext_noop("Terugbetaling %(refund)s, herkend aan %(via_refund)s."),
    "refund_returned": gettext_noop(
        "Terugbetaling %(refund)s, teruggestort door de bank van de ontvanger: ze staat weer bij "
        "de terugbetalingen, zonder dat rekeningnummer."
    ),
    "paid_out": gettext_noop("Uitbetaling %(payout)s, herkend aan de end-to-end-referentie."),
}
REFUND_VIA: dict[str, str] = {
    "end_to_end": gettext_noop("de end-to-end-referentie"),
    "account": gettext_noop("de rekening, het bedrag en de mededeling"),
}

BLOCKERS: dict[str, str] = {
    "unknown_ogm": gettext_noop(
        "De gestructureerde mededeling %(ogm)s hoort bij geen enkele inschrijving"
    ),
    "unknown_ogm_in_text": gettext_noop(
        "De mededeling bevat een gestructureerde mededeling (%(written)s) die bij geen enkele"
        " inschrijving hoort of een fout controlegetal heeft"
    ),
    "unrelated": gettext_noop(
        "De mededeling ('%(word)s') wijst op iets anders dan een inschrijving"
    ),
}

HOW: dict[str, str] = {
    "ogm": gettext_noop("de gestructureerde mededeling"),
    "ogm_in_text": gettext_noop("de gestructureerde mededeling in de vrije mededeling"),
    "code": gettext_noop("de inschrijvingscode in de mededeling"),
}
STATES: dict[str, str] = {
    "cancelled": gettext_noop("geannuleerd"),
    "expired": gettext_noop("vervallen"),
}
EVIDENCE: dict[str, str] = {
    "surname": gettext_noop("familienaam %(value)s"),
    "initial": gettext_noop("initiaal en familienaam %(value)s"),
    "name": gettext_noop("naam %(value)s"),
    "name_approx": gettext_noop("naam (benaderend) %(value)s"),
    "city": gettext_noop("plaats %(value)s"),
    "venue": gettext_noop("locatie %(value)s"),
    "date": gettext_noop("datum"),
    "organisation": gettext_noop("organisatie van de betaler"),
}
MONEY: dict[str, str] = {
    "inactive": gettext_noop("de inschrijving is geannuleerd of vervallen"),
    "waiting": gettext_noop("de inschrijving staat op de wachtlijst"),
    "paid": gettext_noop("de inschrijving is al volledig betaald"),
    "exact": gettext_noop("het openstaande bedrag van %(open)s klopt"),
    "open": gettext_noop("er staat %(open)s open"),
}
_LISTS = ("registrations", "named", "inactive", "waiting")


# Flags --------------------------------------------------------------------------------------

FLAG_INACTIVE = "inactive_registration"


@dataclass(frozen=True)
class FlagAdvice:
    """What the transaction page says about a flagged transfer that still waits."""

    title: str
    paragraphs: tuple[str, ...]


FLAGS: dict[str, str] = {
    FLAG_INACTIVE: gettext_noop("geannuleerde of vervallen inschrijving"),
}
FLAG_ADVICE: dict[str, tuple[str, ...]] = {
    FLAG_INACTIVE: (
        gettext_noop("Betaling voor een geannuleerde of vervallen inschrijving"),
        gettext_noop(
            "Zijn er nog plaatsen vrij in de vorming? Open de inschrijving en kies „Opnieuw"
            " activeren”; koppel daarna hier de betaling."
        ),
        gettext_noop(
            "Is de vorming volzet of voorbij? Betaal het bedrag terug aan de betaler en markeer"
            " deze verrichting als „Niet voor een inschrijving”, met een notitie over de"
            " terugbetaling."
        ),
    ),
}


# Wording ------------------------------------------------------------------------------------


def render(code: str, params: Mapping[str, Any], gettext: Gettext = _dutch) -> str:
    """The sentence of a reason; an unknown code is shown as it is rather than hidden."""
    template = REASONS.get(code)
    if template is None:
        return code
    return gettext(template) % _values(params, gettext)


def flag_label(flag: str, gettext: Gettext = _dutch) -> str:
    return gettext(FLAGS[flag]) if flag in FLAGS else flag


def flag_advice(flag: str, gettext: Gettext = _dutch) -> FlagAdvice | None:
    texts = FLAG_ADVICE.get(flag)
    if texts is None:
        return None
    title, *paragraphs = (gettext(text) for text in texts)
    return FlagAdvice(title, tuple(paragraphs))


def _values(params: Mapping[str, Any], gettext: Gettext) -> dict[str, Any]:
    values = dict(params)
    amount, open_cents = params.get("amount"), params.get("open")
    if amount is not None:
        values["amount"] = euro(amount)
    if open_cents is not None:
        values["open"] = euro(open_cents)
        if amount is not None:
            values["rest"] = euro(open_cents - amount)
            values["surplus"] = euro(amount - open_cents)
    if "registration" in params:
        values["registration"] = _registration(params["registration"])
    for name in _LISTS:
        if name in params:
            values[name] = join([_registration(r) for r in params[name]], gettext)
    if "codes" in params:
        values["codes"] = join(params["codes"], gettext)
    if "count" not in params:
        values["count"] = len(params.get("codes") or params.get("registrations") or ())
    if "via_refund" in params:
        values["via_refund"] = gettext(REFUND_VIA[params["via_refund"]])
    if "via" in params:
        values["how"] = gettext(HOW[params["via"]])
    if "state" in params:
        values["state"] = gettext(STATES[params["state"]])
    if "ogm" in params:
        ogm = params["ogm"]
        values["ogm"] = ogm_display(ogm) if len(ogm) == 12 and ogm.isdigit() else ogm
    if "blocked" in params:
        values["blocked"] = gettext(BLOCKERS[params["blocked"]]) % values
    if "evidence" in params:
        values["evidence"] = join(
            [gettext(EVIDENCE[kind]) % {"value": value} for kind, value in params["evidence"]],
            gettext,
        )
    if "money" in params:
        values["money"] = gettext(MONEY[params["money"]]) % values
    return values


def _registration(registration: Mapping[str, str]) -> str:
    """'EK7KX3P9 (Marie Claes)', or with the place 'EK7KX3P9 (Marie Claes, Gent 02/02)'."""
    details = [registration["name"]] if registration.get("name") else []
    if "city" in registration:
        date = registration.get("date")
        day = f" {dt.date.fromisoformat(date):%d/%m}" if date else ""
        place = f"{registration['city']}{day}".strip()
        if place:
            details.append(place)
    code = registration["code"]
    return f"{code} ({', '.join(details)})" if details else code


def join(items: Sequence[str], gettext: Gettext = _dutch) -> str:
    """'a', 'a en b', 'a, b en c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return gettext("%(items)s en %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}
