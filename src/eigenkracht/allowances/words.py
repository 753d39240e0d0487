"""The Dutch sentence of every refusal of `allowances.rules`, worded when shown."""

from django.utils.translation import gettext as _

from eigenkracht.allowances.rules import Refusal
from eigenkracht.banking.money import euro

_SENTENCES = {
    "other_year": lambda p: _("Deze datum valt niet in %(year)s.") % p,
    "no_system": lambda p: (
        _(
            "Het secretariaat koos nog geen vergoedingssysteem voor %(year)s (forfait of reële"
            " kosten). Vraag het hen; daarna kan je je onkosten ingeven."
        )
        % p
    ),
    "no_caps": lambda p: (
        _(
            "De maximumbedragen voor %(year)s zijn nog niet ingevuld. Vraag het secretariaat ze"
            " in te vullen."
        )
        % p
    ),
    "day_on_real": lambda p: (
        _(
            "In %(year)s krijg je je reële kosten terugbetaald, met bewijsstukken: een forfaitaire"
            " dagvergoeding kan dat jaar niet. Geef je kosten in als „Reële kosten”."
        )
        % p
    ),
    "cost_on_flat": lambda p: (
        _(
            "In %(year)s krijg je een forfaitaire vergoeding per dag: reële kosten met"
            " bewijsstukken kunnen dat jaar niet (alleen kilometers mogen erbovenop)."
        )
        % p
    ),
    "amount_positive": lambda p: _("Het bedrag moet groter zijn dan nul."),
    "km_positive": lambda p: _("Vul een aantal kilometer groter dan nul in."),
    "over_day_cap": lambda p: (
        _(
            "Dit gaat boven het maximum van %(cap)s per dag: voor die dag staat al %(already)s"
            " ingegeven en deze dag zou %(amount)s toevoegen."
        )
        % _euros(p)
    ),
    "over_year_cap": lambda p: (
        _(
            "Dit gaat boven het jaarmaximum van %(cap)s: je gaf dit jaar al %(already)s aan bij"
            " ons en %(elsewhere)s ontvang je bij andere organisaties; deze dag zou %(amount)s"
            " toevoegen."
        )
        % _euros(p)
    ),
    "over_km_limit": lambda p: (
        _(
            "Naast een forfaitaire vergoeding mogen hoogstens %(limit)s km per jaar vergoed worden:"
            " je gaf er al %(already)s in en deze rit telt %(km)s km."
        )
        % p
    ),
    "second_system": lambda p: (
        _(
            "Voor %(year)s werden al onkosten ingegeven onder het andere systeem (%(count)s"
            " aangiften). Per kalenderjaar geldt één systeem: een tweede kan niet."
        )
        % p
    ),
    "elsewhere_over_year_cap": lambda p: (
        _(
            "Samen met wat je dit jaar al bij ons aangaf (%(already)s) gaat %(elsewhere)s van"
            " elders boven het jaarmaximum van %(cap)s."
        )
        % _euros(p)
    ),
}


def _euros(params: dict) -> dict:
    return {
        key: euro(value) if key in {"cap", "already", "elsewhere", "amount"} else value
        for key, value in params.items()
    }


def refusal_text(refusal: Refusal) -> str:
    return _SENTENCES[refusal.code](refusal.params)
