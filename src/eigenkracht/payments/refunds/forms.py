"""Forms about refunds. They validate input; services change state."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.banking.sepa import SCHEMAS
from eigenkracht.core.fields import ModelMultipleChoiceField
from eigenkracht.core.forms import payee_iban_clean
from eigenkracht.payments.refunds.services import refunds_ready


class SepaFileForm(forms.Form):
    refunds = ModelMultipleChoiceField(
        queryset=refunds_ready(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Terugbetalingen"),
        error_messages={
            "required": _("Kies minstens één terugbetaling."),
            "invalid_choice": _("Een gekozen terugbetaling is intussen behandeld. Kies opnieuw."),
            "invalid_pk_value": _("Kies de terugbetalingen in de lijst."),
        },
    )
    execution_date = forms.DateField(
        label=_("Uitvoeren op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Kies de dag waarop de bank de overschrijvingen uitvoert."),
            "invalid": _("Geef een datum, bijvoorbeeld 15/12/2026."),
        },
    )
    schema = forms.ChoiceField(
        label=_("Versie van het bestand"),
        choices=[
            (SCHEMAS[0], _("pain.001.001.09 (de meeste banken)")),
            (SCHEMAS[1], _("pain.001.001.03 (oudere versie)")),
        ],
        initial=SCHEMAS[0],
        error_messages={"invalid_choice": _("Kies een van de twee versies.")},
        help_text=_("Kies de oudere versie enkel als je bank het nieuwe bestand weigert."),
    )

    def clean_execution_date(self) -> dt.date:
        date = self.cleaned_data["execution_date"]
        today = timezone.localdate()
        if date < today:
            raise ValidationError(_("Kies vandaag of een dag in de toekomst."))
        if date > today + dt.timedelta(days=60):
            raise ValidationError(_("Kies een dag binnen de komende twee maanden."))
        return date


class RefundAccountForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de rekeninghouder"),
        max_length=70,
        error_messages={"required": _("Vul de naam in die bij de rekening hoort.")},
    )
    iban = forms.CharField(
        label=_("Rekeningnummer (IBAN)"),
        max_length=42,
        help_text=_("Bijvoorbeeld BE68 5390 0754 7034."),
        error_messages={"required": _("Vul het rekeningnummer in.")},
    )

    def clean_iban(self) -> str:
        return payee_iban_clean(self.cleaned_data["iban"])


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Waarom niet terugbetalen?"),
        max_length=200,
        help_text=_("Bijvoorbeeld: de deelnemer ziet af van de terugbetaling."),
        error_messages={"required": _("Schrijf kort waarom.")},
    )
