"""The office's forms: intake decisions, the coordinator pool, assignment."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.accounts.models import User
from eigenkracht.core.fields import date_widget
from eigenkracht.core.models import BIGINT_MAX
from eigenkracht.trajectories.models import Coordinator, Gender, Language
from eigenkracht.trajectories.regions import PROVINCES, province_of


class IntakeForm(forms.Form):
    ACTIONS = {"accept", "decline", "request_information"}
    action = forms.ChoiceField(
        choices=[
            ("accept", _("Aanvaarden")),
            ("decline", _("Niet aanvaarden")),
            ("request_information", _("Meer informatie vragen")),
        ],
        widget=forms.HiddenInput,
    )
    text = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Declining cannot be undone and mails the referrer: asked for on purpose.
    confirm = forms.BooleanField(label=_("Bevestiging"), required=False)

    def clean(self) -> dict:
        data = super().clean()
        action, text = data.get("action"), data.get("text", "").strip()
        if action == "decline" and not text:
            self.add_error("text", _("Geef de reden waarom de aanmelding niet aanvaard wordt."))
        if action == "decline" and not data.get("confirm"):
            self.add_error("confirm", _("Vink aan dat je deze aanmelding echt niet aanvaardt."))
        if action == "request_information" and not text:
            self.add_error("text", _("Schrijf welke informatie je nog nodig hebt."))
        return data


class CoordinatorForm(forms.ModelForm):
    first_name = forms.CharField(label=_("Voornaam"), max_length=80)
    last_name = forms.CharField(label=_("Familienaam"), max_length=80)
    email = forms.EmailField(label=_("E-mailadres"))
    is_active = forms.BooleanField(
        label=_("Account actief"),
        required=False,
        initial=True,
        help_text=_("Zet uit als iemand stopt als coördinator: de gegevens blijven bewaard."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Talen"), choices=Language.choices, widget=forms.CheckboxSelectMultiple
    )
    gender = forms.ChoiceField(
        label=_("Geslacht"), choices=[("", _("Niet opgegeven")), *Gender.choices], required=False
    )
    provinces = forms.MultipleChoiceField(
        label=_("Provincies"),
        choices=sorted(PROVINCES.items(), key=lambda item: item[1]),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    postcodes_text = forms.CharField(
        label=_("Postcodes"),
        required=False,
        max_length=1000,
        help_text=_("Gemeenten waar de coördinator graag werkt, bijvoorbeeld: 9000, 9050, 9820."),
    )

    field_order = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "languages",
        "gender",
        "background",
        "provinces",
        "postcodes_text",
        "available",
        "unavailable_until",
        "max_trajectories",
        "trained_on",
        "remarks",
        "is_active",
    ]

    class Meta:
        model = Coordinator
        fields = [
            "phone",
            "gender",
            "background",
            "available",
            "unavailable_until",
            "max_trajectories",
            "trained_on",
            "remarks",
        ]
        widgets = {
            "unavailable_until": date_widget(),
            "trained_on": date_widget(),
            "remarks": forms.Textarea(attrs={"rows": 3}),
            "max_trajectories": forms.NumberInput(attrs={"min": 1, "max": 10}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            user = self.instance.user
            self.initial.update(
                first_name=user.first_name,
                last_name=user.last_name,
                email=user.email,
                is_active=user.is_active,
                languages=self.instance.languages,
                provinces=self.instance.provinces,
                postcodes_text=", ".join(self.instance.postcodes),
            )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        others = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.user_id)
        if others.exists():
            raise forms.ValidationError(_("Er bestaat al een account met dit e-mailadres."))
        return email

    def clean_postcodes_text(self) -> list[str]:
        codes = [c for c in re.split(r"[\s,;]+", self.cleaned_data["postcodes_text"]) if c]
        wrong = [c for c in codes if province_of(c) is None]
        if wrong:
            raise forms.ValidationError(
                _("Dit zijn geen Belgische postcodes: %(codes)s. Een postcode telt 4 cijfers.")
                % {"codes": ", ".join(wrong)}
            )
        return sorted(set(codes))

    def clean_max_trajectories(self) -> int:
        value = self.cleaned_data["max_trajectories"]
        if not 1 <= value <= 10:
            raise forms.ValidationError(_("Kies een aantal tussen 1 en 10."))
        return value

    def clean_trained_on(self):
        value = self.cleaned_data.get("trained_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("De opleidingsdatum kan niet in de toekomst liggen."))
        return value

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("provinces") and not data.get("postcodes_text"):
            self.add_error("provinces", _("Kies minstens één provincie of vul postcodes in."))
        return data

    def user_data(self) -> dict:
        data = self.cleaned_data
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "email": data["email"],
            "is_active": data["is_active"],
        }

    def coordinator_data(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in self.Meta.fields},
            "languages": data["languages"],
            "provinces": data["provinces"],
            "postcodes": data["postcodes_text"],
        }


class AssignForm(forms.Form):
    coordinator = forms.ModelChoiceField(
        label=_("Coördinator"),
        queryset=Coordinator.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een coördinator.")},
    )
    reason = forms.CharField(
        label=_("Waarom deze coördinator? (optioneel)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The coordinator the page showed (empty: none), so that two people choosing at the same
    # time do not silently replace each other's choice.
    replacing = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=BIGINT_MAX
    )

    def __init__(self, *args, coordinators, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators


class CoordinatorFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Naam of e-mailadres")}),
    )
