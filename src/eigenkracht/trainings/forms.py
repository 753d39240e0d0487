import re
import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField
from stdnum.be import vat as be_vat
from stdnum.eu import vat as eu_vat

from eigenkracht.core.forms import LenientFilters
from eigenkracht.core.models import Sector
from eigenkracht.core.phone import INVALID as PHONE_INVALID
from eigenkracht.trainings.mail_templates.languages import languages_offered
from eigenkracht.trainings.models import MAX_PARTICIPANTS

# Letters of any script, combining accents, spaces, apostrophes, hyphens and dots:
# "Anne-Sophie", "D'Hondt", "Van den Broeck", "Žaneta", "Ph. De Smet".
# Letters of any script, with the combining marks many scripts write vowels and accents with
# (Devanagari, Tamil, Thai, Arabic vowel marks, a decomposed "ë"), and a few separators.
NAME_SEPARATORS = frozenset(" '\u2019.-")


def _is_name(value: str) -> bool:
    if not value or not value[0].isalpha():
        return False
    return all(
        char.isalpha() or char in NAME_SEPARATORS or unicodedata.category(char).startswith("M")
        for char in value
    )


def validate_name(value: str) -> None:
    if not _is_name(value):
        raise ValidationError(
            _("Gebruik enkel letters, spaties, apostrofs en koppeltekens."), code="invalid_name"
        )


class NameField(forms.CharField):
    default_validators = [validate_name]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 80)
        super().__init__(**kwargs)

    def to_python(self, value):
        return " ".join(super().to_python(value).split())


class LowercaseEmailField(forms.EmailField):
    def to_python(self, value):
        return super().to_python(value).strip().lower()


def offer_languages(form: forms.BaseForm) -> None:
    """Only the languages in which every mail of the journey exists; none to choose from (the
    field goes) while that is Dutch alone."""
    offered = languages_offered()
    if len(offered) < 2:
        del form.fields["language"]
        return
    form.fields["language"].choices = offered


# Which mails the office can write in another language: docs/decisions.md, "Only a language in
# which every mail of the journey exists is offered".
MAIL_LANGUAGE_HELP = _(
    "De mails over je inschrijving, je betaling en je attest komen in deze taal. Enkele "
    "berichten blijven in het Nederlands: een wijziging, annulering of heractivering door het "
    "secretariaat, "
    "een verplaatsing of doorgegeven plaats, een mail aan een collega die je inschreef, een "
    "terugbetaling, een factuur, de praktische info."
)


