"""Forms of the trajectory pages shared by all roles: stopping and closing a trajectory."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eigenkracht.trajectories.models import Trajectory


class StopForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom stopt het traject?"),
        choices=[("", "---------"), *Trajectory.StopReason.choices],
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


class ListFilterForm(forms.Form):
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
