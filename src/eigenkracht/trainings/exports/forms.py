import datetime as dt

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from eigenkracht.trainings.exports import builders
from eigenkracht.trainings.models import Training

MAX_PERIOD_YEARS = 5


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class TrainingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Training) -> str:
        when = obj.starts_on.strftime("%d/%m/%Y") if obj.starts_on else _("zonder datum")
        return f"{obj.title} ({when})"


class ExportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat"),
        choices=[(builders.PARTICIPANTS, _("Deelnemers")), (builders.PAYMENTS, _("Betalingen"))],
        initial=builders.PARTICIPANTS,
    )
    training = TrainingChoiceField(
        label=_("Vorming"),
        queryset=Training.objects.order_by(F("starts_on").desc(nulls_last=True), "-id"),
        required=False,
        empty_label=_("— Alle vormingen in de periode —"),
    )
    date_from = forms.DateField(
        label=_("Van"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Deelnemers: de begindatum van de vorming. Betalingen: de betaaldatum."),
    )
    date_to = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    file_format = forms.ChoiceField(
        label=_("Formaat"),
        choices=[(builders.XLSX, _("Excel (XLSX)")), (builders.CSV, _("CSV"))],
        initial=builders.XLSX,
    )

    def clean(self) -> dict:
        data = super().clean()
        training = data.get("training")
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if self.errors:
            return data
        if training is not None:
            if date_from or date_to:
                raise forms.ValidationError(
                    _("Kies een vorming of een periode, niet allebei."), code="both"
                )
            return data
        if not date_from and not date_to:
            raise forms.ValidationError(
                _("Kies een vorming of een periode (van en tot en met)."), code="no_scope"
            )
        if not date_from or not date_to:
            raise forms.ValidationError(
                _("Vul voor een periode zowel de begin- als de einddatum in."), code="half_period"
            )
        if date_from > date_to:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        elif date_to > _years_later(date_from, MAX_PERIOD_YEARS):
            self.add_error(
                "date_to",
                _("Een periode mag hoogstens %(years)d jaar lang zijn.")
                % {"years": MAX_PERIOD_YEARS},
            )
        return data

    def scope(self) -> builders.Scope:
        return builders.Scope(
            training=self.cleaned_data["training"],
            date_from=self.cleaned_data["date_from"],
            date_to=self.cleaned_data["date_to"],
        )
