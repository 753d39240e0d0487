import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.payments.bookkeeping.builders import Period
from eigenkracht.trainings.exports.builders import CSV, XLSX

ZIP = "zip"


def previous_quarter(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last whole quarter before `today`: what the accountant usually asks for."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    end = dt.date(today.year, first_month, 1) - dt.timedelta(days=1)
    return dt.date(end.year, end.month - 2, 1), end


MAX_DAYS = 2 * 366


class BookkeepingForm(forms.Form):
    date_from = forms.DateField(
        label=_("Van"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de begindatum in."),
            "invalid": _("Geef een datum, bijvoorbeeld 01/01/2026."),
        },
    )
    date_to = forms.DateField(
        label=_("Tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de einddatum in."),
            "invalid": _("Geef een datum, bijvoorbeeld 31/03/2026."),
        },
    )
    file_format = forms.ChoiceField(
        label=_("Formaat"),
        choices=[
            (XLSX, _("Excel (XLSX)")),
            (CSV, _("CSV")),
            (ZIP, _("Alles in een zip: XLSX, CSV, facturen als UBL en de SEPA-bestanden")),
        ],
        initial=XLSX,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        start, end = previous_quarter(timezone.localdate())
        self.fields["date_from"].initial = start
        self.fields["date_to"].initial = end

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if start > end:
                self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
            elif end - start > dt.timedelta(days=MAX_DAYS):
                self.add_error("date_to", _("Een periode mag hoogstens twee jaar lang zijn."))
        return data

    def period(self) -> Period:
        return Period(self.cleaned_data["date_from"], self.cleaned_data["date_to"])
