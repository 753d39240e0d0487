"""The conference tab: planning a conference, and who was there for each part."""

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.fields import date_widget, free_text, time_widget
from eigenkracht.core.formatting import day
from eigenkracht.trajectories.models import (
    Conference,
    ConferenceAttendance,
    Language,
    Participant,
    Trajectory,
)
from eigenkracht.trajectories.services import Presence
from eigenkracht.trajectories.work.forms.common import MAX_YEARS_AHEAD, years_ahead

MAX_PRIVATE_TIME_MINUTES = 24 * 60
# Generous for what a coordinator writes, small enough for a printed page.
MAX_CHILDREN_ARRANGEMENTS = 2000
MAX_REMARKS = 4000


class ConferenceForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Talen van de conferentie"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies minstens één taal."),
            "invalid_choice": _("Kies de talen uit de lijst."),
        },
    )
    children_arrangements = free_text(
        _("Afspraken voor de kinderen (niet verplicht)"),
        limit=MAX_CHILDREN_ARRANGEMENTS,
        rows=3,
        help_text=_("Opvang, een vertrouwenspersoon, wanneer de kinderen erbij zijn."),
    )
    remarks = free_text(_("Opmerkingen (niet verplicht)"), limit=MAX_REMARKS, rows=3)

    class Meta:
        model = Conference
        fields = [
            "date",
            "start_time",
            "place",
            "address",
            "languages",
            "interpreter",
            "children_arrangements",
            "remarks",
        ]
        labels = {
            "date": _("Datum"),
            "start_time": _("Beginuur"),
            "place": _("Plaats"),
            "address": _("Adres"),
            "interpreter": _("Tolk (niet verplicht)"),
        }
        help_texts = {
            "place": _("Bijvoorbeeld: buurthuis De Vonk, de parochiezaal. Vaak een neutrale plek."),
            "address": _("Straat, nummer, postcode en gemeente."),
            "interpreter": _("Naam van de tolk en de taal, als er een tolk nodig is."),
        }
        error_messages = {
            "date": {"required": _("Vul de datum in."), "invalid": _("Vul een geldige datum in.")},
            "start_time": {
                "required": _("Vul het beginuur in."),
                "invalid": _("Vul een geldig uur in, zoals 18:30."),
            },
            "place": {"required": _("Vul de plaats in.")},
            "address": {"required": _("Vul het adres in.")},
        }
        widgets = {
            "date": date_widget(),
            "start_time": time_widget(),
        }

    def __init__(
        self,
        *args: Any,
        trajectory: Trajectory,
        not_before: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory
        self.not_before = not_before

    def clean_date(self) -> dt.date | None:
        value = self.cleaned_data.get("date")
        if value is None:
            return None
        referred_on = timezone.localdate(self.trajectory.referred_at)
        if value < referred_on:
            raise ValidationError(
                _("De conferentie kan niet voor de aanmelding vallen (%(date)s).")
                % {"date": day(referred_on)}
            )
        if self.not_before and value < self.not_before:
            raise ValidationError(
                _("Een vervolgconferentie kan niet voor de conferentie vallen (%(date)s).")
                % {"date": day(self.not_before)}
            )
        if value > years_ahead(timezone.localdate()):
            raise ValidationError(
                _("Die datum ligt meer dan %(years)s jaar ver. Kijk het jaartal na.")
                % {"years": MAX_YEARS_AHEAD}
            )
        return value

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class AttendanceForm(forms.Form):
    """Per participant three checkboxes; plus the length of the private family time."""

    PARTS = ("information_round", "family_time", "plan_presentation")
    PART_LABELS = {
        "information_round": _("Informatieronde"),
        "family_time": _("Besloten gedeelte (familietijd)"),
        "plan_presentation": _("Voorstelling van het plan"),
    }

    private_time_minutes = forms.IntegerField(
        label=_("Duur van het besloten gedeelte, in minuten"),
        required=False,
        min_value=0,
        max_value=MAX_PRIVATE_TIME_MINUTES,
        help_text=_("Bijvoorbeeld 150 voor twee en een half uur. Leeg als je het niet weet."),
        widget=forms.NumberInput(
            attrs={"min": 0, "max": MAX_PRIVATE_TIME_MINUTES, "inputmode": "numeric"}
        ),
        error_messages={
            "invalid": _("Vul een aantal minuten in, zoals 150."),
            "min_value": _("De duur kan niet negatief zijn."),
            "max_value": _(
                "Het besloten gedeelte duurt hoogstens een etmaal (1440 minuten). "
                "Kijk het aantal minuten na."
            ),
        },
    )

    def __init__(
        self,
        *args: Any,
        participants: list[Participant],
        attendance: Iterable[ConferenceAttendance] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.participants = participants
        recorded = {a.participant_id: a for a in attendance}
        for participant in participants:
            for part in self.PARTS:
                self.fields[self.field_name(participant, part)] = forms.BooleanField(
                    label=self.PART_LABELS[part],
                    required=False,
                    initial=bool(
                        participant.pk in recorded and getattr(recorded[participant.pk], part)
                    ),
                )

    @staticmethod
    def field_name(participant: Participant, part: str) -> str:
        return f"p{participant.pk}_{part}"

    def rows(self) -> Iterator[tuple[Participant, list[forms.BoundField]]]:
        for participant in self.participants:
            yield participant, [self[self.field_name(participant, part)] for part in self.PARTS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        minutes = cleaned.get("private_time_minutes")
        if minutes and not any(
            cleaned.get(self.field_name(p, "family_time")) for p in self.participants
        ):
            self.add_error(
                "private_time_minutes",
                _("Er is een duur ingevuld, maar niemand is aangevinkt bij het besloten gedeelte."),
            )
        return cleaned

    def presence(self) -> dict[int, Presence]:
        return {
            participant.pk: Presence(
                **{
                    part: self.cleaned_data[self.field_name(participant, part)]
                    for part in self.PARTS
                }
            )
            for participant in self.participants
        }