class RegistrationForm(forms.Form):
    first_name = NameField(
        label=_("Voornaam"),
        error_messages={"required": _("Vul je voornaam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = NameField(
        label=_("Familienaam"),
        error_messages={"required": _("Vul je familienaam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = LowercaseEmailField(
        label=_("E-mailadres"),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.be."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PhoneNumberField(
        max_length=40,
        label=_("Telefoon (niet verplicht)"),
        required=False,
        region="BE",
        help_text=_("Een Belgisch nummer (0470 12 34 56) of een internationaal nummer (+31 ...)."),
        error_messages={"invalid": PHONE_INVALID},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    organisation = forms.CharField(
        label=_("Organisatie (niet verplicht)"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    job = forms.CharField(
        label=_("Functie (niet verplicht)"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector waarin je werkt (niet verplicht)"),
        queryset=Sector.objects.filter(active=True),
        required=False,
        empty_label=_("Niet ingevuld"),
        help_text=_("Voor onze cijfers: welke sectoren bereiken de vormingen?"),
        error_messages={"invalid_choice": _("Kies een sector uit de lijst.")},
    )
    work_postcode = forms.RegexField(
        label=_("Postcode van je werkplek (niet verplicht)"),
        regex=r"^[1-9][0-9]{3}$",
        # Longer than 4 so that a foreign postcode is refused with a message, not cut off.
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Vul een Belgische postcode in: 4 cijfers, zoals 9000.")},
    )
    remarks = forms.CharField(
        label=_("Opmerkingen (niet verplicht)"),
        help_text=_("Bijvoorbeeld een dieetwens of wat je nodig hebt om vlot te kunnen deelnemen."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    language = forms.ChoiceField(
        label=_("Taal van de e-mails"),
        initial="nl-be",
        required=False,
        help_text=MAIL_LANGUAGE_HELP,
        error_messages={"invalid_choice": _("Kies een taal uit de lijst.")},
    )
    attends = forms.BooleanField(
        label=_("Ik neem zelf deel aan deze vorming"), required=False, initial=True
    )
    employer_pays = forms.BooleanField(
        label=_("Mijn werkgever betaalt en wil een factuur"), required=False
    )
    consent = forms.BooleanField(
        label=_("Ik ga akkoord met de privacyverklaring."),
        error_messages={"required": _("Om in te schrijven moet je akkoord gaan.")},
    )
    # A field people never see: bots fill in every field they find.
    website = forms.CharField(
        max_length=200,
        required=False,
        label=_("Laat dit veld leeg"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_languages(self)

    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))


def peppol_0208(enterprise_number: str) -> str:
    """A Belgian enterprise number as Peppol's rule PEPPOL-COMMON-R043 wants it: ten digits, no
    "BE" and no dots ("BE0202.239.951" -> "0208:0202239951")."""
    return f"0208:{be_vat.compact(enterprise_number)}"


PEPPOL_ID = re.compile(r"^(?P<scheme>[0-9]{4}):(?P<identifier>[A-Za-z0-9._:-]{1,50})$")


class EnterpriseNumberField(forms.CharField):
    """A Belgian enterprise number (KBO), typed as 0412.345.614, 412345614 or BE0412345614;
    cleaned to its 10 digits."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value:
            return ""
        if not be_vat.is_valid(value):
            raise ValidationError(
                _(
                    "Dit is geen geldig ondernemingsnummer. Het heeft 10 cijfers, zoals "
                    "0412.345.614; kijk het na in de Kruispuntbank van Ondernemingen."
                ),
                code="invalid_kbo",
            )
        return be_vat.compact(value)


class EmployerForm(forms.Form):
    """Who pays and wants an invoice: the employer's details as the invoice will name them."""

    name = forms.CharField(
        label=_("Naam van de organisatie"),
        max_length=120,
        error_messages={"required": _("Vul de naam van de organisatie in.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    street = forms.CharField(
        label=_("Straat en nummer"),
        max_length=120,
        error_messages={"required": _("Vul de straat en het nummer in.")},
    )
    # Room for a foreign postcode: the browser would cut "1012AB" to "1012" without a word at
    # a length of 4; the pattern says what is wrong instead.
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^[1-9][0-9]{3}$",
        max_length=12,
        help_text=_("Facturen gaan enkel naar organisaties in België."),
        error_messages={
            "required": _("Vul de postcode in."),
            "invalid": _(
                "Een Belgische postcode heeft 4 cijfers, zoals 9000. Een factuur voor een "
                "werkgever buiten België kunnen we niet maken."
            ),
        },
    )
    city = forms.CharField(
        label=_("Gemeente"),
        max_length=80,
        error_messages={"required": _("Vul de gemeente in.")},
    )
    enterprise_number = EnterpriseNumberField(
        label=_("Ondernemingsnummer (KBO)"),
        error_messages={"required": _("Vul het ondernemingsnummer in.")},
    )
    vat_number = forms.CharField(
        label=_("Btw-nummer (als de organisatie er een heeft)"),
        max_length=20,
        required=False,
    )
    order_reference = forms.CharField(
        label=_("Jullie referentie of bestelbonnummer (niet verplicht)"),
        max_length=60,
        required=False,
    )
    email = LowercaseEmailField(
        label=_("E-mailadres voor facturen"),
        error_messages={
            "required": _("Vul het e-mailadres in waarop de organisatie facturen ontvangt."),
            "invalid": _("Vul een geldig e-mailadres in, zoals facturen@voorbeeld.be."),
        },
    )
    via_peppol = forms.BooleanField(
        label=_("Stuur de factuur via Peppol"),
        required=False,
        help_text=_(
            "Ontvangt jullie boekhouding e-facturen via Peppol? Anders komt de factuur per e-mail."
        ),
    )
    peppol_id = forms.CharField(
        label=_("Peppol-ID (niet verplicht)"),
        max_length=60,
        required=False,
        help_text=_("Leeg: 0208: gevolgd door het ondernemingsnummer."),
    )

    def clean_vat_number(self) -> str:
        value = self.cleaned_data["vat_number"].strip()
        if not value:
            return ""
        if value[:2].isdigit():  # typed without the country: a Belgian number
            value = "BE" + value
        if not eu_vat.is_valid(value):
            raise ValidationError(
                _("Dit is geen geldig btw-nummer. Schrijf het zoals BE0412.345.614."),
                code="invalid_vat",
            )
        return eu_vat.compact(value)

    def clean_peppol_id(self) -> str:
        value = "".join(self.cleaned_data["peppol_id"].split())
        if not value:
            return ""
        match = PEPPOL_ID.match(value)
        if match is None or (
            match["scheme"] == "0208" and not be_vat.is_valid(match["identifier"])
        ):
            raise ValidationError(
                _("Een Peppol-ID ziet eruit als 0208:0412345614 (schema, dubbelpunt, nummer)."),
                code="invalid_peppol_id",
            )
        if match["scheme"] == "0208":
            return peppol_0208(match["identifier"])
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        vat_number, enterprise_number = data.get("vat_number"), data.get("enterprise_number")
        if vat_number and enterprise_number and vat_number != f"BE{enterprise_number}":
            self.add_error(
                "vat_number",
                ValidationError(
                    _(
                        "Het btw-nummer van een Belgische organisatie is BE gevolgd door haar "
                        "ondernemingsnummer, hier BE%(number)s. Kijk beide nummers na."
                    )
                    % {"number": enterprise_number},
                    code="vat_number_not_enterprise_number",
                ),
            )
        # The box decides how the invoice goes: an id alone must not send it through Peppol.
        if data.get("peppol_id") and not data.get("via_peppol"):
            self.add_error(
                "peppol_id",
                ValidationError(
                    _(
                        "Vink 'Stuur de factuur via Peppol' aan om de factuur naar deze "
                        "Peppol-ID te sturen, of maak het veld leeg: dan komt de factuur per "
                        "e-mail."
                    ),
                    code="peppol_id_without_peppol",
                ),
            )
        return data

    def billing_data(self) -> dict[str, str]:
        """The cleaned details as the invoicing app stores them (plain strings)."""
        data = self.cleaned_data
        peppol_id = data["peppol_id"]
        if data["via_peppol"] and not peppol_id:
            peppol_id = f"0208:{data['enterprise_number']}"
        return {
            "name": data["name"].strip(),
            "street": data["street"].strip(),
            "postcode": data["postcode"],
            "city": data["city"].strip(),
            "enterprise_number": data["enterprise_number"],
            "vat_number": data["vat_number"],
            "order_reference": data["order_reference"].strip(),
            "email": data["email"],
            "peppol_id": peppol_id,
        }


class ColleagueForm(forms.Form):
    first_name = NameField(label=_("Voornaam"), required=False)
    last_name = NameField(label=_("Familienaam"), required=False)
    email = LowercaseEmailField(
        label=_("E-mailadres"),
        required=False,
        error_messages={"invalid": _("Vul een geldig e-mailadres in.")},
    )
    # What to fill in when a row is half done, in the order the row asks for it.
    MISSING = {
        "first_name": _("de voornaam"),
        "last_name": _("de familienaam"),
        "email": _("een e-mailadres"),
    }

    def __init__(self, *args, number: int = 0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.number = number

    def _typed(self) -> dict[str, str]:
        return {name: (self.data.get(self.add_prefix(name)) or "").strip() for name in self.MISSING}

    @property
    def summary_prefix(self) -> str:
        """Which colleague, as typed: "Collega 2 (An Peeters)"; the error summary starts each
        of this row's errors with it."""
        typed = self._typed()
        who = " ".join(filter(None, [typed["first_name"], typed["last_name"]])) or typed["email"]
        if who:
            return _("Collega %(number)s (%(who)s)") % {"number": self.number, "who": who}
        return _("Collega %(number)s") % {"number": self.number}

    def clean(self):
        data = super().clean()
        typed = self._typed()
        missing = [name for name in self.MISSING if not typed[name]]
        if any(typed.values()) and missing:
            # On the first missing field, so that the summary's link lands there. What was typed
            # counts, also when it is not valid: that field has its own message.
            words = [str(self.MISSING[name]) for name in missing]
            what = (
                words[0]
                if len(words) == 1
                else _("%(some)s en %(last)s") % {"some": ", ".join(words[:-1]), "last": words[-1]}
            )
            message = _("%(who)s: vul %(what)s in.") % {"who": self.summary_prefix, "what": what}
            self.add_error(missing[0], ValidationError(message, code="incomplete"))
        return data


class _ColleagueFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "number": (index or 0) + 1}


ColleagueFormSet = forms.formset_factory(
    ColleagueForm,
    formset=_ColleagueFormSet,
    extra=MAX_PARTICIPANTS - 1,
    max_num=MAX_PARTICIPANTS - 1,
    absolute_max=MAX_PARTICIPANTS - 1,
)


class CalendarFilterForm(LenientFilters, forms.Form):
    unfiltered = _("alle vormingen")
    unknown_labels = {"city": _("Onbekende gemeente"), "month": _("Onbekende maand")}

    city = forms.ChoiceField(label=_("Gemeente"), required=False)
    month = forms.ChoiceField(label=_("Maand"), required=False)

    def __init__(self, *args, cities: list[str], months: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [("", _("Alle gemeenten")), *((c, c) for c in cities)]
        self.fields["month"].choices = [("", _("Alle maanden")), *months]
