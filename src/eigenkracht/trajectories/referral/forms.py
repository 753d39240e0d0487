"""The public referral form: who refers, the family, the question, the limits, the consent."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from eigenkracht.core.fields import date_widget
from eigenkracht.core.models import Sector
from eigenkracht.core.once import once_field
from eigenkracht.core.phone import INVALID as PHONE_INVALID
from eigenkracht.trajectories.models import Consent, Domain, Language, Trajectory
from eigenkracht.trajectories.regions import province_of

TEXT = {"rows": 4, "maxlength": 4000}


class ReferralForm(forms.ModelForm):
    once = once_field()
    referrer_phone = PhoneNumberField(
        max_length=40,
        label=_("Telefoon"),
        required=False,
        region="BE",
        help_text=_("Een Belgisch nummer (0470 12 34 56) of een internationaal nummer."),
        error_messages={"invalid": PHONE_INVALID},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    domains = forms.MultipleChoiceField(
        label=_("Over welke domeinen gaat het?"),
        choices=Domain.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één domein.")},
    )
    consent_given = forms.BooleanField(
        label=_("Het gezin weet van deze aanmelding en gaat ermee akkoord."),
        error_messages={
            "required": _(
                "Zonder toestemming van het gezin kunnen we de aanmelding niet aannemen. Een "
                "Eigen Kracht-conferentie gebeurt altijd met en door het gezin: vraag eerst of "
                "ze akkoord gaan, en meld dan aan."
            )
        },
    )
    consent_by_name = forms.CharField(
        label=_("Wie gaf de toestemming? (niet verplicht)"),
        required=False,
        max_length=120,
        help_text=_("De naam van wie akkoord ging, bijvoorbeeld de moeder of de jongere zelf."),
    )
    consent_by_relation = forms.ChoiceField(
        label=_("Wie is dat? (niet verplicht)"),
        required=False,
        choices=[
            ("", _("Niet ingevuld")),
            *(c for c in Consent.Relation.choices if c[0] != Consent.Relation.UNKNOWN),
        ],
    )
    # A field people never see: bots fill in every field they find.
    website = forms.CharField(
        max_length=200,
        required=False,
        label=_("Laat dit veld leeg"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Trajectory
        fields = [
            "referrer_type",
            "referrer_name",
            "referrer_organisation",
            "referrer_sector",
            "referrer_role",
            "referrer_email",
            "referrer_phone",
            "postcode",
            "domains",
            "central_question",
            "concerns",
            "limits",
            "urgency",
            "wish_language",
            "wish_gender",
            "wish_background",
            "consent_given",
            "consent_on",
            "consent_method",
        ]
        labels = {
            "referrer_type": _("Je meldt aan als"),
            "referrer_name": _("Je naam"),
            "referrer_organisation": _("Organisatie (niet verplicht)"),
            "referrer_sector": _("Sector"),
            "referrer_role": _("Functie of relatie tot het gezin (niet verplicht)"),
            "referrer_email": _("E-mailadres"),
            "postcode": _("Postcode waar het gezin woont"),
            "central_question": _("Vraagstelling"),
            "concerns": _("Zorgen"),
            "limits": _("Grenzen"),
            "urgency": _("Hoe dringend is het?"),
            "wish_language": _("Taal van de coördinator"),
            "wish_gender": _("Een vrouw of een man als coördinator?"),
            "wish_background": _("Andere wens voor de coördinator (niet verplicht)"),
            "consent_on": _("Wanneer gaf het gezin toestemming?"),
            "consent_method": _("Hoe gaf het gezin toestemming?"),
        }
        help_texts = {
            "central_question": _(
                "De vraag waarop het gezin en zijn netwerk een plan maken, bijvoorbeeld: “Hoe "
                "zorgen we ervoor dat Emma weer elke dag naar school gaat?”"
            ),
            "concerns": _("Waarover maak jij (of maakt de aanmelder) zich zorgen?"),
            "limits": _(
                "Wat moet het plan in elk geval respecteren? Bijvoorbeeld: “De kinderen zijn "
                "nooit alleen met …”. Het plan wordt hieraan getoetst."
            ),
            "wish_background": _(
                "Bijvoorbeeld: dezelfde culturele achtergrond, ervaring met jongeren."
            ),
        }
        widgets = {
            "referrer_type": forms.RadioSelect,
            "urgency": forms.RadioSelect,
            "consent_method": forms.RadioSelect,
            "referrer_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "referrer_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "referrer_organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
            "central_question": forms.Textarea(attrs=TEXT),
            "concerns": forms.Textarea(attrs=TEXT),
            "limits": forms.Textarea(attrs=TEXT),
            "consent_on": date_widget(),
        }
        error_messages = {
            "referrer_type": {"required": _("Kies of je aanmeldt als professional of als burger.")},
            "referrer_sector": {
                "required": _("Kies de sector waarin je werkt, of “Burger”."),
                "invalid_choice": _("Kies een sector uit de lijst."),
            },
            "referrer_name": {"required": _("Vul je naam in.")},
            "referrer_email": {
                "required": _("Vul je e-mailadres in: je krijgt er de bevestiging op."),
                "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.be."),
            },
            "central_question": {"required": _("Vul de vraagstelling in.")},
            "concerns": {"required": _("Beschrijf de zorgen.")},
            "limits": {
                "required": _(
                    "Vul de grenzen in. Zijn er geen, schrijf dan “geen bijzondere grenzen”."
                )
            },
            "consent_on": {
                "required": _("Vul de datum van de toestemming in."),
                "invalid": _("Vul een geldige datum in, zoals 15/03/2026."),
            },
            "consent_method": {"required": _("Kies hoe het gezin toestemming gaf.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["postcode"].required = True
        self.fields["postcode"].error_messages["required"] = _("Vul de postcode van het gezin in.")
        self.fields["wish_language"].choices = [("", _("Geen voorkeur")), *Language.choices]
        self.fields["wish_gender"].choices = Trajectory.GenderWish.choices
        self.fields["urgency"].initial = Trajectory.Urgency.NORMAL
        self.fields["urgency"].choices = Trajectory.Urgency.choices
        self.fields["referrer_type"].choices = Trajectory.ReferrerType.choices
        self.fields["consent_method"].choices = Trajectory.ConsentMethod.choices
        sector = self.fields["referrer_sector"]
        sector.queryset = Sector.objects.filter(active=True)
        # Asked for the figures; a list the office emptied must not stop a family's referral.
        sector.required = sector.queryset.exists()
        sector.empty_label = _("Kies een sector")
        sector.help_text = _("Voor de cijfers: uit welke sector komen de aanmeldingen?")

    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        if province_of(postcode) is None:
            raise forms.ValidationError(_("Vul een Belgische postcode in: 4 cijfers, zoals 9000."))
        return postcode

    def clean_referrer_email(self) -> str:
        return self.cleaned_data["referrer_email"].strip().lower()

    def clean_consent_on(self) -> dt.date:
        value = self.cleaned_data["consent_on"]
        today = timezone.localdate()
        if value > today:
            raise forms.ValidationError(_("De toestemming kan niet in de toekomst gegeven zijn."))
        if value < today - dt.timedelta(days=366):
            raise forms.ValidationError(
                _("Deze toestemming is meer dan een jaar oud. Vraag ze opnieuw aan het gezin.")
            )
        return value

    def consent_giver(self) -> dict[str, str]:
        """Who gave the consent, as far as the referrer said: for the first Consent record."""
        return {
            "consent_by_name": self.cleaned_data["consent_by_name"].strip(),
            "consent_by_relation": self.cleaned_data["consent_by_relation"],
        }

    def referral_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["referrer_phone"] = str(data["referrer_phone"] or "")
        return data


class _BirthMixin(forms.Form):
    # Which row, for the error summary ("Kind 2: Vul een geboortejaar in ..."): two rows' errors
    # read the same otherwise.
    row_label = ""

    @property
    def summary_prefix(self) -> str:
        index = (self.prefix or "").rpartition("-")[2]
        if not self.row_label or not index.isdigit():
            return ""
        return str(self.row_label) % {"number": int(index) + 1}

    birth_date = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        widget=date_widget(),
        error_messages={"invalid": _("Vul een geldige datum in, zoals 15/03/2012.")},
    )
    birth_year = forms.IntegerField(
        label=_("of geboortejaar"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Vul een jaartal in, zoals 1985.")},
    )

    def clean_birth_date(self) -> dt.date | None:
        value = self.cleaned_data.get("birth_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Een geboortedatum kan niet in de toekomst liggen."))
        if value and value.year < 1900:
            raise forms.ValidationError(_("Kijk de geboortedatum na: het jaar is te vroeg."))
        return value

    def clean_birth_year(self) -> int | None:
        value = self.cleaned_data.get("birth_year")
        if value is not None and not 1900 <= value <= timezone.localdate().year:
            raise forms.ValidationError(
                _("Vul een geboortejaar in tussen 1900 en %(year)s.")
                % {"year": timezone.localdate().year}
            )
        return value

    def person_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        birth_date = data.get("birth_date")
        return {
            "name": data["name"],
            "birth_date": birth_date,
            "birth_year": birth_date.year if birth_date else data.get("birth_year"),
        }


class MainPersonForm(_BirthMixin):
    row_label = _("Hoofdpersoon %(number)s")
    name = forms.CharField(label=_("Naam"), max_length=120)
    address = forms.CharField(label=_("Adres"), max_length=200, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Talen die de persoon spreekt"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interpreter_needed = forms.BooleanField(label=_("Een tolk is nodig"), required=False)

    field_order = ["name", "birth_date", "birth_year", "address", "languages", "interpreter_needed"]

    def person_data(self) -> dict[str, Any]:
        return {
            **super().person_data(),
            "address": self.cleaned_data["address"],
            "languages": self.cleaned_data["languages"],
            "interpreter_needed": self.cleaned_data["interpreter_needed"],
        }


class ChildForm(_BirthMixin):
    row_label = _("Kind %(number)s")
    name = forms.CharField(label=_("Naam of voornaam"), max_length=120)

    field_order = ["name", "birth_date", "birth_year"]


class _MainPeopleFormSet(forms.BaseFormSet):
    # Django's "Verstuur minimaal 1 formulier" says nothing to someone referring a family.
    default_error_messages = {
        "too_few_forms": _("Vul de naam van minstens één hoofdpersoon in."),
        "too_many_forms": _("Je kan hoogstens drie hoofdpersonen aanmelden."),
    }


# Every row the family may need is on the page (no script adds rows): the ones past the first
# few sit in a closed "more" section (`SHOWN`), opened when they hold something.
MainPersonFormSet = forms.formset_factory(
    MainPersonForm,
    formset=_MainPeopleFormSet,
    extra=2,
    min_num=1,
    validate_min=True,
    max_num=3,
    validate_max=True,
)
ChildFormSet = forms.formset_factory(ChildForm, extra=12, max_num=12, validate_max=True)
SHOWN = {"hoofdpersoon": 2, "kind": 4}


@dataclass(frozen=True)
class Rows:
    """A formset's rows as the page shows them: the first ones, and the closed "more" section
    (open when it holds something); `offset` numbers the latter on from the former."""

    shown: list[forms.BaseForm]
    more: list[forms.BaseForm]
    opened: bool

    @property
    def offset(self) -> int:
        return len(self.shown)


def rows_split(formset: forms.BaseFormSet) -> Rows:
    shown, more = formset.forms[: SHOWN[formset.prefix]], formset.forms[SHOWN[formset.prefix] :]
    opened = formset.is_bound and any(f.has_changed() or f.errors for f in more)
    return Rows(shown, more, opened)


def main_people_formset(data: Any = None) -> forms.BaseFormSet:
    formset = MainPersonFormSet(data, prefix="hoofdpersoon")
    if formset.forms:  # none when a tampered post lacks the management form (then invalid)
        formset.forms[0].empty_permitted = False
    return formset


def children_formset(data: Any = None) -> forms.BaseFormSet:
    return ChildFormSet(data, prefix="kind")
