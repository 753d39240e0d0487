import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.fields import date_widget
from eigenkracht.core.models import Sector
from eigenkracht.reports.figures import UNKNOWN, Cut
from eigenkracht.trajectories.models import Domain
from eigenkracht.trajectories.regions import PROVINCES

UNKNOWN_SECTOR = "onbekend"


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
            elif end.year > 2100:  # as the annual report; the last day +1 must still be a date
                self.add_error("end", _("Kies een einddatum tot en met 2100."))
        return data


class FiguresForm(PeriodForm):
    """The period and the cuts: a GET form, so that a chosen view can be bookmarked."""

    INVALID = _("Kies een waarde uit de lijst.")

    provincie = forms.ChoiceField(
        label=_("Provincie"),
        required=False,
        error_messages={"invalid_choice": INVALID},
    )
    postcode = forms.RegexField(
        label=_("Postcode (gemeente)"),
        regex=r"^[0-9]{4}$",
        max_length=4,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
        error_messages={"invalid": _("Vul een Belgische postcode in: 4 cijfers, zoals 9000.")},
    )
    sector = forms.ChoiceField(
        label=_("Sector van de aanmelder"),
        required=False,
        error_messages={"invalid_choice": INVALID},
    )
    minderjarigen = forms.ChoiceField(
        label=_("Minderjarigen betrokken"),
        required=False,
        choices=[("", _("Alle")), ("ja", _("Ja")), ("nee", _("Nee of niet bekend"))],
        error_messages={"invalid_choice": INVALID},
    )
    domein = forms.ChoiceField(
        label=_("Levensdomein"),
        required=False,
        choices=[("", _("Alle")), *Domain.choices],
        error_messages={"invalid_choice": INVALID},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provincie"].choices = [
            ("", _("Alle")),
            *sorted(PROVINCES.items(), key=lambda item: item[1]),
        ]
        self.fields["sector"].choices = [
            ("", _("Alle")),
            *((str(pk), name) for pk, name in Sector.objects.values_list("pk", "name")),
            (UNKNOWN_SECTOR, _("Onbekend")),
        ]

    def cut(self) -> Cut:
        data = self.cleaned_data
        sector = data.get("sector") or None
        minors = data.get("minderjarigen")
        return Cut(
            province=data.get("provincie") or None,
            postcode=data.get("postcode") or None,
            sector=UNKNOWN if sector == UNKNOWN_SECTOR else (int(sector) if sector else None),
            minors={"ja": True, "nee": False}.get(minors or ""),
            domain=data.get("domein") or None,
        )


class SectorForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=80,
        error_messages={"required": _("Vul de naam van de sector in.")},
    )
    position = forms.IntegerField(
        label=_("Volgorde"),
        min_value=0,
        max_value=32000,
        initial=100,
        help_text=_("Kleinere getallen staan hoger in de lijst."),
        error_messages={"invalid": _("Vul een getal in."), "min_value": _("Vul een getal in.")},
    )
    active = forms.BooleanField(
        label=_("Aangeboden op het aanmeldformulier en het inschrijvingsformulier"),
        required=False,
        initial=True,
    )
