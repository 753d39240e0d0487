import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.fields import date_widget


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("Aanmeldingen van"),
        widget=date_widget(),
        error_messages={"invalid": _("Vul een geldige datum in, zoals 01/01/2026.")},
    )
    end = forms.DateField(
        label=_("tot en met"),
        widget=date_widget(),
        error_messages={"invalid": _("Vul een geldige datum in, zoals 31/12/2026.")},
    )

    @staticmethod
    def this_year() -> dict[str, dt.date]:
        today = timezone.localdate()
        return {"start": dt.date(today.year, 1, 1), "end": dt.date(today.year, 12, 31)}

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("De einddatum ligt voor de begindatum."))
            elif (end - start).days > 3 * 366:
                self.add_error("end", _("Kies een periode van hoogstens drie jaar."))
            elif start.year < 2000:
                self.add_error("start", _("Kies een begindatum vanaf 2000."))
        return data
