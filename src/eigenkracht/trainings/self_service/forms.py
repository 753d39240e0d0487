from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from eigenkracht.core.phone import INVALID as PHONE_INVALID
from eigenkracht.trainings.forms import (
    MAIL_LANGUAGE_HELP,
    LowercaseEmailField,
    NameField,
    offer_languages,
)
from eigenkracht.trainings.models import Registration


class ContactForm(forms.ModelForm):
    """Only what the registrant may change: not the e-mail address, not the participants."""

    phone = PhoneNumberField(
        max_length=40,
        label=_("Telefoon (niet verplicht)"),
        required=False,
        region="BE",
        help_text=_("Een Belgisch nummer (0470 12 34 56) of een internationaal nummer (+31 ...)."),
        error_messages={"invalid": PHONE_INVALID},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )

    remarks = forms.CharField(
        label=_("Opmerkingen (niet verplicht)"),
        help_text=_("Bijvoorbeeld een dieetwens of wat je nodig hebt om vlot te kunnen deelnemen."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    language = forms.ChoiceField(
        label=_("Taal van de e-mails"),
        help_text=MAIL_LANGUAGE_HELP,
        error_messages={"invalid_choice": _("Kies een taal uit de lijst.")},
    )

    class Meta:
        model = Registration
        fields = ["phone", "organisation", "job", "remarks", "language"]
        labels = {
            "organisation": _("Organisatie (niet verplicht)"),
            "job": _("Functie (niet verplicht)"),
        }
        widgets = {
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "job": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }
        error_messages = {
            "organisation": {"max_length": _("Gebruik hoogstens 120 tekens.")},
            "job": {"max_length": _("Gebruik hoogstens 120 tekens.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_languages(self)

    def contact_data(self) -> dict[str, str]:
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}
        data["phone"] = str(data["phone"] or "")
        return data


class TransferForm(forms.Form):
    """Whose seat goes to which colleague (a registrant's page and the office's alike)."""

    participant = forms.TypedChoiceField(
        label=_("Wiens plaats geef je door?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de deelnemer die niet kan komen."),
            "invalid_choice": _("Kies een deelnemer uit de lijst."),
        },
    )
    first_name = NameField(
        label=_("Voornaam van je collega"),
        error_messages={"required": _("Vul de voornaam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    last_name = NameField(
        label=_("Familienaam van je collega"),
        error_messages={"required": _("Vul de familienaam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = LowercaseEmailField(
        label=_("E-mailadres van je collega"),
        help_text=_("Je collega krijgt hier de gegevens van de vorming."),
        max_length=254,
        error_messages={
            "required": _("Vul het e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.be."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(p.pk, f"{p.full_name} ({p.email})") for p in participants if p.is_active]
        self.fields["participant"].choices = choices
        if len(choices) == 1:
            self.fields["participant"].initial = choices[0][0]


class OfficeTransferForm(TransferForm):
    """The same for the office, which speaks of the new participant, not of "your colleague"."""

    def __init__(self, *args: Any, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, participants=participants, **kwargs)
        self.fields["participant"].label = _("Welke deelnemer geeft de plaats door?")
        self.fields["first_name"].label = _("Voornaam van de nieuwe deelnemer")
        self.fields["last_name"].label = _("Familienaam van de nieuwe deelnemer")
        self.fields["email"].label = _("E-mailadres van de nieuwe deelnemer")
        self.fields["email"].help_text = _(
            "De nieuwe deelnemer krijgt hier de gegevens van de vorming."
        )


class MoveForm(forms.Form):
    """Which other date of the same training (the choices: `seat_changes.move_targets`)."""

    training = forms.TypedChoiceField(
        label=_("Naar welke datum?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een datum."),
            "invalid_choice": _("Deze datum is niet (meer) beschikbaar. Kies een andere."),
        },
    )

    def __init__(self, *args: Any, targets: Any, labels: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["training"].choices = [(t.pk, labels[t.pk]) for t in targets]
