"""Forms of the trajectory pages shared by all roles: stopping and closing a trajectory, the
family's consent and its withdrawal."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.fields import date_widget, free_text
from eigenkracht.core.forms import LenientFilters
from eigenkracht.trajectories.models import Consent, Trajectory


class StopForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom stopt het traject?"),
        choices=[
            ("", _("Kies een reden")),
            *(c for c in Trajectory.StopReason.choices if c[0] != Trajectory.StopReason.UNTOUCHED),
        ],
    )
    explanation = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij “andere reden”."),
    )

    def clean(self) -> dict:
        data = super().clean()
        if (
            data.get("reason") == Trajectory.StopReason.OTHER
            and not data.get("explanation", "").strip()
        ):
            self.add_error("explanation", _("Licht de reden toe als je “andere reden” kiest."))
        return data


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[
            (
                Trajectory.Outcome.PLAN_WITH_CONFERENCE,
                Trajectory.Outcome.PLAN_WITH_CONFERENCE.label,
            ),
            (
                Trajectory.Outcome.PLAN_WITHOUT_CONFERENCE,
                Trajectory.Outcome.PLAN_WITHOUT_CONFERENCE.label,
            ),
        ],
        widget=forms.RadioSelect,
    )
    remark = forms.CharField(
        label=_("Opmerking bij de afsluiting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ListFilterForm(LenientFilters, forms.Form):
    unfiltered = _("alle trajecten")

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *Trajectory.Status.choices],
    )
    warning = forms.ChoiceField(
        label=_("Signaal"),
        required=False,
        choices=[
            ("", _("Alle trajecten")),
            ("late_coordinator", _("Nog geen coördinator")),
            ("late_conference", _("Nog geen conferentie")),
            ("late_follow_up", _("Opvolging te laat")),
            ("follow_up_due", _("Opvolging aan de beurt")),
        ],
    )
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=80,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Referentie of naam hoofdpersoon")}
        ),
    )


class ConsentForm(forms.Form):
    given_by_name = forms.CharField(
        label=_("Wie gaf de toestemming?"),
        max_length=120,
        error_messages={"required": _("Vul in wie de toestemming gaf.")},
    )
    given_by_relation = forms.ChoiceField(
        label=_("Relatie tot het gezin"),
        choices=[c for c in Consent.Relation.choices if c[0] != Consent.Relation.UNKNOWN],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie de toestemming gaf.")},
    )
    given_on = forms.DateField(
        label=_("Gegeven op"),
        widget=date_widget(),
        error_messages={
            "required": _("Vul de datum van de toestemming in."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    method = forms.ChoiceField(
        label=_("Hoe?"),
        choices=Trajectory.ConsentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe de toestemming gegeven werd.")},
    )
    scope = forms.MultipleChoiceField(
        label=_("Waarvoor?"),
        choices=Consent.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies waarvoor de toestemming geldt.")},
    )
    note = free_text(
        _("Opmerking (niet verplicht)"),
        limit=2000,
        rows=3,
        help_text=_("Bijvoorbeeld: waar het ondertekende formulier bewaard wordt."),
    )

    def clean_given_on(self) -> dt.date:
        given_on = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise forms.ValidationError(_("Een toestemming kan niet in de toekomst gegeven zijn."))
        return given_on


class ConsentWithdrawalForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Ingetrokken op"),
        widget=date_widget(),
        error_messages={
            "required": _("Vul de datum van de intrekking in."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    withdrawn_by = forms.CharField(
        label=_("Wie trok de toestemming in?"),
        max_length=120,
        help_text=_("Naam en relatie, bijvoorbeeld: Sara Peeters, de moeder."),
        error_messages={"required": _("Vul in wie de toestemming introk.")},
    )
    note = free_text(_("Toelichting (niet verplicht)"), limit=2000, rows=3)

    def __init__(self, *args: object, first_consent_on: dt.date | None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.first_consent_on = first_consent_on

    def clean_withdrawn_on(self) -> dt.date:
        withdrawn_on = self.cleaned_data["withdrawn_on"]
        if withdrawn_on > timezone.localdate():
            raise forms.ValidationError(_("De intrekking kan niet in de toekomst liggen."))
        if self.first_consent_on and withdrawn_on < self.first_consent_on:
            raise forms.ValidationError(
                _("De intrekking kan niet vóór de eerste toestemming liggen (%(date)s).")
                % {"date": self.first_consent_on.strftime("%d/%m/%Y")}
            )
        return withdrawn_on
