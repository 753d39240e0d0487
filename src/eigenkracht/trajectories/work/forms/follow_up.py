"""The follow-up tab: a follow-up meeting with the progress of each agreement, and notes."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.fields import TOO_LONG, date_widget
from eigenkracht.core.formatting import day
from eigenkracht.core.once import once_field
from eigenkracht.trajectories.models import Agreement

PROGRESS_CHOICES = [
    ("", _("Niet besproken")),
    (Agreement.Progress.DONE, Agreement.Progress.DONE.label),
    (Agreement.Progress.ONGOING, Agreement.Progress.ONGOING.label),
    (Agreement.Progress.NOT_DONE, Agreement.Progress.NOT_DONE.label),
]


class FollowUpForm(forms.Form):
    once = once_field()
    held_on = forms.DateField(
        label=_("Datum van de opvolging"),
        widget=date_widget(),
        error_messages={
            "required": _("Vul de datum van de opvolging in."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    note = forms.CharField(
        label=_("Verslag"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hoe loopt het plan? Wat is er veranderd? Wat is er nog nodig?"),
        error_messages={
            "required": _("Schrijf een kort verslag van de opvolging."),
            "max_length": TOO_LONG,
        },
    )

    SATISFACTION_LABELS = {
        "satisfaction_main_person": _("Hoofdperso(o)n(en)"),
        "satisfaction_family": _("Familie"),
        "satisfaction_network": _("Vrienden, buren en ander netwerk"),
        "satisfaction_professionals": _("Professionals"),
    }

    def __init__(
        self,
        *args: Any,
        agreements: list[Agreement],
        not_before: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.agreements = agreements
        self.not_before = not_before
        for name, label in self.SATISFACTION_LABELS.items():
            self.fields[name] = forms.IntegerField(
                label=label,
                required=False,
                min_value=1,
                max_value=10,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 10}),
                error_messages={
                    "invalid": _("Vul een score van 1 tot 10 in."),
                    "min_value": _("Vul een score van 1 tot 10 in."),
                    "max_value": _("Vul een score van 1 tot 10 in."),
                },
            )
        for number, agreement in enumerate(agreements, start=1):
            self.fields[self.field_name(agreement)] = forms.ChoiceField(
                label=_("Stand van afspraak %(number)s") % {"number": number},
                choices=PROGRESS_CHOICES,
                required=False,
                initial="" if agreement.progress == Agreement.Progress.OPEN else agreement.progress,
                error_messages={"invalid_choice": _("Kies een stand uit de lijst.")},
            )

    @staticmethod
    def field_name(agreement: Agreement) -> str:
        return f"agreement_{agreement.pk}"

    def satisfaction_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.SATISFACTION_LABELS]

    def satisfaction(self) -> dict[str, int | None]:
        return {name: self.cleaned_data.get(name) for name in self.SATISFACTION_LABELS}

    def rows(self) -> Iterator[tuple[Agreement, forms.BoundField]]:
        for agreement in self.agreements:
            yield agreement, self[self.field_name(agreement)]

    def clean_held_on(self) -> dt.date:
        value = self.cleaned_data["held_on"]
        if value > timezone.localdate():
            raise ValidationError(_("Een opvolging in de toekomst kan nog niet genoteerd worden."))
        if self.not_before and value < self.not_before:
            raise ValidationError(
                _("De opvolging kan niet voor de aanvaarding van het plan vallen (%(date)s).")
                % {"date": day(self.not_before)}
            )
        return value

    def progress(self) -> dict[int, str]:
        return {
            agreement.pk: self.cleaned_data[self.field_name(agreement)]
            for agreement in self.agreements
            if self.cleaned_data[self.field_name(agreement)]
        }


class NoteForm(forms.Form):
    once = once_field()
    text = forms.CharField(
        label=_("Notitie"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Alleen voor de coördinator en het kantoor; de aanmelder ziet notities nooit."),
        error_messages={
            "required": _("Schrijf eerst een notitie."),
            "max_length": TOO_LONG,
        },
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Schrijf eerst een notitie."))
        return text
