"""The volunteers' forms: the public application, the office's pipeline and the pages per
coordinator."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.fields import ModelMultipleChoiceField, date_widget
from eigenkracht.trajectories.models import Coordinator, Language
from eigenkracht.trajectories.regions import province_of
from eigenkracht.volunteers.models import (
    WEEKDAYS,
    Application,
    DayPart,
    IntervisionSession,
    TrainingModule,
    Volunteer,
)
from eigenkracht.volunteers.services import MOVES


class ApplicationForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Talen die je spreekt"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één taal.")},
    )
    consent = forms.BooleanField(
        label=_(
            "Ik ga akkoord dat Eigen Kracht deze gegevens bewaart om mijn kandidatuur te "
            "behandelen."
        ),
        error_messages={
            "required": _("Zonder je toestemming kunnen we je kandidatuur niet bewaren.")
        },
    )
    # A field people never see: bots fill in every field they find.
    website = forms.CharField(
        max_length=200,
        required=False,
        label=_("Laat dit veld leeg"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Application
        fields = ["name", "email", "phone", "languages", "postcode", "region", "availability"]
        fields += ["motivation"]
        labels = {
            "name": _("Voor- en achternaam"),
            "postcode": _("Postcode waar je woont"),
            "region": _("Regio waar je wil werken (niet verplicht)"),
            "availability": _("Wanneer ben je beschikbaar?"),
            "motivation": _("Waarom wil je EK-coördinator worden?"),
        }
        help_texts = {
            "availability": _("Bijvoorbeeld: woensdagnamiddag, 's avonds, in het weekend."),
        }
        widgets = {
            "availability": forms.Textarea(attrs={"rows": 3}),
            "motivation": forms.Textarea(attrs={"rows": 5}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "postcode": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
            ),
        }

    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = [c for c in phone if c.isdigit()]
        if len(digits) < 9 or any(not (c.isdigit() or c in " +./-()") for c in phone):
            raise forms.ValidationError(
                _("Vul een telefoonnummer in met minstens 9 cijfers, zoals 0470 12 34 56.")
            )
        return phone

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        if province_of(postcode) is None:
            raise forms.ValidationError(_("Vul een Belgische postcode in: 4 cijfers, zoals 9000."))
        return postcode

    def application_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["consent"] = self.cleaned_data["consent"]
        return data


class MoveForm(forms.Form):
    step = forms.ChoiceField(label=_("Naar"), choices=Application.Step.choices)
    on = forms.DateField(label=_("Datum"), widget=date_widget())
    note = forms.CharField(
        label=_("Notitie (verplicht bij stoppen: de reden)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, application: Application, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [
            (step, Application.Step(step).label) for step in MOVES[application.step]
        ]
        self.fields["on"].initial = timezone.localdate()


class DutiesForm(forms.ModelForm):
    class Meta:
        model = Volunteer
        fields = [
            "note_given_on",
            "note_version",
            "insured",
            "insured_since",
            "works_with_minors",
            "record_checked_on",
            "record_checked_by",
        ]
        widgets = {
            "note_given_on": date_widget(),
            "insured_since": date_widget(),
            "record_checked_on": date_widget(),
        }
        help_texts = {
            "record_checked_on": _(
                "Het uittreksel uit het strafregister, model 2 (minderjarigen), artikel 596.2 "
                "Wetboek van strafvordering. Noteer alleen de datum waarop je het zag en wie het "
                "zag: bewaar het uittreksel zelf niet, ook geen kopie of foto."
            ),
        }

    def clean(self) -> dict:
        data = super().clean()
        today = timezone.localdate()
        for name in ("note_given_on", "insured_since", "record_checked_on"):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("Deze datum ligt in de toekomst."))
        if data.get("note_given_on") and not data.get("note_version"):
            self.add_error("note_version", _("Vul de versie van de informatienota in."))
        if data.get("insured") and not data.get("insured_since"):
            self.add_error("insured_since", _("Vul in sinds wanneer de verzekering loopt."))
        if data.get("record_checked_on") and not data.get("record_checked_by"):
            self.add_error("record_checked_by", _("Vul in wie het uittreksel zag."))
        return data


class AvailabilityForm(forms.Form):
    preferred_days = forms.TypedMultipleChoiceField(
        label=_("Voorkeursdagen"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_parts = forms.MultipleChoiceField(
        label=_("Voorkeursmomenten"),
        choices=DayPart.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    max_trajectories = forms.IntegerField(
        label=_("Maximum aantal trajecten tegelijk"), min_value=1, max_value=20
    )


class AwayForm(forms.Form):
    """One period away; both dates left empty (a saved period's cleared) is no period."""

    starts_on = forms.DateField(label=_("Afwezig van"), widget=date_widget(), required=False)
    ends_on = forms.DateField(label=_("tot en met"), widget=date_widget(), required=False)
    note = forms.CharField(label=_("Notitie"), required=False, max_length=200)

    def clean(self) -> dict:
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if bool(starts_on) != bool(ends_on) and not self.errors:
            self.add_error(
                "ends_on" if starts_on else "starts_on",
                _("Vul beide datums in, of maak beide leeg om de periode te wissen."),
            )
        elif starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Het einde ligt voor het begin."))
        return data


AwayFormSet = forms.formset_factory(AwayForm, extra=2, max_num=20, validate_max=True)


class TrainingForm(forms.Form):
    """One date field per module of the basic training, and the intervisions attended."""

    intervisions = ModelMultipleChoiceField(
        label=_("Aanwezig op de intervisies"),
        queryset=IntervisionSession.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, modules: list[TrainingModule], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.modules = modules
        for module in modules:
            self.fields[f"module_{module.pk}"] = forms.DateField(
                label=module.title, required=False, widget=date_widget()
            )
        self.fields["intervisions"].queryset = IntervisionSession.objects.all()

    def clean(self) -> dict:
        data = super().clean()
        for module in self.modules:
            day = data.get(f"module_{module.pk}")
            if day and day > timezone.localdate():
                self.add_error(f"module_{module.pk}", _("Deze datum ligt in de toekomst."))
        return data

    def module_dates(self) -> dict[int, dt.date | None]:
        return {m.pk: self.cleaned_data.get(f"module_{m.pk}") for m in self.modules}


class ModuleForm(forms.ModelForm):
    class Meta:
        model = TrainingModule
        fields = ["title", "position", "active"]


class IntervisionForm(forms.ModelForm):
    attendees = ModelMultipleChoiceField(
        label=_("Aanwezig"),
        queryset=Coordinator.objects.select_related("user"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = IntervisionSession
        fields = ["date", "theme"]
        widgets = {"date": date_widget()}


class SettingsForm(forms.Form):
    record_renewal_years = forms.IntegerField(
        label=_("Uittreksel uit het strafregister opnieuw vragen na (jaar)"),
        min_value=1,
        max_value=10,
    )


class RankingFilterForm(forms.Form):
    """The assignment page's filters: only who finished the basic training, the days the
    family would like."""

    trained = forms.BooleanField(label=_("Alleen basisopleiding afgerond"), required=False)
    days = forms.TypedMultipleChoiceField(
        label=_("Gewenste dagen"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
