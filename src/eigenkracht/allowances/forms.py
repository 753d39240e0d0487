"""The coordinator's declaration forms (made for a phone) and the office's forms."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eigenkracht.allowances.models import System
from eigenkracht.core.fields import EuroField, date_widget
from eigenkracht.core.forms import payee_iban_clean
from eigenkracht.core.once import once_field
from eigenkracht.trajectories.models import Coordinator, Trajectory

RECEIPT_MAX_BYTES = 5 * 1024 * 1024
# Recognised by their first bytes, never by the name or the browser's word for it.
RECEIPT_TYPES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def receipt_type(head: bytes) -> str:
    return next((kind for magic, kind in RECEIPT_TYPES if head.startswith(magic)), "")


class _Declaration(forms.Form):
    trajectory = forms.ModelChoiceField(
        label=_("Traject"), queryset=Trajectory.objects.none(), empty_label=None
    )
    on = forms.DateField(label=_("Datum"), widget=date_widget())
    # A second send (a tap again on a slow network, the back button) declares nothing twice.
    once = once_field()

    def __init__(self, *args: Any, coordinator: Coordinator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["trajectory"]
        # Theirs now, and those they worked on before another coordinator took them over.
        field.queryset = (
            Trajectory.objects.filter(
                Q(coordinator=coordinator) | Q(past_assignments__coordinator=coordinator)
            )
            .distinct()
            .order_by("-referred_at")
        )
        field.label_from_instance = lambda t: t.reference
        if not self.is_bound:
            self.initial.setdefault("on", timezone.localdate())

    def clean_on(self) -> dt.date:
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise ValidationError(_("Een datum in de toekomst kan je nog niet aangeven."))
        return on


class DayForm(_Declaration):
    pass


class KmForm(_Declaration):
    km = forms.IntegerField(
        label=_("Kilometer"),
        min_value=1,
        max_value=2000,
        # The quarter's rate is the car's; a bicycle has a lower legal maximum, which the
        # platform does not keep.
        help_text=_(
            "Met de auto of de motor: de vergoeding per kilometer is die van het kwartaal."
        ),
    )
    route_from = forms.CharField(label=_("Van"), max_length=120)
    route_to = forms.CharField(label=_("Naar"), max_length=120)


class CostForm(_Declaration):
    amount = EuroField(label=_("Bedrag"), allow_zero=False)
    description = forms.CharField(label=_("Waarvoor"), max_length=200)
    receipt = forms.FileField(
        label=_("Bewijsstuk (foto of PDF)"),
        help_text=_("JPEG, PNG of PDF, hoogstens 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )

    def clean_receipt(self) -> UploadedFile:
        upload = self.cleaned_data["receipt"]
        if upload.size > RECEIPT_MAX_BYTES:
            raise ValidationError(_("Het bewijsstuk mag hoogstens 5 MB groot zijn."))
        upload.seek(0)
        content = upload.read(RECEIPT_MAX_BYTES + 1)
        upload.seek(0)
        kind = receipt_type(content[:8])
        if not kind:
            raise ValidationError(_("Kies een foto (JPEG of PNG) of een PDF."))
        upload.receipt_content = content
        upload.receipt_type = kind
        return upload


class AccountForm(forms.Form):
    holder = forms.CharField(label=_("Naam rekeninghouder"), max_length=70)
    iban = forms.CharField(
        label=_("IBAN"), max_length=42, help_text=_("Bijvoorbeeld BE68 5390 0754 7034.")
    )

    def clean_iban(self) -> str:
        return payee_iban_clean(self.cleaned_data["iban"])


class ElsewhereForm(forms.Form):
    amount = EuroField(label=_("Ontvangen bij andere organisaties"), required=False)
    days = forms.IntegerField(label=_("Aantal dagen"), min_value=0, max_value=366, required=False)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=500)


class PayoutForm(forms.Form):
    execution_date = forms.DateField(label=_("Uitvoeringsdatum"), widget=date_widget())

    def clean_execution_date(self) -> dt.date:
        day = self.cleaned_data["execution_date"]
        if day < timezone.localdate():
            raise ValidationError(_("Kies vandaag of een latere dag."))
        if day > timezone.localdate() + dt.timedelta(days=60):
            raise ValidationError(
                _("Kies een dag binnen de twee maanden: de bank voert verder niets uit.")
            )
        return day


class SystemForm(forms.Form):
    coordinator = forms.ModelChoiceField(
        label=_("Coördinator"), queryset=Coordinator.objects.select_related("user")
    )
    system = forms.ChoiceField(label=_("Systeem"), choices=System.choices)


class CapsForm(forms.Form):
    day_cap = EuroField(label=_("Maximum per dag"), allow_zero=False)
    year_cap = EuroField(label=_("Maximum per jaar"), allow_zero=False)
    day_amount = EuroField(label=_("Onze vergoeding per dag"), allow_zero=False)
    source = forms.CharField(label=_("Bron"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        amount, cap = cleaned.get("day_amount"), cleaned.get("day_cap")
        if amount and cap and amount > cap:
            self.add_error(
                "day_amount", _("De vergoeding per dag mag het dagmaximum niet passeren.")
            )
        return cleaned


class RateField(forms.DecimalField):
    """Euro per km typed with a comma or a point (0,4265 or 0.4265)."""

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class KmRateForm(forms.Form):
    # The year page shows it next to the caps form: its own ids ("Bron" twice on one page).
    prefix = "km"

    quarter = forms.TypedChoiceField(
        label=_("Kwartaal"), coerce=int, choices=[(q, f"Q{q}") for q in range(1, 5)]
    )
    rate = RateField(
        label=_("Euro per km"),
        min_value=Decimal("0.0001"),
        max_value=Decimal(5),
        max_digits=6,
        decimal_places=4,
    )
    source = forms.CharField(label=_("Bron"), max_length=300, required=False)
