import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

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
        error_messages={
            "invalid": _(
                "Vul een geldig telefoonnummer in, zoals 0470 12 34 56 of +32 9 123 45 67."
            )
        },
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
        help_text=_("Je krijgt alle mails over je inschrijving in deze taal."),
        error_messages={"invalid_choice": _("Kies een taal uit de lijst.")},
    )
    attends = forms.BooleanField(
        label=_("Ik neem zelf deel aan deze vorming"), required=False, initial=True
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


class ColleagueForm(forms.Form):
    first_name = NameField(label=_("Voornaam"), required=False)
    last_name = NameField(label=_("Familienaam"), required=False)
    email = LowercaseEmailField(
        label=_("E-mailadres"),
        required=False,
        error_messages={"invalid": _("Vul een geldig e-mailadres in.")},
    )

    def clean(self):
        data = super().clean()
        values = [data.get("first_name"), data.get("last_name"), data.get("email")]
        if any(values) and not all(values):
            raise ValidationError(
                _("Vul voor elke collega de voornaam, de familienaam en het e-mailadres in."),
                code="incomplete",
            )
        return data


class BaseColleagueFormSet(forms.BaseFormSet):
    def people(self) -> list[dict]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and form.cleaned_data.get("email")
        ]


ColleagueFormSet = forms.formset_factory(
    ColleagueForm,
    formset=BaseColleagueFormSet,
    extra=MAX_PARTICIPANTS - 1,
    max_num=MAX_PARTICIPANTS - 1,
    absolute_max=MAX_PARTICIPANTS - 1,
)


class CalendarFilterForm(forms.Form):
    city = forms.ChoiceField(label=_("Gemeente"), required=False)
    month = forms.ChoiceField(label=_("Maand"), required=False)

    def __init__(self, *args, cities: list[str], months: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [("", _("Alle gemeenten")), *((c, c) for c in cities)]
        self.fields["month"].choices = [("", _("Alle maanden")), *months]
