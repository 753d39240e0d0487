"""The participants tab: one person's details, and everyone's invitation at once."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from eigenkracht.core.fields import date_widget, free_text
from eigenkracht.core.phone import INVALID as PHONE_INVALID
from eigenkracht.trajectories.models import Language, Participant

EARLIEST_BIRTH_YEAR = 1900
# Generous for what a coordinator writes, small enough for a printed page.
MAX_NEEDS = 2000


class ParticipantForm(forms.ModelForm):
    needs = free_text(
        _("Noden"),
        limit=MAX_NEEDS,
        rows=3,
        help_text=_(
            "Wat heeft deze persoon nodig om erbij te zijn? Vervoer, opvang, toegankelijkheid..."
        ),
    )
    birth_year = forms.IntegerField(
        label=_("Of alleen het geboortejaar (niet verplicht)"),
        required=False,
        widget=forms.NumberInput(attrs={"min": EARLIEST_BIRTH_YEAR, "inputmode": "numeric"}),
        error_messages={"invalid": _("Vul een jaartal in, zoals 1975.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Talen"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies de talen uit de lijst.")},
    )
    phone = PhoneNumberField(
        label=_("Telefoon"),
        max_length=40,
        required=False,
        region="BE",
        error_messages={"invalid": PHONE_INVALID},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )

    class Meta:
        model = Participant
        fields = [
            "name",
            "role",
            "relation",
            "birth_date",
            "birth_year",
            "address",
            "phone",
            "email",
            "languages",
            "interpreter_needed",
            "needs",
            "suggested_by",
            "invitation",
        ]
        labels = {
            "name": _("Naam"),
            "role": _("Rol"),
            "relation": _("Relatie of functie"),
            "birth_date": _("Geboortedatum (niet verplicht)"),
            "address": _("Adres"),
            "email": _("E-mailadres"),
            "interpreter_needed": _("Heeft een tolk nodig"),
            "suggested_by": _("Voorgesteld door"),
            "invitation": _("Uitnodiging"),
        }
        help_texts = {
            "suggested_by": _(
                "Wie bracht deze persoon aan? Bijvoorbeeld: de moeder, de leerkracht."
            ),
        }
        error_messages = {
            "name": {"required": _("Vul de naam in.")},
            "role": {
                "required": _("Kies de rol van deze persoon."),
                "invalid_choice": _("Kies een rol uit de lijst."),
            },
            "birth_date": {"invalid": _("Vul een geldige datum in.")},
            "email": {"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.be.")},
            "invitation": {"invalid_choice": _("Kies een stand van de uitnodiging uit de lijst.")},
        }
        widgets = {
            "birth_date": date_widget(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Kies een rol")), *Participant.Role.choices]

    def clean_phone(self) -> str:
        """Checked as a phone number, kept as the coordinator wrote it (0470 12 34 56)."""
        number = self.cleaned_data.get("phone")
        return " ".join(self.data.get(self.add_prefix("phone"), "").split()) if number else ""

    def clean_birth_date(self) -> dt.date | None:
        value = self.cleaned_data.get("birth_date")
        if value is None:
            return None
        if value > timezone.localdate():
            raise ValidationError(_("Een geboortedatum kan niet in de toekomst liggen."))
        if value.year < EARLIEST_BIRTH_YEAR:
            raise ValidationError(
                _("Een geboortedatum voor %(year)s klopt niet.") % {"year": EARLIEST_BIRTH_YEAR}
            )
        return value

    def clean_birth_year(self) -> int | None:
        value = self.cleaned_data.get("birth_year")
        if value is None:
            return None
        if value > timezone.localdate().year:
            raise ValidationError(_("Een geboortejaar kan niet in de toekomst liggen."))
        if value < EARLIEST_BIRTH_YEAR:
            raise ValidationError(
                _("Een geboortejaar voor %(year)s klopt niet.") % {"year": EARLIEST_BIRTH_YEAR}
            )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        birth_date, birth_year = cleaned.get("birth_date"), cleaned.get("birth_year")
        if birth_date and birth_year and birth_date.year != birth_year:
            self.add_error(
                "birth_year",
                _("Het geboortejaar past niet bij de geboortedatum; vul er één van in."),
            )
        elif birth_date:
            cleaned["birth_year"] = birth_date.year
        return cleaned

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class InvitationsForm(forms.Form):
    """One select per participant to change many invitation statuses at once."""

    def __init__(self, *args: Any, participants: list[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participants = participants
        for participant in participants:
            self.fields[self.field_name(participant)] = forms.ChoiceField(
                label=_("Uitnodiging van %(name)s") % {"name": participant.name},
                choices=Participant.Invitation.choices,
                initial=participant.invitation,
                error_messages={
                    "required": _("Kies een stand voor %(name)s.") % {"name": participant.name},
                    "invalid_choice": _("Kies een stand uit de lijst voor %(name)s.")
                    % {"name": participant.name},
                },
            )

    @staticmethod
    def field_name(participant: Participant) -> str:
        return f"invitation_{participant.pk}"

    def rows(self) -> Iterator[tuple[Participant, forms.BoundField]]:
        for participant in self.participants:
            yield participant, self[self.field_name(participant)]

    def changes(self) -> list[tuple[Participant, str]]:
        """The participants whose status changed, with the new status."""
        return [
            (participant, self.cleaned_data[self.field_name(participant)])
            for participant in self.participants
            if self.cleaned_data[self.field_name(participant)] != participant.invitation
        ]
